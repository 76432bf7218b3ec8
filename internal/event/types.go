package event

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	// Time zones are validated against the embedded database, so that a host
	// without /usr/share/zoneinfo (a scratch container) still knows them all.
	_ "time/tzdata"
)

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
	// Participants is how many people take part (every registration
	// status), read from the counters by List and Get.
	Participants int64
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

// LoginMethods lists the login methods in the order forms offer them.
var LoginMethods = []LoginMethod{LoginMagicLink, LoginPassword, LoginSSO}

// Description explains the method in a sentence (for forms).
func (m LoginMethod) Description() string {
	switch m {
	case LoginMagicLink:
		return "Attendees sign in with a link emailed to them."
	case LoginPassword:
		return "Attendees choose a password when they register."
	case LoginSSO:
		return "Attendees sign in through your identity provider."
	}
	return ""
}

// Location returns the event's time zone (UTC when it cannot be loaded).
func (e Event) Location() *time.Location { return LocationOf(e.TimeZone) }

// Input is an event as a form or an API client submits it. Times are
// instants (the web layer converts the form's wall-clock times in TimeZone
// with ParseLocal); they are stored in UTC, to the second.
type Input struct {
	Name                      string
	TimeZone                  string
	StartsAt, EndsAt          time.Time
	LoginMethod               LoginMethod
	RegistrationFormRequired  bool
	EmailConfirmationRequired bool
	// Closed admits only members of granted identity-provider groups; SSO
	// events only.
	Closed          bool
	DefaultLanguage string
}

// SessionInput is a session as a form submits it (instants, see Input).
type SessionInput struct {
	Name             string
	StartsAt, EndsAt time.Time
}

// ListFilter selects a page of a partner's events, newest start first.
type ListFilter struct {
	// Query keeps events whose name contains it, ignoring case and accents.
	Query string
	// Limit is the page size (DefaultLimit when 0, at most MaxLimit).
	Limit int
	// After continues a listing after this position (nil: the first page).
	After *Cursor
}

// Page sizes of List.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Cursor is a position in the events list: the last event shown.
type Cursor struct {
	StartsAt time.Time
	ID       int64
}

// MaxNameLength is the longest event or session name accepted, in characters.
const MaxNameLength = 200

// ValidTimeZone reports whether tz is an IANA time zone name ("UTC",
// "Europe/Paris"). "Local" and "" are refused: they mean the server's zone.
func ValidTimeZone(tz string) bool {
	_, ok := loadZone(tz)
	return ok
}

// LocationOf loads a time zone, falling back to UTC for an invalid name.
func LocationOf(tz string) *time.Location {
	if loc, ok := loadZone(tz); ok {
		return loc
	}
	return time.UTC
}

// zones caches the time zones loaded so far (every page of an event shows
// its times in the event's zone; loading one parses its tzdata). Only
// valid names are kept: a few hundred at most.
var zones sync.Map

func loadZone(tz string) (*time.Location, bool) {
	if loc, ok := zones.Load(tz); ok {
		return loc.(*time.Location), true
	}
	if tz == "" || tz == "Local" || strings.TrimSpace(tz) != tz {
		return nil, false
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, false
	}
	zones.Store(tz, loc)
	return loc, true
}

// localLayouts are the values of <input type="datetime-local">: minutes, or
// seconds when the input has a step below a minute.
var localLayouts = []string{"2006-01-02T15:04", "2006-01-02T15:04:05"}

// ParseLocal reads a wall-clock time ("2026-12-01T09:30", as sent by
// <input type="datetime-local">) in loc and returns the instant in UTC.
// Around a daylight-saving change Go's rules apply: a time that does not
// exist (skipped by the clocks going forward) moves forward by the gap, and
// a time that happens twice (clocks going back) is the later of the two.
func ParseLocal(value string, loc *time.Location) (time.Time, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		return time.Time{}, errors.New("event: no time given")
	}
	for _, l := range localLayouts {
		if t, err := time.ParseInLocation(l, value, loc); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, errors.New("event: not a date and time: " + strconv.Quote(value))
}

// FormatLocal renders t as the value of <input type="datetime-local"> in
// loc ("" for the zero time).
func FormatLocal(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("2006-01-02T15:04")
}

// CursorOf is the position just after e in the events list.
func CursorOf(e Event) Cursor { return Cursor{StartsAt: e.StartsAt.UTC(), ID: e.ID} }

// String encodes the cursor for a URL (opaque to people).
func (c Cursor) String() string {
	raw := c.StartsAt.UTC().Format(time.RFC3339Nano) + "|" + strconv.FormatInt(c.ID, 10)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// ParseCursor decodes a cursor made by Cursor.String.
func ParseCursor(s string) (Cursor, error) {
	bad := errors.New("event: invalid cursor")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, bad
	}
	at, id, ok := strings.Cut(string(b), "|")
	if !ok {
		return Cursor{}, bad
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return Cursor{}, bad
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return Cursor{}, bad
	}
	return Cursor{StartsAt: t.UTC(), ID: n}, nil
}

// NextPage trims a List result fetched with limit+1 rows to limit and
// returns the cursor of the following page (nil when there is none).
func NextPage(events []Event, limit int) ([]Event, *Cursor) {
	if limit <= 0 || len(events) <= limit {
		return events, nil
	}
	c := CursorOf(events[limit-1])
	return events[:limit], &c
}

// TimeZones are the zones a form suggests; any other IANA name is accepted.
var TimeZones = []string{
	"UTC",
	"Africa/Cairo", "Africa/Johannesburg", "Africa/Lagos", "Africa/Nairobi",
	"America/Anchorage", "America/Argentina/Buenos_Aires", "America/Bogota", "America/Chicago",
	"America/Denver", "America/Halifax", "America/Los_Angeles", "America/Mexico_City",
	"America/New_York", "America/Phoenix", "America/Santiago", "America/Sao_Paulo",
	"America/St_Johns", "America/Toronto", "America/Vancouver",
	"Asia/Bangkok", "Asia/Dhaka", "Asia/Dubai", "Asia/Hong_Kong", "Asia/Jakarta",
	"Asia/Jerusalem", "Asia/Karachi", "Asia/Kolkata", "Asia/Manila", "Asia/Riyadh",
	"Asia/Seoul", "Asia/Shanghai", "Asia/Singapore", "Asia/Taipei", "Asia/Tehran", "Asia/Tokyo",
	"Atlantic/Reykjavik",
	"Australia/Adelaide", "Australia/Brisbane", "Australia/Melbourne", "Australia/Perth", "Australia/Sydney",
	"Europe/Amsterdam", "Europe/Athens", "Europe/Belgrade", "Europe/Berlin", "Europe/Brussels",
	"Europe/Copenhagen", "Europe/Dublin", "Europe/Helsinki", "Europe/Istanbul", "Europe/Kyiv",
	"Europe/Lisbon", "Europe/London", "Europe/Madrid", "Europe/Moscow", "Europe/Oslo",
	"Europe/Paris", "Europe/Prague", "Europe/Rome", "Europe/Stockholm", "Europe/Vienna",
	"Europe/Warsaw", "Europe/Zurich",
	"Pacific/Auckland", "Pacific/Honolulu",
}
