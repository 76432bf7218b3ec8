package e2e

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// atEvent creates an event through the console's form and returns its id.
func atEvent(t *testing.T, ctx context.Context, base, name, login string) string {
	t.Helper()
	run(t, ctx, "new event "+name,
		chromedp.Navigate(base+"/events/new"),
		chromedp.WaitVisible(css(`[data-testid="event-form"]`)),
		chromedp.SendKeys(css(`[data-testid="event-name-input"]`), name),
		chromedp.SetValue(css(`[data-testid="event-time-zone"]`), "Europe/Paris"),
		chromedp.SetValue(css(`[data-testid="event-starts-at"]`), "2031-06-01T18:00"),
		chromedp.SetValue(css(`[data-testid="event-ends-at"]`), "2031-06-01T22:00"),
		chromedp.Click(css(`[data-testid="event-login-`+login+`"]`)),
		chromedp.Click(css(`[data-testid="event-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="event-edit-page"]`)),
	)
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`/events/(\d+)`).FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("the new event's address: %s", loc)
	}
	return m[1]
}

// atInvite invites people (email, first, last, language or "" for the
// event's) through the invite dialog, with the invitation email.
func atInvite(t *testing.T, ctx context.Context, base, eventID string, people ...[4]string) {
	t.Helper()
	run(t, ctx, "the event's people",
		chromedp.Navigate(base+"/events/"+eventID+"/users"),
		chromedp.WaitVisible(css(`[data-testid="participants-page"]`)),
		chromedp.Click(css(`[data-testid="invite-open"]`)),
		chromedp.WaitVisible(css(`#modal [data-testid="invite-form"]`)),
	)
	for _, p := range people {
		run(t, ctx, "invite "+p[0],
			chromedp.SendKeys(css(`[data-testid="form-email"]`), p[0]),
			chromedp.SendKeys(css(`[data-testid="form-first-name"]`), p[1]),
			chromedp.SendKeys(css(`[data-testid="form-last-name"]`), p[2]),
		)
		if p[3] != "" {
			run(t, ctx, "language of "+p[0], chromedp.SetValue(css(`[data-testid="form-language"]`), p[3]))
		}
		run(t, ctx, "invite "+p[0], chromedp.Click(css(`[data-testid="invite-submit"]`)))
		ptWait(t, ctx, "the row of "+p[0], `Array.from(document.querySelectorAll('#pv-rows tr')).some(function (tr) { return tr.textContent.indexOf('`+p[0]+`') >= 0; })`)
		ptWait(t, ctx, "the form cleared", `document.querySelector('[data-testid="form-email"]').value === ''`)
	}
	run(t, ctx, "close the invite dialog", chromedp.Click(css(`[data-testid="modal-close"]`)), chromedp.WaitNotVisible(css(`#modal`)))
	closeToasts(t, ctx)
}

// atMailLink opens the newest email to an address in the Outbox and returns
// its sign-in (or invitation) link.
func atMailLink(t *testing.T, ctx context.Context, base, to, subjectHas string) string {
	t.Helper()
	run(t, ctx, "the outbox for "+to,
		chromedp.Navigate(base+"/outbox?q="+to),
		chromedp.WaitVisible(css(`[data-testid="outbox-row"]`)),
		chromedp.Click(css(`[data-testid="outbox-link"]`)),
		chromedp.WaitVisible(css(`[data-testid="outbox-email-links"]`)),
	)
	if subj := text(t, ctx, `[data-testid="outbox-email-subject"]`); !strings.Contains(strings.ToLower(subj), subjectHas) {
		t.Fatalf("the newest email to %s is %q", to, subj)
	}
	link := ptEval[string](t, ctx, `Array.from(document.querySelectorAll('[data-testid="outbox-email-link"]')).map(function (a) { return a.href; }).find(function (h) { return h.indexOf('/l/') >= 0; }) || ''`)
	if link == "" {
		t.Fatalf("no link in the email to %s", to)
	}
	return link
}

// atRow is the DOM id of the row of an address on the current list.
func atRow(t *testing.T, ctx context.Context, email string) string {
	t.Helper()
	ptWait(t, ctx, "the row of "+email, `Array.from(document.querySelectorAll('tr[data-testid="participant-row"]')).some(function (tr) { return tr.textContent.indexOf('`+email+`') >= 0; })`)
	return "#" + ptEval[string](t, ctx, `Array.from(document.querySelectorAll('tr[data-testid="participant-row"]')).find(function (tr) { return tr.textContent.indexOf('`+email+`') >= 0; }).id`)
}

// atHover hovers a row's status and returns the popover's text.
func atHover(t *testing.T, ctx context.Context, row string) string {
	t.Helper()
	rect := ptEval[[]float64](t, ctx, `(function () { var b = document.querySelector('`+row+` .st').getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; })()`)
	run(t, ctx, "hover the status of "+row, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, rect[0], rect[1]))
	ptWait(t, ctx, "the popover of "+row, `getComputedStyle(document.querySelector('`+row+` .st-tip')).visibility === 'visible'`)
	return text(t, ctx, row+` .st-tip`)
}

// atMenu opens a row's action menu and waits for an action in it.
func atMenu(t *testing.T, ctx context.Context, row, action string) {
	t.Helper()
	run(t, ctx, "the menu of "+row,
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 5, 300),
		chromedp.Click(css(row+` [data-testid="row-actions"]`)),
		chromedp.WaitVisible(css(row+` [data-testid="`+action+`"]`)),
		chromedp.Sleep(300*time.Millisecond), // the menu was just loaded: let htmx process it
	)
}

// An attendee's journeys, each checked afterwards on the console's row:
// a sign-in link asked for by email (Outbox → link → Continue → lobby) and
// the chat's terms accepted (the row offers Block from chat); an invitation
// link and unregistering (the row reads Unregistered, with its hover); a
// password event (invitation → choose a password → lobby; sign out; sign in
// with the password); then the organiser blocks that person from the Edit
// dialog and their next sign-in is refused.
func TestAttendeeJourneys(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	r := start(t, nil, "--demo")
	cred := strings.Fields(r.find(t, demoOwner))
	shots := shotDir(t)
	signIn(t, ctx, r.URL, cred[0], cred[1])
	open := atEvent(t, ctx, r.URL, "Open Evening", "magic_link")
	gala := atEvent(t, ctx, r.URL, "Members Gala", "password")
	const lena, udo, paula = "lena.link@e2e.example", "udo.unreg@e2e.example", "paula.pass@e2e.example"
	atInvite(t, ctx, r.URL, open, [4]string{lena, "Lena", "Link", ""}, [4]string{udo, "Udo", "Unreg", "ar"})
	atInvite(t, ctx, r.URL, gala, [4]string{paula, "Paula", "Pass", "ja"})
	lobbyOpen, lobbyGala := r.URL+"/a/events/"+open, r.URL+"/a/events/"+gala

	// Lena asks for a sign-in link by email.
	run(t, ctx, "ask for a sign-in link",
		chromedp.Navigate(lobbyOpen+"/login"),
		chromedp.WaitVisible(css(`[data-testid="login-request-form"]`)),
		chromedp.SendKeys(css(`[data-testid="login-request-email"]`), lena),
		chromedp.Click(css(`[data-testid="login-request-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="login-request-sent"]`)),
	)
	screenshot(t, ctx, shots, "attendee-link-requested")
	link := atMailLink(t, ctx, r.URL, lena, "sign")
	run(t, ctx, "open the emailed link", chromedp.Navigate(link), chromedp.WaitVisible(css(`[data-testid="attendee-landing"]`)))
	if who := text(t, ctx, `[data-testid="landing-email"]`); who != "lena.link@…" {
		t.Fatalf("landing shows %q", who)
	}
	run(t, ctx, "continue to the lobby", chromedp.Click(css(`[data-testid="landing-continue"]`)), chromedp.WaitVisible(css(`[data-testid="attendee-lobby"]`)))
	run(t, ctx, "accept the chat's terms",
		chromedp.Click(css(`[data-testid="lobby-chat-accept"]`)),
		chromedp.Click(css(`[data-testid="lobby-chat-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="lobby-chat-open"]`)),
	)
	screenshot(t, ctx, shots, "attendee-lobby-chat")
	run(t, ctx, "sign out", chromedp.Click(css(`[data-testid="lobby-logout"]`)), chromedp.WaitVisible(css(`[data-testid="login-request"]`)))

	// Udo, who reads Arabic, comes in by his invitation (its email and his
	// pages in Arabic, right to left) and unregisters after confirming.
	link = atMailLink(t, ctx, r.URL, udo, "")
	run(t, ctx, "udo's invitation",
		chromedp.Navigate(link),
		chromedp.WaitVisible(css(`[data-testid="attendee-landing"]`)),
	)
	if dir := ptEval[string](t, ctx, `document.documentElement.lang + ' ' + document.documentElement.dir`); dir != "ar rtl" {
		t.Fatalf("Udo's landing page: %q", dir)
	}
	screenshot(t, ctx, shots, "attendee-landing-ar")
	run(t, ctx, "udo's lobby",
		chromedp.Click(css(`[data-testid="landing-continue"]`)),
		chromedp.WaitVisible(css(`[data-testid="attendee-lobby"]`)),
	)
	ptWait(t, ctx, "local times in Arabic", `document.querySelector('[data-local-span]').hasAttribute('data-localised')`)
	if note := text(t, ctx, `[data-testid="lobby-tz"]`); !strings.Contains(note, "بمنطقتك الزمنية") {
		t.Fatalf("time zone note %q", note)
	}
	screenshot(t, ctx, shots, "attendee-lobby-ar")
	run(t, ctx, "unregister?", chromedp.Click(css(`[data-testid="lobby-unregister"]`)), chromedp.WaitVisible(css(`[data-testid="confirm-dialog"]`)))
	screenshot(t, ctx, shots, "attendee-unregister-confirm")
	run(t, ctx, "unregister", chromedp.Click(css(`[data-testid="confirm-ok"]`)), chromedp.WaitVisible(css(`[data-testid="attendee-unregistered"]`)))

	// The console: Lena attended, accepted the chat's terms (Block from chat
	// is offered) and used her link from this browser; Udo is Unregistered.
	run(t, ctx, "the open evening's people", chromedp.Navigate(r.URL+"/events/"+open+"/users"), chromedp.WaitVisible(css(`[data-testid="participants-table"]`)))
	lenaRow, udoRow := atRow(t, ctx, lena), atRow(t, ctx, udo)
	if st := text(t, ctx, lenaRow+` .badge`); st != "Attended" {
		t.Fatalf("Lena is %q", st)
	}
	tip := atHover(t, ctx, lenaRow)
	if !strings.Contains(tip, "Pre-event visit") || !strings.Contains(tip, "Link used") || !strings.Contains(tip, "Chromium") {
		t.Fatalf("Lena's popover: %q", tip)
	}
	screenshot(t, ctx, shots, "console-link-used-hover")
	if st := text(t, ctx, udoRow+` .badge`); st != "Unregistered" {
		t.Fatalf("Udo is %q", st)
	}
	if tip := atHover(t, ctx, udoRow); !strings.HasPrefix(tip, "Unregistered") || !strings.Contains(tip, "since") {
		t.Fatalf("Udo's popover: %q", tip)
	}
	atMenu(t, ctx, lenaRow, "action-chat-block")
	run(t, ctx, "View analytics",
		chromedp.Click(css(lenaRow+` [data-testid="action-analytics"]`)),
		chromedp.WaitVisible(css(`#modal [data-testid="links-panel"]`)),
	)
	if got := text(t, ctx, `#modal [data-testid="links-list"]`); !strings.Contains(got, "Used") || !strings.Contains(got, "Chromium") {
		t.Fatalf("Lena's links: %q", got)
	}
	screenshot(t, ctx, shots, "console-analytics-links")
	run(t, ctx, "close analytics", chromedp.Click(css(`[data-testid="modal-close"]`)), chromedp.WaitNotVisible(css(`#modal`)))
	// Revoke the event's working links: the confirmation counts them (Lena's
	// invitation; Udo's went when he unregistered).
	run(t, ctx, "revoke the event's links",
		chromedp.Click(css(`[data-testid="revoke-event-links"]`)),
		chromedp.WaitVisible(css(`#modal [data-testid="revoke-event-dialog"]`)),
	)
	if got := text(t, ctx, `[data-testid="revoke-event-count"]`); got != "1 login link of Open Evening works at the moment." {
		t.Fatalf("revoke confirmation %q", got)
	}
	screenshot(t, ctx, shots, "console-revoke-event-links")
	run(t, ctx, "revoke", chromedp.Click(css(`[data-testid="revoke-event-submit"]`)), chromedp.WaitNotVisible(css(`#modal`)),
		chromedp.WaitVisible(css(`[data-testid="toast"]`)))
	if msg := text(t, ctx, `[data-testid="toast"]`); !strings.HasPrefix(msg, "1 login link of this event is revoked.") {
		t.Fatalf("revoke toast %q", msg)
	}
	closeToasts(t, ctx)

	// Paula (in Japanese): invitation → choose a password → lobby; out; in
	// with it.
	const pw = "a quiet walk by the river"
	link = atMailLink(t, ctx, r.URL, paula, "")
	run(t, ctx, "paula's invitation",
		chromedp.Navigate(link),
		chromedp.WaitVisible(css(`[data-testid="attendee-landing"]`)),
		chromedp.Click(css(`[data-testid="landing-continue"]`)),
		chromedp.WaitVisible(css(`[data-testid="set-password-form"]`)),
		chromedp.SendKeys(css(`[data-testid="set-password"]`), "too short"),
		chromedp.SendKeys(css(`[data-testid="set-password-confirm"]`), "too short"),
		chromedp.Click(css(`[data-testid="set-password-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="set-password-error"]`)),
	)
	screenshot(t, ctx, shots, "attendee-set-password-error")
	run(t, ctx, "choose a password",
		chromedp.SendKeys(css(`[data-testid="set-password"]`), pw),
		chromedp.SendKeys(css(`[data-testid="set-password-confirm"]`), pw),
		chromedp.Click(css(`[data-testid="set-password-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="attendee-lobby"]`)),
		chromedp.Click(css(`[data-testid="lobby-logout"]`)),
		chromedp.WaitVisible(css(`[data-testid="password-login-signed-out"]`)),
		chromedp.SendKeys(css(`[data-testid="password-login-email"]`), paula),
		chromedp.SendKeys(css(`[data-testid="password-login-password"]`), "not my password"),
		chromedp.Click(css(`[data-testid="password-login-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="password-login-error"]`)),
	)
	screenshot(t, ctx, shots, "attendee-password-wrong")
	run(t, ctx, "sign in with the password",
		chromedp.SendKeys(css(`[data-testid="password-login-password"]`), pw),
		chromedp.Click(css(`[data-testid="password-login-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="attendee-lobby"]`)),
		chromedp.Click(css(`[data-testid="lobby-logout"]`)),
		chromedp.WaitVisible(css(`[data-testid="password-login"]`)),
	)
	// "Forgot your password?": an emailed link leads to choosing a new one,
	// or to keeping it.
	run(t, ctx, "forgot the password",
		chromedp.Click(css(`[data-testid="password-login-forgot"]`)),
		chromedp.WaitVisible(css(`[data-testid="login-request-intro"]`)),
		chromedp.SendKeys(css(`[data-testid="login-request-email"]`), paula),
		chromedp.Click(css(`[data-testid="login-request-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="login-request-sent"]`)),
	)
	link = atMailLink(t, ctx, r.URL, paula, "")
	run(t, ctx, "the reset link",
		chromedp.Navigate(link),
		chromedp.WaitVisible(css(`[data-testid="attendee-landing"]`)),
		chromedp.Click(css(`[data-testid="landing-continue"]`)),
		chromedp.WaitVisible(css(`[data-testid="set-password-keep"]`)),
	)
	screenshot(t, ctx, shots, "attendee-password-reset")
	run(t, ctx, "keep the password",
		chromedp.Click(css(`[data-testid="set-password-keep"]`)),
		chromedp.WaitVisible(css(`[data-testid="attendee-lobby"]`)),
		chromedp.Click(css(`[data-testid="lobby-logout"]`)),
		chromedp.WaitVisible(css(`[data-testid="password-login"]`)),
	)

	// The organiser blocks Paula from the Edit dialog, after confirming.
	run(t, ctx, "the gala's people", chromedp.Navigate(r.URL+"/events/"+gala+"/users"), chromedp.WaitVisible(css(`[data-testid="participants-table"]`)))
	paulaRow := atRow(t, ctx, paula)
	atMenu(t, ctx, paulaRow, "action-edit")
	run(t, ctx, "edit, then block",
		chromedp.Click(css(paulaRow+` [data-testid="action-edit"]`)),
		chromedp.WaitVisible(css(`#modal [data-testid="edit-block"]`)),
	)
	screenshot(t, ctx, shots, "console-edit-block")
	run(t, ctx, "block", chromedp.Click(css(`[data-testid="edit-block"]`)), chromedp.WaitVisible(css(`[data-testid="confirm-dialog"]`)))
	if q := text(t, ctx, `#confirm-dialog-message`); !strings.HasPrefix(q, "Block Paula Pass from this event?") {
		t.Fatalf("confirmation %q", q)
	}
	run(t, ctx, "confirm the block",
		chromedp.Click(css(`[data-testid="confirm-ok"]`)),
		chromedp.WaitNotVisible(css(`#modal`)),
		chromedp.WaitVisible(css(`[data-testid="toast"]`)),
		chromedp.WaitVisible(css(paulaRow+`[data-status="blocked"]`)),
	)
	if msg := text(t, ctx, `[data-testid="toast"]`); !strings.Contains(msg, "Paula Pass is blocked") {
		t.Fatalf("toast %q", msg)
	}
	closeToasts(t, ctx)
	if tip := atHover(t, ctx, paulaRow); !strings.HasPrefix(tip, "Blocked") || !strings.Contains(tip, "since") || !strings.Contains(tip, "Link used") {
		t.Fatalf("Paula's popover: %q", tip)
	}
	screenshot(t, ctx, shots, "console-blocked-row")

	// Her next sign-in is refused with a page that says why.
	run(t, ctx, "a blocked sign-in",
		chromedp.Navigate(lobbyGala+"/login"),
		chromedp.WaitVisible(css(`[data-testid="password-login-form"]`)),
		chromedp.SendKeys(css(`[data-testid="password-login-email"]`), paula),
		chromedp.SendKeys(css(`[data-testid="password-login-password"]`), pw),
		chromedp.Click(css(`[data-testid="password-login-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="attendee-refused"]`)),
	)
	if why := text(t, ctx, `[data-testid="attendee-refused-reason"]`); !strings.Contains(why, "主催者により") {
		t.Fatalf("refusal %q", why)
	}
	screenshot(t, ctx, shots, "attendee-refused")
}
