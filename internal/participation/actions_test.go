package participation

import (
	"slices"
	"testing"
	"time"

	"roster/internal/event"
)

// The action matrix of PRODUCT.md §2, with Block from chat, Generate login
// link, and Block or Unblock (the Edit dialog's) wherever Edit is offered.
func TestActionMatrix(t *testing.T) {
	t.Parallel()
	magic := event.Event{LoginMethod: event.LoginMagicLink}
	password := event.Event{LoginMethod: event.LoginPassword}
	sso := event.Event{LoginMethod: event.LoginSSO}
	now := time.Now()
	p := func(d Detail) Participation { return Participation{Status: d.Status(), Detail: d} }
	terms := p(DetailDuringEventVisit)
	terms.ChatTermsAcceptedAt = &now
	chatBlocked := terms
	chatBlocked.ChatBlocked = true
	cases := []struct {
		name string
		p    Participation
		e    event.Event
		want []Action
	}{
		{"attended", p(DetailPreEventVisit), magic, []Action{ActEdit, ActViewAnalytics, ActRemove, ActBlock}},
		{"attended, chat terms", terms, password, []Action{ActEdit, ActViewAnalytics, ActRemove, ActChatBlock, ActBlock}},
		{"attended, chat blocked", chatBlocked, sso, []Action{ActEdit, ActViewAnalytics, ActRemove, ActChatUnblock, ActBlock}},
		{"sso login", p(DetailSSOLogin), sso, []Action{ActEdit, ActViewAnalytics, ActRemove, ActBlock}},
		{"invited, magic link", p(DetailInvited), magic, []Action{ActEdit, ActResendInvitation, ActRemove, ActLoginLink, ActBlock}},
		{"invited to register, password", p(DetailInvitedToRegister), password, []Action{ActEdit, ActResendInvitation, ActRemove, ActBlock}},
		{"registered, magic link", p(DetailConfirmedEmail), magic, []Action{ActEdit, ActResendRegistration, ActViewAnalytics, ActRemove, ActLoginLink, ActBlock}},
		{"registered, sso", p(DetailNoConfirmation), sso, []Action{ActEdit, ActResendRegistration, ActViewAnalytics, ActRemove, ActBlock}},
		{"unregistered", p(DetailUnregistered), magic, nil},
		{"blocked", p(DetailBlocked), magic, []Action{ActEdit, ActViewAnalytics, ActUnblock}},
	}
	for _, c := range cases {
		got := Actions(c.p, c.e)
		// Block goes with Edit, Unblock with Blocked: the Edit dialog offers one of them exactly when Edit is offered.
		if Offers(c.p, c.e, ActEdit) != (Offers(c.p, c.e, ActBlock) != Offers(c.p, c.e, ActUnblock)) {
			t.Errorf("%s: Block/Unblock without Edit", c.name)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		for _, a := range []Action{ActEdit, ActResendInvitation, ActResendRegistration, ActViewAnalytics, ActRemove, ActChatBlock, ActChatUnblock, ActLoginLink, ActBlock, ActUnblock} {
			if Offers(c.p, c.e, a) != slices.Contains(c.want, a) {
				t.Errorf("%s: Offers(%s) disagrees with Actions", c.name, a)
			}
			if a.Label() == string(a) {
				t.Errorf("%s has no label", a)
			}
		}
	}
}
