package event

import "time"

// LoginMethod is how attendees sign in to an event.
type LoginMethod string

// The login methods.
const (
	LoginMagicLink LoginMethod = "magic_link"
	LoginPassword  LoginMethod = "password"
	LoginSSO       LoginMethod = "sso"
)

// Valid reports whether m is a known login method.
func (m LoginMethod) Valid() bool {
	return m == LoginMagicLink || m == LoginPassword || m == LoginSSO
}

// Label is the method's name for people.
func (m LoginMethod) Label() string {
	switch m {
	case LoginMagicLink:
		return "Magic link"
	case LoginPassword:
		return "Password"
	case LoginSSO:
		return "SSO"
	}
	return string(m)
}

// Event is a multi-session online event.
type Event struct {
	ID                        int64
	PartnerID                 int64
	Name                      string
	TimeZone                  string
	StartsAt, EndsAt          time.Time
	LoginMethod               LoginMethod
	RegistrationFormRequired  bool
	EmailConfirmationRequired bool
	// Closed events admit only members of granted identity-provider groups (SSO only).
	Closed               bool
	DefaultLanguage      string
	OutsideGroupsAllowed bool
	CreatedAt, UpdatedAt time.Time
}

// Phase says where now stands relative to the event.
type Phase string

// The phases of an event.
const (
	PhaseBefore Phase = "before"
	PhaseDuring Phase = "during"
	PhaseAfter  Phase = "after"
)

// PhaseAt returns the event's phase at t.
func (e Event) PhaseAt(t time.Time) Phase {
	switch {
	case t.Before(e.StartsAt):
		return PhaseBefore
	case t.After(e.EndsAt):
		return PhaseAfter
	}
	return PhaseDuring
}

// Session is one session of an event.
type Session struct {
	ID               int64
	EventID          int64
	Name             string
	StartsAt, EndsAt time.Time
}
