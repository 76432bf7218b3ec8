// Package eventview renders the events pages: the list with its search, the
// event form (new and edit) and the event's sessions with their row actions.
package eventview

import (
	"net/url"
	"strconv"
	"time"

	"roster/views/ui"
)

// PageVM is the view model of the events list.
type PageVM struct {
	Rows      []RowVM
	Query     string
	CanManage bool
	// NextURL is the link to the following page ("" on the last page);
	// FirstURL links back to the first page ("" on the first page).
	NextURL, FirstURL string
}

// RowVM is one event in the list.
type RowVM struct {
	ID                      int64
	Name                    string
	Dates, TimeZone         string
	LoginMethod, LoginLabel string
	Closed                  bool
	Participants            string
	CanManage               bool
	Phase, PhaseLabel       string
}

// Option is one choice of a <select> or a radio group.
type Option struct {
	Value, Label, Hint string
}

// FormVM is the event form. Times are the values of the datetime-local
// inputs, in the event's time zone. Errors keys: name, time_zone, starts_at,
// ends_at, login_method, closed, default_language, form.
type FormVM struct {
	// ID is 0 for a new event.
	ID                                int64
	Name, TimeZone, StartsAt, EndsAt  string
	LoginMethod, DefaultLanguage      string
	RegistrationFormRequired          bool
	EmailConfirmationRequired, Closed bool
	LoginMethods, Languages           []Option
	TimeZones                         []string
	Errors                            map[string]string
	CSRFToken                         string
	// ReadOnly shows the settings to staff who may not change them.
	ReadOnly bool
}

// NewVM is the view model of the "New event" page.
type NewVM struct {
	Form FormVM
}

// EditVM is the view model of an event's page: its form and its sessions.
type EditVM struct {
	ID int64
	// Name is the saved name (the breadcrumb), Subtitle a summary line.
	Name, Subtitle string
	Form           FormVM
	Sessions       SessionsVM
}

// SessionsVM is the sessions card of an event: the table and the add form.
type SessionsVM struct {
	EventID int64
	// Window is the event's span and zone, which sessions must fall within.
	Window    string
	TimeZone  string
	Rows      []SessionRowVM
	Add       SessionFormVM
	CanManage bool
	CSRFToken string
	// OOB swaps the card in place out of band (beside another answer).
	OOB bool
}

// SessionRowVM is one session: shown, or being edited (Editing) with the
// values and errors of its form.
type SessionRowVM struct {
	ID, EventID int64
	// Starts and Ends are shown (Ends without its date on the same day).
	Name, Starts, Ends string
	// StartsAt and EndsAt are datetime-local values (in the event's zone).
	StartsAt, EndsAt string
	Editing          bool
	Errors           map[string]string
	CanManage        bool
	CSRFToken        string
	// Min and Max bound the datetime pickers to the event.
	Min, Max string
}

// SessionFormVM is the "Add session" form.
type SessionFormVM struct {
	EventID                int64
	Name, StartsAt, EndsAt string
	Errors                 map[string]string
	CSRFToken              string
	Min, Max               string
}

// Span renders a start and an end in loc: "1 Dec 2026, 09:00 – 17:00" on
// one day, else "1 Dec 2026, 09:00 – 3 Dec 2026, 17:00".
func Span(start, end time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	s, e := start.In(loc), end.In(loc)
	const dayTime = "2 Jan 2006, 15:04"
	if s.Year() == e.Year() && s.YearDay() == e.YearDay() {
		return s.Format(dayTime) + " – " + e.Format("15:04")
	}
	return s.Format(dayTime) + " – " + e.Format(dayTime)
}

// SessionTimes renders a session's start and end in loc for the table: the
// end without its date when the session ends on the day it starts.
func SessionTimes(start, end time.Time, loc *time.Location) (string, string) {
	if loc == nil {
		loc = time.UTC
	}
	s, e := start.In(loc), end.In(loc)
	const dayTime = "2 Jan 2006, 15:04"
	if s.Year() == e.Year() && s.YearDay() == e.YearDay() {
		return s.Format(dayTime), e.Format("15:04")
	}
	return s.Format(dayTime), e.Format(dayTime)
}

// Participants renders "1 participant", "1,234 participants".
func Participants(n int64) string {
	if n == 1 {
		return "1 participant"
	}
	return Count(n) + " participants"
}

// Count renders a count with thousands separators ("12,345").
func Count(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// ListURL is the list's address for a search and a page cursor.
func ListURL(q, after string) string {
	v := url.Values{}
	if q != "" {
		v.Set("q", q)
	}
	if after != "" {
		v.Set("after", after)
	}
	if len(v) == 0 {
		return "/events"
	}
	return "/events?" + v.Encode()
}

func idString(id int64) string { return strconv.FormatInt(id, 10) }

// EventURL is the base address of an event's pages and actions.
func EventURL(id int64) string { return "/events/" + idString(id) }

// UsersURL is the event's "All users" page.
func (r RowVM) UsersURL() string { return EventURL(r.ID) + "/users" }

// EditURL is the event's edit page.
func (r RowVM) EditURL() string { return EventURL(r.ID) + "/edit" }

// DOMID is the row's element id, "event-<id>".
func (r RowVM) DOMID() string { return "event-" + idString(r.ID) }

// Action is where the form posts: /events for a new event, /events/{id} to
// save one.
func (f FormVM) Action() string {
	if f.ID == 0 {
		return "/events"
	}
	return EventURL(f.ID)
}

// IsNew reports whether the form creates an event.
func (f FormVM) IsNew() bool { return f.ID == 0 }

// CancelURL is where the form's Cancel link goes.
func (f FormVM) CancelURL() string { return "/events" }

// SectionID is the id of the sessions card (htmx target).
func (v SessionsVM) SectionID() string { return "event-sessions" }

// AddURL is where the add form posts.
func (f SessionFormVM) AddURL() string { return EventURL(f.EventID) + "/sessions" }

// DOMID is the row's element id, "session-<id>".
func (r SessionRowVM) DOMID() string { return "session-" + idString(r.ID) }

// FormID is the id of the row's edit form (the inputs in the other cells
// point at it with their form attribute).
func (r SessionRowVM) FormID() string { return r.DOMID() + "-form" }

// URL is the session's address: GET shows the row, POST saves it.
func (r SessionRowVM) URL() string { return EventURL(r.EventID) + "/sessions/" + idString(r.ID) }

// EditURL asks for the row's edit form.
func (r SessionRowVM) EditURL() string { return r.URL() + "/edit" }

// DeleteURL deletes the session.
func (r SessionRowVM) DeleteURL() string { return r.URL() + "/delete" }

// PageURL is the event's page (the no-JavaScript way back from an edit).
func (r SessionRowVM) PageURL() string { return EventURL(r.EventID) + "/edit#event-sessions" }

// DeleteQuestion is the confirmation asked before a delete.
func (r SessionRowVM) DeleteQuestion() string {
	return "Delete the session “" + r.Name + "”? The session joins recorded for it are deleted too."
}

// rows gives the rows the card's CSRF token and management flag.
func (v SessionsVM) rows() []SessionRowVM {
	out := make([]SessionRowVM, len(v.Rows))
	for i, r := range v.Rows {
		if r.CSRFToken == "" {
			r.CSRFToken = v.CSRFToken
		}
		r.CanManage = r.CanManage || v.CanManage
		out[i] = r
	}
	return out
}

func (v SessionsVM) add() SessionFormVM {
	a := v.Add
	if a.CSRFToken == "" {
		a.CSRFToken = v.CSRFToken
	}
	if a.EventID == 0 {
		a.EventID = v.EventID
	}
	return a
}

var phaseKinds = map[string]string{
	"before": ui.KindBlue,
	"during": ui.KindGreen,
	"after":  ui.KindNeutral,
}

// PhaseKind is the badge kind of an event phase (before, during, after).
func PhaseKind(phase string) string {
	if k, ok := phaseKinds[phase]; ok {
		return k
	}
	return ui.KindNeutral
}

const (
	inputClassOK      = "input mt-1.5"
	inputClassInvalid = "input input-invalid mt-1.5"
	selectClassOK     = "select mt-1.5"
	selectClassBad    = "select input-invalid mt-1.5"
	cellInputOK       = "input"
	cellInputInvalid  = "input input-invalid"
	// choiceClass is a radio card; :has(:checked) highlights the chosen one
	// without JavaScript.
	choiceClass = "flex cursor-pointer items-start gap-3 rounded-lg border border-slate-200 bg-white p-3 hover:border-slate-300 has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50/40 has-[:checked]:ring-1 has-[:checked]:ring-indigo-600"
)

func inputClass(err string) string {
	if err != "" {
		return inputClassInvalid
	}
	return inputClassOK
}

func selectClass(err string) string {
	if err != "" {
		return selectClassBad
	}
	return selectClassOK
}

func cellInputClass(err string) string {
	if err != "" {
		return cellInputInvalid
	}
	return cellInputOK
}

// describedBy is the aria-describedby of a field: its hint and, when
// invalid, its error.
func describedBy(id, err string, hint bool) string {
	out := ""
	if hint {
		out = id + "-hint"
	}
	if err != "" {
		if out != "" {
			out += " "
		}
		out += id + "-error"
	}
	return out
}
