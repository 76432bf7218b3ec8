package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// An organiser invites a speaker with a photo from the Speakers page (the
// role already chosen), sees them with their photo and opens their long
// bio, then finds them in the People directory and opens their person page.
func TestSpeakerAndPersonPage(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	r := start(t, nil, "--demo")
	cred := strings.Fields(r.find(t, demoOwner))
	shots := shotDir(t)
	photo := ptPNG(t)
	const email = "grace.speaker@e2e.example"
	bio := strings.Repeat("Grace wrote compilers before most people had seen a computer. ", 4) + "The end."

	signIn(t, ctx, r.URL, cred[0], cred[1])
	run(t, ctx, "speakers, then the summit",
		chromedp.Click(css(`[data-testid="nav-events-speakers"]`)),
		chromedp.WaitVisible(css(`[data-testid="participants-page"][data-view="speakers"]`)),
	)
	ptSwitchEvent(t, ctx, "Product Summit")

	run(t, ctx, "invite a speaker",
		chromedp.Click(css(`[data-testid="invite-open"]`)),
		chromedp.WaitVisible(css(`#modal [data-testid="invite-form"]`)),
	)
	if !ptEval[bool](t, ctx, `document.querySelector('[data-testid="form-speaker"]').checked`) {
		t.Fatal("Invite speaker chooses the role")
	}
	run(t, ctx, "fill the invitation",
		chromedp.SendKeys(css(`[data-testid="form-email"]`), email),
		chromedp.SendKeys(css(`[data-testid="form-first-name"]`), "Grace"),
		chromedp.SendKeys(css(`[data-testid="form-last-name"]`), "Hopper"),
		chromedp.WaitVisible(css(`[data-testid="form-profile"]`)),
		chromedp.SetUploadFiles(css(`[data-testid="form-image"]`), []string{photo}),
		chromedp.SendKeys(css(`[data-testid="form-title"]`), "Rear Admiral"),
		chromedp.SendKeys(css(`[data-testid="form-company"]`), "US Navy"),
		chromedp.SendKeys(css(`[data-testid="form-bio"]`), bio),
		chromedp.Click(css(`[data-testid="invite-submit"]`)),
		chromedp.WaitVisible(css(`[data-testid="toast"]`)),
	)
	ptWait(t, ctx, "the new speaker at the top", `document.querySelector('#pv-rows tr').textContent.indexOf('`+email+`') >= 0`)
	run(t, ctx, "close the dialog", chromedp.Click(css(`[data-testid="modal-close"]`)), chromedp.WaitNotVisible(css(`#modal`)))
	closeToasts(t, ctx)
	ptWait(t, ctx, "the photo shown", `(function () { var i = document.querySelector('#pv-rows tr img'); return !!i && i.complete && i.naturalWidth > 0; })()`)
	if txt := text(t, ctx, `#pv-rows tr`); !strings.Contains(txt, "Rear Admiral") || !strings.Contains(txt, "US Navy") {
		t.Fatalf("the speaker's row: %q", txt)
	}
	// The long bio opens in place.
	run(t, ctx, "open the bio", chromedp.Click(css(`#pv-rows tr p.pv-bio`)))
	ptWait(t, ctx, "the whole bio", `(function () { var b = document.querySelector('#pv-rows tr [data-testid="bio-full"]'); return !!b && b.textContent.indexOf('The end.') >= 0; })()`)
	shot(t, ctx, shots, "speakers-new")

	// The People directory finds them; their page shows the event.
	run(t, ctx, "people directory",
		chromedp.Navigate(r.URL+"/people?q=grace.speaker"),
		chromedp.WaitVisible(css(`[data-testid="people-row"]`)),
	)
	if txt := text(t, ctx, `[data-testid="people-row"]`); !strings.Contains(txt, "Product Summit") {
		t.Fatalf("directory row: %q", txt)
	}
	shot(t, ctx, shots, "people-search")
	run(t, ctx, "person page",
		chromedp.Click(css(`[data-testid="people-open"]`)),
		chromedp.WaitVisible(css(`[data-testid="person-page"]`)),
	)
	if got := text(t, ctx, `[data-testid="person-email"]`); got != email {
		t.Fatalf("person page of %q", got)
	}
	if txt := text(t, ctx, `[data-testid="person-events"]`); !strings.Contains(txt, "Product Summit") || !strings.Contains(txt, "Speaker") {
		t.Fatalf("person's events: %q", txt)
	}
	ptWait(t, ctx, "the person's photo", `(function () { var i = document.querySelector('[data-testid="person-page"] img'); return !!i && i.complete && i.naturalWidth > 0; })()`)
	shot(t, ctx, shots, "person-page")
	// Its event links back to the person's row.
	run(t, ctx, "back to the row",
		chromedp.Click(css(`[data-testid="person-event-link"]`)),
		chromedp.WaitVisible(css(`tr[data-testid="participant-row"]`)),
	)
	if n := ptEval[float64](t, ctx, `document.querySelectorAll('tr[data-testid="participant-row"]').length`); n != 1 {
		t.Fatalf("the link shows %v rows", n)
	}
}
