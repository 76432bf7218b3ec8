package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/event"
	"roster/internal/participation"
	"roster/web/webtest"
)

// lastLink is the path of the last /l/ link emailed to an address.
func lastLink(t *testing.T, app *webtest.App, to string) string {
	t.Helper()
	var body string
	if err := app.DB.Gorm.Raw(`SELECT text_body FROM emails WHERE to_address = ? ORDER BY id DESC LIMIT 1`, to).Scan(&body).Error; err != nil {
		t.Fatal(err)
	}
	for _, l := range textLink.FindAllString(body, -1) {
		if strings.HasPrefix(l, app.Server.URL+"/l/") {
			return strings.TrimPrefix(l, app.Server.URL)
		}
	}
	t.Fatalf("no link in the email to %s:\n%s", to, body)
	return ""
}

func eventPath(e event.Event, rest string) string {
	return "/a/events/" + strconv.FormatInt(e.ID, 10) + rest
}

// A person of a password event: the invitation link (GET spends nothing)
// leads to choosing a password (checked), then the lobby; after signing out
// they sign in with email and password. Every failure gets one answer; the
// form needs its CSRF token; the lobby needs the password first.
func TestAttendeePasswordEvent(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		org, _ := app.LoginAs(t, auth.RoleOrganizer)
		owner := ptOwner(t, app)
		e := ptEvent(t, app, owner, "Gala", event.LoginPassword)
		magic := ptEvent(t, app, owner, "Open Day", event.LoginMagicLink)
		ids := ptSeed(t, app, app.PartnerID, e, ptPerson{email: "jane@example.com", first: "Jane", last: "Doe"})
		ptSeed(t, app, app.PartnerID, magic, ptPerson{email: "elsewhere@example.com", first: "Else", last: "Where"})
		wantStatus(t, ptHX(org, http.MethodPost, ptRowPath(e, ids[0], "/resend"), url.Values{}, ptPath(e, "/users")), http.StatusOK)
		link := lastLink(t, app, "jane@example.com")

		guest := app.Anonymous(t)
		for range 2 { // a scanner, then the person
			r := guest.Get(link)
			wantStatus(t, r, http.StatusOK)
			ptWantBody(t, r, "Continue as jane@…", "Gala")
		}
		wantStatus(t, guest.PostNoCSRF(link, url.Values{}, nil), http.StatusForbidden)
		r := guest.PostForm(link, nil)
		wantStatus(t, r, http.StatusSeeOther)
		setPw := eventPath(e, "/password")
		if r.Header.Get("Location") != setPw {
			t.Fatalf("the invitation leads to %q", r.Header.Get("Location"))
		}
		if st := ptStatus(t, app, owner, e, ids[0]); st.Status != participation.StatusInvited {
			t.Fatalf("before the password: %s", st.Status)
		}
		if r := guest.Get(eventPath(e, "")); r.Status != http.StatusSeeOther || r.Header.Get("Location") != setPw {
			t.Fatal("the lobby waits for the password")
		}
		page := guest.Get(setPw)
		wantStatus(t, page, http.StatusOK)
		if ptTestID(page.Doc(), "set-password-form").Length() != 1 || !strings.Contains(page.Body, `value="jane@example.com"`) {
			t.Fatal("the password form, with the address for password managers")
		}

		for _, c := range []struct{ pw, confirm, field, want string }{
			{"short", "short", "set-password-error", "at least 12"},
			{"a long enough one", "a long enough two", "set-password-confirm-error", "not the same"},
			{"my jane password 2026", "my jane password 2026", "set-password-error", "email address"},
			{"abababababababab", "abababababababab", "set-password-error", "easy to guess"},
		} {
			r := guest.PostForm(setPw, url.Values{"password": {c.pw}, "confirm": {c.confirm}})
			wantStatus(t, r, http.StatusUnprocessableEntity)
			if got := ptTestID(r.Doc(), c.field).Text(); !strings.Contains(got, c.want) {
				t.Errorf("%q: %s says %q", c.pw, c.field, got)
			}
		}
		wantStatus(t, guest.PostNoCSRF(setPw, url.Values{"password": {"correct horse battery"}, "confirm": {"correct horse battery"}}, nil),
			http.StatusForbidden)
		const pw = "correct horse battery"
		r = guest.PostForm(setPw, url.Values{"password": {pw}, "confirm": {pw}})
		wantStatus(t, r, http.StatusSeeOther)
		if r.Header.Get("Location") != eventPath(e, "") {
			t.Fatalf("after the password: %q", r.Header.Get("Location"))
		}
		if st := ptStatus(t, app, owner, e, ids[0]); st.Status != participation.StatusAttended || st.Detail != participation.DetailPreEventVisit {
			t.Fatalf("entering records the visit: %s/%s", st.Status, st.Detail)
		}
		var hash string
		if err := db.Gorm.Raw(`SELECT password_hash FROM persons WHERE email = ?`, "jane@example.com").Scan(&hash).Error; err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(hash, "$argon2id$") || !auth.CheckPassword(hash, pw) {
			t.Fatalf("the staff side's hasher: %q", hash)
		}
		wantStatus(t, guest.PostForm(setPw, url.Values{"password": {"another good one"}, "confirm": {"another good one"}}), http.StatusConflict)
		if n := countRows(t, db, `SELECT count(*) FROM audit_log WHERE action = 'attendee.password_set'`); n != 1 {
			t.Fatalf("%d password_set audit entries", n)
		}

		// Sign out, then in with the password.
		r = guest.PostForm(eventPath(e, "/logout"), nil)
		wantStatus(t, r, http.StatusSeeOther)
		login := eventPath(e, "/login")
		if r.Header.Get("Location") != login+"?signed_out=1" {
			t.Fatalf("sign out leads to %q", r.Header.Get("Location"))
		}
		wantStatus(t, guest.Get(eventPath(e, "")), http.StatusUnauthorized)
		page = guest.Get(login)
		if ptTestID(page.Doc(), "password-login-form").Length() != 1 || ptTestID(page.Doc(), "login-request-form").Length() != 0 {
			t.Fatal("a password event signs in with a password")
		}
		if ptTestID(guest.Get(eventPath(magic, "/login")).Doc(), "login-request-form").Length() != 1 {
			t.Fatal("a magic-link event asks for a link")
		}
		// One answer for a wrong password, an unknown address and someone
		// of another event.
		answers := map[string]string{}
		for _, try := range [][2]string{{"jane@example.com", "wrong password!"}, {"nobody@example.com", pw}, {"elsewhere@example.com", pw}} {
			r := guest.PostForm(login, url.Values{"email": {try[0]}, "password": {try[1]}})
			wantStatus(t, r, http.StatusUnauthorized)
			answers[try[0]] = ptTestID(r.Doc(), "password-login-error").Text()
			if ptTestID(r.Doc(), "password-login-email").AttrOr("value", "") != try[0] {
				t.Error("the address stays in the form")
			}
		}
		if a := answers["jane@example.com"]; a == "" || a != answers["nobody@example.com"] || a != answers["elsewhere@example.com"] {
			t.Fatalf("the answers differ: %v", answers)
		}
		wantStatus(t, guest.PostForm(login, url.Values{"email": {"jane@example.com"}}), http.StatusUnprocessableEntity)
		wantStatus(t, guest.PostNoCSRF(login, url.Values{"email": {"jane@example.com"}, "password": {pw}}, nil), http.StatusForbidden)
		r = guest.PostForm(login, url.Values{"email": {"JANE@example.com"}, "password": {pw}})
		wantStatus(t, r, http.StatusSeeOther)
		if r.Header.Get("Location") != eventPath(e, "") {
			t.Fatalf("signed in to %q", r.Header.Get("Location"))
		}
		ptWantBody(t, guest.Get(eventPath(e, "")), "You are signed in as", "Jane Doe")
		// The link was spent by the POST: it is gone now.
		wantStatus(t, app.Anonymous(t).Get(link), http.StatusGone)
	})
}

// Password sign-ins are throttled: five failures lock the address for a
// quarter of an hour (even the right password is refused), twenty from one
// client lock the client, and the web layer bounds a client's attempts
// before any password is hashed.
func TestAttendeePasswordRateLimit(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		owner := ptOwner(t, app)
		e := ptEvent(t, app, owner, "Gala", event.LoginPassword)
		ids := ptSeed(t, app, app.PartnerID, e, ptPerson{email: "jane@example.com", first: "Jane", last: "Doe"})
		setPassword(t, app, e, ids[0], "jane@example.com", "correct horse battery")
		login := eventPath(e, "/login")
		guest := app.Anonymous(t)
		for range 5 {
			wantStatus(t, guest.PostForm(login, url.Values{"email": {"jane@example.com"}, "password": {"wrong guess 123"}}), http.StatusUnauthorized)
		}
		r := guest.PostForm(login, url.Values{"email": {"jane@example.com"}, "password": {"correct horse battery"}})
		wantStatus(t, r, http.StatusTooManyRequests)
		ptWantBody(t, r, "Too many attempts from your network or for this address")
		// Other addresses from the same client: twenty failures in all.
		for i := range 15 {
			wantStatus(t, guest.PostForm(login, url.Values{"email": {"x" + strconv.Itoa(i) + "@example.com"}, "password": {"nope nope nope"}}),
				http.StatusUnauthorized)
		}
		wantStatus(t, guest.PostForm(login, url.Values{"email": {"fresh@example.com"}, "password": {"nope nope nope"}}), http.StatusTooManyRequests)
		if n := countRows(t, db, `SELECT count(*) FROM login_attempts WHERE succeeded = ? AND email_lower LIKE 'person:%'`, false); n != 20 {
			t.Fatalf("%d failures recorded", n)
		}
		// The web limit counts every attempt, even those that never reach a hash.
		var last *webtest.Response
		for range 30 {
			last = guest.PostForm(login, url.Values{"email": {"jane@example.com"}})
		}
		wantStatus(t, last, http.StatusTooManyRequests)
	})
}

// setPassword walks a person through their invitation link to a password.
func setPassword(t *testing.T, app *webtest.App, e event.Event, id int64, email, pw string) {
	t.Helper()
	org, _ := app.LoginAs(t, auth.RoleOrganizer)
	wantStatus(t, ptHX(org, http.MethodPost, ptRowPath(e, id, "/resend"), url.Values{}, ptPath(e, "/users")), http.StatusOK)
	g := app.Anonymous(t)
	link := lastLink(t, app, email)
	wantStatus(t, g.PostForm(link, nil), http.StatusSeeOther)
	wantStatus(t, g.PostForm(eventPath(e, "/password"), url.Values{"password": {pw}, "confirm": {pw}}), http.StatusSeeOther)
}

// Blocked people are refused with a page of their own: at the password
// form (right password), in the lobby they were in, and at a link; the
// console's Block revokes their unused links.
func TestAttendeeBlockedRefused(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		owner := ptOwner(t, app)
		org, _ := app.LoginAs(t, auth.RoleOrganizer)
		e := ptEvent(t, app, owner, "Gala", event.LoginPassword)
		ids := ptSeed(t, app, app.PartnerID, e, ptPerson{email: "jane@example.com", first: "Jane", last: "Doe"})
		const pw = "correct horse battery"
		setPassword(t, app, e, ids[0], "jane@example.com", pw)
		inside, other := app.Anonymous(t), app.Anonymous(t)
		for _, c := range []*webtest.Client{inside, other} {
			wantStatus(t, c.PostForm(eventPath(e, "/login"), url.Values{"email": {"jane@example.com"}, "password": {pw}}), http.StatusSeeOther)
			wantStatus(t, c.Get(eventPath(e, "")), http.StatusOK)
		}

		wantStatus(t, ptHX(org, http.MethodPost, ptRowPath(e, ids[0], "/block"), url.Values{}, ptPath(e, "/users")), http.StatusOK)
		r := inside.Get(eventPath(e, ""))
		wantStatus(t, r, http.StatusForbidden)
		if !strings.Contains(ptTestID(r.Doc(), "attendee-refused-reason").Text(), "blocked your access") || ptTestID(r.Doc(), "shell").Length() != 0 {
			t.Fatalf("the refused page: %s", r.Body)
		}
		wantStatus(t, inside.Get(eventPath(e, "")), http.StatusUnauthorized) // signed out with it
		// Every lobby action refuses them the same way.
		r = other.PostForm(eventPath(e, "/chat-terms"), url.Values{"accept": {"1"}})
		wantStatus(t, r, http.StatusForbidden)
		if ptTestID(r.Doc(), "attendee-refused").Length() != 1 {
			t.Fatalf("a blocked person's lobby action: %s", r.Body)
		}
		r = app.Anonymous(t).PostForm(eventPath(e, "/login"), url.Values{"email": {"jane@example.com"}, "password": {pw}})
		wantStatus(t, r, http.StatusForbidden)
		if ptTestID(r.Doc(), "attendee-refused").Length() != 1 {
			t.Fatal("the right password of a blocked person gets the refused page")
		}
		// A wrong password still gets the one answer (nothing about the block).
		r = app.Anonymous(t).PostForm(eventPath(e, "/login"), url.Values{"email": {"jane@example.com"}, "password": {"wrong guess 123"}})
		wantStatus(t, r, http.StatusUnauthorized)

		// Magic links: a link issued before the block is revoked by it; a
		// person blocked after opening the landing page is refused at Continue.
		me := ptEvent(t, app, owner, "Open Day", event.LoginMagicLink)
		mids := ptSeed(t, app, app.PartnerID, me, ptPerson{email: "bo@example.com", first: "Bo", last: "Later"},
			ptPerson{email: "cy@example.com", first: "Cy", last: "Later"})
		link, _, err := app.Participants.GenerateLoginLink(context.Background(), owner, me.ID, mids[0])
		if err != nil {
			t.Fatal(err)
		}
		path := strings.TrimPrefix(link.URL, app.Server.URL)
		wantStatus(t, app.Anonymous(t).Get(path), http.StatusOK)
		wantStatus(t, ptHX(org, http.MethodPost, ptRowPath(me, mids[0], "/block"), url.Values{}, ptPath(me, "/users")), http.StatusOK)
		wantStatus(t, app.Anonymous(t).Get(path), http.StatusGone)
		// Cy: blocked in the organisation (person status), the link still live.
		link2, _, err := app.Participants.GenerateLoginLink(context.Background(), owner, me.ID, mids[1])
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Gorm.Exec(`UPDATE persons SET status = 'blocked' WHERE email = ?`, "cy@example.com").Error; err != nil {
			t.Fatal(err)
		}
		g := app.Anonymous(t)
		p2 := strings.TrimPrefix(link2.URL, app.Server.URL)
		g.Get(p2)
		r = g.PostForm(p2, nil)
		wantStatus(t, r, http.StatusForbidden)
		if ptTestID(r.Doc(), "attendee-refused").Length() != 1 {
			t.Fatal("a person blocked in the organisation is refused")
		}
	})
}

// A forgotten password: "Forgot your password?" emails a sign-in link (the
// same answer for anyone), which leads to choosing a new password (or to
// keeping the old one); the old password stops working, the new one works,
// and the reset is audited. Signed in with a password, nobody can replace it.
func TestAttendeePasswordReset(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		owner := ptOwner(t, app)
		e := ptEvent(t, app, owner, "Gala", event.LoginPassword)
		ids := ptSeed(t, app, app.PartnerID, e, ptPerson{email: "jane@example.com", first: "Jane", last: "Doe"})
		const old, fresh = "correct horse battery", "a quiet walk by the river"
		setPassword(t, app, e, ids[0], "jane@example.com", old)
		login := eventPath(e, "/login")

		// Signed in with the password: the password page is not offered.
		in := app.Anonymous(t)
		wantStatus(t, in.PostForm(login, url.Values{"email": {"jane@example.com"}, "password": {old}}), http.StatusSeeOther)
		if r := in.Get(eventPath(e, "/password")); r.Status != http.StatusSeeOther {
			t.Fatalf("the password page after a password sign-in: %d", r.Status)
		}
		wantStatus(t, in.PostForm(eventPath(e, "/password"), url.Values{"password": {fresh}, "confirm": {fresh}}), http.StatusConflict)

		g := app.Anonymous(t)
		page := g.Get(login)
		forgot := ptTestID(page.Doc(), "password-login-forgot").AttrOr("href", "")
		if forgot != login+"?forgot=1" {
			t.Fatalf("forgot link %q", forgot)
		}
		page = g.Get(forgot)
		if ptTestID(page.Doc(), "login-request-form").AttrOr("action", "") != login+"/link" || ptTestID(page.Doc(), "login-request-intro").Length() != 1 {
			t.Fatal("the forgotten-password form")
		}
		answers := map[string]string{}
		for _, email := range []string{"jane@example.com", "nobody@example.com"} {
			r := g.PostForm(login+"/link", url.Values{"email": {email}})
			wantStatus(t, r, http.StatusOK)
			answers[email] = strings.Replace(ptTestID(r.Doc(), "login-request-sent").Text(), email, "X", 1)
		}
		if answers["jane@example.com"] != answers["nobody@example.com"] {
			t.Fatalf("the answers differ: %v", answers)
		}
		link := lastLink(t, app, "jane@example.com")
		r := g.PostForm(link, nil)
		wantStatus(t, r, http.StatusSeeOther)
		if r.Header.Get("Location") != eventPath(e, "/password") {
			t.Fatalf("the emailed link leads to %q", r.Header.Get("Location"))
		}
		page = g.Get(eventPath(e, "/password"))
		if ptTestID(page.Doc(), "set-password-keep").AttrOr("href", "") != eventPath(e, "") {
			t.Fatal("a reset offers to keep the password")
		}
		wantStatus(t, g.PostForm(eventPath(e, "/password"), url.Values{"password": {fresh}, "confirm": {fresh}}), http.StatusSeeOther)
		// Once: the cookie no longer allows another reset.
		wantStatus(t, g.PostForm(eventPath(e, "/password"), url.Values{"password": {"yet another phrase"}, "confirm": {"yet another phrase"}}),
			http.StatusConflict)
		wantStatus(t, app.Anonymous(t).PostForm(login, url.Values{"email": {"jane@example.com"}, "password": {old}}), http.StatusUnauthorized)
		wantStatus(t, app.Anonymous(t).PostForm(login, url.Values{"email": {"jane@example.com"}, "password": {fresh}}), http.StatusSeeOther)
		if n := countRows(t, db, `SELECT count(*) FROM audit_log WHERE action = 'attendee.password_reset'`); n != 1 {
			t.Fatalf("%d resets audited", n)
		}
	})
}
