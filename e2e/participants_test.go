package e2e

import (
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// ptPNG writes a small PNG portrait for the upload.
func ptPNG(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 96, 96))
	for y := range 96 {
		for x := range 96 {
			img.Set(x, y, color.RGBA{R: uint8(60 + x), G: uint8(90 + y), B: 200, A: 255})
		}
	}
	path := filepath.Join(t.TempDir(), "portrait.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	return path
}

// ptEval runs a script that returns a value.
func ptEval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// ptWait polls a script until it returns true (a page that is still
// loading, where the script fails, counts as not yet).
func ptWait(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function () { try { return !!(`+js+`); } catch (e) { return false; } })()`))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			screenshot(t, ctx, t.TempDir(), "timeout")
			t.Fatalf("timed out waiting for %s (%s): %v", what, js, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// ptSwitchEvent switches the list on screen to the event named name (the
// event switcher) and waits for its rows.
func ptSwitchEvent(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	run(t, ctx, "switch to "+name,
		chromedp.Click(css(`[data-testid="event-switcher-button"]`)),
		chromedp.WaitVisible(css(`[data-testid="event-switcher-menu"]`)),
	)
	ptEval[bool](t, ctx, `Array.from(document.querySelectorAll('[data-testid="event-switch"]')).find(function (a) { return a.textContent.indexOf('`+name+`') >= 0; }).click(), true`)
	ptWait(t, ctx, name+"'s list", `document.querySelector('[data-testid="event-name"]').textContent.indexOf('`+name+`') >= 0 && !!document.querySelector('tr[data-testid="participant-row"]')`)
}

// An organiser works the All users page of the demo's magic-link event:
// invites a speaker with a photo, sees the new row, reads the detailed
// status on hover, resends the invitation, generates a login link and opens
// it in the browser (the person lands in the lobby), then removes the person
// after confirming.
func TestParticipantsPage(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	r := start(t, nil, "--demo")
	cred := strings.Fields(r.find(t, demoOwner))
	shots := shotDir(t)
	photo := ptPNG(t)
	const email = "ada.speaker@e2e.example"

	signIn(t, ctx, r.URL, cred[0], cred[1])

	// The navigation's All users opens the latest event; the switcher
	// leads to the magic-link summit.
	run(t, ctx, "all users, then switch event",
		chromedp.Click(css(`[data-testid="nav-events-users"]`)),
		chromedp.WaitVisible(css(`[data-testid="participants-table"]`)),
	)
	ptSwitchEvent(t, ctx, "Product Summit")
	if rng := text(t, ctx, `[data-testid="range"]`); !strings.HasPrefix(rng, "1 – 50 of 2,0") {
		t.Fatalf("range %q", rng)
	}
	shot(t, ctx, shots, "participants-list")

	// Selecting the page enables the bulk actions; the header stays in view.
	run(t, ctx, "select the page", chromedp.Click(css(`[data-testid="select-all"]`)))
	if got := text(t, ctx, `[data-testid="selected-count"]`); got != "50 selected" {
		t.Fatalf("selection %q", got)
	}
	if ptEval[bool](t, ctx, `document.querySelector('[data-testid="bulk-resend"]').disabled`) {
		t.Fatal("bulk resend waits for a selection, then works")
	}
	ptEval[bool](t, ctx, `window.scrollTo(0, 900), true`)
	if top := ptEval[float64](t, ctx, `document.querySelector('.pv-table thead th').getBoundingClientRect().top`); top < 55 || top > 57 {
		t.Fatalf("the sticky header sits under the top bar: %v", top)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	_ = os.WriteFile(filepath.Join(shots, "participants-sticky.png"), png, 0o644)
	run(t, ctx, "unselect", chromedp.Click(css(`[data-testid="select-all"]`)))
	if !ptEval[bool](t, ctx, `document.querySelector('[data-testid="bulk-resend"]').disabled`) {
		t.Fatal("no selection, no bulk action")
	}
	ptEval[bool](t, ctx, `window.scrollTo(0, 0), true`)

	// Invite a speaker with a photo.
	run(t, ctx, "invite dialog",
		chromedp.Click(css(`[data-testid="invite-open"]`)),
		chromedp.WaitVisible(css(`#modal [data-testid="invite-form"]`)),
	)
	if ptEval[bool](t, ctx, `!document.getElementById('pv-profile').hidden`) {
		t.Fatal("the profile fields are hidden until Speaker or Moderator is ticked")
	}
	run(t, ctx, "fill the invitation",
		chromedp.SendKeys(css(`[data-testid="form-email"]`), email),
		chromedp.SendKeys(css(`[data-testid="form-first-name"]`), "Ada"),
		chromedp.SendKeys(css(`[data-testid="form-last-name"]`), "Lovelace"),
		chromedp.Click(css(`[data-testid="form-speaker"]`)),
		chromedp.WaitVisible(css(`[data-testid="form-profile"]`)),
		chromedp.SetUploadFiles(css(`[data-testid="form-image"]`), []string{photo}),
		chromedp.SendKeys(css(`[data-testid="form-title"]`), "Analyst"),
		chromedp.SendKeys(css(`[data-testid="form-company"]`), "Analytical Engines"),
		chromedp.SendKeys(css(`[data-testid="form-bio"]`), "Wrote the first program."),
	)
	if n := text(t, ctx, `[data-testid="form-bio-count"]`); n != "24 / 2,500" {
		t.Fatalf("bio counter %q", n)
	}
	shot(t, ctx, shots, "participants-invite")
	run(t, ctx, "invite", chromedp.Click(css(`[data-testid="invite-submit"]`)), chromedp.WaitVisible(css(`[data-testid="toast"]`)))
	ptWait(t, ctx, "the new row at the top", `document.querySelector('#pv-rows tr').textContent.indexOf('`+email+`') >= 0`)
	ptWait(t, ctx, "the form cleared for the next person", `document.querySelector('[data-testid="form-email"]').value === ''`)
	run(t, ctx, "close the dialog", chromedp.Click(css(`[data-testid="modal-close"]`)), chromedp.WaitNotVisible(css(`#modal`)))
	closeToasts(t, ctx)

	// Hovering the status reveals the detailed status.
	rect := ptEval[[]float64](t, ctx, `(function () { var b = document.querySelector('#pv-rows tr .st').getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; })()`)
	run(t, ctx, "hover the status", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, rect[0], rect[1]))
	ptWait(t, ctx, "the detailed status", `getComputedStyle(document.querySelector('#pv-rows tr .st-tip')).visibility === 'visible'`)
	if tip := text(t, ctx, `#pv-rows tr .st-tip`); !strings.Contains(tip, "Invited by team member") || !strings.Contains(tip, "since") {
		t.Fatalf("detailed status %q", tip)
	}
	screenshot(t, ctx, shots, "participants-status-hover")
	// Keyboard focus shows it too.
	run(t, ctx, "move away", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 5, 300))
	ptEval[bool](t, ctx, `document.querySelectorAll('#pv-rows tr .st')[1].focus(), true`)
	ptWait(t, ctx, "the detailed status on focus", `getComputedStyle(document.querySelectorAll('#pv-rows tr .st-tip')[1]).visibility === 'visible'`)
	ptEval[bool](t, ctx, `document.activeElement.blur(), true`)

	// The delivery icon of the last email explains itself on hover.
	rect = ptEval[[]float64](t, ctx, `(function () { var b = document.querySelector('#pv-rows tr .dl').getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; })()`)
	run(t, ctx, "hover the delivery icon", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, rect[0], rect[1]))
	ptWait(t, ctx, "the delivery hint", `getComputedStyle(document.querySelector('#pv-rows tr .dl'), '::after').content.indexOf('Last email: ') >= 0`)
	screenshot(t, ctx, shots, "participants-delivery-hover")
	run(t, ctx, "move away again", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 5, 300))

	// Resend from the row menu.
	run(t, ctx, "resend",
		chromedp.Click(css(`#pv-rows tr:first-child [data-testid="row-actions"]`)),
		chromedp.WaitVisible(css(`#pv-rows tr:first-child [data-testid="action-resend"]`)),
		chromedp.Sleep(300*time.Millisecond), // the menu was just loaded: let htmx process it
	)
	screenshot(t, ctx, shots, "participants-row-menu")
	run(t, ctx, "resend click", chromedp.Click(css(`#pv-rows tr:first-child [data-testid="action-resend"]`)), chromedp.WaitVisible(css(`[data-testid="toast"]`)))
	if msg := text(t, ctx, `[data-testid="toast"]`); !strings.Contains(msg, "on its way to "+email) {
		t.Fatalf("resend toast %q", msg)
	}
	closeToasts(t, ctx)

	// Generate a login link: the dialog shows it with a QR code.
	run(t, ctx, "login link",
		chromedp.Click(css(`#pv-rows tr:first-child [data-testid="row-actions"]`)),
		chromedp.WaitVisible(css(`#pv-rows tr:first-child [data-testid="action-login-link"]`)),
		chromedp.Sleep(300*time.Millisecond), // the menu was just loaded: let htmx process it
		chromedp.Click(css(`#pv-rows tr:first-child [data-testid="action-login-link"]`)),
		chromedp.WaitVisible(css(`#modal [data-testid="login-link-url"]`)),
		chromedp.WaitVisible(css(`#modal [data-testid="login-link-qr"]`)),
	)
	link, err := chromedp.Run(ctx, chromedp.Value(css(`[data-testid="login-link-url"]`)))
	if err != nil || !strings.Contains(link, "/l/") {
		t.Fatalf("login link %q %v", link, err)
	}
	screenshot(t, ctx, shots, "participants-login-link")
	listURL, _ := chromedp.Run(ctx, chromedp.Location())

	// Open it: the landing page spends nothing; Continue enters the lobby.
	run(t, ctx, "open the link",
		chromedp.Navigate(link),
		chromedp.WaitVisible(css(`[data-testid="attendee-landing"]`)),
	)
	if who := text(t, ctx, `[data-testid="landing-email"]`); who != "ada.speaker@…" {
		t.Fatalf("landing shows %q", who)
	}
	screenshot(t, ctx, shots, "attendee-landing")
	// The summit has a registration form and confirms emails: the form
	// first, then the link emailed to her (read in the Outbox), then the lobby.
	run(t, ctx, "continue", chromedp.Click(css(`[data-testid="landing-continue"]`)), chromedp.WaitVisible(css(`[data-testid="register-form"]`)))
	if v := ptEval[string](t, ctx, `document.querySelector('[data-testid="register-first"]').value`); v != "Ada" {
		t.Fatalf("the form holds her name: %q", v)
	}
	run(t, ctx, "register",
		chromedp.Click(css(`[data-testid="register-consent"]`)),
		chromedp.Click(css(`[data-testid="register-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="register-confirm"]`)),
	)
	screenshot(t, ctx, shots, "attendee-registered")
	run(t, ctx, "the confirmation in the outbox",
		chromedp.Navigate(r.URL+"/outbox?q="+email),
		chromedp.WaitVisible(css(`[data-testid="outbox-row"]`)),
		chromedp.Click(css(`[data-testid="outbox-link"]`)),
		chromedp.WaitVisible(css(`[data-testid="outbox-email-links"]`)),
	)
	if subj := text(t, ctx, `[data-testid="outbox-email-subject"]`); !strings.Contains(strings.ToLower(subj), "confirm") {
		t.Fatalf("the newest email to her is %q", subj)
	}
	screenshot(t, ctx, shots, "outbox-confirmation")
	confirmLink := ptEval[string](t, ctx, `document.querySelector('[data-testid="outbox-email-link"]').href`)
	run(t, ctx, "confirm", chromedp.Navigate(confirmLink), chromedp.WaitVisible(css(`[data-testid="attendee-landing"]`)),
		chromedp.Click(css(`[data-testid="landing-continue"]`)), chromedp.WaitVisible(css(`[data-testid="attendee-lobby"]`)))
	if got := text(t, ctx, `[data-testid="lobby-signed-in"]`); !strings.Contains(got, "Ada Lovelace") {
		t.Fatalf("lobby %q", got)
	}
	// The lobby shows times in the attendee's own zone (the browser's).
	ptWait(t, ctx, "local times", `document.querySelector('[data-local-span]').hasAttribute('data-localised')`)
	if note := text(t, ctx, `[data-testid="lobby-tz"]`); !strings.Contains(note, "your time zone") {
		t.Fatalf("time zone note %q", note)
	}
	screenshot(t, ctx, shots, "attendee-lobby")
	run(t, ctx, "the link is spent", chromedp.Navigate(link), chromedp.WaitVisible(css(`[data-testid="error-page"]`)))
	if msg := text(t, ctx, `[data-testid="error-message"]`); !strings.Contains(msg, "expired or was already used") {
		t.Fatalf("a used link: %q", msg)
	}

	// Back in the console, find her by search and remove her after confirming.
	run(t, ctx, "back to the list", chromedp.Navigate(listURL), chromedp.WaitVisible(css(`[data-testid="participants-table"]`)),
		chromedp.SendKeys(css(`[data-testid="pv-search"]`), "ada.speaker"))
	ptWait(t, ctx, "the search result", `document.querySelectorAll('tr[data-testid="participant-row"]').length === 1 && location.search.indexOf('q=ada.speaker') >= 0`)
	if st := text(t, ctx, `#pv-rows tr .badge`); st != "Attended" {
		t.Fatalf("after entering she is %q", st)
	}
	run(t, ctx, "remove",
		chromedp.Click(css(`#pv-rows tr:first-child [data-testid="row-actions"]`)),
		chromedp.WaitVisible(css(`#pv-rows tr:first-child [data-testid="action-remove"]`)),
		chromedp.Sleep(300*time.Millisecond), // the menu was just loaded: let htmx process it
		chromedp.Click(css(`#pv-rows tr:first-child [data-testid="action-remove"]`)),
		chromedp.WaitVisible(css(`[data-testid="confirm-dialog"]`)),
	)
	if q := text(t, ctx, `#confirm-dialog-message`); q != "Remove Ada Lovelace from this event? Their other events and courses stay." {
		t.Fatalf("confirmation %q", q)
	}
	screenshot(t, ctx, shots, "participants-remove-confirm")
	run(t, ctx, "confirm", chromedp.Click(css(`[data-testid="confirm-ok"]`)), chromedp.WaitNotPresent(css(`tr[data-testid="participant-row"]`)),
		chromedp.WaitVisible(css(`[data-testid="toast"]`)))
	run(t, ctx, "clear the search", chromedp.Navigate(listURL), chromedp.WaitVisible(css(`[data-testid="participants-table"]`)))
	shot(t, ctx, shots, "participants-after")

	// The speakers page shows profiles; Edit opens in the dialog and the
	// saved row comes back in place.
	run(t, ctx, "speakers", chromedp.Click(css(`[data-testid="tab-speakers"]`)), chromedp.WaitVisible(css(`[data-testid="participants-page"][data-view="speakers"]`)))
	shot(t, ctx, shots, "participants-speakers")
	// Its chips count the speakers: All is the sum of the statuses.
	ptWait(t, ctx, "the speakers' chip counts", `(() => {
		const n = id => Number((document.querySelector('[data-testid="'+id+'"] .chip-n') || {}).textContent.replace(/,/g, ''));
		const all = n('chip-all'), parts = ['invited', 'registered', 'attended', 'sso_login', 'unregistered', 'blocked'].map(s => n('chip-'+s));
		return all > 0 && parts[2] > 0 && parts.reduce((a, b) => a + b, 0) === all;
	})()`)
	closeToasts(t, ctx)
	run(t, ctx, "edit a speaker",
		chromedp.Click(css(`#pv-rows tr:first-child [data-testid="row-actions"]`)),
		chromedp.WaitVisible(css(`#pv-rows tr:first-child [data-testid="action-edit"]`)),
		chromedp.Sleep(300*time.Millisecond), // the menu was just loaded: let htmx process it
		chromedp.Click(css(`#pv-rows tr:first-child [data-testid="action-edit"]`)),
		chromedp.WaitVisible(css(`#modal [data-testid="edit-form"]`)),
		chromedp.WaitVisible(css(`#modal [data-testid="form-profile"]`)),
		chromedp.SetValue(css(`[data-testid="form-title"]`), "Chief Wizard"),
		chromedp.Click(css(`[data-testid="edit-submit"]`)),
		chromedp.WaitNotVisible(css(`#modal`)),
		chromedp.WaitVisible(css(`[data-testid="toast"]`)),
	)
	if got := text(t, ctx, `#pv-rows tr:first-child`); !strings.Contains(got, "Chief Wizard") {
		t.Fatalf("the edited row: %s", got)
	}
	// View analytics of someone who attended.
	run(t, ctx, "attended speakers", chromedp.Click(css(`[data-testid="chip-attended"]`)), chromedp.WaitVisible(css(`[data-testid="chip-attended"][aria-current="true"]`)))
	ptWait(t, ctx, "the filtered list", `location.search.indexOf('status=attended') >= 0 && document.querySelector('#pv-rows tr').getAttribute('data-status') === 'attended'`)
	run(t, ctx, "analytics",
		chromedp.Click(css(`#pv-rows tr:first-child [data-testid="row-actions"]`)),
		chromedp.WaitVisible(css(`#pv-rows tr:first-child [data-testid="action-analytics"]`)),
		chromedp.Sleep(300*time.Millisecond), // the menu was just loaded: let htmx process it
		chromedp.Click(css(`#pv-rows tr:first-child [data-testid="action-analytics"]`)),
		chromedp.WaitVisible(css(`#modal [data-testid="analytics-dialog"]`)),
	)
	if got := text(t, ctx, `[data-testid="an-history"]`); !strings.Contains(got, "Invited") {
		t.Fatalf("history %q", got)
	}
	screenshot(t, ctx, shots, "participants-analytics")
	// Escape closes the dialog; the back button restores the unfiltered view.
	run(t, ctx, "escape", chromedp.KeyEvent("\x1b"), chromedp.WaitNotVisible(css(`#modal`)))
	run(t, ctx, "back", chromedp.NavigateBack(), chromedp.WaitVisible(css(`[data-testid="chip-all"][aria-current="true"]`)))
}
