// Package attendeeview renders the small attendee side: the "Continue as …"
// page of a login link and the event lobby.
package attendeeview

import (
	"strconv"
	"time"
)

// LandingVM is the page a login link opens: nothing is spent until the
// person presses Continue (a POST).
type LandingVM struct {
	T                                 *Texts
	MaskedEmail, FirstName, EventName string
	Expires                           string
	// Action is where Continue posts (the link's own address).
	Action    string
	CSRFToken string
}

// Greeting is "Hello Jane" (or "Hello" without a first name).
func (vm LandingVM) Greeting() string {
	if vm.FirstName == "" {
		return vm.T.LandingHello
	}
	return Fill(vm.T.LandingHelloName, "name", vm.FirstName)
}

// LobbyVM is the event lobby of a signed-in attendee.
type LobbyVM struct {
	T                          *Texts
	EventName, Dates, TimeZone string
	Name, Email                string
	Phase                      string
	Sessions                   []SessionVM
	// Chat: the terms accepted, and blocked from it by the organisers.
	ChatTermsAccepted, ChatBlocked bool
	// Start and End are the event's instants (RFC 3339) for the browser.
	Start, End string
	// Joined names the session just joined ("" for none).
	Joined    string
	BaseURL   string // /a/events/<id>
	CSRFToken string
}

// SessionVM is one session of the lobby.
type SessionVM struct {
	ID         int64
	Name, When string
	Live       bool
	// Start and End are RFC 3339 instants: the browser shows them in the
	// person's own time zone (When, in the event's, is the fallback).
	Start, End string
}

// JoinURL joins a session of the lobby.
func (vm LobbyVM) JoinURL(id int64) string {
	return vm.BaseURL + "/sessions/" + strconv.FormatInt(id, 10) + "/join"
}

// ISO writes an instant for a datetime attribute.
func ISO(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// GoneVM is the page after unregistering.
type GoneVM struct {
	T         *Texts
	EventName string
}

// Span renders start–end in loc: "Tue 9 Jun 2026, 09:00 – 17:30 CEST", or
// across days "Tue 9 Jun, 09:00 – Wed 10 Jun 2026, 17:30 CEST".
func Span(start, end time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	s, e := start.In(loc), end.In(loc)
	if s.Year() == e.Year() && s.YearDay() == e.YearDay() {
		return s.Format("Mon 2 Jan 2006, 15:04") + " – " + e.Format("15:04 MST")
	}
	if s.Year() == e.Year() {
		return s.Format("Mon 2 Jan, 15:04") + " – " + e.Format("Mon 2 Jan 2006, 15:04 MST")
	}
	return s.Format("Mon 2 Jan 2006, 15:04") + " – " + e.Format("Mon 2 Jan 2006, 15:04 MST")
}

// Phase says where the event stands for the attendee.
func Phase(t *Texts, start, end, now time.Time) string {
	switch {
	case now.Before(start):
		return t.LobbyBefore
	case now.After(end):
		return t.LobbyAfter
	}
	return t.LobbyDuring
}

// LoginRequestVM is the page where an attendee asks for a sign-in link.
type LoginRequestVM struct {
	T                            *Texts
	EventName, Action, CSRFToken string
	Email, Error                 string
	// Intro says what the link is for ("" for a plain sign-in link).
	Intro string
	// Sent shows the answer, the same whether or not the address is known.
	Sent bool
}

// RegisterVM is the event's registration form.
type RegisterVM struct {
	T                                   *Texts
	EventName, Action, CSRFToken        string
	FirstName, LastName, Title, Company string
	Language                            string
	Languages                           []LanguageOption
	Consent                             bool
	Errors                              map[string]string
	// ConfirmSentTo: registered, a confirmation link was emailed to this address.
	ConfirmSentTo string
}

// LanguageOption is one language of the form.
type LanguageOption struct {
	Code, Label string
	Selected    bool
}

// SetPasswordVM is the page where a person chooses their password.
type SetPasswordVM struct {
	T                              *Texts
	EventName, Organisation, Email string
	Action, CSRFToken              string
	Errors                         map[string]string
	// KeepURL (a forgotten password's reset, when there is a password)
	// leads to the event without changing it.
	KeepURL string
}

// PasswordLoginVM is the sign-in form of a password event.
type PasswordLoginVM struct {
	T                            *Texts
	EventName, Action, CSRFToken string
	Email, Error                 string
	// ForgotURL asks for a link to choose a new password.
	ForgotURL string
	// SignedOut confirms a sign-out.
	SignedOut bool
}

// RefusedVM is the page of a person who may not enter.
type RefusedVM struct{ T *Texts }

// ProblemVM is an attendee page's refusal.
type ProblemVM struct {
	T                *Texts
	Heading, Message string
	// Status is the HTTP status as text ("410").
	Status string
}
