package participantview

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"
)

const csrf = `tok"en'<&>`

func renderDoc(t *testing.T, c templ.Component) (string, *goquery.Document) {
	t.Helper()
	var b strings.Builder
	if err := c.Render(context.Background(), &b); err != nil {
		t.Fatalf("render: %v", err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	// What the CSP forbids: inline scripts and styles, handlers, hx-on.
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
	return b.String(), doc
}

func testID(doc *goquery.Document, id string) *goquery.Selection {
	return doc.Find(`[data-testid="` + id + `"]`)
}

func demoPage(n int, v View) PageVM {
	var rows []RowInput
	for i := range n {
		p := part(int64(100000+i), StatusRegistered, "Confirmed email")
		p.Person.FirstName, p.Person.LastName = "Maximilian", fmt.Sprintf("Lindqvist-Øberg %d", i)
		p.Person.Email = fmt.Sprintf("maximilian.lindqvist-oberg.%d@a-long-company-domain.example", i)
		p.Person.Title, p.Person.Company = "Principal Developer Advocate", "Northwind Traders International"
		p.Person.Bio = strings.Repeat("Builds developer tools and speaks about them at conferences. ", 40)
		p.Speaker = true
		rows = append(rows, p)
	}
	counts := Counts{Total: 123456, ByStatus: map[string]int64{StatusRegistered: 123456}}
	res := NewResults(ResultsInput{EventID: 7, View: v, State: State{Query: "max"}, Rows: rows, Total: 123456, From: 1, To: int64(n),
		Next: "N", Counts: counts, Statuses: statuses, Sizes: []int{25, 50, 100, 200}, DefaultSize: 50, CanManage: true, CanDetail: true,
		CSRFToken: csrf})
	return PageVM{EventID: 7, EventName: "Summit", View: v, Results: res, Tabs: Tabs(7, v, counts), CanManage: true,
		Roles: RoleOptions(""), InviteURL: InviteURL(7, v), ExportURL: res.ExportURL, CSRFToken: csrf}
}

func TestPageMarkup(t *testing.T) {
	t.Parallel()
	for _, v := range Views {
		out, doc := renderDoc(t, Page(demoPage(50, v)))
		if n := testID(doc, "participant-row").Length(); n != 50 {
			t.Fatalf("%s: %d rows", v, n)
		}
		for _, id := range []string{"participants-table", "pv-filter", "pv-search", "status-chips", "chip-all", "chip-invited",
			"bulk-bar", "bulk-resend", "bulk-remove", "bulk-export", "select-all", "range", "page-next", "page-size", "invite-open",
			"export-all", "modal", "event-switcher", "tab-users", "sort-name", "row-actions"} {
			if testID(doc, id).Length() == 0 {
				t.Errorf("%s: data-testid %q missing", v, id)
			}
		}
		// Lean rows: 50 rows of long names, emails, titles and bios stay
		// within the 100 KB page (the console shell adds about 18 KB).
		if len(out) > 81_500 {
			t.Errorf("%s: 50 rows render %d bytes", v, len(out))
		}
		row := doc.Find("#participant-100000")
		if row.Length() != 1 || row.AttrOr("data-status", "") != "registered" {
			t.Fatalf("%s: row id", v)
		}
		if got := row.Find(".st-tip").Text(); !strings.Contains(got, "Confirmed email") || !strings.Contains(got, "since 3 Mar 2026, 10:04 UTC") {
			t.Errorf("%s: detailed status %q", v, got)
		}
		if row.Find(".st").AttrOr("aria-describedby", "") != row.Find(".st-tip").AttrOr("id", "x") {
			t.Error("the popover describes the status button")
		}
		// The menu loads when opened; without JavaScript it is a page.
		menu := row.Find(`details[data-menu]`)
		if menu.AttrOr("hx-get", "") != "/events/7/users/100000/actions" || menu.AttrOr("hx-trigger", "") != "toggle once" ||
			menu.Find(`a[href="/events/7/users/100000/actions"]`).Length() != 1 {
			t.Errorf("%s: lazy menu", v)
		}
		// The bulk form carries the token and the view to come back to.
		bulk := testID(doc, "bulk-bar")
		if bulk.Find(`input[name="_csrf"]`).AttrOr("value", "") != csrf || bulk.Find(`input[name="return"]`).AttrOr("value", "") != ListURL(7, v)+"?q=max" {
			t.Errorf("%s: bulk form", v)
		}
		if doc.Find(`input[name="ids"][form="pv-bulk"]`).Length() != 50 {
			t.Errorf("%s: selection boxes", v)
		}
		if v.Profiles() != (doc.Find(".pv-bio").Length() == 50) {
			t.Errorf("%s: bios", v)
		}
	}
}

func TestMenuMarkup(t *testing.T) {
	t.Parallel()
	r := NewRow(part(5, StatusInvited, "Invited by team member"), RowOpts{CSRFToken: csrf})
	_, doc := renderDoc(t, Menu(r))
	form := doc.Find(`form[method="post"]`)
	if form.Length() != 1 || form.Find(`input[name="_csrf"]`).AttrOr("value", "") != csrf || form.AttrOr("hx-target", "") != "closest tr" {
		t.Fatal("the menu is one POST form with its token, swapping its row")
	}
	for id, url := range map[string]string{"action-resend": "/events/7/users/5/resend", "action-login-link": "/events/7/users/5/login-link",
		"action-remove": "/events/7/users/5/remove"} {
		if got := testID(doc, id).AttrOr("formaction", ""); got != url {
			t.Errorf("%s formaction %q", id, got)
		}
	}
	if testID(doc, "action-edit").AttrOr("href", "") != "/events/7/users/5/edit" || testID(doc, "action-analytics").Length() != 0 {
		t.Error("edit is a link; analytics is not offered to the invited")
	}
	if q := testID(doc, "action-remove").AttrOr("data-confirm", ""); q != RemoveQuestion("Jane Doe") {
		t.Errorf("confirm %q", q)
	}
	// The actions page (no JavaScript) posts plainly.
	_, page := renderDoc(t, ActionsPage(r, "/events/7/users"))
	if page.Find(`form[hx-post]`).Length() != 0 || page.Find(`form[method="post"] button[formaction]`).Length() != 3 {
		t.Error("actions page forms")
	}
	// Read-only staff: an attended person shows View analytics only, as a link.
	attended := part(6, StatusAttended, "Pre-event visit")
	attended.Actions = []Action{{ActViewAnalytics, "View analytics"}} // what a read-only viewer is offered
	ro := NewRow(attended, RowOpts{CSRFToken: csrf})
	_, doc = renderDoc(t, Menu(ro))
	if doc.Find("form").Length() != 0 || testID(doc, "action-analytics").Length() != 1 || doc.Find("button").Length() != 0 {
		t.Error("read-only menu")
	}
	// Unregistered: no actions at all, no menu.
	_, doc = renderDoc(t, Row(NewRow(part(7, StatusUnregistered, "Unregistered"), RowOpts{})))
	if testID(doc, "row-actions").Length() != 0 {
		t.Error("no menu without actions")
	}
}

func TestFormMarkup(t *testing.T) {
	t.Parallel()
	f := NewInviteForm(7, "en", langs, ViewSpeakers, csrf)
	f.Errors = map[string]string{"email": "This email is already in the event.", "bio": "Too long."}
	_, doc := renderDoc(t, FormDialog(f, ""))
	form := testID(doc, "invite-form")
	if form.AttrOr("enctype", "") != "multipart/form-data" || form.AttrOr("hx-encoding", "") != "multipart/form-data" {
		t.Fatal("multipart")
	}
	if form.Find(`input[name="_csrf"]`).AttrOr("value", "") != csrf || form.Find(`input[name="view"]`).AttrOr("value", "") != "speakers" {
		t.Fatal("hidden fields")
	}
	if _, ok := testID(doc, "form-speaker").Attr("checked"); !ok {
		t.Error("the speakers page invites a speaker")
	}
	if testID(doc, "form-email").AttrOr("aria-invalid", "") != "true" || doc.Find("#pv-email-error").Text() != "This email is already in the event." {
		t.Error("inline email error")
	}
	if doc.Find(`optgroup[label="Not maintained"] option`).Length() != 2 || doc.Find(`optgroup[label="Maintained"] option`).Length() != 3 {
		t.Error("languages")
	}
	if testID(doc, "invite-submit").AttrOr("value", "") != "1" || testID(doc, "invite-submit-noemail").AttrOr("value", "") != "0" {
		t.Error("split button")
	}
	if testID(doc, "modal-close").Length() != 1 {
		t.Error("a dialog has its close button")
	}
	_, page := renderDoc(t, FormDialog(f, "/events/7/speakers"))
	if testID(page, "modal-close").Length() != 0 || page.Find(`a[href="/events/7/speakers"]`).Length() == 0 {
		t.Error("as a page it links back to the list")
	}
}
