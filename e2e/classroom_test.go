package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A classroom admin invites two people with "Invite more users" (the dialog
// stays open, cleared, and each row appears), the student claims the
// invitation ("It's me": their own name and a password), the console shows
// them Registered under that name, and signed in as the student they see
// only their active course.
func TestClassroomInviteClaimAndCourses(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	r := start(t, nil, "--demo")
	cred := strings.Fields(r.find(t, demoOwner))
	shots := shotDir(t)
	const student, teacher = "stella.student@e2e.example", "ivan.teacher@e2e.example"

	signIn(t, ctx, r.URL, cred[0], cred[1])
	run(t, ctx, "classroom users, invite dialog",
		chromedp.Navigate(r.URL+"/classroom/users"),
		chromedp.WaitVisible(css(`[data-testid="classroom-users-page"]`)),
		chromedp.Click(css(`[data-testid="cu-invite-open"]`)),
		chromedp.WaitVisible(css(`#modal [data-testid="cu-invite-form"]`)),
	)
	invite := func(name, email, role string, courses ...string) {
		t.Helper()
		run(t, ctx, "fill the invitation of "+email,
			chromedp.WaitVisible(css(`[data-testid="cu-full-name"]`)),
			chromedp.SendKeys(css(`[data-testid="cu-full-name"]`), name),
			chromedp.SendKeys(css(`[data-testid="cu-email"]`), email),
		)
		ptEval[bool](t, ctx, `(function () { var s = document.querySelector('[data-testid="cu-role"]'); s.value = '`+role+`'; s.dispatchEvent(new Event('change', { bubbles: true })); return true; })()`)
		for _, c := range courses {
			// The course list filters as one types; tick the match.
			ptEval[bool](t, ctx, `(function () { var f = document.querySelector('[data-testid="cu-courses-search"]'); f.value = ''; return true; })()`)
			run(t, ctx, "search the course "+c,
				chromedp.SendKeys(css(`[data-testid="cu-courses-search"]`), strings.ToLower(c[:6])),
			)
			ptWait(t, ctx, "only "+c+" shows", `Array.from(document.querySelectorAll('#cu-courses-list [data-filter-item]')).filter(function (l) { return !l.classList.contains('hidden'); }).length === 1`)
			ptEval[bool](t, ctx, `(function () { var l = Array.from(document.querySelectorAll('#cu-courses-list [data-filter-item]')).find(function (l) { return !l.classList.contains('hidden'); }); l.querySelector('input').click(); return l.textContent.indexOf('`+c+`') >= 0; })()`)
		}
		if !ptEval[bool](t, ctx, `document.querySelector('[data-testid="cu-invite-more"]').checked`) {
			run(t, ctx, "tick invite more users", chromedp.Click(css(`[data-testid="cu-invite-more"]`)))
		}
		run(t, ctx, "invite "+email, chromedp.Click(css(`[data-testid="cu-invite-submit"]`)))
		ptWait(t, ctx, "the row of "+email, `document.querySelector('#cu-rows tr').getAttribute('data-email') === '`+email+`'`)
		ptWait(t, ctx, "a cleared form that stays open", `document.querySelector('#modal').open && document.querySelector('[data-testid="cu-full-name"]').value === '' && document.querySelector('[data-testid="cu-invite-more"]').checked`)
	}
	invite("Stella Invited", student, "student", "Advanced Analytics", "Business Spanish")
	invite("Ivan Teacher", teacher, "instructor", "Business Spanish")
	screenshot(t, ctx, shots, "classroom-invite-more")
	run(t, ctx, "close the dialog", chromedp.Click(css(`[data-testid="modal-close"]`)), chromedp.WaitNotVisible(css(`#modal`)))
	if got := text(t, ctx, `#cu-rows tr:nth-child(2) [data-testid="cu-status"]`); got != "Pending" {
		t.Fatalf("the student's status: %q", got)
	}
	if got := text(t, ctx, `#cu-rows tr:nth-child(1) [data-testid="cu-row-role"]`); got != "Instructor" {
		t.Fatalf("the teacher's role: %q", got)
	}
	if got := text(t, ctx, `#cu-rows tr:nth-child(2) [data-testid="cu-row-courses"]`); !strings.Contains(got, "Advanced Analytics") || !strings.Contains(got, "Business Spanish") {
		t.Fatalf("the student's courses: %q", got)
	}

	// The invitation, read in the Outbox.
	run(t, ctx, "the outbox",
		chromedp.Navigate(r.URL+"/outbox?q="+student),
		chromedp.WaitVisible(css(`[data-testid="outbox-row"]`)),
		chromedp.Click(css(`[data-testid="outbox-link"]`)),
		chromedp.WaitVisible(css(`[data-testid="outbox-email-links"]`)),
	)
	if subj := text(t, ctx, `[data-testid="outbox-email-subject"]`); !strings.Contains(subj, "virtual classroom") {
		t.Fatalf("the email is %q", subj)
	}
	claim := ptEval[string](t, ctx, `Array.from(document.querySelectorAll('[data-testid="outbox-email-link"]')).map(function (a) { return a.href; }).find(function (h) { return h.indexOf('/c/claim/') >= 0; }) || ''`)
	if claim == "" {
		t.Fatal("no claim link in the invitation")
	}

	// "It's me": their own name and a password.
	run(t, ctx, "the claim page",
		chromedp.Navigate(claim),
		chromedp.WaitVisible(css(`[data-testid="claim-form"]`)),
	)
	if got := text(t, ctx, `[data-testid="claim-email"]`); !strings.Contains(got, "stella.student@") {
		t.Fatalf("claim page email: %q", got)
	}
	screenshot(t, ctx, shots, "classroom-claim")
	ptEval[bool](t, ctx, `(function () { document.querySelector('[data-testid="claim-name"]').value = ''; return true; })()`)
	run(t, ctx, "it's me",
		chromedp.SendKeys(css(`[data-testid="claim-name"]`), "Stella Real Student"),
		chromedp.SendKeys(css(`[data-testid="claim-password"]`), "a long enough secret"),
		chromedp.SendKeys(css(`[data-testid="claim-confirm"]`), "a long enough secret"),
		chromedp.Click(css(`[data-testid="claim-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="my-courses"]`)),
	)
	courses := func() string {
		return ptEval[string](t, ctx, `Array.from(document.querySelectorAll('[data-testid="course-card"] [data-testid="course-name"]')).map(function (e) { return e.textContent.trim(); }).join('|')`)
	}
	if got := courses(); got != "Advanced Analytics" {
		t.Fatalf("the student's courses after claiming: %q (Business Spanish is inactive)", got)
	}

	// The console shows them Registered, under the name they gave.
	run(t, ctx, "the console row",
		chromedp.Navigate(r.URL+"/classroom/users?q="+student),
		chromedp.WaitVisible(css(`[data-testid="cu-row"]`)),
	)
	if got := text(t, ctx, `[data-testid="cu-row"] [data-testid="cu-status"]`); got != "Registered" {
		t.Fatalf("status after claiming: %q", got)
	}
	if got := text(t, ctx, `[data-testid="cu-row"] [data-testid="cu-name"]`); got != "Stella Real Student" {
		t.Fatalf("name after claiming: %q", got)
	}

	// Signed out, then in with the password: still only the active course.
	run(t, ctx, "sign out of the classroom",
		chromedp.Navigate(r.URL+"/c/courses"),
		chromedp.WaitVisible(css(`[data-testid="classroom-logout"]`)),
		chromedp.Click(css(`[data-testid="classroom-logout"]`)),
		chromedp.WaitVisible(css(`[data-testid="classroom-login-form"]`)),
		chromedp.SendKeys(css(`[data-testid="classroom-email"]`), student),
		chromedp.SendKeys(css(`[data-testid="classroom-password"]`), "a long enough secret"),
		chromedp.Click(css(`[data-testid="classroom-login-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="my-courses"]`)),
	)
	if got := courses(); got != "Advanced Analytics" {
		t.Fatalf("the student's courses after signing in: %q", got)
	}
	screenshot(t, ctx, shots, "classroom-my-courses")
}
