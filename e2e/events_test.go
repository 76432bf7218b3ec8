package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// closeToasts dismisses the toasts with their close buttons, as a person
// would before clicking what they cover (the bottom-right corner).
func closeToasts(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
		`document.querySelectorAll('#toasts [data-toast-close]').forEach(function (b) { b.click(); }), true`)); err != nil {
		t.Fatalf("close toasts: %v", err)
	}
	run(t, ctx, "toasts closed", chromedp.WaitNotPresent(css(`#toasts [data-toast]`)))
}

// shot scrolls to the top (fixed bars stay in place) and saves a screenshot.
func shot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.scrollTo(0, 0), true`)); err != nil {
		t.Fatalf("scroll: %v", err)
	}
	screenshot(t, ctx, dir, name)
}

// An organiser creates an event through the form (fixing an inline error on
// the way), adds two sessions, edits the event and a session, deletes a
// session after confirming, and finds the event in the list by searching
// without its accent.
func TestEventsCreateEditAndSessions(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	r := start(t, nil, "--demo")
	cred := strings.Fields(r.find(t, demoOwner))
	shots := shotDir(t)
	signIn(t, ctx, r.URL, cred[0], cred[1])

	run(t, ctx, "open the events list",
		chromedp.Click(css(`[data-testid="nav-events"]`)),
		chromedp.WaitVisible(css(`[data-testid="events-table"]`)),
	)
	if got := text(t, ctx, `[data-testid="events-table"]`); !strings.Contains(got, "Closed") {
		t.Fatalf("the demo's closed SSO event shows its badge: %s", got)
	}

	// The form, with an end before the start: the error appears inline.
	run(t, ctx, "new event with an error",
		chromedp.Click(css(`[data-testid="event-new"]`)),
		chromedp.WaitVisible(css(`[data-testid="event-form"]`)),
		chromedp.SendKeys(css(`[data-testid="event-name-input"]`), "Noël Winter Summit"),
		chromedp.SetValue(css(`[data-testid="event-time-zone"]`), "Europe/Paris"),
		chromedp.SetValue(css(`[data-testid="event-starts-at"]`), "2030-12-01T09:00"),
		chromedp.SetValue(css(`[data-testid="event-ends-at"]`), "2030-11-30T17:00"),
		chromedp.Click(css(`[data-testid="event-login-sso"]`)),
		chromedp.Click(css(`[data-testid="event-registration-form"]`)),
		chromedp.SetValue(css(`[data-testid="event-language"]`), "fr"),
		chromedp.Click(css(`[data-testid="event-submit"]`)),
		chromedp.WaitVisible(css(`#event-ends-at-error`)),
	)
	if msg := text(t, ctx, `#event-ends-at-error`); !strings.Contains(msg, "The event must end after it starts.") {
		t.Fatalf("inline error: %q", msg)
	}
	// The other values survived the round trip.
	if v, err := chromedp.Run(ctx, chromedp.Value(css(`[data-testid="event-name-input"]`))); err != nil || v != "Noël Winter Summit" {
		t.Fatalf("name after the error: %q %v", v, err)
	}
	shot(t, ctx, shots, "event-form-error")

	run(t, ctx, "fix the error and create",
		chromedp.SetValue(css(`[data-testid="event-ends-at"]`), "2030-12-03T17:00"),
		chromedp.Click(css(`[data-testid="event-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="event-edit-page"]`)),
		chromedp.WaitVisible(css(`[data-testid="toast"]`)),
	)
	if got := text(t, ctx, `[data-testid="event-crumb-current"]`); got != "Noël Winter Summit" {
		t.Fatalf("breadcrumb %q", got)
	}

	// Two sessions, the second earlier: the table keeps them in start order.
	closeToasts(t, ctx)
	run(t, ctx, "add two sessions",
		chromedp.SendKeys(css(`[data-testid="session-add-name"]`), "Closing panel"),
		chromedp.SetValue(css(`[data-testid="session-add-starts-at"]`), "2030-12-03T15:00"),
		chromedp.SetValue(css(`[data-testid="session-add-ends-at"]`), "2030-12-03T16:30"),
		chromedp.Click(css(`[data-testid="session-add-submit"]`)),
		chromedp.WaitVisible(css(`#session-rows tr[data-testid="session-row"]`)),
		chromedp.SendKeys(css(`[data-testid="session-add-name"]`), "Opening keynote"),
		chromedp.SetValue(css(`[data-testid="session-add-starts-at"]`), "2030-12-01T09:30"),
		chromedp.SetValue(css(`[data-testid="session-add-ends-at"]`), "2030-12-01T10:30"),
		chromedp.Click(css(`[data-testid="session-add-submit"]`)),
		chromedp.WaitVisible(css(`#session-rows tr[data-testid="session-row"] + tr[data-testid="session-row"]`)),
	)
	if first := text(t, ctx, `#session-rows tr:first-child [data-testid="session-name"]`); first != "Opening keynote" {
		t.Fatalf("first session %q", first)
	}
	if starts := text(t, ctx, `#session-rows tr:first-child [data-testid="session-starts"]`); starts != "1 Dec 2030, 09:30" {
		t.Fatalf("the session's start in the event's zone: %q", starts)
	}
	shot(t, ctx, shots, "event-edit")

	// Edit the event: the breadcrumb follows the new name.
	closeToasts(t, ctx)
	run(t, ctx, "edit the event",
		chromedp.SetValue(css(`[data-testid="event-name-input"]`), "Noël Winter Summit 2030"),
		chromedp.Click(css(`[data-testid="event-closed"]`)),
		chromedp.Click(css(`[data-testid="event-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="toast"]`)),
	)
	if got := text(t, ctx, `[data-testid="event-crumb-current"]`); got != "Noël Winter Summit 2030" {
		t.Fatalf("breadcrumb after the edit %q", got)
	}

	// Edit a session in its row.
	closeToasts(t, ctx)
	run(t, ctx, "edit a session",
		chromedp.Click(css(`#session-rows tr:first-child [data-testid="session-edit"]`)),
		chromedp.WaitVisible(css(`[data-testid="session-edit-name"]`)),
	)
	shot(t, ctx, shots, "session-edit")
	run(t, ctx, "save the session",
		chromedp.SetValue(css(`[data-testid="session-edit-name"]`), "Welcome keynote"),
		chromedp.Click(css(`[data-testid="session-edit-save"]`)),
		chromedp.WaitNotPresent(css(`[data-testid="session-edit-form"]`)),
	)
	if first := text(t, ctx, `#session-rows tr:first-child [data-testid="session-name"]`); first != "Welcome keynote" {
		t.Fatalf("edited session %q", first)
	}

	// Delete the other one, after the console's confirmation dialog.
	closeToasts(t, ctx)
	run(t, ctx, "delete a session",
		chromedp.Click(css(`#session-rows tr:nth-child(2) [data-testid="session-delete"]`)),
		chromedp.WaitVisible(css(`[data-testid="confirm-dialog"]`)),
		chromedp.Click(css(`[data-testid="confirm-ok"]`)),
		chromedp.WaitNotPresent(css(`#session-rows tr[data-testid="session-row"] + tr[data-testid="session-row"]`)),
	)

	// The list finds it without the accent, with its dates in its zone.
	run(t, ctx, "search the list",
		chromedp.Click(css(`[data-testid="nav-events"]`)),
		chromedp.WaitVisible(css(`[data-testid="events-table"]`)),
		chromedp.SendKeys(css(`[data-testid="events-q"]`), "noel winter"),
		chromedp.Click(css(`[data-testid="events-search-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="events-q"][value="noel winter"]`)),
	)
	row := text(t, ctx, `[data-testid="events-table"]`)
	for _, want := range []string{"Noël Winter Summit 2030", "1 Dec 2030, 09:00 – 3 Dec 2030, 17:00", "Europe/Paris", "SSO", "Closed"} {
		if !strings.Contains(row, want) {
			t.Errorf("the list row lacks %q: %s", want, row)
		}
	}
	run(t, ctx, "back to the whole list", chromedp.Click(css(`[data-testid="nav-events"]`)), chromedp.WaitVisible(css(`[data-testid="events-table"]`)))
	shot(t, ctx, shots, "events-list")
}
