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

		// Unregister: Unregistered, the lobby and the link refuse them.
		r = guest.PostForm(lobby+"/unregister", nil)
		wantStatus(t, r, http.StatusOK)
		ptWantBody(t, r, "You are unregistered", "Summit")
		if st := ptStatus(t, app, owner, e, ids[0]).Status; st != participation.StatusUnregistered {
			t.Fatalf("after unregistering: %s", st)
		}
		wantStatus(t, guest.Get(lobby), http.StatusUnauthorized)
		fresh, _, err := app.Participants.GenerateLoginLink(context.Background(), owner, e.ID, ids[0])
		if err == nil {
			p2 := strings.TrimPrefix(fresh.URL, app.Server.URL)
			g2 := app.Anonymous(t)
			g2.Get(p2)
			wantStatus(t, g2.PostForm(p2, nil), http.StatusForbidden)
		}
	})
}
