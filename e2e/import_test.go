package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// An organiser bulk-invites a file in the browser: uploads it (htmx,
// multipart, CSRF), reads the check step (the flight plan adds up to the
// file's rows, every problem named by row), starts "Invite without email"
// and watches the live progress (polled by htmx under the strict CSP) end
// with the counts; the batch is listed on the Imports page, and All users
// has the new people.
func TestBulkInviteInTheBrowser(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	r := start(t, nil, "--demo")
	cred := strings.Fields(r.find(t, demoOwner))
	shots := shotDir(t)

	// 20,000 new people (long enough an import to watch), one duplicate,
	// one invalid address and one suspected domain typo.
	const valid = 20000
	var b strings.Builder
	b.WriteString("E-mail;First name;Last name;Company;Notes\r\n")
	for i := range valid {
		fmt.Fprintf(&b, "bulk.person%d@example.com;Bulk;Person %d;Import Co;n/a\r\n", i, i)
	}
	b.WriteString("bulk.person7@example.com;Again;Seven;;\r\n")
	b.WriteString("not-an-address;Bad;Address;;\r\n")
	b.WriteString("someone@gmial.com;Typo;Domain;;\r\n")
	file := filepath.Join(t.TempDir(), "attendees.csv")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	signIn(t, ctx, r.URL, cred[0], cred[1])
	run(t, ctx, "all users, then the magic-link summit",
		chromedp.Click(css(`[data-testid="nav-events-users"]`)),
		chromedp.WaitVisible(css(`[data-testid="participants-table"]`)),
	)
	ptSwitchEvent(t, ctx, "Product Summit")
	before := imTotal(t, text(t, ctx, `[data-testid="range"]`))
	run(t, ctx, "the upload page",
		chromedp.Click(css(`[data-testid="bulk-invite-open"]`)),
		chromedp.WaitVisible(css(`[data-testid="import-upload-page"]`)),
	)
	shot(t, ctx, shots, "import-upload")

	run(t, ctx, "upload and check",
		chromedp.SetUploadFiles(css(`[data-testid="import-file"]`), []string{file}),
		chromedp.Click(css(`[data-testid="import-check"]`)),
		chromedp.WaitVisible(css(`[data-testid="import-plan"]`)),
	)
	plan := map[string]string{}
	for _, id := range []string{"plan-invite", "plan-already", "plan-duplicate", "plan-invalid", "plan-typo"} {
		plan[id] = ptEval[string](t, ctx, `(function () { var e = document.querySelector('[data-testid="`+id+`"] dd'); return e ? e.textContent.trim() : ''; })()`)
	}
	want := map[string]string{"plan-invite": "20,000", "plan-already": "0", "plan-duplicate": "1", "plan-invalid": "1", "plan-typo": "1"}
	for k, v := range want {
		if plan[k] != v {
			t.Errorf("%s: %q, want %q (plan %v)", k, plan[k], v, plan)
		}
	}
	problems := text(t, ctx, `[data-testid="import-problems-table"]`)
	for _, reason := range []string{"not-an-address", "gmail.com", "line 9", "20002", "20003", "20004"} {
		if !strings.Contains(problems, reason) {
			t.Errorf("the problems do not mention %q:\n%s", reason, problems)
		}
	}
	if !strings.Contains(text(t, ctx, `[data-testid="import-page"]`), "Notes") {
		t.Error("the ignored column is not listed")
	}
	shot(t, ctx, shots, "import-check")

	checked := ptEval[string](t, ctx, `document.querySelector('[data-testid="import-page"]').dataset.status`)
	run(t, ctx, "invite without email", chromedp.Click(css(`[data-testid="import-start-quiet"]`)))
	ptWait(t, ctx, "the started import's page", `document.querySelector('[data-testid="import-page"]').dataset.status !== '`+checked+`'`)
	batchURL := ptEval[string](t, ctx, `location.pathname`)
	// The page polls the import's progress (htmx, under the strict CSP) and,
	// once the import has ended, shows its result: the test only waits.
	if ptEval[bool](t, ctx, `!!document.querySelector('[data-testid="import-progress"]')`) {
		shot(t, ctx, shots, "import-progress")
		ptWait(t, ctx, "the import's end (live progress)", `document.querySelector('[data-testid="import-result"]')`)
	} else {
		t.Log("the import ended before its page showed: the live progress is not seen this time")
	}
	// Leave, and come back through the Imports page.
	run(t, ctx, "leave for All users", chromedp.Click(css(`[data-testid="nav-events-users"]`)),
		chromedp.WaitVisible(css(`[data-testid="participants-table"]`)))
	run(t, ctx, "back through Imports",
		chromedp.Navigate(r.URL+batchURL[:strings.LastIndexByte(batchURL, '/')]),
		chromedp.WaitVisible(css(`[data-testid="imports-page"]`)),
	)
	if rows := text(t, ctx, `[data-testid="imports-table"]`); !strings.Contains(rows, "attendees.csv") || !strings.Contains(rows, "20,000") {
		t.Fatalf("the Imports page lists %q", rows)
	}
	shot(t, ctx, shots, "import-list")
	run(t, ctx, "open the batch", chromedp.Click(css(`[data-testid="imports-open"]`)),
		chromedp.WaitVisible(css(`[data-testid="import-result"]`)))
	for id, want := range map[string]string{"count-invited": "20,000", "count-skipped": "1", "count-failed": "2"} {
		if got := text(t, ctx, `[data-testid="`+id+`"]`); got != want {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
	shot(t, ctx, shots, "import-done")

	run(t, ctx, "All users has them",
		chromedp.Click(css(`[data-testid="import-to-users"]`)),
		chromedp.WaitVisible(css(`[data-testid="participants-table"]`)),
	)
	if after := imTotal(t, text(t, ctx, `[data-testid="range"]`)); after != before+valid {
		t.Fatalf("All users: %d people after the import, %d before", after, before)
	}
}

// imTotal reads the total of a list's range ("1 – 50 of 2,034").
func imTotal(t *testing.T, rng string) int {
	t.Helper()
	_, total, ok := strings.Cut(rng, " of ")
	n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(total), ",", ""))
	if !ok || err != nil {
		t.Fatalf("range %q", rng)
	}
	return n
}
