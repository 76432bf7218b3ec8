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

// Block and Unblock, from the Edit dialog: the row changes in place with a
// toast and the dialog closes; the block revokes the person's unused links;
// Unblock returns them where they were. The matrix decides (no Block for the
// unregistered, no second Block), viewers and forged requests are refused.
func TestParticipantBlock(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		owner := ptOwner(t, app)
		org, _ := app.LoginAs(t, auth.RoleOrganizer)
		viewer, _ := app.LoginAs(t, auth.RoleSupport)
		e := ptEvent(t, app, owner, "Summit", event.LoginMagicLink)
		ids := ptSeed(t, app, app.PartnerID, e,
			ptPerson{email: "ivan@example.com", first: "Ivan", last: "Invited"},
			ptPerson{email: "ann@example.com", first: "Ann", last: "Attended", then: ptAttended},
			ptPerson{email: "una@example.com", first: "Una", last: "Unregistered", then: ptUnregistered})
		ivan, ann, una := ids[0], ids[1], ids[2]
		if _, _, err := app.Participants.GenerateLoginLink(context.Background(), owner, e.ID, ivan); err != nil {
			t.Fatal(err)
		}
		list := ptPath(e, "/users")

		// The Edit dialog offers Block as its own form, with a confirmation.
		r := ptHX(org, http.MethodGet, ptRowPath(e, ivan, "/edit"), nil, list)
		wantStatus(t, r, http.StatusOK)
		form := ptTestID(r.Doc(), "block-form")
		if form.AttrOr("hx-post", "") != ptRowPath(e, ivan, "/block") || !strings.Contains(form.AttrOr("data-confirm", ""), "Block Ivan Invited") ||
			ptTestID(r.Doc(), "edit-block").AttrOr("form", "") != form.AttrOr("id", "-") {
			t.Fatalf("block form: %s", r.Body)
		}
		// Refusals: no token, a viewer, the unregistered (no Edit, no Block).
		wantStatus(t, org.PostNoCSRF(ptRowPath(e, ivan, "/block"), url.Values{}, nil), http.StatusForbidden)
		wantStatus(t, ptHX(viewer, http.MethodPost, ptRowPath(e, ivan, "/block"), url.Values{}, list), http.StatusForbidden)
		wantStatus(t, ptHX(org, http.MethodPost, ptRowPath(e, una, "/block"), url.Values{}, list), http.StatusConflict)
		wantStatus(t, ptHX(org, http.MethodPost, ptRowPath(e, ivan, "/unblock"), url.Values{}, list), http.StatusConflict)
		if st := ptStatus(t, app, owner, e, ivan); st.Status != participation.StatusInvited {
			t.Fatalf("refused requests changed the status: %s", st.Status)
		}

		r = ptHX(org, http.MethodPost, ptRowPath(e, ivan, "/block"), url.Values{}, list)
		wantStatus(t, r, http.StatusOK)
		row := r.Doc().Find("#participant-" + strconv.FormatInt(ivan, 10))
		if row.AttrOr("hx-swap-oob", "") != "true" || row.AttrOr("data-status", "") != "blocked" {
			t.Fatalf("the row changes in place: %s", r.Body)
		}
		ptWantBody(t, r, "Ivan Invited is blocked from this event")
		if !strings.Contains(r.Header.Get("HX-Trigger"), "roster-modal-close") {
			t.Fatal("the dialog closes")
		}
		if n := countRows(t, db, `SELECT count(*) FROM login_tokens WHERE participation_id = ? AND revoked_at IS NULL AND used_at IS NULL`, ivan); n != 0 {
			t.Fatalf("%d links still work after the block", n)
		}
		if n := countRows(t, db, `SELECT count(*) FROM audit_log WHERE action = 'participant.blocked' AND target_id = ?`, strconv.FormatInt(ivan, 10)); n != 1 {
			t.Fatal("the block is audited")
		}
		wantStatus(t, ptHX(org, http.MethodPost, ptRowPath(e, ivan, "/block"), url.Values{}, list), http.StatusConflict)
		// The blocked person's Edit dialog offers Unblock; Unblock restores.
		r = ptHX(org, http.MethodGet, ptRowPath(e, ivan, "/edit"), nil, list)
		if ptTestID(r.Doc(), "edit-unblock").Length() != 1 || ptTestID(r.Doc(), "edit-block").Length() != 0 {
			t.Fatal("Unblock for the blocked")
		}
		wantStatus(t, ptHX(org, http.MethodPost, ptRowPath(e, ivan, "/unblock"), url.Values{}, list), http.StatusOK)
		if st := ptStatus(t, app, owner, e, ivan); st.Status != participation.StatusInvited || st.Detail != participation.DetailInvited {
			t.Fatalf("after Unblock: %s/%s", st.Status, st.Detail)
		}
		// Without JavaScript: POST-redirect-GET with a flash.
		r = org.PostForm(ptRowPath(e, ann, "/block"), url.Values{"view": {"users"}})
		wantStatus(t, r, http.StatusSeeOther)
		if r.Header.Get("Location") != list {
			t.Fatalf("redirect to %q", r.Header.Get("Location"))
		}
		ptWantBody(t, org.Get(list), "Ann Attended is blocked from this event")
		wantStatus(t, org.PostForm(ptRowPath(e, ann, "/unblock"), nil), http.StatusSeeOther)
		if st := ptStatus(t, app, owner, e, ann); st.Detail != participation.DetailPreEventVisit {
			t.Fatalf("Unblock returns to %s", st.Detail)
		}
	})
}

// A person's login links: listed with state, creator, expiry and last use
// (which the row's status popover shows too); revoked one by one or all at
// once, and all of an event's at once after a confirmation that counts
// them. Viewers see, organisers revoke, another partner's people do not
// exist, and a revoked link is gone.
func TestParticipantLinks(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		owner := ptOwner(t, app)
		org, st := app.LoginAs(t, auth.RoleOrganizer)
		viewer, _ := app.LoginAs(t, auth.RoleSupport)
		e := ptEvent(t, app, owner, "Summit", event.LoginMagicLink)
		ids := ptSeed(t, app, app.PartnerID, e,
			ptPerson{email: "ivan@example.com", first: "Ivan", last: "Invited"},
			ptPerson{email: "rita@example.com", first: "Rita", last: "Registered", then: ptRegistered})
		ivan, rita := ids[0], ids[1]
		list := ptPath(e, "/users")
		gen := func(id int64) string {
			t.Helper()
			r := ptHX(org, http.MethodPost, ptRowPath(e, id, "/login-link"), url.Values{}, list)
			wantStatus(t, r, http.StatusOK)
			u, _ := url.Parse(ptTestID(r.Doc(), "login-link-url").AttrOr("value", ""))
			return u.Path
		}
		used, keep, revokeMe := gen(ivan), gen(ivan), gen(ivan)
		gen(rita)
		// Ivan uses one link from Firefox on Linux.
		g := app.Anonymous(t)
		g.Get(used)
		r := g.Do(http.MethodPost, used, strings.NewReader(url.Values{"_csrf": {g.CSRF()}}.Encode()), http.Header{
			"Content-Type": {"application/x-www-form-urlencoded"},
			"User-Agent":   {"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"}})
		wantStatus(t, r, http.StatusSeeOther)

		// The row's popover says when and from what browser.
		page := org.Get(list)
		tip := page.Doc().Find("#participant-" + strconv.FormatInt(ivan, 10) + " .st-tip small").Text()
		if !strings.HasPrefix(tip, "Link used ") || !strings.HasSuffix(tip, "UTC, Firefox on Linux") {
			t.Fatalf("popover: %q", tip)
		}
		if page.Doc().Find("#participant-"+strconv.FormatInt(rita, 10)+" .st-tip small").Length() != 0 {
			t.Fatal("no line for a person who used no link")
		}

		// The links dialog (viewers may look, not revoke).
		links := ptRowPath(e, ivan, "/links")
		r = ptHX(viewer, http.MethodGet, links, nil, list)
		wantStatus(t, r, http.StatusOK)
		if ptTestID(r.Doc(), "link-row").Length() != 3 || r.Doc().Find("form").Length() != 0 {
			t.Fatalf("viewer's links: %s", r.Body)
		}
		r = ptHX(org, http.MethodGet, links, nil, list)
		doc := r.Doc()
		if ptTestID(doc, "link-revoke").Length() != 2 || !strings.Contains(doc.Text(), "by "+st.Name) ||
			!strings.Contains(ptTestID(doc, "links-list").Text(), "Firefox on Linux") {
			t.Fatalf("organiser's links: %s", r.Body)
		}
		// Revoke one: the panel comes back with a toast; the link is gone.
		lid := ptTestID(doc, "link-row").First().AttrOr("data-link", "")
		one := links + "/" + lid + "/revoke"
		wantStatus(t, org.PostNoCSRF(one, url.Values{}, nil), http.StatusForbidden)
		wantStatus(t, ptHX(viewer, http.MethodPost, one, url.Values{}, list), http.StatusForbidden)
		r = ptHX(org, http.MethodPost, one, url.Values{}, list)
		wantStatus(t, r, http.StatusOK)
		if ptTestID(r.Doc(), "links-panel").AttrOr("id", "") != "pv-links" || ptTestID(r.Doc(), "link-revoke").Length() != 1 {
			t.Fatalf("the panel after a revoke: %s", r.Body)
		}
		ptWantBody(t, r, "The link is revoked")
		wantStatus(t, ptHX(org, http.MethodPost, one, url.Values{}, list), http.StatusConflict)
		wantStatus(t, app.Anonymous(t).Get(revokeMe), http.StatusGone) // newest first: the last generated
		wantStatus(t, app.Anonymous(t).Get(keep), http.StatusOK)
		// A link of another person through this one's address is not found.
		var ritaLink int64
		if err := db.Gorm.Raw(`SELECT id FROM login_tokens WHERE participation_id = ?`, rita).Scan(&ritaLink).Error; err != nil {
			t.Fatal(err)
		}
		wantStatus(t, ptHX(org, http.MethodPost, links+"/"+strconv.FormatInt(ritaLink, 10)+"/revoke", url.Values{}, list), http.StatusNotFound)

		// Revoke all of Ivan's.
		r = ptHX(org, http.MethodPost, links+"/revoke", url.Values{}, list)
		wantStatus(t, r, http.StatusOK)
		ptWantBody(t, r, "1 login link of Ivan Invited is revoked")
		wantStatus(t, app.Anonymous(t).Get(keep), http.StatusGone)
		if n := countRows(t, db, `SELECT count(*) FROM audit_log WHERE action IN ('participant.login_link_revoked', 'participant.login_links_revoked')`); n != 2 {
			t.Fatalf("%d revocations audited", n)
		}

		// All of the event's: the confirmation counts them first.
		all := ptPath(e, "/users/links/revoke")
		r = ptHX(org, http.MethodGet, all, nil, list)
		wantStatus(t, r, http.StatusOK)
		if got := ptTestID(r.Doc(), "revoke-event-count").Text(); got != "1 login link of Summit works at the moment." {
			t.Fatalf("confirmation: %q", got)
		}
		wantStatus(t, ptHX(viewer, http.MethodGet, all, nil, list), http.StatusForbidden)
		wantStatus(t, org.PostNoCSRF(all, url.Values{}, nil), http.StatusForbidden)
		r = ptHX(org, http.MethodPost, all, url.Values{}, list)
		wantStatus(t, r, http.StatusOK)
		ptWantBody(t, r, "1 login link of this event is revoked")
		if n := countRows(t, db, `SELECT count(*) FROM login_tokens WHERE event_id = ? AND revoked_at IS NULL AND used_at IS NULL`, e.ID); n != 0 {
			t.Fatalf("%d links of the event still work", n)
		}
		if n := countRows(t, db, `SELECT count(*) FROM audit_log WHERE action = 'event.login_links_revoked'`); n != 1 {
			t.Fatal("the event-wide revoke is audited")
		}
		// Without JavaScript: back to the list with a flash.
		r = org.PostForm(all, url.Values{"return": {list}})
		wantStatus(t, r, http.StatusSeeOther)
		ptWantBody(t, org.Get(list), "No working login link of this event")

		// Another partner's participant does not exist here.
		other := app.OtherPartner(t, "Other Org")
		theirOwner := auth.Principal{StaffID: app.StaffIn(t, other, auth.RoleOwner).ID, PartnerID: other, Role: auth.RoleOwner}
		te := ptEvent(t, app, theirOwner, "Theirs", event.LoginMagicLink)
		tids := ptSeed(t, app, other, te, ptPerson{email: "them@example.com", first: "The", last: "M", then: ptAttended})
		for _, req := range []struct{ method, path string }{
			{http.MethodGet, ptRowPath(te, tids[0], "/links")},
			{http.MethodPost, ptRowPath(te, tids[0], "/links/revoke")},
			{http.MethodPost, ptRowPath(te, tids[0], "/block")},
			{http.MethodGet, ptPath(te, "/users/links/revoke")},
			{http.MethodPost, ptPath(te, "/users/links/revoke")},
			// Their participation through our event's address.
			{http.MethodPost, ptRowPath(e, tids[0], "/block")},
		} {
			var v url.Values
			if req.method == http.MethodPost {
				v = url.Values{}
			}
			if r := ptHX(org, req.method, req.path, v, list); r.Status != http.StatusNotFound {
				t.Errorf("%s %s: %d", req.method, req.path, r.Status)
			}
		}
		if st := ptStatus(t, app, theirOwner, te, tids[0]); st.Status != participation.StatusAttended {
			t.Fatal("their participant is untouched")
		}
	})
}
