package e2e

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"roster/internal/dbtest"
)

var setupLink = regexp.MustCompile(`(?m)^\s+(http://\S+/setup\?token=\S+)$`)

// First run on an empty SQLite database: the printed setup link creates the
// organisation and its owner; then the console, navigation, logout and login.
func TestSetupLoginDashboardLogout(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	r := start(t, nil)
	link := r.find(t, setupLink)
	shots := shotDir(t)

	run(t, ctx, "setup",
		chromedp.Navigate(link),
		chromedp.WaitVisible(css(`[data-testid="setup-form"]`)),
		chromedp.SendKeys(css(`[data-testid="setup-form"] [name="partner_name"]`), "Zoë's Summit Co"),
		chromedp.SendKeys(css(`[data-testid="setup-form"] [name="name"]`), "Åsa Lindqvist"),
		chromedp.SendKeys(css(`[data-testid="setup-form"] [name="email"]`), "asa@example.com"),
		chromedp.SendKeys(css(`[data-testid="setup-form"] [name="password"]`), "a very good password"),
		chromedp.Click(css(`[data-testid="setup-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="dashboard"]`)),
	)
	partner := text(t, ctx, `[data-testid="partner-name"]`)
	if !strings.Contains(partner, "Zoë's Summit Co") {
		t.Fatalf("top bar shows %q", partner)
	}
	screenshot(t, ctx, shots, "dashboard")

	// Navigation works: each entry opens its page in the shell.
	for _, nav := range []struct{ testid, title string }{
		{"nav-events-users", "All users"}, {"nav-classroom-courses", "Courses"}, {"nav-people", "People"},
		{"nav-staff", "Staff"}, {"nav-audit", "Audit log"}, {"nav-outbox", "Outbox"}, {"nav-settings", "Settings"},
	} {
		run(t, ctx, "navigate to "+nav.title,
			chromedp.Click(css(`[data-testid="`+nav.testid+`"]`)),
			chromedp.WaitVisible(css(`[data-testid="page-header"]`)),
		)
		h1 := text(t, ctx, `[data-testid="page-header"] h1`)
		if strings.TrimSpace(h1) != nav.title {
			t.Fatalf("%s opened %q", nav.testid, h1)
		}
	}
	run(t, ctx, "audit", chromedp.Click(css(`[data-testid="nav-audit"]`)), chromedp.WaitVisible(css(`[data-testid="page-header"]`)))
	audit := text(t, ctx, `#main`)
	if !strings.Contains(audit, "setup.completed") {
		t.Fatalf("the audit log lacks the setup: %s", audit)
	}
	screenshot(t, ctx, shots, "audit")

	run(t, ctx, "logout",
		chromedp.Click(css(`[data-testid="account-menu-button"]`)),
		chromedp.WaitVisible(css(`[data-testid="logout"]`)),
		chromedp.Click(css(`[data-testid="logout"]`)),
		chromedp.WaitVisible(css(`[data-testid="login-form"]`)),
	)
	// Signed out for real: the console sends us back to the login page.
	run(t, ctx, "signed out", chromedp.Navigate(r.URL+"/staff"), chromedp.WaitVisible(css(`[data-testid="login-form"]`)))
	screenshot(t, ctx, shots, "login")

	run(t, ctx, "login",
		chromedp.SendKeys(css(`[data-testid="login-email"]`), "asa@example.com"),
		chromedp.SendKeys(css(`[data-testid="login-password"]`), "a very good password"),
		chromedp.Click(css(`[data-testid="login-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="staff-page"]`)), // back where we were going
	)

	// Invite a colleague: the dialog's form is swapped in place, the row appears out of band.
	run(t, ctx, "invite staff",
		chromedp.Click(css(`[data-testid="staff-invite-open"]`)),
		chromedp.WaitVisible(css(`[data-testid="staff-invite-form"]`)),
		chromedp.SendKeys(css(`[data-testid="staff-invite-name"]`), "Noël Support"),
		chromedp.SendKeys(css(`[data-testid="staff-invite-email"]`), "noel@example.com"),
		chromedp.SetValue(css(`[data-testid="staff-invite-role"]`), "support"),
		chromedp.Click(css(`[data-testid="staff-invite-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="staff-invite-created"]`)),
		chromedp.WaitVisible(css(`tr[data-testid="staff-row"][data-status="invited"]`)),
	)
	if link, err := chromedp.Run(ctx, chromedp.Value(css(`[data-testid="staff-invite-link"]`))); err != nil || !strings.Contains(link, "/accept?token=") {
		t.Fatalf("invitation link %q: %v", link, err)
	}
	screenshot(t, ctx, shots, "staff-invited")

	// Disabling asks first (the console's own dialog), then replaces the row.
	run(t, ctx, "disable with confirmation",
		chromedp.Navigate(r.URL+"/staff"),
		chromedp.WaitVisible(css(`tr[data-status="invited"] [data-testid="staff-disable"]`)),
		chromedp.Click(css(`tr[data-status="invited"] [data-testid="staff-disable"]`)),
		chromedp.WaitVisible(css(`[data-testid="confirm-dialog"]`)),
		chromedp.Click(css(`[data-testid="confirm-ok"]`)),
		chromedp.WaitVisible(css(`tr[data-testid="staff-row"][data-status="disabled"]`)),
		chromedp.WaitVisible(css(`[data-testid="toast"]`)),
	)
	screenshot(t, ctx, shots, "staff")
}

var demoOwner = regexp.MustCompile(`(?m)^\s+owner\s+(\S+@\S+\s+\S+)$`)

// The README's first command, on PostgreSQL: serve --demo prints working
// credentials and the console shows the demo organisation's data.
func TestDemoOnPostgres(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	url := dbtest.NewPostgresDatabase(t)
	r := start(t, []string{"ROSTER_DATABASE_URL=" + url}, "--demo")
	cred := strings.Fields(r.find(t, demoOwner))
	shots := shotDir(t)
	signIn(t, ctx, r.URL, cred[0], cred[1])
	stat := text(t, ctx, `[data-testid="stat-participants"]`)
	screenshot(t, ctx, shots, "demo-dashboard")
	if !strings.Contains(stat, ",") { // thousands of participants
		t.Fatalf("participants stat: %q", stat)
	}
	run(t, ctx, "people", chromedp.Click(css(`[data-testid="nav-people"]`)), chromedp.WaitVisible(css(`[data-testid="page-header"]`)))
	if people := text(t, ctx, `#main`); !strings.Contains(people, "@") {
		t.Fatalf("the people page lists nobody: %s", people)
	}
	screenshot(t, ctx, shots, "demo-people")
	run(t, ctx, "events", chromedp.Click(css(`[data-testid="nav-events"]`)), chromedp.WaitVisible(css(`[data-testid="page-header"]`)))
	screenshot(t, ctx, shots, "demo-events")
}
