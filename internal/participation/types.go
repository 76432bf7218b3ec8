package participation

import (
	"time"

	"roster/internal/logintoken"
	"roster/internal/people"
)

// Status is the registration status shown in the list.
type Status string

// The registration statuses.
const (
	StatusInvited      Status = "invited"
	StatusRegistered   Status = "registered"
	StatusAttended     Status = "attended"
	StatusSSOLogin     Status = "sso_login"
	StatusUnregistered Status = "unregistered"
	StatusBlocked      Status = "blocked"
)

// Statuses lists every status in the order the console shows them.
var Statuses = []Status{StatusInvited, StatusRegistered, StatusAttended, StatusSSOLogin, StatusUnregistered, StatusBlocked}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, x := range Statuses {
		if s == x {
			return true
		}
	}
	return false
}

// Label is the status's name for people.
func (s Status) Label() string {
	switch s {
	case StatusInvited:
		return "Invited"
	case StatusRegistered:
		return "Registered"
	case StatusAttended:
		return "Attended"
	case StatusSSOLogin:
		return "SSO login"
	case StatusUnregistered:
		return "Unregistered"
	case StatusBlocked:
		return "Blocked"
	}
	return string(s)
}

// Detail is the detailed status behind a status (shown on hover).
type Detail string

// The detailed statuses.
const (
	DetailInvited           Detail = "invited_by_team_member"
	DetailInvitedToRegister Detail = "invited_by_team_member_to_register"
	DetailConfirmedEmail    Detail = "confirmed_email"
	DetailNoConfirmation    Detail = "registered_no_confirmation_required"
	DetailPreEventVisit     Detail = "pre_event_visit"
	DetailDuringEventVisit  Detail = "during_event_visit"
	DetailSSOLogin          Detail = "sso_login"
	DetailUnregistered      Detail = "unregistered"
	DetailBlocked           Detail = "blocked"
)

// Details lists every detailed status.
var Details = []Detail{DetailInvited, DetailInvitedToRegister, DetailConfirmedEmail, DetailNoConfirmation,
	DetailPreEventVisit, DetailDuringEventVisit, DetailSSOLogin, DetailUnregistered, DetailBlocked}

// Label is the detailed status's name for people.
func (d Detail) Label() string {
	switch d {
	case DetailInvited:
		return "Invited by team member"
	case DetailInvitedToRegister:
		return "Invited by team member to register"
	case DetailConfirmedEmail:
		return "Confirmed email"
	case DetailNoConfirmation:
		return "Registered, no confirmation required"
	case DetailPreEventVisit:
		return "Pre-event visit"
	case DetailDuringEventVisit:
		return "During-event visit"
	case DetailSSOLogin:
		return "SSO login"
	case DetailUnregistered:
		return "Unregistered"
	case DetailBlocked:
		return "Blocked"
	}
	return string(d)
}

// Status returns the status a detailed status belongs to.
func (d Detail) Status() Status {
	switch d {
	case DetailInvited, DetailInvitedToRegister:
		return StatusInvited
	case DetailConfirmedEmail, DetailNoConfirmation:
		return StatusRegistered
	case DetailPreEventVisit, DetailDuringEventVisit:
		return StatusAttended
	case DetailSSOLogin:
		return StatusSSOLogin
	case DetailUnregistered:
		return StatusUnregistered
	case DetailBlocked:
		return StatusBlocked
	}
	return ""
}

// Cause says why a status changed (recorded in the history).
type Cause string

// The causes (mirrored by a CHECK constraint).
const (
	CauseInvite       Cause = "invite"
	CauseImport       Cause = "import"
	CauseRegister     Cause = "register"
	CauseConfirmEmail Cause = "confirm_email"
	CauseVisit        Cause = "visit"
	CauseSSOLogin     Cause = "sso_login"
	CauseUnregister   Cause = "unregister"
	CauseBlock        Cause = "block"
	CauseUnblock      Cause = "unblock"
	CauseReinvite     Cause = "reinvite"
)

// Label describes a cause for the history view.
func (c Cause) Label() string {
	switch c {
	case CauseInvite:
		return "Invited by a team member"
	case CauseImport:
		return "Invited from a file"
	case CauseRegister:
		return "Registered"
	case CauseConfirmEmail:
		return "Confirmed their email"
	case CauseVisit:
		return "Visited the event"
	case CauseSSOLogin:
		return "Signed in through SSO"
	case CauseUnregister:
		return "Unregistered"
	case CauseBlock:
		return "Blocked"
	case CauseUnblock:
		return "Unblocked"
	case CauseReinvite:
		return "Invitation sent"
	}
	return string(c)
}

// Delivery is the delivery state of the last email sent to a participant.
type Delivery string

// The delivery states.
const (
	DeliveryNone     Delivery = "none"
	DeliveryQueued   Delivery = "queued"
	DeliverySent     Delivery = "sent"
	DeliveryDeferred Delivery = "deferred"
	DeliveryBounced  Delivery = "bounced"
)

// Label is the delivery state's name for people.
func (d Delivery) Label() string {
	switch d {
	case DeliveryNone:
		return "No email sent"
	case DeliveryQueued:
		return "Email queued"
	case DeliverySent:
		return "Email sent"
	case DeliveryDeferred:
		return "Email delayed (retrying)"
	case DeliveryBounced:
		return "Email bounced"
	}
	return string(d)
}

// Role is a participant's role filter value.
type Role string

// The roles: every participant is an attendee; some also speak or moderate.
const (
	RoleAttendee  Role = "attendee"
	RoleSpeaker   Role = "speaker"
	RoleModerator Role = "moderator"
)

// ActorKind says who caused a transition.
type ActorKind string

// The actor kinds.
const (
	ActorStaff  ActorKind = "staff"
	ActorAPI    ActorKind = "api"
	ActorSystem ActorKind = "system"
	ActorPerson ActorKind = "person"
)

// Actor is who causes a transition.
type Actor struct {
	Kind ActorKind
	ID   string
}

// Participation is a person's place in one event.
type Participation struct {
	ID, PartnerID, EventID, PersonID int64
	Person                           people.Person
	IsSpeaker, IsModerator           bool
	Status                           Status
	Detail                           Detail
	StatusAt                         time.Time
	InvitedByStaffID                 *int64
	InvitedAt                        *time.Time
	EmailSentAt                      *time.Time
	Delivery                         Delivery
	Language                         string
	ChatTermsAcceptedAt              *time.Time
	ChatBlocked                      bool
	CreatedAt, UpdatedAt             time.Time
	// LastLink is when the person last used one of their links in this
	// event, and from what browser (nil: never; filled by List and the row actions).
	LastLink *logintoken.Use
}

// Roles lists the participant's roles, attendee first.
func (p Participation) Roles() []Role {
	rs := []Role{RoleAttendee}
	if p.IsSpeaker {
		rs = append(rs, RoleSpeaker)
	}
	if p.IsModerator {
		rs = append(rs, RoleModerator)
	}
	return rs
}

// HistoryEntry is one recorded transition.
type HistoryEntry struct {
	FromStatus *Status
	FromDetail *Detail
	ToStatus   Status
	ToDetail   Detail
	Cause      Cause
	Actor      Actor
	At         time.Time
}
