package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/event"
	"roster/web/webtest"
)

// The People directory and the person page: search, state filter, events
// with links to the person's row, the audit trail, and tenancy.
func TestPeopleDirectory(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		sup, _ := app.LoginAs(t, auth.RoleSupport)
		owner := ptOwner(t, app)
		e := ptEvent(t, app, owner, "Summit", event.LoginMagicLink)
		invite(t, app, owner, e, "noel@example.com", "fr")
		ptSeed(t, app, app.PartnerID, e, ptPerson{email: "blocked@example.com", first: "Bo", last: "Blocked", then: ptBlocked})

		r := sup.Get("/people?q=NOEL")
		wantStatus(t, r, http.StatusOK)
		rows := ptTestID(r.Doc(), "people-row")
		if rows.Length() != 1 || !strings.Contains(rows.Text(), "Summit") || !strings.Contains(rows.Text(), "Active") {
			t.Fatalf("search: %d rows: %s", rows.Length(), rows.Text())
		}
		if n := ptTestID(sup.Get("/people?state=deactivated").Doc(), "people-row").Length(); n != 0 {
			t.Fatalf("deactivated: %d", n)
		}
		if n := ptTestID(sup.Get("/people?state=active").Doc(), "people-row").Length(); n != 2 {
			t.Fatalf("active: %d", n)
		}
		href := ptTestID(r.Doc(), "people-open").AttrOr("href", "")
		page := sup.Get(href)
		wantStatus(t, page, http.StatusOK)
		doc := page.Doc()
		if ptTestID(doc, "person-email").Text() != "noel@example.com" || ptTestID(doc, "person-event").Length() != 1 {
			t.Fatal("the person page shows the person and their event")
		}
		link := ptTestID(doc, "person-event-link").AttrOr("href", "")
		if link != "/events/"+strconv.FormatInt(e.ID, 10)+"/users?q=noel%40example.com" {
			t.Fatalf("event link %q", link)
		}
		if got := ptNames(sup.Get(link).Doc()); len(got) != 1 {
			t.Fatalf("the link opens the person's row: %v", got)
		}
		if !strings.Contains(ptTestID(doc, "person-audit").Text(), "Invited to an event") {
			t.Fatalf("audit trail: %s", ptTestID(doc, "person-audit").Text())
		}
		wantStatus(t, sup.Get("/people/999999"), http.StatusNotFound)
		wantStatus(t, sup.Get("/people/abc"), http.StatusNotFound)

		other := app.OtherPartner(t, "Other Org")
		st := app.StaffIn(t, other, auth.RoleOwner)
		oc := app.Login(t, st.Email, webtest.Password)
		wantStatus(t, oc.Get(href), http.StatusNotFound)
		if n := ptTestID(oc.Get("/people").Doc(), "people-row").Length(); n != 0 {
			t.Fatalf("another partner sees %d people", n)
		}
	})
}

// A row carries its bio's excerpt; the whole bio comes on demand, and goes
// back to the excerpt.
func TestSpeakerBioExpands(t *testing.T) {
	t.Parallel()
	app := webtest.New(t, dbtest.SQLite(t))
	org, _ := app.LoginAs(t, auth.RoleOrganizer)
	owner := ptOwner(t, app)
	e := ptEvent(t, app, owner, "Summit", event.LoginMagicLink)
	bio := strings.Repeat("Builds compilers and teaches them. ", 20) + "The end."
	r := ptMultipart(t, org, ptPath(e, "/users"), ptInvite("ada@example.com", "speaker", "1", "bio", bio), nil, true, ptPath(e, "/speakers"))
	wantStatus(t, r, http.StatusOK)
	page := org.Get(ptPath(e, "/speakers"))
	excerpt := page.Doc().Find("#pv-rows p.pv-bio").Text()
	if !strings.HasSuffix(excerpt, "…") || strings.Contains(page.Body, "The end.") {
		t.Fatalf("the row carries only the excerpt: %q", excerpt)
	}
	id := strings.TrimPrefix(page.Doc().Find(`#pv-rows tr`).AttrOr("id", ""), "participant-")
	path := ptPath(e, "/users/"+id+"/bio")
	full := ptHX(org, http.MethodGet, path, nil, ptPath(e, "/speakers"))
	wantStatus(t, full, http.StatusOK)
	if !strings.Contains(ptTestID(full.Doc(), "bio-full").Text(), "The end.") || ptTestID(full.Doc(), "bio-less").Length() != 1 {
		t.Fatalf("whole bio: %s", full.Body)
	}
	short := ptHX(org, http.MethodGet, path+"?short=1", nil, ptPath(e, "/speakers"))
	if short.Doc().Find("p.pv-bio").Text() != excerpt {
		t.Fatalf("back to the excerpt: %s", short.Body)
	}
	// Another partner cannot read it.
	other := app.OtherPartner(t, "Other Org")
	st := app.StaffIn(t, other, auth.RoleOwner)
	wantStatus(t, app.Login(t, st.Email, webtest.Password).Get(path), http.StatusNotFound)
}
