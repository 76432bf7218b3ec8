package web

import (
	"testing"
	"time"

	"roster/internal/auth"
	"roster/internal/event"
	"roster/internal/participation"
	"roster/internal/people"
)

// The rows offer the action matrix's actions and, of those, only what the
// viewer's role may do.
func TestOfferedActionsFollowTheMatrixAndTheRole(t *testing.T) {
	t.Parallel()
	e := event.Event{ID: 7, LoginMethod: event.LoginMagicLink}
	terms := time.Now()
	x := participation.Participation{ID: 1, EventID: 7, Status: participation.StatusAttended, Detail: participation.DetailPreEventVisit,
		ChatTermsAcceptedAt: &terms, Person: people.Person{Email: "a@example.com"}}
	keys := func(p auth.Principal) []string {
		var out []string
		for _, a := range offeredActions(x, e, p) {
			out = append(out, a.Key)
		}
		return out
	}
	org := auth.Principal{StaffID: 1, Role: auth.RoleOrganizer}
	got := keys(org)
	want := participation.Actions(x, e)
	if len(got) != len(want) {
		t.Fatalf("organiser: %v, matrix %v", got, want)
	}
	for i := range want {
		if got[i] != string(want[i]) {
			t.Fatalf("organiser: %v, matrix %v", got, want)
		}
	}
	if got := keys(auth.Principal{StaffID: 2, Role: auth.RoleSupport}); len(got) != 1 || got[0] != "analytics" {
		t.Fatalf("support: %v", got)
	}
	x.Status = participation.StatusUnregistered
	if got := keys(org); len(got) != 0 {
		t.Fatalf("unregistered: %v", got)
	}
	in := rowInput(x, e, org)
	if in.StatusLabel != "Unregistered" || in.DetailLabel != "Pre-event visit" || in.Person.Email != "a@example.com" {
		t.Fatalf("row input %+v", in)
	}
	if m := bulkMessage("Removed", "person", "people", participation.BulkResult{Done: 2,
		Skipped: []participation.Skipped{{Reason: "Blocked"}}}); m != "Removed 2 people; skipped 1 (Blocked)." {
		t.Fatalf("bulk message %q", m)
	}
	if langs := pickerLanguages(); len(langs) != 19 || !langs[0].Maintained || langs[18].Maintained {
		t.Fatal("19 languages, maintained first")
	}
}

// The analytics history reads newest first; a recorded event that kept the
// status says so instead of "X → X".
func TestAnalyticsHistoryLines(t *testing.T) {
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	invited, detail := participation.StatusInvited, participation.DetailInvitedToRegister
	confirmed := participation.DetailConfirmedEmail
	vm := analyticsVM(participation.Analytics{History: []participation.HistoryEntry{
		{ToStatus: invited, ToDetail: detail, Cause: participation.CauseInvite, At: at},
		{FromStatus: &invited, FromDetail: &detail, ToStatus: invited, ToDetail: detail, Cause: participation.CauseRegister, At: at.Add(time.Hour)},
		{FromStatus: &invited, FromDetail: &detail, ToStatus: participation.StatusRegistered, ToDetail: confirmed,
			Cause: participation.CauseConfirmEmail, At: at.Add(2 * time.Hour)},
	}})
	if len(vm.History) != 3 {
		t.Fatalf("%d lines", len(vm.History))
	}
	if h := vm.History[0]; h.From != detail.Label() || h.To != confirmed.Label() {
		t.Errorf("the confirmation: %+v", h)
	}
	if h := vm.History[1]; h.From != "" || h.To != detail.Label()+" (unchanged)" || h.Cause != participation.CauseRegister.Label() {
		t.Errorf("the registration that kept the status: %+v", h)
	}
	if h := vm.History[2]; h.From != "" || h.To != detail.Label() {
		t.Errorf("the invitation: %+v", h)
	}
}
