package eventview_test

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"roster/views/eventview"
)

// csrf is hostile on purpose: it must survive attribute escaping intact.
const csrf = `tok"en'<&>`

func render(t *testing.T, c templ.Component) *goquery.Document {
	t.Helper()
	var b strings.Builder
	if err := c.Render(context.Background(), &b); err != nil {
		t.Fatalf("render: %v", err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	// What the CSP forbids: inline script or style, style= and handlers.
	if doc.Find("script, style").Length() > 0 {
		t.Error("inline <script> or <style>")
	}
	doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		for _, a := range s.Nodes[0].Attr {
			k := strings.ToLower(a.Key)
			if k == "style" || strings.HasPrefix(k, "on") || strings.HasPrefix(k, "hx-on") {
				t.Errorf("forbidden attribute %s on <%s>", a.Key, goquery.NodeName(s))
			}
		}
	})
	return doc
}

func find(t *testing.T, doc *goquery.Document, testid string) *goquery.Selection {
	t.Helper()
	s := doc.Find(`[data-testid="` + testid + `"]`)
	if s.Length() == 0 {
		t.Fatalf("no [data-testid=%q]", testid)
	}
	return s
}

func TestListPage(t *testing.T) {
	t.Parallel()
	vm := eventview.PageVM{Query: "noël", CanManage: true, NextURL: "/events?after=x", FirstURL: "/events",
		Rows: []eventview.RowVM{
			{ID: 1, Name: "Noël Summit", Dates: "1 Dec 2026, 09:00 – 17:00", TimeZone: "Europe/Paris", LoginLabel: "SSO",
				Closed: true, Participants: "1,234", CanManage: true, Phase: "before", PhaseLabel: "Upcoming"},
			{ID: 2, Name: "Open Day", Dates: "2 Dec 2026, 09:00 – 17:00", TimeZone: "UTC", LoginLabel: "Magic link", Participants: "0"},
		}}
	doc := render(t, eventview.Page(vm))
	if find(t, doc, "event-row").Length() != 2 {
		t.Fatal("two rows")
	}
	first := doc.Find(`[data-testid="event-row"]`).First()
	if first.AttrOr("id", "") != "event-1" || first.Find(`[data-testid="event-name"]`).AttrOr("href", "") != "/events/1/users" {
		t.Errorf("first row: %s", first.Text())
	}
	if first.Find(`[data-testid="event-closed"]`).Length() != 1 || doc.Find(`[data-testid="event-closed"]`).Length() != 1 {
		t.Error("only the closed event has the closed badge")
	}
	if got := strings.TrimSpace(first.Find(`[data-testid="event-zone"]`).Text()); got != "Europe/Paris" {
		t.Errorf("zone %q", got)
	}
	if find(t, doc, "events-q").AttrOr("value", "") != "noël" || find(t, doc, "event-new").AttrOr("href", "") != "/events/new" {
		t.Error("search value or new button")
	}
	edit := doc.Find(`[data-testid="event-edit"]`)
	if !strings.Contains(edit.First().Text(), "Edit") || !strings.Contains(edit.Last().Text(), "View") {
		t.Errorf("edit links: %q", edit.Text())
	}
	if find(t, doc, "events-next").AttrOr("href", "") != "/events?after=x" || find(t, doc, "events-first").Length() != 1 {
		t.Error("pagination")
	}

	// Viewers get no "New event"; an empty search says so.
	doc = render(t, eventview.Page(eventview.PageVM{Query: "zz"}))
	if doc.Find(`[data-testid="event-new"]`).Length() != 0 || !strings.Contains(find(t, doc, "events-empty").Text(), "No events match “zz”") {
		t.Error("empty search")
	}
	doc = render(t, eventview.Page(eventview.PageVM{CanManage: true}))
	if find(t, doc, "events-empty-new").Length() != 1 || !strings.Contains(doc.Text(), "No events yet") {
		t.Error("empty list")
	}
}

func form() eventview.FormVM {
	return eventview.FormVM{ID: 7, Name: "Summit", TimeZone: "Europe/Paris", StartsAt: "2026-12-01T09:00", EndsAt: "2026-12-02T17:00",
		LoginMethod: "sso", DefaultLanguage: "it", Closed: true, CSRFToken: csrf,
		LoginMethods: []eventview.Option{{Value: "magic_link", Label: "Magic link"}, {Value: "sso", Label: "SSO"}},
		Languages:    []eventview.Option{{Value: "en", Label: "English"}, {Value: "it", Label: "Italian (not maintained)"}},
		TimeZones:    []string{"UTC", "Europe/Paris"}}
}

func TestForm(t *testing.T) {
	t.Parallel()
	vm := form()
	vm.Errors = map[string]string{"name": "Enter the event's name.", "closed": "Only SSO events can be closed."}
	doc := render(t, eventview.Form(vm))
	f := find(t, doc, "event-form")
	if f.AttrOr("action", "") != "/events/7" || f.AttrOr("hx-post", "") != "/events/7" || f.AttrOr("method", "") != "post" {
		t.Errorf("form attributes: %v", f.Nodes[0].Attr)
	}
	if doc.Find(`input[name="_csrf"]`).AttrOr("value", "") != csrf {
		t.Error("the CSRF token is not intact")
	}
	if find(t, doc, "event-name-input").AttrOr("aria-invalid", "") != "true" || find(t, doc, "event-closed").AttrOr("aria-invalid", "") != "true" {
		t.Error("invalid fields are marked")
	}
	if find(t, doc, "event-time-zone").AttrOr("aria-invalid", "") == "true" {
		t.Error("a valid field is marked invalid")
	}
	if msgs := doc.Find(`[data-testid="field-error"]`); msgs.Length() != 2 || !strings.Contains(msgs.Text(), "Only SSO events can be closed.") {
		t.Errorf("errors: %q", msgs.Text())
	}
	if _, ok := find(t, doc, "event-login-sso").Attr("checked"); !ok {
		t.Error("the login method is checked")
	}
	if _, ok := find(t, doc, "event-closed").Attr("checked"); !ok {
		t.Error("closed is checked")
	}
	if find(t, doc, "event-language").Find("option[selected]").AttrOr("value", "") != "it" {
		t.Error("the language is selected")
	}
	if find(t, doc, "event-starts-at").AttrOr("value", "") != "2026-12-01T09:00" || find(t, doc, "event-starts-at").AttrOr("type", "") != "datetime-local" {
		t.Error("start")
	}
	if doc.Find("datalist option").Length() != 2 {
		t.Error("time zone suggestions")
	}
	if !strings.Contains(find(t, doc, "event-submit").Text(), "Save changes") {
		t.Error("edit submit label")
	}

	vm = form()
	vm.ID = 0
	doc = render(t, eventview.Form(vm))
	if find(t, doc, "event-form").AttrOr("action", "") != "/events" || !strings.Contains(find(t, doc, "event-submit").Text(), "Create event") {
		t.Error("new form")
	}

	vm = form()
	vm.ReadOnly = true
	doc = render(t, eventview.Form(vm))
	if _, ok := find(t, doc, "event-fields").Attr("disabled"); !ok || doc.Find(`[data-testid="event-submit"]`).Length() != 0 {
		t.Error("a read-only form is disabled and has no submit")
	}
}

func sessions() eventview.SessionsVM {
	return eventview.SessionsVM{EventID: 7, Window: "1 Dec 2026, 09:00 – 2 Dec 2026, 17:00", TimeZone: "Europe/Paris", CanManage: true,
		CSRFToken: csrf, Rows: []eventview.SessionRowVM{
			{ID: 1, EventID: 7, Name: "Keynote", Starts: "1 Dec 2026, 09:00", Ends: "10:00", StartsAt: "2026-12-01T09:00", EndsAt: "2026-12-01T10:00"},
			{ID: 2, EventID: 7, Name: "Closing", Starts: "2 Dec 2026, 16:00", Ends: "17:00"},
		}}
}

func TestSessions(t *testing.T) {
	t.Parallel()
	doc := render(t, eventview.Sessions(sessions()))
	if find(t, doc, "event-sessions").AttrOr("id", "") != "event-sessions" || doc.Find(`[hx-swap-oob]`).Length() != 0 {
		t.Error("card")
	}
	if find(t, doc, "session-row").Length() != 2 || find(t, doc, "sessions-empty").Length() != 1 {
		t.Error("rows and the (CSS-hidden) empty row")
	}
	del := doc.Find(`[data-testid="session-delete-form"]`).First()
	if del.AttrOr("action", "") != "/events/7/sessions/1/delete" || !strings.Contains(del.AttrOr("hx-confirm", ""), "Keynote") ||
		del.AttrOr("hx-target", "") != "closest tr" || del.Find(`input[name="_csrf"]`).AttrOr("value", "") != csrf {
		t.Errorf("delete form: %v", del.Nodes[0].Attr)
	}
	if find(t, doc, "session-edit").First().AttrOr("hx-get", "") != "/events/7/sessions/1/edit" {
		t.Error("edit link")
	}
	add := find(t, doc, "session-add-form")
	if add.AttrOr("hx-post", "") != "/events/7/sessions" || add.AttrOr("hx-target", "") != "#event-sessions" ||
		add.Find(`input[name="_csrf"]`).AttrOr("value", "") != csrf {
		t.Error("add form")
	}

	vm := sessions()
	vm.OOB = true
	if doc := render(t, eventview.Sessions(vm)); find(t, doc, "event-sessions").AttrOr("hx-swap-oob", "") != "true" {
		t.Error("out of band")
	}

	vm = sessions()
	vm.CanManage = false
	doc = render(t, eventview.Sessions(vm))
	if doc.Find(`[data-testid="session-add-form"], [data-testid="session-edit"], [data-testid="session-delete"]`).Length() != 0 {
		t.Error("viewers get no session actions")
	}
}

func TestSessionEditRow(t *testing.T) {
	t.Parallel()
	r := sessions().Rows[0]
	r.Editing, r.CSRFToken, r.CanManage = true, csrf, true
	r.Errors = map[string]string{"starts_at": "Sessions must fall within the event"}
	doc := render(t, eventview.SessionRow(r))
	f := find(t, doc, "session-edit-form")
	if f.AttrOr("id", "") != "session-1-form" || f.AttrOr("hx-post", "") != "/events/7/sessions/1" || f.AttrOr("hx-target", "") != "closest tr" {
		t.Errorf("edit form: %v", f.Nodes[0].Attr)
	}
	// Inputs sit in other cells and belong to the form through form=.
	for _, id := range []string{"session-edit-name", "session-edit-starts-at", "session-edit-ends-at", "session-edit-save"} {
		if find(t, doc, id).AttrOr("form", "") != "session-1-form" {
			t.Errorf("%s is not tied to the form", id)
		}
	}
	if find(t, doc, "session-edit-starts-at").AttrOr("aria-invalid", "") != "true" || !strings.Contains(doc.Text(), "Sessions must fall within the event") {
		t.Error("error")
	}
	if find(t, doc, "session-edit-cancel").AttrOr("hx-get", "") != "/events/7/sessions/1" {
		t.Error("cancel")
	}
}

func TestPages(t *testing.T) {
	t.Parallel()
	doc := render(t, eventview.NewPage(eventview.NewVM{Form: form()}))
	find(t, doc, "event-new-page")
	find(t, doc, "page-header")
	doc = render(t, eventview.EditPage(eventview.EditVM{ID: 7, Name: "Noël Summit", Subtitle: "3 participants", Form: form(), Sessions: sessions()}))
	if strings.TrimSpace(find(t, doc, "event-crumb-current").Text()) != "Noël Summit" || find(t, doc, "event-users-link").AttrOr("href", "") != "/events/7/users" {
		t.Error("edit page")
	}
	doc = render(t, eventview.Crumb("Renamed"))
	if find(t, doc, "event-crumb").AttrOr("hx-swap-oob", "") != "true" {
		t.Error("crumb out of band")
	}
}
