package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/emersion/go-smtp"

	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/event"
	"roster/internal/i18n"
	"roster/internal/mail"
	"roster/internal/mailtest"
	"roster/internal/participation"
	"roster/internal/people"
	"roster/views/emails"
	"roster/web/webtest"
)

// smtpApp is a console that delivers through a real in-process SMTP server.
func smtpApp(t *testing.T, db *database.DB, opts ...webtest.Option) (*webtest.App, *mailtest.Server) {
	t.Helper()
	smtpd := mailtest.Start(t, "", "")
	sender, err := mail.NewSMTPSender("smtp://"+smtpd.Addr+"?tls=none", "roster@example.com")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sender.Close)
	return webtest.New(t, db, append(opts, webtest.Sender(sender))...), smtpd
}

func invite(t *testing.T, app *webtest.App, p auth.Principal, e event.Event, email, lang string) participation.Participation {
	t.Helper()
	row, err := app.Participants.Invite(context.Background(), p, e.ID, participation.InviteInput{SendEmail: true,
		Profile: people.Profile{Email: email, FirstName: "Jana", LastName: "Novak", Language: lang}})
	if err != nil {
		t.Fatal(err)
	}
	return row
}

var textLink = regexp.MustCompile(`https?://\S+`)

// An invitation crosses real SMTP as a well-formed multipart email in the
// person's language, and its link works: a GET shows "Continue as …" and
// spends nothing.
func TestInvitationOverSMTPInThePersonsLanguage(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app, smtpd := smtpApp(t, db)
		owner := ptOwner(t, app)
		e := ptEvent(t, app, owner, "Sommerfest 2026", event.LoginMagicLink)
		row := invite(t, app, owner, e, "jana@example.com", "de")
		waitFor(t, func() bool { return smtpd.Count() == 1 })
		msg := smtpd.Messages()[0]
		if len(msg.To) != 1 || msg.To[0] != "jana@example.com" {
			t.Fatalf("envelope %v", msg.To)
		}
		p, err := msg.Parse()
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Parts) != 2 || p.Parts[0] != "text/plain" || p.Parts[1] != "text/html" {
			t.Fatalf("MIME parts %v", p.Parts)
		}
		if p.Header.Get("Content-Language") != "de" || !strings.Contains(p.HTML, `lang="de"`) {
			t.Fatalf("language: %q", p.Header.Get("Content-Language"))
		}
		if !strings.Contains(p.Subject, "Sommerfest 2026") || !strings.Contains(p.Text, "Hallo Jana") {
			t.Fatalf("not the German invitation: %q\n%s", p.Subject, p.Text)
		}
		var link string
		for _, l := range textLink.FindAllString(p.Text, -1) {
			if strings.HasPrefix(l, app.Server.URL+"/l/") {
				link = l
			}
		}
		if link == "" || !strings.Contains(p.HTML, link) {
			t.Fatalf("no sign-in link in both parts:\n%s", p.Text)
		}
		r := app.Anonymous(t).Get(strings.TrimPrefix(link, app.Server.URL))
		wantStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Body, "j") || r.Doc().Find("form[method=post]").Length() == 0 {
			t.Fatalf("the link's page: %s", r.Body[:min(len(r.Body), 400)])
		}
		// The sink has the message a moment before the worker records
		// the delivery.
		var got participation.Participation
		waitFor(t, func() bool {
			got = ptStatus(t, app, owner, e, row.ID)
			return got.Delivery != participation.DeliveryQueued
		})
		if got.Status != participation.StatusInvited || got.Delivery != participation.DeliverySent {
			t.Fatalf("after the GET: %s, delivery %s", got.Status, got.Delivery)
		}
	})
}

// A permanent refusal bounces the invitation; the row says so and offers
// "fix email and resend" in place, which refuses a bad or taken address
// with the reason and, with a good one, sends again to the new address.
func TestBouncedEmailIsFixedInPlace(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app, smtpd := smtpApp(t, db)
		smtpd.Reject(func(rcpt string, _ int) *smtp.SMTPError {
			if strings.HasSuffix(rcpt, "@exmaple.com") {
				return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 2}, Message: "no such domain"}
			}
			return nil
		})
		org, _ := app.LoginAs(t, auth.RoleOrganizer)
		owner := ptOwner(t, app)
		e := ptEvent(t, app, owner, "Summit", event.LoginMagicLink)
		row := invite(t, app, owner, e, "jana@exmaple.com", "en")
		invite(t, app, owner, e, "taken@example.com", "en")
		waitFor(t, func() bool {
			return ptStatus(t, app, owner, e, row.ID).Delivery == participation.DeliveryBounced
		})
		waitFor(t, func() bool { return smtpd.Count() == 1 }) // taken@'s invitation
		list := ptPath(e, "/users")
		page := org.Get(list)
		fix := page.Doc().Find(`#participant-` + strconv.FormatInt(row.ID, 10) + ` [data-testid="fix-email"]`)
		if fix.Length() != 1 || !strings.Contains(page.Doc().Find(`#participant-`+strconv.FormatInt(row.ID, 10)+` .dl-bounced`).Text(), "Bounced") {
			t.Fatal("a bounced row shows it and offers the fix")
		}
		fixURL := ptRowPath(e, row.ID, "/fix-email")
		if fix.AttrOr("hx-get", "") != fixURL {
			t.Fatalf("fix link %q", fix.AttrOr("hx-get", ""))
		}
		r := ptHX(org, http.MethodGet, fixURL, nil, list)
		wantStatus(t, r, http.StatusOK)
		if ptTestID(r.Doc(), "fix-email-input").AttrOr("value", "") != "jana@exmaple.com" {
			t.Fatal("the form holds the bounced address")
		}
		for bad, reason := range map[string]string{"jana@": "is not a valid email address", "taken@example.com": "already has this email"} {
			r = ptHX(org, http.MethodPost, fixURL, url.Values{"email": {bad}}, list)
			wantStatus(t, r, http.StatusOK)
			if r.Header.Get("Hx-Retarget") != "closest .pv-stc" || !strings.Contains(ptTestID(r.Doc(), "fix-email-error").Text(), reason) {
				t.Fatalf("%s: %v %s", bad, r.Header, r.Body)
			}
		}
		if n := smtpd.Count(); n != 1 {
			t.Fatalf("refused fixes sent something: %d", n)
		}
		r = ptHX(org, http.MethodPost, fixURL, url.Values{"email": {"jana@example.com"}}, list)
		wantStatus(t, r, http.StatusOK)
		ptWantBody(t, r, "jana@example.com", "is on its way again")
		waitFor(t, func() bool { return smtpd.Count() == 2 })
		if to := smtpd.Messages()[1].To; to[0] != "jana@example.com" {
			t.Fatalf("resent to %v", to)
		}
		waitFor(t, func() bool {
			return ptStatus(t, app, owner, e, row.ID).Delivery == participation.DeliverySent
		})
		// Nothing to fix on a row that did not bounce.
		r = ptHX(org, http.MethodGet, fixURL, nil, list)
		wantStatus(t, r, http.StatusConflict)
		// Support may look but not fix.
		sup, _ := app.LoginAs(t, auth.RoleSupport)
		wantStatus(t, ptHX(sup, http.MethodPost, fixURL, url.Values{"email": {"x@example.com"}}, list), http.StatusForbidden)
	})
}

// The bounce webhook: off without a token, refuses a wrong one and bad
// JSON, reports unknown Message-IDs, and marks a known email (and its
// person's delivery) bounced.
func TestBounceWebhook(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		off := webtest.New(t, db)
		r := off.Anonymous(t).Do(http.MethodPost, "/hooks/mail/bounce", strings.NewReader(`{}`), nil)
		wantStatus(t, r, http.StatusNotFound)

		token := strings.Repeat("t0k3n", 8)
		app := webtest.New(t, db, webtest.BounceToken(token))
		owner := ptOwner(t, app)
		e := ptEvent(t, app, owner, "Summit", event.LoginMagicLink)
		row := invite(t, app, owner, e, "later@example.com", "en")
		waitFor(t, func() bool {
			return ptStatus(t, app, owner, e, row.ID).Delivery == participation.DeliverySent
		})
		page, err := app.Mail.List(context.Background(), app.PartnerID, mail.Filter{Query: "later@example.com"})
		if err != nil || len(page.Emails) != 1 {
			t.Fatalf("the email: %v %v", page, err)
		}
		em := page.Emails[0]
		anon := app.Anonymous(t)
		post := func(auth, body string) *webtest.Response {
			h := http.Header{"Content-Type": {"application/json"}}
			if auth != "" {
				h.Set("Authorization", "Bearer "+auth)
			}
			return anon.Do(http.MethodPost, "/hooks/mail/bounce", strings.NewReader(body), h)
		}
		wantStatus(t, post("", `{"message_id":"x"}`), http.StatusUnauthorized)
		wantStatus(t, post("wrong", `{"message_id":"x"}`), http.StatusUnauthorized)
		r = post(token, `{"message_id":`)
		wantStatus(t, r, http.StatusBadRequest)
		ptWantBody(t, r, "not the expected JSON")
		wantStatus(t, post(token, `{}`), http.StatusBadRequest)
		r = post(token, `{"bounces":[{"message_id":"<nobody@x>"},{"message_id":"`+strings.Trim(em.MessageID, "<>")+`","reason":"550 mailbox full for good"}]}`)
		wantStatus(t, r, http.StatusOK)
		ptWantBody(t, r, `"updated":1`, `"unknown":["\u003cnobody@x\u003e"]`)
		if got := ptStatus(t, app, owner, e, row.ID); got.Delivery != participation.DeliveryBounced {
			t.Fatalf("delivery after the report: %s", got.Delivery)
		}
		if em, _ = app.Mail.Get(context.Background(), app.PartnerID, em.ID); em.Status != mail.StatusBounced || em.LastError != "550 mailbox full for good" {
			t.Fatalf("email after the report: %s %q", em.Status, em.LastError)
		}
	})
}

// The outbox: search and state filter, an email's detail with its links and
// its HTML in a sandboxed frame served under its own strict policy, and
// nothing of another partner.
func TestOutboxPages(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		org, _ := app.LoginAs(t, auth.RoleOrganizer)
		owner := ptOwner(t, app)
		e := ptEvent(t, app, owner, "Summit", event.LoginMagicLink)
		a := invite(t, app, owner, e, "ann@example.com", "fr")
		invite(t, app, owner, e, "bob@example.com", "en")
		waitFor(t, func() bool {
			return ptStatus(t, app, owner, e, a.ID).Delivery == participation.DeliverySent
		})

		r := org.Get("/outbox?q=ANN")
		wantStatus(t, r, http.StatusOK)
		rows := ptTestID(r.Doc(), "outbox-row")
		if rows.Length() != 1 || !strings.Contains(rows.Text(), "ann@example.com") {
			t.Fatalf("search: %d rows", rows.Length())
		}
		if n := ptTestID(org.Get("/outbox?status=bounced").Doc(), "outbox-row").Length(); n != 0 {
			t.Fatalf("bounced filter: %d rows", n)
		}
		if n := ptTestID(org.Get("/outbox?status=nonsense").Doc(), "outbox-row").Length(); n != 2 {
			t.Fatalf("an unknown state shows all: %d rows", n)
		}
		href := ptTestID(r.Doc(), "outbox-link").AttrOr("href", "")
		r = org.Get(href)
		wantStatus(t, r, http.StatusOK)
		doc := r.Doc()
		frame := ptTestID(doc, "outbox-email-frame")
		if frame.AttrOr("sandbox", "") != "allow-popups allow-popups-to-escape-sandbox" || ptTestID(doc, "outbox-email-lang").Text() != "French" {
			t.Fatal("the email's detail: sandboxed frame and language")
		}
		links := ptTestID(doc, "outbox-email-link")
		if links.Length() == 0 || !strings.HasPrefix(links.First().AttrOr("href", ""), app.Server.URL+"/l/") {
			t.Fatal("the email's links are listed to follow")
		}
		h := org.Get(frame.AttrOr("src", ""))
		wantStatus(t, h, http.StatusOK)
		csp := h.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "sandbox", "frame-ancestors 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("frame CSP lacks %q: %s", want, csp)
			}
		}
		if strings.Contains(csp, "script-src") || h.Header.Get("X-Frame-Options") != "SAMEORIGIN" || !strings.Contains(h.Body, `<base target="_blank">`) {
			t.Fatalf("frame headers: %v", h.Header)
		}

		// Another partner's staff see none of it.
		other := app.OtherPartner(t, "Other Org")
		st := app.StaffIn(t, other, auth.RoleOwner)
		oc := app.Login(t, st.Email, webtest.Password)
		wantStatus(t, oc.Get(href), http.StatusNotFound)
		wantStatus(t, oc.Get(frame.AttrOr("src", "")), http.StatusNotFound)
		if n := ptTestID(oc.Get("/outbox").Doc(), "outbox-row").Length(); n != 0 {
			t.Fatalf("another partner sees %d emails", n)
		}
	})
}

// Every email in every language can be previewed with sample data.
func TestEmailPreviews(t *testing.T) {
	t.Parallel()
	app := webtest.New(t, dbtest.SQLite(t))
	org, _ := app.LoginAs(t, auth.RoleOrganizer)
	for _, k := range emails.Kinds {
		for _, l := range i18n.Languages {
			q := "?kind=" + string(k) + "&lang=" + url.QueryEscape(l.Code)
			r := org.Get("/outbox/previews" + q)
			wantStatus(t, r, http.StatusOK)
			doc := r.Doc()
			if strings.TrimSpace(ptTestID(doc, "preview-subject").Text()) == "" || ptTestID(doc, "preview-text").Text() == "" {
				t.Fatalf("%s %s: empty preview", k, l.Code)
			}
			if doc.Find(`[data-testid="preview-kind"] option[selected]`).AttrOr("value", "") != string(k) ||
				doc.Find(`[data-testid="preview-lang"] option[selected]`).AttrOr("value", "") != l.Code {
				t.Fatalf("%s %s: the form shows another choice", k, l.Code)
			}
			h := org.Get(ptTestID(doc, "preview-frame").AttrOr("src", ""))
			wantStatus(t, h, http.StatusOK)
			wantDir := `dir="ltr"`
			if l.RTL {
				wantDir = `dir="rtl"`
			}
			if !strings.Contains(h.Body, `lang="`+l.Code+`"`) || !strings.Contains(h.Body, wantDir) {
				t.Fatalf("%s %s: html lang/dir", k, l.Code)
			}
		}
	}
	if n := ptTestID(org.Get("/outbox/previews?lang=ar").Doc(), "preview-unmaintained").Length(); n != 1 {
		t.Fatal("an unmaintained language says so")
	}
	wantStatus(t, org.Get("/outbox/previews?kind=nope&lang=xx"), http.StatusOK)
}

// The sender name and reply-to of a partner's emails: owners set them,
// with clear refusals; organisers cannot.
func TestSettingsEmailIdentity(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		owner, _ := app.LoginAs(t, auth.RoleOwner)
		r := owner.PostForm("/settings/email", url.Values{"mail_from_name": {"Acme <Events>"}, "mail_reply_to": {"nope"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		ptWantBody(t, r, "cannot contain line breaks")
		r = owner.PostForm("/settings/email", url.Values{"mail_from_name": {"Acme Events Team"}, "mail_reply_to": {"not an address"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		ptWantBody(t, r, "The reply-to address is not a valid email address", `value="not an address"`)
		r = owner.PostForm("/settings/email", url.Values{"mail_from_name": {"Acme Events Team"}, "mail_reply_to": {"events@acme.example"}})
		wantStatus(t, r, http.StatusSeeOther)
		p, err := app.Auth.Partner(context.Background(), auth.Principal{PartnerID: app.PartnerID})
		if err != nil || p.MailFromName != "Acme Events Team" || p.MailReplyTo != "events@acme.example" {
			t.Fatalf("saved: %+v %v", p, err)
		}
		page := owner.Get("/settings")
		if ptTestID(page.Doc(), "settings-from-name").AttrOr("value", "") != "Acme Events Team" {
			t.Fatal("the settings page shows the sender name")
		}
		org, _ := app.LoginAs(t, auth.RoleOrganizer)
		wantStatus(t, org.PostForm("/settings/email", url.Values{"mail_from_name": {"Hijack"}}), http.StatusForbidden)
	})
}
