package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/event"
	"roster/web/webtest"
)

// eventValues is a valid event form: 1–3 Dec 2026 in Paris.
func eventValues(name string) url.Values {
	return url.Values{"name": {name}, "time_zone": {"Europe/Paris"}, "starts_at": {"2026-12-01T09:30"},
		"ends_at": {"2026-12-03T17:00"}, "login_method": {"magic_link"}, "default_language": {"en"}}
}

func with(v url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			out.Del(kv[i])
		} else {
			out.Set(kv[i], kv[i+1])
		}
	}
	return out
}

// createEvent posts the form without JavaScript and returns the new event's id.
func createEvent(t *testing.T, c *webtest.Client, v url.Values) string {
	t.Helper()
	r := c.PostForm("/events", v)
	wantStatus(t, r, http.StatusSeeOther)
	loc := r.Header.Get("Location")
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/events/"), "/edit")
	if _, err := strconv.ParseInt(id, 10, 64); err != nil {
		t.Fatalf("created event redirects to %q", loc)
	}
	return id
}

func testids(doc *goquery.Document, id string) *goquery.Selection {
	return doc.Find(`[data-testid="` + id + `"]`)
}

func sessionNames(doc *goquery.Document) []string {
	var out []string
	testids(doc, "session-name").Each(func(_ int, s *goquery.Selection) { out = append(out, strings.TrimSpace(s.Text())) })
	return out
}

func TestEventCreateAndEdit(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		c, _ := app.LoginAs(t, auth.RoleOrganizer)

		r := c.Get("/events")
		wantStatus(t, r, http.StatusOK)
		if testids(r.Doc(), "events-empty").Length() != 1 || testids(r.Doc(), "event-new").Length() != 1 {
			t.Fatal("an empty list offers a new event")
		}
		wantStatus(t, c.Get("/events/new"), http.StatusOK)

		// Every rule has its message, inline, and nothing is written.
		bad := url.Values{"name": {""}, "time_zone": {"Mars/Olympus"}, "starts_at": {""}, "ends_at": {"2026-12-01T09:00"},
			"login_method": {"carrier_pigeon"}, "default_language": {"xx"}}
		r = c.PostForm("/events", bad)
		wantStatus(t, r, http.StatusUnprocessableEntity)
		for _, want := range []string{"Enter the event&#39;s name.", "Choose a time zone", "Enter when the event starts.",
			"Choose how attendees sign in.", "Choose one of the supported languages."} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("the refused form lacks %q", want)
			}
		}
		if !strings.Contains(r.Body, "<html") || testids(r.Doc(), "event-form").Length() != 1 {
			t.Fatal("without JavaScript the whole page comes back")
		}
		for _, c2 := range []struct {
			values url.Values
			want   string
		}{
			{with(eventValues(strings.Repeat("é", 201))), "at most 200 characters"},
			{with(eventValues("Backwards"), "ends_at", "2026-12-01T09:00"), "The event must end after it starts."},
			{with(eventValues("Closed"), "closed", "true"), "Only SSO events can be closed."},
			{with(eventValues("No end"), "ends_at", ""), "Enter when the event ends."},
			{with(eventValues("Garbled"), "starts_at", "tomorrow"), "Enter when the event starts."},
		} {
			// htmx gets the form alone, with 200 (htmx swaps 2xx only).
			r := c.HXPost("/events", c2.values)
			wantStatus(t, r, http.StatusOK)
			if strings.Contains(r.Body, "<html") || !strings.Contains(r.Body, c2.want) || testids(r.Doc(), "field-error").Length() != 1 {
				t.Errorf("htmx create %v: want only %q in %s", c2.values, c2.want, r.Body)
			}
			if testids(r.Doc(), "event-form").AttrOr("id", "") != "event-form" {
				t.Error("the form answers with itself")
			}
		}
		if r := c.Get("/events"); testids(r.Doc(), "event-row").Length() != 0 {
			t.Fatal("refused events were written")
		}

		// The local times are read in the chosen zone and shown back in it.
		id := createEvent(t, c, with(eventValues("Noël Summit"), "registration_form_required", "true"))
		r = c.Get("/events/" + id + "/edit")
		wantStatus(t, r, http.StatusOK)
		doc := r.Doc()
		if toast := doc.Find(`#toasts [data-testid="toast"]`); toast.Length() != 1 || !strings.Contains(toast.Text(), "Noël Summit") {
			t.Error("the creation is confirmed by a toast after the redirect")
		}
		if testids(doc, "event-starts-at").AttrOr("value", "") != "2026-12-01T09:30" || testids(doc, "event-time-zone").AttrOr("value", "") != "Europe/Paris" {
			t.Fatalf("edit form: start %q", testids(doc, "event-starts-at").AttrOr("value", ""))
		}
		if _, ok := testids(doc, "event-registration-form").Attr("checked"); !ok {
			t.Error("registration form required is kept")
		}
		if _, ok := testids(doc, "event-email-confirmation").Attr("checked"); ok {
			t.Error("an unchecked box stays unchecked")
		}
		if testids(doc, "event-language").Find(`option[value="it"]`).Text() != "Italian (not maintained)" ||
			testids(doc, "event-language").Find("option").First().AttrOr("value", "") != "en" {
			t.Error("languages: maintained first, the others marked")
		}
		list := c.Get("/events").Doc()
		row := testids(list, "event-row")
		if row.Length() != 1 || !strings.Contains(row.Text(), "1 Dec 2026, 09:30 – 3 Dec 2026, 17:00") ||
			!strings.Contains(row.Text(), "Europe/Paris") || testids(list, "event-name").AttrOr("href", "") != "/events/"+id+"/users" ||
			testids(list, "event-edit").AttrOr("href", "") != "/events/"+id+"/edit" {
			t.Fatalf("list row: %s", row.Text())
		}

		// The same with htmx: a redirect header to the new event.
		r = c.HXPost("/events", eventValues("Spring Gala"))
		wantStatus(t, r, http.StatusOK)
		if loc := r.Header.Get("HX-Redirect"); !strings.HasPrefix(loc, "/events/") || !strings.HasSuffix(loc, "/edit") {
			t.Fatalf("htmx create: HX-Redirect %q", loc)
		}

		// Edit with htmx: the form, the breadcrumb and the sessions come back with a toast.
		r = c.HXPost("/events/"+id, with(eventValues("Noël Summit 2026"), "time_zone", "America/New_York", "login_method", "sso", "closed", "true"))
		wantStatus(t, r, http.StatusOK)
		doc = r.Doc()
		if testids(doc, "event-form").Length() != 1 || testids(doc, "toast").Length() != 1 ||
			testids(doc, "event-crumb").AttrOr("hx-swap-oob", "") != "true" || testids(doc, "event-sessions").AttrOr("hx-swap-oob", "") != "true" {
			t.Fatalf("htmx edit answer: %s", r.Body)
		}
		if testids(doc, "event-starts-at").AttrOr("value", "") != "2026-12-01T09:30" {
			t.Error("the wall-clock time is kept in the new zone")
		}
		// A closed event cannot leave SSO while it stays closed.
		r = c.HXPost("/events/"+id, with(eventValues("Noël Summit 2026"), "login_method", "password", "closed", "true"))
		wantStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Body, "Only SSO events can be closed") || testids(r.Doc(), "toast").Length() != 0 {
			t.Fatalf("leaving SSO while closed: %s", r.Body)
		}
		// Without JavaScript: 422 with the page, then POST-redirect-GET.
		r = c.PostForm("/events/"+id, with(eventValues(""), "closed", "true"))
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, "Enter the event&#39;s name.") || testids(r.Doc(), "event-sessions").Length() != 1 {
			t.Fatal("the refused edit shows the whole page with its errors")
		}
		r = c.PostForm("/events/"+id, eventValues("Noël Summit"))
		wantStatus(t, r, http.StatusSeeOther)
		if r.Header.Get("Location") != "/events/"+id+"/edit" {
			t.Fatalf("edit redirects to %q", r.Header.Get("Location"))
		}

		admin, _ := app.LoginAs(t, auth.RoleAdmin)
		if body := admin.Get("/audit?q=event.updated").Body; !strings.Contains(body, "event.updated") {
			t.Fatal("edits are audited")
		}
	})
}

func TestEventSessions(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		c, _ := app.LoginAs(t, auth.RoleAdmin)
		id := createEvent(t, c, eventValues("Summit"))
		base := "/events/" + id

		// htmx: the sessions card comes back, in start order, with a toast.
		r := c.HXPost(base+"/sessions", url.Values{"name": {"Closing"}, "starts_at": {"2026-12-03T16:00"}, "ends_at": {"2026-12-03T17:00"}})
		wantStatus(t, r, http.StatusOK)
		if testids(r.Doc(), "event-sessions").Length() != 1 || testids(r.Doc(), "toast").Length() != 1 || strings.Contains(r.Body, "<html") {
			t.Fatalf("add session answer: %s", r.Body)
		}
		// Without JavaScript: POST-redirect-GET to the sessions.
		r = c.PostForm(base+"/sessions", url.Values{"name": {"Keynote"}, "starts_at": {"2026-12-01T09:30"}, "ends_at": {"2026-12-01T10:30"}})
		wantStatus(t, r, http.StatusSeeOther)
		if r.Header.Get("Location") != base+"/edit#event-sessions" {
			t.Fatalf("add redirects to %q", r.Header.Get("Location"))
		}
		page := c.Get(base + "/edit").Doc()
		if got := sessionNames(page); strings.Join(got, ",") != "Keynote,Closing" {
			t.Fatalf("sessions in start order: %v", got)
		}
		if got := strings.TrimSpace(testids(page, "session-starts").First().Text()); got != "1 Dec 2026, 09:30" {
			t.Errorf("a session's start is shown in the event's zone: %q", got)
		}

		// Every session rule, inline.
		for _, c2 := range []struct {
			values url.Values
			want   string
		}{
			{url.Values{"name": {""}, "starts_at": {"2026-12-01T11:00"}, "ends_at": {"2026-12-01T12:00"}}, "Enter the session&#39;s name."},
			{url.Values{"name": {"Early"}, "starts_at": {"2026-12-01T09:00"}, "ends_at": {"2026-12-01T10:00"}}, "Sessions must fall within the event"},
			{url.Values{"name": {"Late"}, "starts_at": {"2026-12-03T16:00"}, "ends_at": {"2026-12-03T18:00"}}, "Sessions must fall within the event"},
			{url.Values{"name": {"Backwards"}, "starts_at": {"2026-12-01T12:00"}, "ends_at": {"2026-12-01T11:00"}}, "The session must end after it starts."},
			{url.Values{"name": {"No start"}, "ends_at": {"2026-12-01T11:00"}}, "Enter when the session starts."},
			{url.Values{"name": {"No end"}, "starts_at": {"2026-12-01T11:00"}}, "Enter when the session ends."},
			{url.Values{"name": {strings.Repeat("x", 201)}, "starts_at": {"2026-12-01T11:00"}, "ends_at": {"2026-12-01T12:00"}}, "at most 200 characters"},
		} {
			r := c.HXPost(base+"/sessions", c2.values)
			wantStatus(t, r, http.StatusOK)
			if !strings.Contains(r.Body, c2.want) || testids(r.Doc(), "toast").Length() != 0 {
				t.Errorf("add %v: want %q", c2.values, c2.want)
			}
			if v := testids(r.Doc(), "session-add-name").AttrOr("value", ""); v != c2.values.Get("name") {
				t.Errorf("the refused values are shown back: %q", v)
			}
		}
		r = c.PostForm(base+"/sessions", url.Values{"name": {"Early"}, "starts_at": {"2026-12-01T08:00"}, "ends_at": {"2026-12-01T09:00"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, "Sessions must fall within the event (1 Dec 2026, 09:30 – 3 Dec 2026, 17:00, Europe/Paris)") {
			t.Fatal("without JavaScript the page comes back with the error")
		}

		// Edit a row: the edit form replaces it; saving answers with the whole card.
		var keynote string
		page = c.Get(base + "/edit").Doc()
		testids(page, "session-row").Each(func(_ int, s *goquery.Selection) {
			if strings.Contains(s.Text(), "Keynote") {
				keynote = strings.TrimPrefix(s.AttrOr("id", ""), "session-")
			}
		})
		sURL := base + "/sessions/" + keynote
		r = c.HXGet(sURL + "/edit")
		wantStatus(t, r, http.StatusOK)
		if testids(r.Doc(), "session-edit-form").Length() != 1 || testids(r.Doc(), "session-edit-starts-at").AttrOr("value", "") != "2026-12-01T09:30" {
			t.Fatalf("edit row: %s", r.Body)
		}
		if r := c.Get(sURL + "/edit"); r.Status != http.StatusOK || testids(r.Doc(), "session-edit-form").Length() != 1 || !strings.Contains(r.Body, "<html") {
			t.Fatal("without JavaScript the page opens with the row in edit")
		}
		r = c.HXGet(sURL)
		// A bare <tr> does not survive HTML parsing outside a table: read the text.
		if !strings.Contains(r.Body, `<tr id="session-`+keynote+`" data-testid="session-row">`) || strings.Contains(r.Body, "session-edit-form") {
			t.Fatal("cancel shows the row again")
		}
		r = c.HXPost(sURL, url.Values{"name": {"Keynote"}, "starts_at": {"2026-12-04T09:30"}, "ends_at": {"2026-12-04T10:30"}})
		wantStatus(t, r, http.StatusOK)
		if testids(r.Doc(), "session-edit-form").Length() != 1 || !strings.Contains(r.Body, "Sessions must fall within the event") ||
			r.Header.Get("HX-Retarget") != "" {
			t.Fatalf("a refused session edit keeps the row's form: %s", r.Body)
		}
		r = c.HXPost(sURL, url.Values{"name": {"Final keynote"}, "starts_at": {"2026-12-03T16:30"}, "ends_at": {"2026-12-03T17:00"}})
		wantStatus(t, r, http.StatusOK)
		if r.Header.Get("HX-Retarget") != "#event-sessions" || strings.Join(sessionNames(r.Doc()), ",") != "Closing,Final keynote" {
			t.Fatalf("saved session: %s %v", r.Header.Get("HX-Retarget"), sessionNames(r.Doc()))
		}
		r = c.PostForm(sURL, url.Values{"name": {""}, "starts_at": {"2026-12-03T16:30"}, "ends_at": {"2026-12-03T17:00"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if testids(r.Doc(), "session-edit-form").Length() != 1 {
			t.Fatal("without JavaScript the refused edit comes back in the page")
		}
		wantStatus(t, c.PostForm(sURL, url.Values{"name": {"Final"}, "starts_at": {"2026-12-03T16:30"}, "ends_at": {"2026-12-03T17:00"}}), http.StatusSeeOther)

		// The event cannot shrink away from its sessions.
		r = c.HXPost(base, with(eventValues("Summit"), "ends_at", "2026-12-02T17:00"))
		if !strings.Contains(r.Body, "Sessions must fall within the event") {
			t.Fatalf("shrinking the event: %s", r.Body)
		}

		// Delete: an empty row and a toast; then without JavaScript.
		r = c.HXPost(sURL+"/delete", nil)
		wantStatus(t, r, http.StatusOK)
		if testids(r.Doc(), "session-row").Length() != 0 || testids(r.Doc(), "toast").Length() != 1 {
			t.Fatalf("delete answer: %s", r.Body)
		}
		wantStatus(t, c.HXPost(sURL+"/delete", nil), http.StatusNotFound)
		var closing string
		testids(c.Get(base+"/edit").Doc(), "session-row").Each(func(_ int, s *goquery.Selection) {
			closing = strings.TrimPrefix(s.AttrOr("id", ""), "session-")
		})
		wantStatus(t, c.PostForm(base+"/sessions/"+closing+"/delete", nil), http.StatusSeeOther)
		if got := sessionNames(c.Get(base + "/edit").Doc()); len(got) != 0 {
			t.Fatalf("sessions left: %v", got)
		}
		if body := c.Get("/audit?q=event.session").Body; !strings.Contains(body, "event.session_deleted") || !strings.Contains(body, "event.session_added") {
			t.Fatal("session changes are audited")
		}
	})
}

func TestEventRoles(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		owner, _ := app.LoginAs(t, auth.RoleOwner)
		id := createEvent(t, owner, eventValues("Summit"))
		base := "/events/" + id
		wantStatus(t, owner.PostForm(base+"/sessions", url.Values{"name": {"Keynote"}, "starts_at": {"2026-12-01T10:00"}, "ends_at": {"2026-12-01T11:00"}}), http.StatusSeeOther)
		var sid string
		testids(owner.Get(base+"/edit").Doc(), "session-row").Each(func(_ int, s *goquery.Selection) {
			sid = strings.TrimPrefix(s.AttrOr("id", ""), "session-")
		})

		// Support reads events (the page read-only) but changes nothing.
		support, _ := app.LoginAs(t, auth.RoleSupport)
		r := support.Get("/events")
		wantStatus(t, r, http.StatusOK)
		if testids(r.Doc(), "event-new").Length() != 0 || !strings.Contains(testids(r.Doc(), "event-edit").Text(), "View") {
			t.Error("support sees no new button and a View link")
		}
		r = support.Get(base + "/edit")
		wantStatus(t, r, http.StatusOK)
		if _, ok := testids(r.Doc(), "event-fields").Attr("disabled"); !ok || testids(r.Doc(), "event-submit").Length() != 0 ||
			testids(r.Doc(), "session-add-form").Length() != 0 || testids(r.Doc(), "session-delete").Length() != 0 {
			t.Error("support's event page is read-only")
		}
		for _, req := range []struct{ method, path string }{
			{"GET", "/events/new"}, {"POST", "/events"}, {"POST", base}, {"POST", base + "/sessions"},
			{"GET", base + "/sessions/" + sid + "/edit"}, {"POST", base + "/sessions/" + sid}, {"POST", base + "/sessions/" + sid + "/delete"},
		} {
			var r *webtest.Response
			if req.method == "GET" {
				r = support.Get(req.path)
			} else {
				r = support.PostForm(req.path, eventValues("Support's"))
			}
			if r.Status != http.StatusForbidden {
				t.Errorf("support %s %s: %d, want 403", req.method, req.path, r.Status)
			}
		}
		if r := support.HXPost("/events", eventValues("Support's")); r.Status != http.StatusForbidden || !strings.Contains(r.Body, "data-toast") {
			t.Errorf("an htmx refusal is a toast: %d", r.Status)
		}

		// Classroom admins do not even see events.
		classroom, _ := app.LoginAs(t, auth.RoleClassroomAdmin)
		for _, path := range []string{"/events", base + "/edit", base + "/sessions/" + sid} {
			if r := classroom.Get(path); r.Status != http.StatusForbidden {
				t.Errorf("classroom admin GET %s: %d, want 403", path, r.Status)
			}
		}
		// Nothing changed.
		if got := sessionNames(owner.Get(base + "/edit").Doc()); strings.Join(got, ",") != "Keynote" {
			t.Fatalf("sessions: %v", got)
		}
	})
}

func TestEventTenancy(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		other := app.OtherPartner(t, "Other Org")
		st := app.StaffIn(t, other, auth.RoleOwner)
		theirs := app.Login(t, st.Email, webtest.Password)
		id := createEvent(t, theirs, eventValues("Their Summit"))
		base := "/events/" + id
		wantStatus(t, theirs.PostForm(base+"/sessions", url.Values{"name": {"Theirs"}, "starts_at": {"2026-12-01T10:00"}, "ends_at": {"2026-12-01T11:00"}}), http.StatusSeeOther)
		var sid string
		testids(theirs.Get(base+"/edit").Doc(), "session-row").Each(func(_ int, s *goquery.Selection) {
			sid = strings.TrimPrefix(s.AttrOr("id", ""), "session-")
		})

		mine, _ := app.LoginAs(t, auth.RoleOwner)
		if r := mine.Get("/events?q=their"); testids(r.Doc(), "event-row").Length() != 0 {
			t.Fatal("another partner's event is listed")
		}
		for _, req := range []struct{ method, path string }{
			{"GET", base + "/edit"}, {"POST", base}, {"POST", base + "/sessions"},
			{"GET", base + "/sessions/" + sid}, {"GET", base + "/sessions/" + sid + "/edit"},
			{"POST", base + "/sessions/" + sid}, {"POST", base + "/sessions/" + sid + "/delete"},
			{"GET", "/events/abc/edit"}, {"GET", "/events/0/edit"},
		} {
			var r *webtest.Response
			if req.method == "GET" {
				r = mine.Get(req.path)
			} else {
				r = mine.PostForm(req.path, url.Values{"name": {"Stolen"}, "starts_at": {"2026-12-01T10:00"}, "ends_at": {"2026-12-01T11:00"}})
			}
			if r.Status != http.StatusNotFound {
				t.Errorf("%s %s of another partner: %d, want 404", req.method, req.path, r.Status)
			}
		}
		// My own event cannot reach their session either.
		myID := createEvent(t, mine, eventValues("My Summit"))
		if r := mine.HXPost("/events/"+myID+"/sessions/"+sid+"/delete", nil); r.Status != http.StatusNotFound {
			t.Errorf("deleting their session through my event: %d", r.Status)
		}
		if got := sessionNames(theirs.Get(base + "/edit").Doc()); strings.Join(got, ",") != "Theirs" {
			t.Fatalf("their sessions changed: %v", got)
		}
		if r := theirs.Get(base + "/edit"); testids(r.Doc(), "event-name-input").AttrOr("value", "") != "Their Summit" {
			t.Fatal("their event changed")
		}
	})
}

func TestEventListSearchAndPages(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		c, st := app.LoginAs(t, auth.RoleOrganizer)
		svc := event.NewService(db)
		p := auth.Principal{StaffID: st.ID, PartnerID: app.PartnerID, Role: auth.RoleOrganizer, Email: st.Email}
		ctx := context.Background()
		start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
		var noel event.Event
		for i := range 51 {
			name := fmt.Sprintf("Meetup %02d", i)
			if i == 10 {
				name = "Noël Summit"
			}
			e, err := svc.Create(ctx, p, event.Input{Name: name, TimeZone: "UTC", StartsAt: start.Add(time.Duration(i) * 24 * time.Hour),
				EndsAt: start.Add(time.Duration(i)*24*time.Hour + time.Hour), LoginMethod: event.LoginSSO, Closed: i == 10, DefaultLanguage: "en"})
			if err != nil {
				t.Fatal(err)
			}
			if i == 10 {
				noel = e
			}
		}
		err := db.Gorm.Exec(`INSERT INTO participation_counters (partner_id, event_id, dimension, value, count) VALUES (?, ?, 'status', 'invited', 1200), (?, ?, 'status', 'registered', 34)`,
			app.PartnerID, noel.ID, app.PartnerID, noel.ID).Error
		if err != nil {
			t.Fatal(err)
		}

		for _, q := range []string{"noel", "NOËL", "summit"} {
			r := c.Get("/events?q=" + url.QueryEscape(q))
			wantStatus(t, r, http.StatusOK)
			rows := testids(r.Doc(), "event-row")
			if rows.Length() != 1 || !strings.Contains(rows.Text(), "Noël Summit") {
				t.Fatalf("search %q: %d rows", q, rows.Length())
			}
			if got := strings.TrimSpace(testids(r.Doc(), "event-participants").Text()); got != "1,234" {
				t.Errorf("participants %q", got)
			}
			if testids(r.Doc(), "event-closed").Length() != 1 || testids(r.Doc(), "events-q").AttrOr("value", "") != q {
				t.Error("closed badge, search box")
			}
		}
		r := c.Get("/events?q=zzz")
		if testids(r.Doc(), "event-row").Length() != 0 || testids(r.Doc(), "events-clear").Length() != 1 {
			t.Fatal("a search without results says so")
		}

		// 51 events: a page of 50, newest start first, then the last one.
		r = c.Get("/events")
		doc := r.Doc()
		if n := testids(doc, "event-row").Length(); n != 50 {
			t.Fatalf("first page: %d rows", n)
		}
		if first := strings.TrimSpace(testids(doc, "event-name").First().Text()); first != "Meetup 50" {
			t.Fatalf("newest first: %q", first)
		}
		next := testids(doc, "events-next").AttrOr("href", "")
		if next == "" || testids(doc, "events-first").Length() != 0 {
			t.Fatal("the first page links to the next")
		}
		doc = c.Get(next).Doc()
		if testids(doc, "event-row").Length() != 1 || strings.TrimSpace(testids(doc, "event-name").Text()) != "Meetup 00" ||
			testids(doc, "events-next").Length() != 0 || testids(doc, "events-first").AttrOr("href", "") != "/events" {
			t.Fatalf("second page: %s", testids(doc, "events-table").Text())
		}
		wantStatus(t, c.Get("/events?after=garbage"), http.StatusUnprocessableEntity)
		// Fragment for htmx, page otherwise.
		if frag := c.HXGet("/events"); strings.Contains(frag.Body, "<html") || testids(frag.Doc(), "events-page").Length() != 1 {
			t.Fatal("htmx gets the fragment")
		}
	})
}
