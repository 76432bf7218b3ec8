package web_test

import (
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

// A generated login link opened in a browser: the landing page spends
// nothing (mail scanners), Continue (a POST with CSRF) spends it once, signs
// the attendee in with their own cookie and records the visit; the lobby
// shows the event; a used or unknown link is gone.
func TestAttendeeLoginLink(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		org, _ := app.LoginAs(t, auth.RoleOrganizer)
		owner := ptOwner(t, app)
		e := ptEvent(t, app, owner, "Summit", event.LoginMagicLink)
		other := ptEvent(t, app, owner, "Other", event.LoginMagicLink)
		ids := ptSeed(t, app, app.PartnerID, e,
			ptPerson{email: "jane@example.com", first: "Jane", last: "Doe"},
			ptPerson{email: "blocked-later@example.com", first: "Bo", last: "Later", then: ptRegistered})

		link := func(id int64) string {
			t.Helper()
			r := ptHX(org, http.MethodPost, ptRowPath(e, id, "/login-link"), url.Values{}, ptPath(e, "/users"))
			wantStatus(t, r, http.StatusOK)
			u, err := url.Parse(ptTestID(r.Doc(), "login-link-url").AttrOr("value", ""))
			if err != nil || !strings.HasPrefix(u.Path, "/l/") {
				t.Fatalf("login link %q", u)
			}
			return u.Path
		}
		path := link(ids[0])

		guest := app.Anonymous(t)
		for range 2 { // a scanner, then the person
			r := guest.Get(path)
			wantStatus(t, r, http.StatusOK)
			if r.Header.Get("Referrer-Policy") != "no-referrer" || r.Header.Get("Cache-Control") != "no-store" {
				t.Fatalf("landing headers %v", r.Header)
			}
			ptWantBody(t, r, "Continue as jane@…", "Summit", "Hello Jane")
			if ptTestID(r.Doc(), "landing-form").AttrOr("action", "") != path || ptTestID(r.Doc(), "shell").Length() != 0 {
				t.Fatal("a small page posting to the link, outside the console")
			}
		}
		if st := ptStatus(t, app, owner, e, ids[0]).Status; st != participation.StatusInvited {
			t.Fatalf("opening the link changed the status to %s", st)
		}
		// The POST needs the CSRF token like every other.
		wantStatus(t, guest.PostNoCSRF(path, url.Values{}, nil), http.StatusForbidden)

		r := guest.PostForm(path, nil)
		wantStatus(t, r, http.StatusSeeOther)
		lobby := r.Header.Get("Location")
		if lobby != "/a/events/"+strconv.FormatInt(e.ID, 10) {
			t.Fatalf("redirect to %q", lobby)
		}
		var cookie string
		for _, k := range r.Header.Values("Set-Cookie") {
			if strings.HasPrefix(k, "roster-attendee=") {
				cookie = k
			}
		}
		for _, want := range []string{"HttpOnly", "SameSite=Lax", "Path=/", "Max-Age="} {
			if !strings.Contains(cookie, want) {
				t.Fatalf("attendee cookie %q lacks %s", cookie, want)
			}
		}
		if strings.Contains(strings.Join(r.Header.Values("Set-Cookie"), ";"), "roster=") {
			t.Fatal("an attendee gets no staff session")
		}
		after := ptStatus(t, app, owner, e, ids[0])
		if after.Status != participation.StatusAttended || after.Detail != participation.DetailPreEventVisit {
			t.Fatalf("entering records the visit: %s/%s", after.Status, after.Detail)
		}

		r = guest.Get(lobby)
		wantStatus(t, r, http.StatusOK)
		ptWantBody(t, r, "Summit", "You are signed in as", "Jane Doe", "Europe/Paris")
		if r.Header.Get("Cache-Control") != "no-store" || ptTestID(r.Doc(), "shell").Length() != 0 {
			t.Fatal("lobby headers or shell")
		}
		// The attendee cookie opens its own event only, and no console page.
		wantStatus(t, guest.Get("/a/events/"+strconv.FormatInt(other.ID, 10)), http.StatusUnauthorized)
		wantStatus(t, guest.Get(ptPath(e, "/users")), http.StatusSeeOther)
		wantStatus(t, app.Anonymous(t).Get(lobby), http.StatusUnauthorized)

		// Spent: the link is gone, opened or posted.
		r = guest.Get(path)
		wantStatus(t, r, http.StatusGone)
		ptWantBody(t, r, "expired or was already used")
		wantStatus(t, guest.PostForm(path, nil), http.StatusGone)
		wantStatus(t, app.Anonymous(t).Get("/l/not-a-real-token"), http.StatusGone)

		// A person removed after entering loses the lobby.
		if err := app.Participants.Remove(t.Context(), owner, e.ID, ids[0]); err != nil {
			t.Fatal(err)
		}
		wantStatus(t, guest.Get(lobby), http.StatusUnauthorized)

		// A link of a person removed before using it is gone too.
		path = link(ids[1])
		if err := app.Participants.Remove(t.Context(), owner, e.ID, ids[1]); err != nil {
			t.Fatal(err)
		}
		wantStatus(t, app.Anonymous(t).Get(path), http.StatusGone)
	})
}
