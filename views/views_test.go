package views_test

import (
	"context"
	"encoding/json"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"roster/static"
	"roster/views/auditview"
	"roster/views/authview"
	"roster/views/dashview"
	"roster/views/errorview"
	"roster/views/layout"
	"roster/views/listview"
	"roster/views/outboxview"
	"roster/views/settingsview"
	"roster/views/staffview"
)

// csrf is deliberately hostile: it must survive attribute escaping intact.
const csrf = `tok"en'<&>`

// render renders c and parses the result, failing on unsafe markup.
func render(t *testing.T, c templ.Component) (string, *goquery.Document) {
	t.Helper()
	var b strings.Builder
	if err := c.Render(context.Background(), &b); err != nil {
		t.Fatalf("render: %v", err)
	}
	out := b.String()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(out))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	assertCSPSafe(t, doc)
	return out, doc
}

// inShell renders content inside the console shell, as the server does.
func inShell(content templ.Component) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		vm := layout.ShellVM{Title: "T", PartnerName: "Acme", UserName: "Ada Lovelace", UserEmail: "ada@acme.test", RoleLabel: "Owner", CSRFToken: csrf}
		return layout.Shell(vm).Render(templ.WithChildren(ctx, content), w)
	})
}

// assertCSPSafe checks what the CSP forbids: inline scripts, <style>,
// style= attributes, inline event handlers (on*, hx-on) and javascript: URLs.
func assertCSPSafe(t *testing.T, doc *goquery.Document) {
	t.Helper()
	doc.Find("script").Each(func(_ int, s *goquery.Selection) {
		if src, ok := s.Attr("src"); !ok || src == "" {
			t.Errorf("inline <script> found: %q", s.Text())
		}
	})
	if n := doc.Find("style").Length(); n > 0 {
		t.Errorf("%d <style> elements found", n)
	}
	doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		for _, a := range s.Nodes[0].Attr {
			name := strings.ToLower(a.Key)
			switch {
			case name == "style":
				t.Errorf("style= attribute on <%s>", goquery.NodeName(s))
			case strings.HasPrefix(name, "on"), strings.HasPrefix(name, "hx-on"), strings.HasPrefix(name, "data-hx-on"):
				t.Errorf("inline handler %s on <%s>", a.Key, goquery.NodeName(s))
			case (name == "href" || name == "action" || name == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:"):
				t.Errorf("javascript: URL in %s", a.Key)
			}
		}
	})
}

// assertTestIDs checks that each data-testid is present.
func assertTestIDs(t *testing.T, doc *goquery.Document, ids ...string) {
	t.Helper()
	for _, id := range ids {
		if doc.Find(`[data-testid="`+id+`"]`).Length() == 0 {
			t.Errorf("data-testid %q missing", id)
		}
	}
}

// assertCSRF checks the token in the body's hx-headers and in every POST
// form's hidden _csrf input.
func assertCSRF(t *testing.T, doc *goquery.Document, wantHeaders bool) {
	t.Helper()
	if wantHeaders {
		raw, ok := doc.Find("body").Attr("hx-headers")
		if !ok {
			t.Fatal("body has no hx-headers")
		}
		var h map[string]string
		if err := json.Unmarshal([]byte(raw), &h); err != nil {
			t.Fatalf("hx-headers is not JSON: %v (%q)", err, raw)
		}
		if h["X-CSRF-Token"] != csrf {
			t.Errorf("hx-headers csrf = %q, want %q", h["X-CSRF-Token"], csrf)
		}
	}
	posts := doc.Find(`form[method="post"]`)
	posts.Each(func(_ int, f *goquery.Selection) {
		in := f.Find(`input[type="hidden"][name="_csrf"]`)
		if in.Length() != 1 {
			t.Errorf("POST form %q has %d _csrf inputs", f.AttrOr("action", ""), in.Length())
			return
		}
		if v := in.AttrOr("value", ""); v != csrf {
			t.Errorf("POST form %q _csrf = %q, want %q", f.AttrOr("action", ""), v, csrf)
		}
	})
}

func attr(t *testing.T, s *goquery.Selection, name, want string) {
	t.Helper()
	if s.Length() == 0 {
		t.Errorf("no element for attribute %s", name)
		return
	}
	if got, _ := s.Attr(name); got != want {
		t.Errorf("%s = %q, want %q", name, got, want)
	}
}

func TestShell(t *testing.T) {
	t.Parallel()
	vm := layout.ShellVM{
		Title: "Staff", PartnerName: "Acme <Events>", UserName: "Ada Lovelace", UserEmail: "ada@acme.test", RoleLabel: "Owner", CSRFToken: csrf,
		Nav: []layout.NavSection{
			{Label: "Overview", Href: "/", TestID: "nav-home"},
			{Label: "Admin", TestID: "nav-admin", Links: []layout.NavLink{
				{Label: "Staff", Href: "/staff", TestID: "nav-staff", Active: true},
				{Label: "Outbox", Href: "/outbox", TestID: "nav-outbox"},
			}},
		},
		Toasts: []layout.Toast{{Kind: "success", Message: "Saved."}, {Kind: "error", Message: "Nope."}},
	}
	out, doc := render(t, layout.Shell(vm))
	if !strings.HasPrefix(strings.ToLower(out), "<!doctype html>") {
		t.Error("no doctype")
	}
	attr(t, doc.Find("html"), "lang", "en")
	attr(t, doc.Find(`meta[name="htmx-config"]`), "content", layout.HTMXConfig)
	var cfg map[string]any
	if err := json.Unmarshal([]byte(layout.HTMXConfig), &cfg); err != nil {
		t.Fatalf("HTMXConfig: %v", err)
	}
	for k, want := range map[string]any{"includeIndicatorStyles": false, "allowEval": false, "allowScriptTags": false, "selfRequestsOnly": true, "historyCacheSize": 0.0} {
		if cfg[k] != want {
			t.Errorf("htmx config %s = %v, want %v", k, cfg[k], want)
		}
	}
	attr(t, doc.Find(`link[rel="stylesheet"]`), "href", static.Path("dist/app.css"))
	scripts := doc.Find("head script")
	if scripts.Length() != 2 {
		t.Fatalf("%d scripts in head, want 2", scripts.Length())
	}
	for i, want := range []string{static.Path("vendor/htmx.min.js"), static.Path("js/app.js")} {
		s := scripts.Eq(i)
		attr(t, s, "src", want)
		if _, ok := s.Attr("defer"); !ok {
			t.Errorf("script %s not deferred", want)
		}
	}
	attr(t, doc.Find(`link[rel="icon"]`), "href", static.Path("img/favicon.svg"))
	assertCSRF(t, doc, true)
	assertTestIDs(t, doc, "shell", "topbar", "nav", "nav-home", "nav-admin", "nav-staff", "nav-outbox", "account-menu-button", "account-menu", "logout-form", "logout", "toasts", "confirm-dialog", "confirm-ok", "confirm-cancel", "partner-name")
	if got := doc.Find(`[data-testid="partner-name"]`).Text(); got != "Acme <Events>" {
		t.Errorf("partner name = %q", got)
	}
	attr(t, doc.Find(`[data-testid="logout-form"]`), "action", "/logout")
	attr(t, doc.Find(`[data-testid="logout-form"]`), "method", "post")
	attr(t, doc.Find(`[data-testid="nav-staff"]`), "aria-current", "page")
	if _, ok := doc.Find(`[data-testid="nav-outbox"]`).Attr("aria-current"); ok {
		t.Error("inactive link has aria-current")
	}
	attr(t, doc.Find("main#main"), "id", "main")
	attr(t, doc.Find("#toasts"), "aria-live", "polite")
	if n := doc.Find(`#toasts [data-toast]`).Length(); n != 2 {
		t.Errorf("%d toasts in #toasts, want 2", n)
	}
	attr(t, doc.Find(`#toasts [data-kind="error"]`), "role", "alert")
	if doc.Find("dialog#confirm-dialog form[method=dialog] button[value=confirm]").Length() != 1 {
		t.Error("confirm dialog has no confirm button")
	}
	if doc.Find("template#toast-template [data-toast-message]").Length() != 1 {
		t.Error("toast template missing")
	}
	// Toggles reference existing elements and start collapsed.
	doc.Find("[data-toggle]").Each(func(_ int, s *goquery.Selection) {
		id := s.AttrOr("data-toggle", "")
		if doc.Find("#"+id).Length() != 1 {
			t.Errorf("data-toggle %q points at nothing", id)
		}
		attr(t, s, "aria-expanded", "false")
		attr(t, s, "aria-controls", id)
	})
}

func TestDocument(t *testing.T) {
	t.Parallel()
	c := templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		return layout.Document(layout.DocVM{Title: "Sign in", CSRFToken: csrf}).Render(templ.WithChildren(ctx, templ.Raw(`<p data-testid="child">hi</p>`)), w)
	})
	_, doc := render(t, c)
	assertCSRF(t, doc, true)
	assertTestIDs(t, doc, "document", "child", "toasts", "confirm-dialog")
	if got := doc.Find("title").Text(); got != "Sign in · Roster" {
		t.Errorf("title = %q", got)
	}
	attr(t, doc.Find("#toasts"), "aria-live", "polite")
}

func TestToasts(t *testing.T) {
	t.Parallel()
	out, doc := render(t, layout.Toasts([]layout.Toast{{Kind: "success", Message: "Invited <b>x</b>"}, {Kind: "bogus", Message: "b"}}))
	attr(t, doc.Find("[hx-swap-oob]"), "hx-swap-oob", "beforeend:#toasts")
	if n := doc.Find("[hx-swap-oob] [data-toast]").Length(); n != 2 {
		t.Fatalf("%d toasts, want 2", n)
	}
	if strings.Contains(out, "<b>") {
		t.Error("toast message not escaped")
	}
	attr(t, doc.Find("[data-toast]").Eq(1), "data-kind", "info")
	assertTestIDs(t, doc, "toast", "toast-close")
	if out, _ := render(t, layout.Toasts(nil)); strings.TrimSpace(out) != "" {
		t.Errorf("no toasts rendered %q", out)
	}
}

func TestPageHeader(t *testing.T) {
	t.Parallel()
	_, doc := render(t, layout.PageHeader("People", "Everyone"))
	if doc.Find("h1").Text() != "People" {
		t.Error("no title")
	}
	assertTestIDs(t, doc, "page-header")
}

func TestLoginPage(t *testing.T) {
	t.Parallel()
	_, doc := render(t, authview.LoginPage(authview.LoginVM{Email: "ada@acme.test", Error: "Wrong email or password.", Next: "/staff?x=1", CSRFToken: csrf}))
	assertCSRF(t, doc, true)
	assertTestIDs(t, doc, "login-form", "login-email", "login-password", "login-submit")
	f := doc.Find(`[data-testid="login-form"]`)
	attr(t, f, "action", "/login")
	attr(t, f, "method", "post")
	attr(t, f.Find(`input[name="next"]`), "value", "/staff?x=1")
	attr(t, f.Find(`input[name="email"]`), "value", "ada@acme.test")
	attr(t, f.Find(`input[name="password"]`), "type", "password")
	if doc.Find(`[role="alert"]`).Text() == "" {
		t.Error("error not shown in role=alert")
	}
	// Every input has a label.
	doc.Find("input:not([type=hidden])").Each(func(_ int, s *goquery.Selection) {
		id := s.AttrOr("id", "")
		if id == "" || doc.Find(`label[for="`+id+`"]`).Length() != 1 {
			t.Errorf("input %q has no label", s.AttrOr("name", ""))
		}
	})
	_, doc = render(t, authview.LoginPage(authview.LoginVM{CSRFToken: csrf}))
	if doc.Find(`main [role="alert"]`).Length() != 0 {
		t.Error("alert without error")
	}
}

func TestSetupPage(t *testing.T) {
	t.Parallel()
	_, doc := render(t, authview.SetupPage(authview.SetupVM{Token: "setup-tok", PartnerName: "Acme", Name: "Ada", Email: "a@b.c", CSRFToken: csrf,
		Errors: map[string]string{"password": "Too short.", "form": "Setup is already done."}}))
	assertCSRF(t, doc, true)
	assertTestIDs(t, doc, "setup-form", "field-partner_name", "field-name", "field-email", "field-password", "setup-submit", "field-error", "alert")
	f := doc.Find(`[data-testid="setup-form"]`)
	attr(t, f, "action", "/setup")
	attr(t, f.Find(`input[name="token"]`), "value", "setup-tok")
	attr(t, f.Find(`input[name="partner_name"]`), "value", "Acme")
	pw := f.Find(`input[name="password"]`)
	attr(t, pw, "aria-invalid", "true")
	attr(t, pw, "minlength", "12")
	if !strings.Contains(pw.AttrOr("aria-describedby", ""), "-error") {
		t.Error("password error not described")
	}
	if doc.Find(`label[for="setup-partner-name"]`).Text() != "Organisation name" {
		t.Error("organisation label")
	}
}

func TestAcceptPage(t *testing.T) {
	t.Parallel()
	_, doc := render(t, authview.AcceptPage(authview.AcceptVM{Token: "inv-tok", Email: "grace@acme.test", Name: "Grace", CSRFToken: csrf, Errors: map[string]string{"password": "Too short."}}))
	assertCSRF(t, doc, true)
	assertTestIDs(t, doc, "accept-form", "accept-email", "field-password", "field-password_confirm", "accept-submit")
	f := doc.Find(`[data-testid="accept-form"]`)
	attr(t, f, "action", "/accept")
	attr(t, f.Find(`input[name="token"]`), "value", "inv-tok")
	attr(t, doc.Find(`[data-testid="accept-email"]`), "value", "grace@acme.test")
}

func TestMessage(t *testing.T) {
	t.Parallel()
	_, doc := render(t, authview.Message("This link has expired", "Ask for a new one."))
	assertTestIDs(t, doc, "message")
	if doc.Find("h1").Text() != "This link has expired" {
		t.Error("title")
	}
}

func TestErrorView(t *testing.T) {
	t.Parallel()
	_, doc := render(t, inShell(errorview.Body(errorview.ErrorVM{Status: 404, Title: "Not found", Message: "Gone.", RequestID: "req-1"})))
	assertTestIDs(t, doc, "error-page", "error-title", "error-message", "error-request-id")
	if doc.Find(`[data-testid="error-request-id"]`).Text() != "req-1" {
		t.Error("request id")
	}
	_, doc = render(t, errorview.Toast(errorview.ErrorVM{Status: 409, Title: "Conflict", Message: "Already enabled."}))
	toast := doc.Find("[data-toast]")
	attr(t, toast, "data-kind", "error")
	attr(t, toast, "role", "alert")
	if toast.Find("[data-toast-message]").Text() != "Already enabled." {
		t.Error("toast message")
	}
}

func TestDashboard(t *testing.T) {
	t.Parallel()
	_, doc := render(t, inShell(dashview.Page(dashview.DashVM{PartnerName: "Acme",
		Stats: []dashview.Stat{{Label: "Events", Value: "12", Href: "/events", TestID: "stat-events"}, {Label: "People", Value: "3"}},
		Links: []dashview.QuickLink{{Label: "Staff", Href: "/staff", Description: "Invite"}}})))
	assertTestIDs(t, doc, "dashboard", "stat-events", "stat", "quick-link")
	attr(t, doc.Find(`[data-testid="quick-link"]`), "href", "/staff")
}

func staffRoles() []staffview.Option {
	return []staffview.Option{{Value: "owner", Label: "Owner"}, {Value: "admin", Label: "Admin"}, {Value: "support", Label: "Support"}}
}

func TestStaffPage(t *testing.T) {
	t.Parallel()
	vm := staffview.PageVM{
		CanManage: true, CSRFToken: csrf,
		Invite: staffview.InviteVM{Roles: staffRoles(), Role: "support"},
		Rows: []staffview.RowVM{
			{ID: 1, Name: "Ada", Email: "ada@x", Role: "owner", RoleLabel: "Owner", Status: "active", StatusLabel: "Active", IsSelf: true, CanManage: true, Roles: staffRoles()},
			{ID: 2, Name: "Grace", Email: "grace@x", Role: "admin", RoleLabel: "Admin", Status: "active", StatusLabel: "Active", CanManage: true, Roles: staffRoles()},
			{ID: 3, Name: "Alan", Email: "alan@x", Role: "support", RoleLabel: "Support", Status: "disabled", StatusLabel: "Disabled", CanManage: true, Roles: staffRoles()},
		},
	}
	_, doc := render(t, inShell(staffview.Page(vm)))
	assertCSRF(t, doc, true)
	assertTestIDs(t, doc, "staff-page", "staff-table", "staff-invite-open", "staff-invite-dialog", "staff-invite-form", "staff-row", "staff-role-form", "staff-role-select", "staff-role-save", "staff-disable-form", "staff-disable", "staff-enable-form", "staff-enable")
	if n := doc.Find(`tbody#staff-rows tr[data-testid="staff-row"]`).Length(); n != 3 {
		t.Fatalf("%d rows, want 3", n)
	}
	self := doc.Find("#staff-1")
	if self.Find("form").Length() != 0 {
		t.Error("own row offers actions")
	}
	grace := doc.Find("#staff-2")
	role := grace.Find(`[data-testid="staff-role-form"]`)
	attr(t, role, "method", "post")
	attr(t, role, "action", "/staff/2/role")
	attr(t, role, "hx-post", "/staff/2/role")
	attr(t, role, "hx-target", "closest tr")
	attr(t, role, "hx-swap", "outerHTML")
	attr(t, role.Find("option[selected]"), "value", "admin")
	dis := grace.Find(`[data-testid="staff-disable-form"]`)
	attr(t, dis, "action", "/staff/2/disable")
	attr(t, dis, "hx-post", "/staff/2/disable")
	attr(t, dis, "hx-target", "closest tr")
	if !strings.Contains(dis.AttrOr("hx-confirm", ""), "Grace") {
		t.Error("disable has no confirmation naming the person")
	}
	alan := doc.Find("#staff-3")
	if alan.Find(`[data-testid="staff-disable-form"]`).Length() != 0 {
		t.Error("disabled row offers Disable")
	}
	attr(t, alan.Find(`[data-testid="staff-enable-form"]`), "hx-post", "/staff/3/enable")
	inv := doc.Find("#invite-form")
	attr(t, inv, "method", "post")
	attr(t, inv, "action", "/staff")
	attr(t, inv, "hx-post", "/staff")
	attr(t, inv, "hx-target", "#invite-form")
	attr(t, inv, "hx-swap", "outerHTML")
	attr(t, inv.Find("option[selected]"), "value", "support")
	attr(t, doc.Find(`[data-testid="staff-invite-open"]`), "data-dialog-open", "invite-dialog")
	if _, open := doc.Find("#invite-dialog").Attr("open"); open {
		t.Error("invite dialog open without errors")
	}

	// A viewer who cannot manage sees no actions and no invite button.
	vm.CanManage = false
	for i := range vm.Rows {
		vm.Rows[i].CanManage = false
	}
	_, doc = render(t, inShell(staffview.Page(vm)))
	if doc.Find("#main form").Length() != 0 || doc.Find(`[data-testid="staff-invite-open"]`).Length() != 0 {
		t.Error("read-only viewer sees actions")
	}
	assertTestIDs(t, doc, "staff-role")

	_, doc = render(t, inShell(staffview.Page(staffview.PageVM{CSRFToken: csrf, InviteLink: "https://r.test/accept?token=abc"})))
	assertTestIDs(t, doc, "staff-invite-link-box", "empty-state")
	attr(t, doc.Find(`[data-testid="staff-invite-copy"]`), "data-copy", "https://r.test/accept?token=abc")
}

func TestStaffInviteForms(t *testing.T) {
	t.Parallel()
	_, doc := render(t, staffview.InviteForm(staffview.InviteVM{Name: "Bob", Roles: staffRoles(), CSRFToken: csrf, Errors: map[string]string{"email": "Enter an email address."}}))
	assertCSRF(t, doc, false)
	attr(t, doc.Find(`[data-testid="staff-invite-name"]`), "value", "Bob")
	em := doc.Find(`[data-testid="staff-invite-email"]`)
	attr(t, em, "aria-invalid", "true")
	attr(t, em, "aria-describedby", "invite-email-error")
	if doc.Find("#invite-email-error").Text() != "Enter an email address." {
		t.Error("email error")
	}

	_, doc = render(t, staffview.InviteCreated(staffview.InviteVM{Email: "bob@x"}, "https://r.test/accept?token=abc"))
	assertTestIDs(t, doc, "staff-invite-created", "staff-invite-link", "staff-invite-copy", "staff-invite-done")
	attr(t, doc.Find("#invite-form"), "data-testid", "staff-invite-created")
	attr(t, doc.Find(`[data-testid="staff-invite-link"]`), "value", "https://r.test/accept?token=abc")
	attr(t, doc.Find(`[data-testid="staff-invite-copy"]`), "data-copy", "https://r.test/accept?token=abc")
	if !strings.Contains(doc.Text(), "expires in 7 days") {
		t.Error("expiry not mentioned")
	}
}

func TestStaffRowStandalone(t *testing.T) {
	t.Parallel()
	// A bare <tr> is only kept by the HTML parser inside a table.
	row := staffview.Row(staffview.RowVM{ID: 42, Name: "Grace", Role: "admin", Status: "active", CanManage: true, Roles: staffRoles(), CSRFToken: csrf})
	_, doc := render(t, templ.Join(templ.Raw("<table><tbody>"), row, templ.Raw("</tbody></table>")))
	assertCSRF(t, doc, false)
	attr(t, doc.Find("tr"), "id", "staff-42")
	attr(t, doc.Find("tr"), "data-testid", "staff-row")
}

func TestOutbox(t *testing.T) {
	t.Parallel()
	_, doc := render(t, inShell(outboxview.Page(outboxview.PageVM{})))
	assertTestIDs(t, doc, "outbox-page", "empty-state")
	if !strings.Contains(doc.Find(`[data-testid="empty-state"]`).Text(), "No emails yet") {
		t.Error("empty state title")
	}

	sel := &outboxview.EmailVM{ID: 7, To: "g@x", Subject: "Hi", Status: "bounced", TextBody: "Hello", HTMLBody: `<p onclick="x()">Hi</p><script>alert(1)</script><style>p{}</style>`}
	out, doc := render(t, inShell(outboxview.Page(outboxview.PageVM{
		Rows:     []outboxview.RowVM{{ID: 7, To: "g@x", Subject: "Hi", Status: "bounced", StatusLabel: "Bounced"}, {ID: 8, To: "h@x", Subject: "Yo", Status: "sent"}},
		Selected: sel,
	})))
	assertTestIDs(t, doc, "outbox-table", "outbox-row", "outbox-link", "outbox-email", "outbox-email-text", "outbox-email-html")
	attr(t, doc.Find(`[data-testid="outbox-link"]`).First(), "href", "/outbox/7")
	attr(t, doc.Find(`[data-testid="outbox-link"]`).First(), "aria-current", "true")
	if got := doc.Find(`[data-testid="outbox-email-html"]`).Text(); got != sel.HTMLBody {
		t.Errorf("HTML body not shown as text: %q", got)
	}
	if strings.Contains(out, "<script>alert") {
		t.Error("HTML body rendered raw")
	}
}

func TestAudit(t *testing.T) {
	t.Parallel()
	_, doc := render(t, inShell(auditview.Page(auditview.PageVM{Query: "grace", NextURL: "/audit?q=grace&after=abc",
		Rows: []auditview.RowVM{{When: "now", Actor: "Ada", Action: "staff.invite", Target: "grace@x", Details: "role=admin"}}})))
	assertTestIDs(t, doc, "audit-page", "audit-search", "audit-q", "audit-table", "audit-row", "audit-next")
	attr(t, doc.Find(`[data-testid="audit-search"]`), "method", "get")
	attr(t, doc.Find(`[data-testid="audit-q"]`), "value", "grace")
	attr(t, doc.Find(`[data-testid="audit-next"]`), "href", "/audit?q=grace&after=abc")

	_, doc = render(t, inShell(auditview.Page(auditview.PageVM{})))
	assertTestIDs(t, doc, "empty-state")
	if doc.Find(`[data-testid="audit-next"]`).Length() != 0 {
		t.Error("next link without NextURL")
	}
}

func TestListView(t *testing.T) {
	t.Parallel()
	_, doc := render(t, inShell(listview.Page(listview.PageVM{Title: "Events", Columns: []listview.Column{{Label: "Name"}, {Label: "Start"}},
		Rows: []listview.Row{{Cells: []string{"Summit", "1 May"}, Href: "/events/1"}, {Cells: []string{"Meetup", "2 May"}}}, SearchAction: "/events", Query: "s"})))
	assertTestIDs(t, doc, "list-page", "list-search", "list-table", "list-row", "list-link")
	attr(t, doc.Find(`[data-testid="list-search"]`), "action", "/events")
	attr(t, doc.Find(`[data-testid="list-link"]`), "href", "/events/1")
	if n := doc.Find("thead th").Length(); n != 2 {
		t.Errorf("%d columns", n)
	}
	_, doc = render(t, inShell(listview.Page(listview.PageVM{Title: "Courses", EmptyTitle: "No courses yet"})))
	if doc.Find(`[data-testid="list-search"]`).Length() != 0 {
		t.Error("search box without SearchAction")
	}
	if !strings.Contains(doc.Find(`[data-testid="empty-state"]`).Text(), "No courses yet") {
		t.Error("empty title")
	}
}

func TestSettings(t *testing.T) {
	t.Parallel()
	vm := settingsview.PageVM{PartnerName: "Acme", CanRename: true, CSRFToken: csrf,
		Sessions: []settingsview.SessionVM{{ID: "1", Device: "Chrome", Current: true}, {ID: "2", Device: "Firefox"}},
		Errors:   map[string]string{"new_password": "Too short."}}
	_, doc := render(t, inShell(settingsview.Page(vm)))
	assertCSRF(t, doc, true)
	assertTestIDs(t, doc, "settings-page", "settings-partner-form", "settings-partner-name", "settings-session", "settings-revoke-form", "settings-revoke-others", "settings-password-form", "settings-current_password", "settings-new_password", "settings-confirm_password")
	attr(t, doc.Find(`[data-testid="settings-partner-form"]`), "action", "/settings/partner")
	attr(t, doc.Find(`[data-testid="settings-revoke-form"]`), "action", "/settings/sessions/revoke-others")
	if doc.Find(`[data-testid="settings-revoke-form"]`).AttrOr("data-confirm", "") == "" {
		t.Error("revoke without confirmation")
	}
	attr(t, doc.Find(`[data-testid="settings-password-form"]`), "action", "/settings/password")
	attr(t, doc.Find(`[data-testid="settings-new_password"]`), "aria-invalid", "true")
	if n := doc.Find(`[data-testid="settings-session"]`).Length(); n != 2 {
		t.Errorf("%d sessions", n)
	}

	vm.CanRename = false
	vm.Sessions = vm.Sessions[:1]
	_, doc = render(t, inShell(settingsview.Page(vm)))
	if doc.Find(`[data-testid="settings-partner-form"]`).Length() != 0 {
		t.Error("rename form without CanRename")
	}
	if doc.Find(`[data-testid="settings-revoke-form"]`).Length() != 0 {
		t.Error("revoke with no other session")
	}
}

// TestViewsImportOnlyTemplStaticAndViews keeps the views free of database,
// web and domain packages (i18n libraries are allowed).
func TestViewsImportOnlyTemplStaticAndViews(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			ok := !strings.Contains(p, ".") && !strings.HasPrefix(p, "roster") || // standard library
				p == "github.com/a-h/templ" || strings.HasPrefix(p, "github.com/a-h/templ/") ||
				p == "roster/static" || strings.HasPrefix(p, "roster/views/") ||
				// message catalogs and language matching (views/emails)
				strings.HasPrefix(p, "github.com/nicksnyder/go-i18n/v2/") || strings.HasPrefix(p, "golang.org/x/text/")
			if !ok {
				t.Errorf("%s imports %s", path, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
