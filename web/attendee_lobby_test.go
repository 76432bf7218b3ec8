package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/event"
	"roster/internal/participation"
	"roster/web/webtest"
)

// In the lobby an attendee accepts the chat's terms (which lets organisers
// block them from it, and then they see that they are), joins a session
// (recorded for View analytics), and unregisters after confirming (their
// link stops working and the lobby refuses them).
func TestAttendeeLobbyActions(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		owner := ptOwner(t, app)
		e := ptEvent(t, app, owner, "Summit", event.LoginMagicLink)
		ss, err := event.NewService(db).AddSession(context.Background(), owner, e.ID, event.SessionInput{Name: "Keynote",
			StartsAt: e.StartsAt, EndsAt: e.StartsAt.Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		ids := ptSeed(t, app, app.PartnerID, e, ptPerson{email: "jane@example.com", first: "Jane", last: "Doe"})
		link, _, err := app.Participants.GenerateLoginLink(context.Background(), owner, e.ID, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		spare, _, err := app.Participants.GenerateLoginLink(context.Background(), owner, e.ID, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		sparePath := strings.TrimPrefix(spare.URL, app.Server.URL)
		guest := app.Anonymous(t)
		path := strings.TrimPrefix(link.URL, app.Server.URL)
		guest.Get(path)
		r := guest.PostForm(path, nil)
		wantStatus(t, r, http.StatusSeeOther)
		lobby := r.Header.Get("Location")

		// Chat terms: refused without the box, accepted with it.
		wantStatus(t, guest.PostForm(lobby+"/chat-terms", nil), http.StatusUnprocessableEntity)
		wantStatus(t, guest.PostForm(lobby+"/chat-terms", url.Values{"accept": {"1"}}), http.StatusSeeOther)
		page := guest.Get(lobby)
		if ptTestID(page.Doc(), "lobby-chat-open").Length() != 1 {
			t.Fatal("the lobby says the chat is open")
		}
		org, _ := app.LoginAs(t, auth.RoleOrganizer)
		wantStatus(t, ptHX(org, http.MethodPost, ptRowPath(e, ids[0], "/chat-block"), url.Values{}, ptPath(e, "/users")), http.StatusOK)
		if ptTestID(guest.Get(lobby).Doc(), "lobby-chat-blocked").Length() != 1 {
			t.Fatal("a person blocked from chat sees it")
		}

		// Joining a session is recorded; another event's session is not found.
		join := lobby + "/sessions/" + strconv.FormatInt(ss.ID, 10) + "/join"
		r = guest.PostForm(join, nil)
		wantStatus(t, r, http.StatusSeeOther)
		if ptTestID(guest.Get(r.Header.Get("Location")).Doc(), "lobby-joined").Text() != "You joined Keynote." {
			t.Fatal("the lobby confirms the join")
		}
		if n := countRows(t, db, `SELECT count(*) FROM visits WHERE participation_id = ? AND kind = 'session_join'`, ids[0]); n != 1 {
			t.Fatalf("%d session joins recorded", n)
		}
		wantStatus(t, guest.PostForm(lobby+"/sessions/999999/join", nil), http.StatusNotFound)
		wantStatus(t, app.Anonymous(t).PostNoCSRF(join, nil, nil), http.StatusForbidden)

		// Unregister: Unregistered, the lobby and their links refuse them.
		wantStatus(t, app.Anonymous(t).Get(sparePath), http.StatusOK)
		r = guest.PostForm(lobby+"/unregister", nil)
		wantStatus(t, r, http.StatusOK)
		ptWantBody(t, r, "You are unregistered", "Summit")
		if st := ptStatus(t, app, owner, e, ids[0]).Status; st != participation.StatusUnregistered {
			t.Fatalf("after unregistering: %s", st)
		}
		wantStatus(t, guest.Get(lobby), http.StatusUnauthorized)
		if r := app.Anonymous(t).Get(sparePath); r.Status != http.StatusGone && r.Status != http.StatusNotFound {
			t.Fatalf("an unregistered person's unused link still opens: %d", r.Status)
		}
		fresh, _, err := app.Participants.GenerateLoginLink(context.Background(), owner, e.ID, ids[0])
		if err == nil {
			p2 := strings.TrimPrefix(fresh.URL, app.Server.URL)
			g2 := app.Anonymous(t)
			g2.Get(p2)
			wantStatus(t, g2.PostForm(p2, nil), http.StatusForbidden)
		}
	})
}

// A person asks for a sign-in link by email: the answer never says whether
// the address is in the event; a known, allowed person gets one link
// (single use), at most three in a quarter of an hour; a bad address is
// refused with the reason.
func TestLoginLinkRequest(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		owner := ptOwner(t, app)
		e := ptEvent(t, app, owner, "Summit", event.LoginMagicLink)
		ptSeed(t, app, app.PartnerID, e,
			ptPerson{email: "jane@example.com", first: "Jane", last: "Doe"},
			ptPerson{email: "gone@example.com", first: "Gone", last: "Away", then: ptUnregistered})
		path := "/a/events/" + strconv.FormatInt(e.ID, 10) + "/login"
		guest := app.Anonymous(t)
		wantStatus(t, guest.Get(path), http.StatusOK)
		answers := map[string]string{}
		for _, email := range []string{"jane@example.com", "nobody@example.com", "gone@example.com"} {
			r := guest.PostForm(path, url.Values{"email": {email}})
			wantStatus(t, r, http.StatusOK)
			answers[email] = strings.Replace(ptTestID(r.Doc(), "login-request-sent").Text(), email, "X", 1)
		}
		if answers["jane@example.com"] != answers["nobody@example.com"] || answers["jane@example.com"] != answers["gone@example.com"] {
			t.Fatalf("the answers differ: %v", answers)
		}
		mails := func(to string) int64 {
			return countRows(t, db, `SELECT count(*) FROM emails WHERE to_address = ?`, to)
		}
		if mails("jane@example.com") != 1 || mails("nobody@example.com") != 0 || mails("gone@example.com") != 0 {
			t.Fatal("only the person in the event gets a link")
		}
		for range 4 {
			guest.PostForm(path, url.Values{"email": {"JANE@example.com"}})
		}
		if n := mails("jane@example.com"); n != 3 {
			t.Fatalf("%d links sent, want at most 3", n)
		}
		r := guest.PostForm(path, url.Values{"email": {"Noël@example.com"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if !strings.Contains(ptTestID(r.Doc(), "login-request-error").Text(), "ASCII") {
			t.Fatal("a bad address says why")
		}
		// The client address is limited too.
		var last *webtest.Response
		for range 12 {
			last = guest.PostForm(path, url.Values{"email": {"someone@example.com"}})
		}
		wantStatus(t, last, http.StatusTooManyRequests)
		wantStatus(t, guest.Get("/a/events/999999/login"), http.StatusNotFound)
	})
}

// An invited person of an event with a registration form registers before
// entering; with email confirmation they stay Invited until the emailed
// link, which registers them (Confirmed email) and lets them in.
func TestAttendeeRegistration(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		owner := ptOwner(t, app)
		start := time.Now().Add(48 * time.Hour).Truncate(time.Hour)
		for _, confirm := range []bool{false, true} {
			e, err := event.NewService(db).Create(context.Background(), owner, event.Input{Name: "Form " + strconv.FormatBool(confirm),
				TimeZone: "Europe/Paris", StartsAt: start, EndsAt: start.Add(time.Hour), LoginMethod: event.LoginMagicLink,
				DefaultLanguage: "en", RegistrationFormRequired: true, EmailConfirmationRequired: confirm})
			if err != nil {
				t.Fatal(err)
			}
			email := "reg-" + strconv.FormatBool(confirm) + "@example.com"
			ids := ptSeed(t, app, app.PartnerID, e, ptPerson{email: email, first: "Old", last: "Name"})
			link, _, err := app.Participants.GenerateLoginLink(context.Background(), owner, e.ID, ids[0])
			if err != nil {
				t.Fatal(err)
			}
			guest := app.Anonymous(t)
			path := strings.TrimPrefix(link.URL, app.Server.URL)
			guest.Get(path)
			r := guest.PostForm(path, nil)
			wantStatus(t, r, http.StatusSeeOther)
			register := r.Header.Get("Location")
			if !strings.HasSuffix(register, "/register") {
				t.Fatalf("the form comes first: %q", register)
			}
			lobby := strings.TrimSuffix(register, "/register")
			if r := guest.Get(lobby); r.Status != http.StatusSeeOther || r.Header.Get("Location") != register {
				t.Fatal("the lobby sends them to the form")
			}
			if st := ptStatus(t, app, owner, e, ids[0]); st.Status != participation.StatusInvited {
				t.Fatalf("before the form: %s", st.Status)
			}
			page := guest.Get(register)
			if ptTestID(page.Doc(), "register-first").AttrOr("value", "") != "Old" {
				t.Fatal("the form holds what is known")
			}
			r = guest.PostForm(register, url.Values{"first_name": {""}, "last_name": {"Hopper"}, "language": {"xx"}})
			wantStatus(t, r, http.StatusUnprocessableEntity)
			for _, id := range []string{"register-first-error", "register-consent-error"} {
				if ptTestID(r.Doc(), id).Length() != 1 {
					t.Errorf("%s missing", id)
				}
			}
			r = guest.PostForm(register, url.Values{"first_name": {"Grace"}, "last_name": {"Hopper"}, "company": {"Navy"},
				"language": {"de"}, "consent": {"1"}})
			if !confirm {
				wantStatus(t, r, http.StatusSeeOther)
				st := ptStatus(t, app, owner, e, ids[0])
				if st.Status != participation.StatusAttended || st.Person.FirstName != "Grace" || st.Language != "de" {
					t.Fatalf("after registering: %s %q %s", st.Status, st.Person.FirstName, st.Language)
				}
				wantStatus(t, guest.Get(lobby), http.StatusOK)
				continue
			}
			wantStatus(t, r, http.StatusOK)
			// In the language they chose on the form.
			ptWantBody(t, r, `<html lang="de" dir="ltr"`, "Bestätigungslink an "+email)
			if st := ptStatus(t, app, owner, e, ids[0]); st.Status != participation.StatusInvited {
				t.Fatalf("awaiting confirmation: %s", st.Status)
			}
			if ptTestID(guest.Get(lobby).Doc(), "register-confirm").Length() != 1 {
				t.Fatal("the lobby waits for the confirmation")
			}
			var body string
			if err := db.Gorm.Raw(`SELECT text_body FROM emails WHERE to_address = ? ORDER BY id DESC LIMIT 1`, email).Scan(&body).Error; err != nil {
				t.Fatal(err)
			}
			var confirmPath string
			for _, l := range textLink.FindAllString(body, -1) {
				if strings.HasPrefix(l, app.Server.URL+"/l/") {
					confirmPath = strings.TrimPrefix(l, app.Server.URL)
				}
			}
			if confirmPath == "" {
				t.Fatalf("no confirmation link in:\n%s", body)
			}
			g2 := app.Anonymous(t)
			g2.Get(confirmPath)
			wantStatus(t, g2.PostForm(confirmPath, nil), http.StatusSeeOther)
			st := ptStatus(t, app, owner, e, ids[0])
			if st.Status != participation.StatusAttended {
				t.Fatalf("after confirming: %s", st.Status)
			}
			if n := countRows(t, db, `SELECT count(*) FROM participation_history WHERE participation_id = ? AND to_detailed_status = 'confirmed_email'`, ids[0]); n != 1 {
				t.Fatal("the confirmation is in the history")
			}
		}
	})
}
