// Package classroomview renders the console's classroom pages: courses
// (list, detail with plans and roster) and classroom users (list, invite
// dialog, edit panel).
package classroomview

import (
	"strconv"
	"time"
)

// Option is a choice of a select or of a list of checkboxes.
type Option struct {
	Value, Label string
	Selected     bool
}

// Pager is the "1 – 50 of 1,234" line with its neighbour links.
type Pager struct {
	Range            string
	PrevURL, NextURL string
}

// Date renders an instant's UTC date.
func Date(t time.Time) string { return t.UTC().Format("2 Jan 2006") }

// DateInput renders a date for an <input type="date">.
func DateInput(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

// StateBadge is a course state's label and badge kind.
type StateBadge struct{ Label, Kind, Hint string }

// ---- courses ----

// CourseRowVM is a course in the list.
type CourseRowVM struct {
	ID          int64
	Name, URL   string
	Description string
	State       StateBadge
	Students    string
	Instructors string
}

// CoursesVM is the Courses page.
type CoursesVM struct {
	Query, State string
	States       []Option
	Rows         []CourseRowVM
	Pager        Pager
	CanManage    bool
	Filtered     bool
}

// CourseURL is a course's console page.
func CourseURL(id int64) string { return "/classroom/courses/" + strconv.FormatInt(id, 10) }

// CourseFormVM is the course form (new course, or a course's details).
type CourseFormVM struct {
	ID                int64
	Name, Description string
	// ActiveFrom and ActiveUntil are the first plan of a new course.
	ActiveFrom, ActiveUntil string
	Instructors             []Option
	Errors                  map[string]string
	CSRFToken               string
}

// Action is where the form posts.
func (f CourseFormVM) Action() string {
	if f.ID == 0 {
		return "/classroom/courses"
	}
	return CourseURL(f.ID)
}

// Heading is the form's title.
func (f CourseFormVM) Heading() string {
	if f.ID == 0 {
		return "New course"
	}
	return "Details"
}

// PlanVM is a plan of a course.
type PlanVM struct {
	ID        int64
	Range     string
	Current   bool
	Past      bool
	RemoveURL string
}

// RosterRowVM is a classroom user on a course's roster.
type RosterRowVM struct {
	Name, Email, Role string
	Status            StateBadge
}

// CourseVM is a course's console page.
type CourseVM struct {
	ID         int64
	Name       string
	State      StateBadge
	Archived   bool
	Form       CourseFormVM
	Plans      []PlanVM
	PlanFrom   string
	PlanUntil  string
	PlanErrors map[string]string
	Roster     []RosterRowVM
	CanManage  bool
	CSRFToken  string
}

// UserRowVM is a classroom user in the list.
type UserRowVM struct {
	PersonID    int64
	Name, Email string
	Role        string
	Courses     []string
	MoreCourses string
	Status      StateBadge
	Pending     bool
	CanManage   bool
	CSRFToken   string
}

// DOMID is the row's element id.
func (r UserRowVM) DOMID() string { return "classroom-user-" + strconv.FormatInt(r.PersonID, 10) }

// EditURL opens the user's edit panel.
func (r UserRowVM) EditURL() string { return UserURL(r.PersonID) + "/edit" }

// ResendURL resends the user's invitation.
func (r UserRowVM) ResendURL() string { return UserURL(r.PersonID) + "/resend" }

// UserURL is a classroom user's address in the console.
func UserURL(personID int64) string { return "/classroom/users/" + strconv.FormatInt(personID, 10) }

// UsersVM is the classroom Users page.
type UsersVM struct {
	Query, Filter string
	Filters       []Option
	Rows          []UserRowVM
	Pager         Pager
	CanManage     bool
	Filtered      bool
}

// InviteVM is the "Invite users" form.
type InviteVM struct {
	FullName, Email string
	Roles           []Option
	Courses         []Option
	HideCourses     bool
	InviteMore      bool
	Done            string
	Errors          map[string]string
	CSRFToken       string
}

// EditVM is the "Edit user" panel.
type EditVM struct {
	PersonID    int64
	Name, Email string
	Status      StateBadge
	Roles       []Option
	// Current are the user's courses (unticking one removes it on Save);
	// Others are the courses to add.
	Current, Others []Option
	HideCourses     bool
	Errors          map[string]string
	CSRFToken       string
}

// Action is where the panel saves.
func (e EditVM) Action() string { return UserURL(e.PersonID) }

// DeleteURL deletes the user.
func (e EditVM) DeleteURL() string { return UserURL(e.PersonID) + "/delete" }

// inputClass is an input's classes, red when its field is in error.
func inputClass(msg string) string {
	if msg != "" {
		return "input input-invalid"
	}
	return "input"
}
