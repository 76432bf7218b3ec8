// Package peopleview renders the People directory (every person of the
// organisation, with their events and courses) and the person page (their
// profile, participations, enrollments, login state and audit trail).
package peopleview

import (
	"strconv"

	"roster/views/ui"
)

// Option is one choice of the state filter.
type Option struct {
	Value, Label string
	Selected     bool
}

// RowVM is one person in the directory.
type RowVM struct {
	ID                      int64
	Name, Email, Company    string
	Initials, ImageURL      string
	State, StateLabel       string
	Created                 string
	Events, Courses         int
	EventNames, CourseNames []string
}

// URL is the person page.
func (r RowVM) URL() string { return PersonURL(r.ID) }

// PersonURL is a person's page.
func PersonURL(id int64) string { return "/people/" + strconv.FormatInt(id, 10) }

// More names the ones beyond those listed ("+2 more"), or "".
func More(total, shown int) string {
	if total <= shown {
		return ""
	}
	return "+" + strconv.Itoa(total-shown) + " more"
}

// ListVM is the directory page.
type ListVM struct {
	Rows     []RowVM
	Query    string
	State    string
	States   []Option
	NextURL  string
	FirstURL string
}

// Filtered reports whether a search or filter is active.
func (vm ListVM) Filtered() bool { return vm.Query != "" || vm.State != "" }

// StateKind colours a person's state.
func StateKind(state string) string {
	switch state {
	case "active":
		return ui.KindGreen
	case "blocked":
		return ui.KindRed
	case "deactivated":
		return ui.KindAmber
	}
	return ui.KindNeutral
}

// ParticipationVM is one event of the person.
type ParticipationVM struct {
	EventName, EventDate        string
	Status, StatusLabel, Detail string
	StatusClass                 string
	Roles                       string
	Invited, LastVisit          string
	Delivery                    string
	// RowURL opens the person's row in the event's All users list.
	RowURL string
}

// EnrollmentVM is one course of the person.
type EnrollmentVM struct{ Course, Since string }

// AuditVM is one audit entry about the person.
type AuditVM struct{ When, Who, What string }

// PersonVM is the person page.
type PersonVM struct {
	RowVM
	Title, Bio, Language, Updated string
	Participations                []ParticipationVM
	Enrollments                   []EnrollmentVM
	LoginEnabled, Blocked         bool
	Classroom                     string
	LastLink, ActiveLinks         string
	Audit                         []AuditVM
	BackURL                       string
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
