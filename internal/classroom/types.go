package classroom

import (
	"strings"
	"time"
)

// Role is a classroom user's role.
type Role string

// The roles (mirrored by a CHECK constraint).
const (
	RoleStudent    Role = "student"
	RoleInstructor Role = "instructor"
	RoleAdmin      Role = "admin"
)

// Roles lists the roles in the order the console shows them.
var Roles = []Role{RoleStudent, RoleInstructor, RoleAdmin}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleStudent || r == RoleInstructor || r == RoleAdmin }

// Label is the role as the console writes it.
func (r Role) Label() string {
	switch r {
	case RoleStudent:
		return "Student"
	case RoleInstructor:
		return "Instructor"
	case RoleAdmin:
		return "Admin"
	}
	return string(r)
}

// Enrolls reports whether the role is kept on course rosters (admins enter
// every course without one).
func (r Role) Enrolls() bool { return r == RoleStudent || r == RoleInstructor }

// Status is a classroom user's invitation status.
type Status string

// The statuses (mirrored by a CHECK constraint).
const (
	StatusPending    Status = "pending"
	StatusRegistered Status = "registered"
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return s == StatusPending || s == StatusRegistered }

// Label is the status as the console writes it.
func (s Status) Label() string {
	switch s {
	case StatusPending:
		return "Pending"
	case StatusRegistered:
		return "Registered"
	}
	return string(s)
}

// CourseState says whether a course can be entered now.
type CourseState string

// The course states: active while a plan covers now; inactive otherwise;
// archived courses are kept but closed to students and instructors.
const (
	CourseActive   CourseState = "active"
	CourseInactive CourseState = "inactive"
	CourseArchived CourseState = "archived"
)

// Label is the state as the console writes it.
func (s CourseState) Label() string {
	switch s {
	case CourseActive:
		return "Active"
	case CourseInactive:
		return "Inactive"
	case CourseArchived:
		return "Archived"
	}
	return string(s)
}

// Valid reports whether s is a known state.
func (s CourseState) Valid() bool {
	return s == CourseActive || s == CourseInactive || s == CourseArchived
}

// Plan makes a course active from StartsAt until EndsAt.
type Plan struct {
	ID               int64
	StartsAt, EndsAt time.Time
}

// Covers reports whether the plan is current at t.
func (p Plan) Covers(t time.Time) bool { return !t.Before(p.StartsAt) && t.Before(p.EndsAt) }

// CourseRef names a course.
type CourseRef struct {
	ID   int64
	Name string
}

// PersonRef names a person.
type PersonRef struct {
	ID    int64
	Name  string
	Email string
}

// Course is a course with its current state.
type Course struct {
	ID          int64
	PartnerID   int64
	Name        string
	Description string
	ArchivedAt  *time.Time
	// ActiveUntil is the end of the current plan (nil: inactive).
	ActiveUntil *time.Time
	// NextStart is the start of the next plan when the course is not active.
	NextStart   *time.Time
	Students    int64
	Instructors []PersonRef
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// State is the course's state (computed with the time it was read at).
func (c Course) State() CourseState {
	switch {
	case c.ArchivedAt != nil:
		return CourseArchived
	case c.ActiveUntil != nil:
		return CourseActive
	}
	return CourseInactive
}

// CourseDetail is a course with its plans and roster.
type CourseDetail struct {
	Course
	Plans  []Plan
	Roster []User
}

// User is a classroom user: a person of the partner with a classroom role.
type User struct {
	PersonID     int64
	FirstName    string
	LastName     string
	Email        string
	Language     string
	Role         Role
	Status       Status
	InvitedAt    *time.Time
	RegisteredAt *time.Time
	Courses      []CourseRef
	CreatedAt    time.Time
}

// Name is the user's full name, or the email when there is none.
func (u User) Name() string {
	if n := strings.TrimSpace(u.FirstName + " " + u.LastName); n != "" {
		return n
	}
	return u.Email
}

// InvitationExpired reports whether a pending user's invitation has run out
// at now.
func (u User) InvitationExpired(now time.Time) bool {
	return u.Status == StatusPending && u.InvitedAt != nil && !now.Before(u.InvitedAt.Add(InvitationTTL))
}

// File is a course file (its bytes are read separately).
type File struct {
	ID          int64
	CourseID    int64
	Name        string
	ContentType string
	Size        int64
	SHA256      string
	UploadedBy  string
	CreatedAt   time.Time
}

// SplitName splits a full name into first and last names at its last space
// ("Mary Ann Smith" → "Mary Ann", "Smith"; one word is a first name).
func SplitName(full string) (first, last string) {
	full = strings.Join(strings.Fields(full), " ")
	if i := strings.LastIndexByte(full, ' '); i > 0 {
		return full[:i], full[i+1:]
	}
	return full, ""
}
