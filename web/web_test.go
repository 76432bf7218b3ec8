package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/web"
	"roster/web/webtest"
)

func wantStatus(t *testing.T, r *webtest.Response, want int) {
	t.Helper()
	if r.Status != want {
		body := r.Body
		if len(body) > 600 {
			body = body[:600]
		}
		t.Fatalf("status %d, want %d; body: %s", r.Status, want, body)
	}
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		c := app.Anonymous(t)
		for _, path := range []string{"/login", "/healthz", "/readyz", "/no-such-page", "/static/dist/app.css"} {
			r := c.Get(path)
			if got := r.Header.Get("Content-Security-Policy"); got != web.ContentSecurityPolicy {
				t.Errorf("%s: CSP %q", path, got)
			}
			if r.Header.Get("X-Content-Type-Options") != "nosniff" || r.Header.Get("Referrer-Policy") == "" {
				t.Errorf("%s: missing nosniff or referrer policy: %v", path, r.Header)
			}
			if r.Header.Get("X-Request-Id") == "" {
				t.Errorf("%s: no request id", path)
			}
		}
		if r := c.Get("/readyz"); r.Status != http.StatusOK {
			t.Fatalf("readyz: %d", r.Status)
		}
		r := c.Get("/no-such-page")
		wantStatus(t, r, http.StatusNotFound)
		if !strings.Contains(r.Body, "Page not found") || strings.Contains(r.Body, "<script>") {
			t.Fatalf("404 page: %s", r.Body)
		}
	})
}

func TestSetupCreatesPartnerAndOwnerOnce(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		ctx := context.Background()
		if needs, err := app.Auth.NeedsSetup(ctx); err != nil || !needs {
			t.Fatalf("an empty database needs setup: %v %v", needs, err)
		}
		link, err := app.Auth.IssueSetupToken(ctx)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(link)
		token := u.Query().Get("token")
		c := app.Anonymous(t)
		wantStatus(t, c.Get("/setup?token=nope"), http.StatusGone)
		r := c.Get("/setup?token=" + token)
		wantStatus(t, r, http.StatusOK)
		if r.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Fatal("token pages must not leak the token by referrer")
		}
		// Invalid input: every field named, nothing written.
		r = c.PostForm("/setup", url.Values{"token": {token}, "partner_name": {""}, "name": {""}, "email": {"not-an-email"}, "password": {"short"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		for _, want := range []string{"organisation name is required", "not a valid email", "at least 12"} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("setup errors lack %q", want)
			}
		}
		if needs, _ := app.Auth.NeedsSetup(ctx); !needs {
			t.Fatal("a refused setup wrote staff")
		}
		r = c.PostForm("/setup", url.Values{"token": {token}, "partner_name": {"Zoë's Events"}, "name": {"Åsa Owner"},
			"email": {"owner@example.com"}, "password": {"a long enough password"}})
		wantStatus(t, r, http.StatusSeeOther)
		home := c.Get("/")
		wantStatus(t, home, http.StatusOK)
		if !strings.Contains(home.Body, "Zoë&#39;s Events") && !strings.Contains(home.Body, "Zoë's Events") {
			t.Fatal("the dashboard does not show the new organisation")
		}
		// The link is spent.
		wantStatus(t, app.Anonymous(t).Get("/setup?token="+token), http.StatusGone)
	})
}

func TestLoginLogoutAndRevocation(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		st := app.Staff(t, auth.RoleOrganizer)
		anon := app.Anonymous(t)
		r := anon.Get("/staff")
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); !strings.HasPrefix(loc, "/login?next=") {
			t.Fatalf("unsigned page load goes to %q", loc)
		}
		r = anon.PostForm("/login", url.Values{"email": {st.Email}, "password": {"wrong password!!"}})
		wantStatus(t, r, http.StatusUnauthorized)
		if !strings.Contains(r.Body, "email or password is not correct") {
			t.Fatal("a failed login must say so")
		}
		r = anon.PostForm("/login", url.Values{"email": {strings.ToUpper(st.Email)}, "password": {webtest.Password}, "next": {"//evil.example/x"}})
		wantStatus(t, r, http.StatusSeeOther)
		if r.Header.Get("Location") != "/" {
			t.Fatalf("an off-site next must be ignored, got %q", r.Header.Get("Location"))
		}
		var sessionCookie string
		for _, k := range r.Header.Values("Set-Cookie") {
			if strings.HasPrefix(k, "roster=") {
				sessionCookie = k
			}
		}
		for _, want := range []string{"HttpOnly", "SameSite=Lax", "Path=/"} {
			if !strings.Contains(sessionCookie, want) {
				t.Errorf("session cookie %q lacks %s", sessionCookie, want)
			}
		}
		home := anon.Get("/")
		wantStatus(t, home, http.StatusOK)
		if home.Header.Get("Cache-Control") != "no-store" {
			t.Error("authenticated pages must not be cached")
		}
		// Replaying the cookie after logout must fail: the session is revoked on the server.
		saved := anon.HTTP.Jar.Cookies(mustURL(anon.Base))
		wantStatus(t, anon.PostForm("/logout", nil), http.StatusSeeOther)
		replay := app.Anonymous(t)
		replay.HTTP.Jar.SetCookies(mustURL(anon.Base), saved)
		wantStatus(t, replay.Get("/"), http.StatusSeeOther)
	})
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

func TestLoginRotatesTheSession(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		st := app.Staff(t, auth.RoleSupport)
		c := app.Login(t, st.Email, webtest.Password)
		first := cookieValue(c, "roster")
		r := c.PostForm("/login", url.Values{"email": {st.Email}, "password": {webtest.Password}})
		wantStatus(t, r, http.StatusSeeOther)
		if second := cookieValue(c, "roster"); second == first || second == "" {
			t.Fatal("signing in must issue a new session id")
		}
	})
}

func cookieValue(c *webtest.Client, name string) string {
	for _, k := range c.HTTP.Jar.Cookies(mustURL(c.Base)) {
		if k.Name == name {
			return k.Value
		}
	}
	return ""
}

func TestLoginThrottlePerAccount(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		st := app.Staff(t, auth.RoleAdmin)
		c := app.Anonymous(t)
		for range 5 {
			wantStatus(t, c.PostForm("/login", url.Values{"email": {st.Email}, "password": {"nope nope nope"}}), http.StatusUnauthorized)
		}
		r := c.PostForm("/login", url.Values{"email": {st.Email}, "password": {webtest.Password}})
		wantStatus(t, r, http.StatusTooManyRequests)
		if !strings.Contains(r.Body, "Too many failed sign-in attempts") {
			t.Fatal("throttling must explain itself")
		}
		// Another account from the same IP is not locked out by these five.
		other := app.Staff(t, auth.RoleSupport)
		wantStatus(t, c.PostForm("/login", url.Values{"email": {other.Email}, "password": {webtest.Password}}), http.StatusSeeOther)
	})
}

func TestLoginThrottlePerIP(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		c := app.Anonymous(t)
		for i := range 20 {
			email := "nobody" + string(rune('a'+i)) + "@example.com"
			wantStatus(t, c.PostForm("/login", url.Values{"email": {email}, "password": {"nope nope nope"}}), http.StatusUnauthorized)
		}
		st := app.Staff(t, auth.RoleAdmin)
		wantStatus(t, c.PostForm("/login", url.Values{"email": {st.Email}, "password": {webtest.Password}}), http.StatusTooManyRequests)
	})
}

func TestCSRFOnEveryUnsafeRequest(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		c, _ := app.LoginAs(t, auth.RoleOwner)
		c.CSRF()
		for _, h := range []http.Header{
			nil,                                 // no token at all
			{"X-Csrf-Token": {"forged"}},        // wrong token
			{"Sec-Fetch-Site": {"same-origin"}}, // fetch metadata alone is not enough
			{"Sec-Fetch-Site": {"cross-site"}, "X-Csrf-Token": {c.CSRF()}}, // cross-site, even with the token
		} {
			r := c.PostNoCSRF("/settings/sessions/revoke-others", url.Values{}, h)
			if r.Status != http.StatusForbidden && r.Status != http.StatusBadRequest {
				t.Fatalf("headers %v: status %d, want a refusal", h, r.Status)
			}
		}
		// The htmx way (header) and the plain-form way (_csrf) both work.
		wantStatus(t, c.HXPost("/settings/sessions/revoke-others", nil), http.StatusOK)
		wantStatus(t, c.PostForm("/settings/sessions/revoke-others", nil), http.StatusSeeOther)
	})
}

// Every console route is refused to the roles that lack its permission, on the server.
func TestRoutePolicyPerRole(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		routes := map[string]auth.Permission{
			"/": auth.PermConsole, "/events": auth.PermEventsView, "/events/users": auth.PermEventsView,
			"/events/speakers": auth.PermEventsView, "/events/moderators": auth.PermEventsView, "/events/access": auth.PermEventsView,
			"/classroom/courses": auth.PermClassroomView, "/classroom/users": auth.PermClassroomView, "/people": auth.PermPeopleView,
			"/staff": auth.PermStaffView, "/audit": auth.PermAuditView, "/outbox": auth.PermOutboxView, "/settings": auth.PermConsole,
		}
		for _, role := range auth.Roles {
			c, _ := app.LoginAs(t, role)
			for path, perm := range routes {
				want := http.StatusForbidden
				if auth.RoleCan(role, perm) {
					want = http.StatusOK
				}
				if r := c.Get(path); r.Status != want {
					t.Errorf("%s GET %s: %d, want %d", role, path, r.Status, want)
				}
			}
			// Mutations are checked too, not only pages.
			r := c.HXPost("/staff", url.Values{"name": {"X"}, "email": {"x-" + string(role) + "@example.com"}, "role": {"support"}})
			if auth.RoleCan(role, auth.PermStaffManage) != (r.Status == http.StatusOK) {
				t.Errorf("%s POST /staff: %d", role, r.Status)
			}
			r = c.HXPost("/settings/partner", url.Values{"partner_name": {"Renamed by " + string(role)}})
			if auth.RoleCan(role, auth.PermSettingsManage) != (r.Status == http.StatusOK) {
				t.Errorf("%s POST /settings/partner: %d", role, r.Status)
			}
		}
	})
}

func TestPageOrFragment(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		c, _ := app.LoginAs(t, auth.RoleAdmin)
		full := c.Get("/staff")
		wantStatus(t, full, http.StatusOK)
		if !strings.Contains(full.Body, "<html") || full.Doc().Find("nav").Length() == 0 {
			t.Fatal("a normal request gets the whole page")
		}
		frag := c.HXGet("/staff")
		if strings.Contains(frag.Body, "<html") || frag.Doc().Find(`[data-testid="staff-row"]`).Length() == 0 {
			t.Fatal("an htmx request gets the fragment")
		}
		boosted := c.Do(http.MethodGet, "/staff", nil, http.Header{"Hx-Request": {"true"}, "Hx-Boosted": {"true"}})
		if !strings.Contains(boosted.Body, "<html") {
			t.Fatal("a boosted request gets the whole page")
		}
		if !strings.Contains(strings.Join(full.Header.Values("Vary"), ","), "HX-Request") {
			t.Fatal("pages vary on HX-Request")
		}
	})
}

func TestStaffInviteAcceptAndManage(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		admin, adminStaff := app.LoginAs(t, auth.RoleAdmin)

		// Bad input names each field and writes nothing.
		r := admin.HXPost("/staff", url.Values{"name": {""}, "email": {"Noël@example.com"}, "role": {"support"}})
		wantStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Body, "name is required") || !strings.Contains(r.Body, "plain ASCII") {
			t.Fatalf("invite errors: %s", r.Body)
		}
		// Admins cannot make owners.
		wantStatus(t, admin.HXPost("/staff", url.Values{"name": {"O"}, "email": {"o@example.com"}, "role": {"owner"}}), http.StatusForbidden)

		r = admin.HXPost("/staff", url.Values{"name": {"Zoë Support"}, "email": {"zoe@example.com"}, "role": {"support"}})
		wantStatus(t, r, http.StatusOK)
		link := r.Doc().Find(`[data-testid="staff-invite-link"]`).AttrOr("value", "")
		if link == "" {
			link = strings.TrimSpace(r.Doc().Find(`[data-testid="staff-invite-link"]`).Text())
		}
		if !strings.Contains(link, "/accept?token=") {
			t.Fatalf("no invitation link in %s", r.Body)
		}
		// Duplicate email is a clear error.
		r = admin.HXPost("/staff", url.Values{"name": {"Again"}, "email": {"ZOE@example.com"}, "role": {"support"}})
		if !strings.Contains(r.Body, "already exists") {
			t.Fatalf("duplicate invite: %d %s", r.Status, r.Body)
		}
		// The invitation email was queued in the same transaction and is delivered to the outbox.
		waitFor(t, func() bool {
			out := admin.Get("/outbox")
			return strings.Contains(out.Body, "zoe@example.com") && strings.Contains(out.Body, "Captured")
		})

		u := mustURL(link)
		guest := app.Anonymous(t)
		// Opening the link (as a mail scanner would) spends nothing.
		wantStatus(t, guest.Get(u.RequestURI()), http.StatusOK)
		wantStatus(t, guest.Get(u.RequestURI()), http.StatusOK)
		r = guest.PostForm("/accept", url.Values{"token": {u.Query().Get("token")}, "password": {"long enough password"}, "password_confirm": {"different password"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		r = guest.PostForm("/accept", url.Values{"token": {u.Query().Get("token")}, "password": {"long enough password"}, "password_confirm": {"long enough password"}})
		wantStatus(t, r, http.StatusSeeOther)
		wantStatus(t, guest.Get("/audit"), http.StatusOK) // support reads the audit log
		wantStatus(t, app.Anonymous(t).Get(u.RequestURI()), http.StatusGone)

		// Disable: the new member's session dies at once; enable lets them back.
		var id string
		admin.Get("/staff").Doc().Find(`[data-testid="staff-row"]`).Each(func(_ int, s *goquery.Selection) {
			if strings.Contains(s.Text(), "zoe@example.com") {
				id = strings.TrimPrefix(s.AttrOr("id", ""), "staff-")
			}
		})
		if id == "" {
			t.Fatal("the new staff row is missing")
		}
		r = admin.HXPost("/staff/"+id+"/disable", nil)
		wantStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Body, "Disabled") {
			t.Fatalf("the row should show Disabled: %s", r.Body)
		}
		wantStatus(t, guest.Get("/audit"), http.StatusSeeOther)
		wantStatus(t, guest.PostForm("/login", url.Values{"email": {"zoe@example.com"}, "password": {"long enough password"}}), http.StatusUnauthorized)
		wantStatus(t, admin.HXPost("/staff/"+id+"/enable", nil), http.StatusOK)
		wantStatus(t, admin.HXPost("/staff/"+id+"/role", url.Values{"role": {"organizer"}}), http.StatusOK)
		back := app.Login(t, "zoe@example.com", "long enough password")
		wantStatus(t, back.Get("/audit"), http.StatusForbidden) // now an organizer
		// Nobody changes their own role.
		wantStatus(t, admin.HXPost(fmt.Sprintf("/staff/%d/role", adminStaff.ID), url.Values{"role": {"support"}}), http.StatusConflict)
		audit := admin.Get("/audit?q=staff.disabled")
		if !strings.Contains(audit.Body, "staff.disabled") {
			t.Fatal("disabling is audited")
		}
	})
}

func TestTenancyNothingCrossesPartners(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		mine, _ := app.LoginAs(t, auth.RoleOwner)
		r := mine.HXPost("/staff", url.Values{"name": {"Mine"}, "email": {"mine@example.com"}, "role": {"support"}})
		wantStatus(t, r, http.StatusOK)
		var victimID string
		mine.Get("/staff").Doc().Find(`[data-testid="staff-row"]`).Each(func(_ int, s *goquery.Selection) {
			if strings.Contains(s.Text(), "mine@example.com") {
				victimID = strings.TrimPrefix(s.AttrOr("id", ""), "staff-")
			}
		})
		var emailID string
		waitFor(t, func() bool {
			mine.Get("/outbox").Doc().Find(`a[href^="/outbox/"]`).Each(func(_ int, s *goquery.Selection) {
				emailID = strings.TrimPrefix(s.AttrOr("href", ""), "/outbox/")
			})
			return emailID != ""
		})

		other := app.OtherPartner(t, "Other Org")
		st := app.StaffIn(t, other, auth.RoleOwner)
		theirs := app.Login(t, st.Email, webtest.Password)
		if strings.Contains(theirs.Get("/staff").Body, "mine@example.com") {
			t.Fatal("another partner's staff is visible")
		}
		if strings.Contains(theirs.Get("/outbox").Body, "mine@example.com") {
			t.Fatal("another partner's email is visible")
		}
		wantStatus(t, theirs.Get("/outbox/"+emailID), http.StatusNotFound)
		for _, action := range []string{"/role", "/disable", "/enable"} {
			wantStatus(t, theirs.HXPost("/staff/"+victimID+action, url.Values{"role": {"admin"}}), http.StatusNotFound)
		}
		if strings.Contains(theirs.Get("/audit").Body, "mine@example.com") {
			t.Fatal("another partner's audit log is visible")
		}
	})
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestSettingsPasswordAndSessions(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		laptop, st := app.LoginAs(t, auth.RoleOrganizer)
		phone := app.Login(t, st.Email, webtest.Password)
		page := laptop.Get("/settings")
		wantStatus(t, page, http.StatusOK)
		if n := page.Doc().Find(`[data-testid="settings-session"]`).Length(); n != 2 {
			t.Logf("settings page:\n%s", page.Body)
			t.Fatalf("two signed-in sessions expected, saw %d", n)
		}
		// Organizers may not rename the organisation.
		wantStatus(t, laptop.HXPost("/settings/partner", url.Values{"partner_name": {"Mine now"}}), http.StatusForbidden)

		r := laptop.PostForm("/settings/password", url.Values{"current_password": {"wrong"}, "new_password": {"short"}, "confirm_password": {"short"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, "current password is not correct") || !strings.Contains(r.Body, "at least 12") {
			t.Fatalf("password errors: %s", r.Body)
		}
		r = laptop.PostForm("/settings/password", url.Values{"current_password": {webtest.Password}, "new_password": {"a brand new password"}, "confirm_password": {"a brand new password"}})
		wantStatus(t, r, http.StatusSeeOther)
		wantStatus(t, phone.Get("/"), http.StatusSeeOther) // the other session is signed out
		wantStatus(t, laptop.Get("/"), http.StatusOK)      // this one stays
		app.Login(t, st.Email, "a brand new password")
	})
}

// Over https the cookies are Secure and carry the __Host- prefix.
func TestHTTPSCookies(t *testing.T) {
	t.Parallel()
	app := webtest.New(t, dbtest.SQLite(t), webtest.HTTPS())
	st := app.Staff(t, auth.RoleSupport)
	c := app.Anonymous(t)
	login := c.Get("/login")
	csrf := ""
	for _, k := range login.Header.Values("Set-Cookie") {
		if strings.HasPrefix(k, "__Host-csrf=") {
			csrf = k
		}
	}
	if !strings.Contains(csrf, "Secure") || !strings.Contains(csrf, "HttpOnly") || !strings.Contains(csrf, "SameSite=Strict") || !strings.Contains(csrf, "Path=/") {
		t.Fatalf("csrf cookie: %q", csrf)
	}
	if login.Header.Get("Strict-Transport-Security") == "" {
		t.Fatal("HSTS over https")
	}
	token := strings.TrimPrefix(strings.SplitN(csrf, ";", 2)[0], "__Host-csrf=")
	r := c.PostNoCSRF("/login", url.Values{"email": {st.Email}, "password": {webtest.Password}, "_csrf": {token}},
		http.Header{"Cookie": {"__Host-csrf=" + token}})
	wantStatus(t, r, http.StatusSeeOther)
	session := ""
	for _, k := range r.Header.Values("Set-Cookie") {
		if strings.HasPrefix(k, "__Host-roster=") {
			session = k
		}
	}
	for _, want := range []string{"Secure", "HttpOnly", "SameSite=Lax", "Path=/"} {
		if !strings.Contains(session, want) {
			t.Fatalf("session cookie %q lacks %s", session, want)
		}
	}
	if strings.Contains(session, "Domain=") {
		t.Fatal("__Host- cookies carry no Domain")
	}
}
