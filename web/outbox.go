package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"roster/internal/apperr"
	"roster/internal/i18n"
	"roster/internal/mail"
	"roster/views/emails"
	"roster/views/outboxview"
)

var emailStatusLabel = map[mail.Status]string{
	mail.StatusQueued: "Queued", mail.StatusSent: "Sent", mail.StatusDeferred: "Deferred (retrying)",
	mail.StatusBounced: "Bounced", mail.StatusFailed: "Failed",
}

var emailStatuses = []mail.Status{mail.StatusQueued, mail.StatusSent, mail.StatusDeferred, mail.StatusBounced, mail.StatusFailed}

func (s *Server) emailStatus(st mail.Status) string {
	if st == mail.StatusSent && s.MailCaptured {
		return "Captured"
	}
	return emailStatusLabel[st]
}

// outboxVM reads the list part of the outbox page from the query string.
func (s *Server) outboxVM(c echo.Context) (outboxview.PageVM, error) {
	p, _ := principal(c)
	f := mail.Filter{Query: strings.TrimSpace(c.QueryParam("q")), Status: mail.Status(c.QueryParam("status"))}
	if !f.Status.Valid() {
		f.Status = ""
	}
	f.Before, _ = strconv.ParseInt(c.QueryParam("before"), 10, 64)
	page, err := s.Mail.List(c.Request().Context(), p.PartnerID, f)
	if err != nil {
		return outboxview.PageVM{}, err
	}
	vm := outboxview.PageVM{Captured: s.MailCaptured, Query: f.Query, Status: string(f.Status)}
	vm.Statuses = append(vm.Statuses, outboxview.Option{Value: "", Label: "Any state", Selected: f.Status == ""})
	for _, st := range emailStatuses {
		vm.Statuses = append(vm.Statuses, outboxview.Option{Value: string(st), Label: s.emailStatus(st), Selected: st == f.Status})
	}
	for _, e := range page.Emails {
		vm.Rows = append(vm.Rows, outboxview.RowVM{ID: e.ID, To: e.To, Subject: e.Subject, Status: string(e.Status),
			StatusLabel: s.emailStatus(e.Status), Created: dateTime(e.CreatedAt)})
	}
	q := url.Values{}
	if f.Query != "" {
		q.Set("q", f.Query)
	}
	if f.Status != "" {
		q.Set("status", string(f.Status))
	}
	if f.Before > 0 {
		vm.FirstURL = "/outbox?" + q.Encode()
	}
	if page.Next > 0 {
		q.Set("before", strconv.FormatInt(page.Next, 10))
		vm.NextURL = "/outbox?" + q.Encode()
	}
	return vm, nil
}

func (s *Server) outboxPage(c echo.Context) error {
	vm, err := s.outboxVM(c)
	if err != nil {
		return err
	}
	return s.page(c, http.StatusOK, "Outbox", outboxview.Page(vm))
}

func (s *Server) partnerEmail(c echo.Context) (mail.Email, error) {
	p, _ := principal(c)
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return mail.Email{}, apperr.NotFound("This email does not exist.")
	}
	return s.Mail.Get(c.Request().Context(), p.PartnerID, id)
}

func (s *Server) outboxEmail(c echo.Context) error {
	e, err := s.partnerEmail(c)
	if err != nil {
		return err
	}
	vm, err := s.outboxVM(c)
	if err != nil {
		return err
	}
	d := outboxview.EmailVM{ID: e.ID, To: e.To, Subject: e.Subject, Status: s.emailStatus(e.Status), Created: dateTime(e.CreatedAt),
		TextBody: e.Text, HTMLBody: e.HTML, Language: i18n.Get(e.Language).English, MessageID: e.MessageID,
		LastError: e.LastError, Attempts: e.Attempts, Links: emailLinks(e.Text, e.HTML)}
	if e.SentAt != nil {
		d.SentAt = dateTime(*e.SentAt)
	}
	vm.Selected = &d
	return s.page(c, http.StatusOK, e.Subject, outboxview.Page(vm))
}

// emailFrameCSP is the policy of an email's HTML shown in the console: inline
// styles (emails need them), no script, no form, nothing fetched but inline
// images, framed by the console only, and sandboxed (links open a new tab).
const emailFrameCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; " +
	"frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox"

// emailDocument serves an email's HTML for the console's frame: links open
// in a new tab (the pages they lead to refuse to be framed).
func emailDocument(c echo.Context, html string) error {
	h := c.Response().Header()
	h.Set("Content-Security-Policy", emailFrameCSP)
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("Cache-Control", "no-store")
	const base = `<base target="_blank">`
	if i := strings.Index(strings.ToLower(html), "<head>"); i >= 0 {
		html = html[:i+len("<head>")] + base + html[i+len("<head>"):]
	} else {
		html = base + html
	}
	return c.HTMLBlob(http.StatusOK, []byte(html))
}

func (s *Server) outboxEmailHTML(c echo.Context) error {
	e, err := s.partnerEmail(c)
	if err != nil {
		return err
	}
	if e.HTML == "" {
		return apperr.NotFound("This email has no HTML version.")
	}
	return emailDocument(c, e.HTML)
}

var linkPattern = regexp.MustCompile(`https?://[^\s<>"')]+`)

// emailLinks lists the distinct links of an email (text version first).
func emailLinks(text, html string) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range linkPattern.FindAllString(text+"\n"+html, -1) {
		l = strings.TrimRight(l, ".,;:")
		if !seen[l] && len(out) < 20 {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

// preview reads the kind and language of a preview (defaults: the event
// invitation in English) and renders it with sample data.
func (s *Server) preview(c echo.Context) (emails.Kind, i18n.Language, string, string, string, error) {
	kind := emails.Kind(c.QueryParam("kind"))
	known := false
	for _, k := range emails.Kinds {
		known = known || k == kind
	}
	if !known {
		kind = emails.Kinds[0]
	}
	lang := i18n.Get(c.QueryParam("lang"))
	d := emails.Sample(kind, s.BaseURL)
	d.Lang, d.RTL = lang.Code, lang.RTL
	subject, text, html, err := emails.Render(c.Request().Context(), kind, d)
	return kind, lang, subject, text, html, err
}

func (s *Server) previewsPage(c echo.Context) error {
	kind, lang, subject, text, _, err := s.preview(c)
	if err != nil {
		return err
	}
	vm := outboxview.PreviewVM{Kind: string(kind), Lang: lang.Code, Subject: subject, Text: text, RTL: lang.RTL,
		Maintained: lang.Maintained,
		HTMLURL:    "/outbox/previews/html?" + url.Values{"kind": {string(kind)}, "lang": {lang.Code}}.Encode()}
	for _, k := range emails.Kinds {
		vm.Kinds = append(vm.Kinds, outboxview.Option{Value: string(k), Label: emails.Label(k), Selected: k == kind})
	}
	for _, l := range i18n.Languages {
		label := l.English + " — " + l.Native
		if !l.Maintained {
			label += " (not maintained)"
		}
		vm.Languages = append(vm.Languages, outboxview.Option{Value: l.Code, Label: label, Selected: l.Code == lang.Code})
	}
	return s.page(c, http.StatusOK, "Email previews", outboxview.Previews(vm))
}

func (s *Server) previewHTML(c echo.Context) error {
	_, _, _, _, html, err := s.preview(c)
	if err != nil {
		return err
	}
	return emailDocument(c, html)
}
