package participantview

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

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
		// Everyone used a link: the popover's extra line is on every row.
		used := t0
		p.LinkUsedAt, p.LinkDevice = &used, "Chrome on Windows"
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
		// Lean rows: 50 rows of long names, emails, titles and bios, each
		// with the last use of a link, stay within the 100 KB page (the
		// console shell adds about 18 KB).
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
		if got := row.Find(".st-tip small").Text(); got != "Link used 3 Mar 2026, 10:04 UTC, Chrome on Windows" {
			t.Errorf("%s: link use %q", v, got)
		}
		if row.Find(".st").AttrOr("aria-describedby", "") != row.Find(".st-tip").AttrOr("id", "x") {
			t.Error("the popover describes the status button")
		}
		// The menu loads when opened; without JavaScript it is a page.
		menu := row.Find(`details.rm`)
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

// The Edit dialog offers Block (or, for the blocked, Unblock) as its own
// form, submitted from the footer with a confirmation, beside the person's
// login links; Block never appears in the row menu.
func TestEditDialogBlock(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		status, button, action, question string
	}{
		{StatusAttended, "edit-block", "/events/7/users/5/block", BlockQuestion("Jane Doe")},
		{StatusBlocked, "edit-unblock", "/events/7/users/5/unblock", UnblockQuestion("Jane Doe")},
	} {
		in := part(5, c.status, "x")
		f := NewEditForm(in, langs, ViewUsers, csrf)
		_, doc := renderDoc(t, FormDialog(f, ""))
		form := testID(doc, "block-form")
		if form.AttrOr("id", "") != BlockFormID || form.AttrOr("action", "") != c.action || form.AttrOr("hx-post", "") != c.action ||
			form.AttrOr("data-confirm", "") != c.question || form.Find(`input[name="_csrf"]`).AttrOr("value", "") != csrf {
			t.Errorf("%s: block form", c.status)
		}
		if testID(doc, c.button).AttrOr("form", "") != BlockFormID || testID(doc, "edit-form").Find("#"+BlockFormID).Length() != 0 {
			t.Errorf("%s: the footer button submits the separate form", c.status)
		}
		if testID(doc, "edit-links").AttrOr("href", "") != "/events/7/users/5/links" {
			t.Errorf("%s: login links", c.status)
		}
		_, menu := renderDoc(t, Menu(NewRow(in, RowOpts{CSRFToken: csrf})))
		if strings.Contains(menu.Text(), "Block") {
			t.Errorf("%s: Block is not a row action", c.status)
		}
	}
	// A viewer's row carries no Block: the dialog has no block form.
	in := part(5, StatusAttended, "x")
	in.Actions = []Action{{ActEdit, "Edit"}}
	_, doc := renderDoc(t, FormDialog(NewEditForm(in, langs, ViewUsers, csrf), ""))
	if testID(doc, "block-form").Length() != 0 || testID(doc, "edit-block").Length() != 0 {
		t.Error("Block only when the matrix offers it")
	}
}

// The login links panel: each link's state, creator, expiry and last use;
// Revoke only on working links and for organisers; Revoke all asks first.
func TestLinksPanel(t *testing.T) {
	t.Parallel()
	used, exp := t0.Add(time.Hour), t0.Add(72*time.Hour)
	in := LinksInput{EventID: 7, ID: 5, Name: "Jane Doe", Email: "jane@example.com", StatusLabel: "Invited", Status: StatusInvited,
		Live: 2, CanManage: true, CSRFToken: csrf, Links: []LinkInput{
			{ID: 3, Purpose: "login", State: "active", CreatedAt: t0, CreatedBy: "Olga Organiser", ExpiresAt: exp},
			{ID: 2, Purpose: "invitation", State: "used", CreatedAt: t0, ExpiresAt: exp, LastUsedAt: &used, LastUsedDevice: "Firefox on Linux"},
			{ID: 1, Purpose: "login", State: "active", CreatedAt: t0, ExpiresAt: exp},
			{ID: 0, Purpose: "confirm_email", State: "revoked", CreatedAt: t0, ExpiresAt: exp},
		}}
	_, doc := renderDoc(t, LinksDialog(NewLinks(in), ""))
	rows := testID(doc, "link-row")
	if rows.Length() != 4 {
		t.Fatalf("%d links", rows.Length())
	}
	first := rows.Eq(0)
	if !strings.Contains(first.Text(), "Sign-in link") || !strings.Contains(first.Text(), "by Olga Organiser") ||
		!strings.Contains(first.Text(), "expires 6 Mar 2026, 10:04 UTC") || first.Find(`[data-testid="link-used"]`).Text() != "Never used" {
		t.Errorf("first link: %q", first.Text())
	}
	if first.Find("form").AttrOr("hx-post", "") != "/events/7/users/5/links/3/revoke" || first.Find("form").AttrOr("hx-target", "") != "#pv-links" {
		t.Error("revoke one link, replacing the panel")
	}
	second := rows.Eq(1)
	if second.Find(`[data-testid="link-used"]`).Text() != "Link used 3 Mar 2026, 11:04 UTC, Firefox on Linux" ||
		second.Find(`[data-testid="link-state"]`).Text() != "Used" || second.Find("form").Length() != 0 {
		t.Errorf("used link: %q", second.Text())
	}
	if rows.Eq(3).Find("form").Length() != 0 || rows.Eq(3).Find(`[data-testid="link-state"]`).Text() != "Revoked" {
		t.Error("a revoked link offers no Revoke")
	}
	all := testID(doc, "links-revoke-all").Closest("form")
	if all.AttrOr("action", "") != "/events/7/users/5/links/revoke" || all.AttrOr("data-confirm", "") != RevokeAllQuestion("Jane Doe", 2) {
		t.Error("revoke all, with a confirmation")
	}
	// Viewers see the links, not the buttons.
	in.CanManage = false
	_, doc = renderDoc(t, LinksPanel(NewLinks(in)))
	if doc.Find("form").Length() != 0 || testID(doc, "link-row").Length() != 4 {
		t.Error("read-only links")
	}
}
