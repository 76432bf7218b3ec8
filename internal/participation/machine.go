package participation

import (
	"fmt"

	"roster/internal/apperr"
)

// State is what the registration state machine knows of one participation.
type State struct {
	// Exists is false before the participation is created.
	Exists            bool
	Status            Status
	Detail            Detail
	ChatTermsAccepted bool
	ChatBlocked       bool
	// BeforeBlock is the detailed status a blocked participation returns to
	// when unblocked (read from its history).
	BeforeBlock Detail
}

// Rules are the event settings that transitions depend on.
type Rules struct {
	// RegistrationForm: invitees are invited to register (fill a form).
	RegistrationForm bool
	// EmailConfirmation: registering needs the email confirmed.
	EmailConfirmation bool
}

// Trigger names a transition.
type Trigger string

// The transitions. Invite also covers "invite without email": the state
// change is the same, only the email differs.
const (
	TrInvite          Trigger = "invite"
	TrImport          Trigger = "import"
	TrSendInvitation  Trigger = "send_invitation"
	TrRegister        Trigger = "register"
	TrConfirmEmail    Trigger = "confirm_email"
	TrVisitBefore     Trigger = "visit_before"
	TrVisitDuring     Trigger = "visit_during"
	TrSSOLogin        Trigger = "sso_login"
	TrUnregister      Trigger = "unregister"
	TrBlock           Trigger = "block"
	TrUnblock         Trigger = "unblock"
	TrAcceptChatTerms Trigger = "accept_chat_terms"
	TrChatBlock       Trigger = "chat_block"
	TrChatUnblock     Trigger = "chat_unblock"
	TrRemove          Trigger = "remove"
)

// Triggers lists every transition.
var Triggers = []Trigger{TrInvite, TrImport, TrSendInvitation, TrRegister, TrConfirmEmail, TrVisitBefore, TrVisitDuring,
	TrSSOLogin, TrUnregister, TrBlock, TrUnblock, TrAcceptChatTerms, TrChatBlock, TrChatUnblock, TrRemove}

// Step is the outcome of an allowed transition.
type Step struct {
	Next State
	// Record says whether the transition goes into the person's history, with Cause.
	Record bool
	Cause  Cause
	// Removed: the participation is to be deleted.
	Removed bool
}

// Machine is the registration state machine: the only code that decides
// statuses. Each method checks the current state and returns the next one,
// or an apperr.Conflict saying why the transition is refused.
type Machine struct{ Rules Rules }

func refuse(s State, what string) error {
	if !s.Exists {
		return apperr.Conflict("Cannot %s: this person is not in the event.", what)
	}
	return apperr.Conflict("Cannot %s: this person is %s (%s).", what, s.Status.Label(), s.Detail.Label())
}

func to(s State, d Detail, cause Cause) Step {
	n := s
	n.Exists, n.Status, n.Detail = true, d.Status(), d
	return Step{Next: n, Record: true, Cause: cause}
}

func (m Machine) invitedDetail() Detail {
	if m.Rules.RegistrationForm {
		return DetailInvitedToRegister
	}
	return DetailInvited
}

// Invite adds a person to the event as Invited.
func (m Machine) Invite(s State) (Step, error) {
	if s.Exists {
		return Step{}, apperr.Conflict("This person is already in the event (%s).", s.Status.Label())
	}
	return to(State{}, m.invitedDetail(), CauseInvite), nil
}

// Import adds a person from a bulk file, as Invited.
func (m Machine) Import(s State) (Step, error) {
	if s.Exists {
		return Step{}, apperr.Conflict("This person is already in the event (%s).", s.Status.Label())
	}
	return to(State{}, m.invitedDetail(), CauseImport), nil
}

// SendInvitation sends (or sends again) the invitation: only to the Invited.
func (m Machine) SendInvitation(s State) (Step, error) {
	if !s.Exists || s.Status != StatusInvited {
		return Step{}, refuse(s, "send the invitation")
	}
	return Step{Next: s, Record: true, Cause: CauseReinvite}, nil
}

// Register records a completed registration: Registered at once, or still
// Invited until the email is confirmed when the event requires confirmation.
func (m Machine) Register(s State) (Step, error) {
	if !s.Exists || (s.Status != StatusInvited && s.Status != StatusUnregistered) {
		return Step{}, refuse(s, "register")
	}
	if m.Rules.EmailConfirmation {
		return to(s, DetailInvitedToRegister, CauseRegister), nil
	}
	return to(s, DetailNoConfirmation, CauseRegister), nil
}

// ConfirmEmail completes a registration that needed the email confirmed.
func (m Machine) ConfirmEmail(s State) (Step, error) {
	if !m.Rules.EmailConfirmation {
		return Step{}, apperr.Conflict("This event does not ask for email confirmation.")
	}
	if !s.Exists || s.Status != StatusInvited {
		return Step{}, refuse(s, "confirm the email")
	}
	return to(s, DetailConfirmedEmail, CauseConfirmEmail), nil
}

func canVisit(s State) bool {
	switch s.Status {
	case StatusInvited, StatusRegistered, StatusSSOLogin, StatusAttended:
		return s.Exists
	}
	return false
}

// VisitBefore records a visit to the event site before the event starts.
func (m Machine) VisitBefore(s State) (Step, error) {
	if !canVisit(s) {
		return Step{}, refuse(s, "enter the event")
	}
	if s.Status == StatusAttended {
		return Step{Next: s}, nil // already attended: the visit is counted, the status stays
	}
	return to(s, DetailPreEventVisit, CauseVisit), nil
}

// VisitDuring records a visit while the event runs.
func (m Machine) VisitDuring(s State) (Step, error) {
	if !canVisit(s) {
		return Step{}, refuse(s, "enter the event")
	}
	if s.Detail == DetailDuringEventVisit {
		return Step{Next: s}, nil
	}
	return to(s, DetailDuringEventVisit, CauseVisit), nil
}

// SSOLogin records a sign-in through the identity provider; it may create
// the participation (closed SSO events admit group members uninvited).
func (m Machine) SSOLogin(s State) (Step, error) {
	switch {
	case !s.Exists:
		return to(State{}, DetailSSOLogin, CauseSSOLogin), nil
	case s.Status == StatusBlocked:
		return Step{}, refuse(s, "sign in")
	case s.Status == StatusAttended || s.Status == StatusSSOLogin:
		return Step{Next: s}, nil
	}
	return to(s, DetailSSOLogin, CauseSSOLogin), nil
}

// Unregister records that the person withdrew.
func (m Machine) Unregister(s State) (Step, error) {
	switch s.Status {
	case StatusInvited, StatusRegistered, StatusAttended, StatusSSOLogin:
		if s.Exists {
			return to(s, DetailUnregistered, CauseUnregister), nil
		}
	}
	return Step{}, refuse(s, "unregister")
}

// Block bars the person from the event; Unblock returns them where they were.
func (m Machine) Block(s State) (Step, error) {
	if !s.Exists || s.Status == StatusBlocked {
		return Step{}, refuse(s, "block")
	}
	n := to(s, DetailBlocked, CauseBlock)
	n.Next.BeforeBlock = s.Detail
	return n, nil
}

// Unblock lifts a block.
func (m Machine) Unblock(s State) (Step, error) {
	if !s.Exists || s.Status != StatusBlocked {
		return Step{}, refuse(s, "unblock")
	}
	back := s.BeforeBlock
	if back == "" || back == DetailBlocked {
		back = m.invitedDetail()
	}
	n := to(s, back, CauseUnblock)
	n.Next.BeforeBlock = ""
	return n, nil
}

// AcceptChatTerms records that an attendee accepted the chat widget's terms.
func (m Machine) AcceptChatTerms(s State) (Step, error) {
	if !s.Exists || s.Status != StatusAttended {
		return Step{}, refuse(s, "accept the chat terms")
	}
	n := s
	n.ChatTermsAccepted = true
	return Step{Next: n}, nil
}

// ChatBlock blocks an attendee who accepted the chat terms from the chat.
func (m Machine) ChatBlock(s State) (Step, error) {
	if !s.Exists || s.Status != StatusAttended || !s.ChatTermsAccepted {
		if s.Exists && s.Status == StatusAttended {
			return Step{}, apperr.Conflict("Cannot block from chat: this person has not accepted the chat terms.")
		}
		return Step{}, refuse(s, "block from chat")
	}
	if s.ChatBlocked {
		return Step{}, apperr.Conflict("This person is already blocked from chat.")
	}
	n := s
	n.ChatBlocked = true
	return Step{Next: n}, nil
}

// ChatUnblock lifts a chat block.
func (m Machine) ChatUnblock(s State) (Step, error) {
	if !s.Exists || s.Status != StatusAttended || !s.ChatBlocked {
		if s.Exists && s.Status == StatusAttended {
			return Step{}, apperr.Conflict("This person is not blocked from chat.")
		}
		return Step{}, refuse(s, "unblock from chat")
	}
	n := s
	n.ChatBlocked = false
	return Step{Next: n}, nil
}

// Remove takes the person out of this event. Blocked people stay (so that the
// block holds) and Unregistered people have no actions.
func (m Machine) Remove(s State) (Step, error) {
	switch s.Status {
	case StatusInvited, StatusRegistered, StatusAttended, StatusSSOLogin:
		if s.Exists {
			return Step{Removed: true}, nil
		}
	}
	return Step{}, refuse(s, "remove")
}

// Apply runs the transition named by t.
func (m Machine) Apply(s State, t Trigger) (Step, error) {
	switch t {
	case TrInvite:
		return m.Invite(s)
	case TrImport:
		return m.Import(s)
	case TrSendInvitation:
		return m.SendInvitation(s)
	case TrRegister:
		return m.Register(s)
	case TrConfirmEmail:
		return m.ConfirmEmail(s)
	case TrVisitBefore:
		return m.VisitBefore(s)
	case TrVisitDuring:
		return m.VisitDuring(s)
	case TrSSOLogin:
		return m.SSOLogin(s)
	case TrUnregister:
		return m.Unregister(s)
	case TrBlock:
		return m.Block(s)
	case TrUnblock:
		return m.Unblock(s)
	case TrAcceptChatTerms:
		return m.AcceptChatTerms(s)
	case TrChatBlock:
		return m.ChatBlock(s)
	case TrChatUnblock:
		return m.ChatUnblock(s)
	case TrRemove:
		return m.Remove(s)
	}
	return Step{}, fmt.Errorf("participation: unknown transition %q", t)
}
