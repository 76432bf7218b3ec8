package directory

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"roster/internal/apperr"
	"roster/internal/audit"
	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/people"
)

// State is a person's state in the directory.
type State string

// The states the directory filters on: Active, Blocked (status blocked),
// Deactivated (login turned off, history kept).
const (
	StateActive      State = "active"
	StateBlocked     State = "blocked"
	StateDeactivated State = "deactivated"
)

// States lists the filterable states in order.
var States = []State{StateActive, StateBlocked, StateDeactivated}

// Label is the state's name for people.
func (s State) Label() string {
	switch s {
	case StateActive:
		return "Active"
	case StateBlocked:
		return "Blocked"
	case StateDeactivated:
		return "Deactivated"
	}
	return string(s)
}

// Valid reports whether s is a known state.
func (s State) Valid() bool {
	return s == StateActive || s == StateBlocked || s == StateDeactivated
}

func stateOf(status string, loginEnabled bool) State {
	switch {
	case status == "blocked":
		return StateBlocked
	case !loginEnabled:
		return StateDeactivated
	}
	return StateActive
}

// Filter selects people of the directory.
type Filter struct {
	Query string
	State State // "" for all
	// Before is the keyset cursor: people created before (time, id).
	Before *Cursor
	Limit  int
}

// Cursor is the position after the last person of a page.
type Cursor struct {
	CreatedAt time.Time
	ID        int64
}

// String encodes the cursor for a URL.
func (c Cursor) String() string {
	return strconv.FormatInt(c.CreatedAt.UnixMicro(), 36) + "." + strconv.FormatInt(c.ID, 36)
}

// ParseCursor reads a cursor from a URL; ok is false when s is not one.
func ParseCursor(s string) (Cursor, bool) {
	a, b, found := strings.Cut(s, ".")
	if !found {
		return Cursor{}, false
	}
	t, err1 := strconv.ParseInt(a, 36, 64)
	id, err2 := strconv.ParseInt(b, 36, 64)
	if err1 != nil || err2 != nil || id <= 0 {
		return Cursor{}, false
	}
	return Cursor{CreatedAt: time.UnixMicro(t).UTC(), ID: id}, true
}

// Row is one person in the directory.
type Row struct {
	ID                                         int64
	Email, FirstName, LastName, Company, Title string
	ImagePath                                  string
	State                                      State
	CreatedAt                                  time.Time
	Events, Courses                            int
	// EventNames and CourseNames name a few of them.
	EventNames, CourseNames []string
}

// Name is the person's full name.
func (r Row) Name() string { return strings.TrimSpace(r.FirstName + " " + r.LastName) }

// Page is one page of the directory.
type Page struct {
	Rows []Row
	Next *Cursor
}

// MaxPage bounds a page.
const MaxPage = 100

// Service reads the directory.
type Service struct{ db *database.DB }

// NewService builds the service.
func NewService(db *database.DB) *Service { return &Service{db: db} }

// List returns a page of the partner's people, newest first.
func (s *Service) List(ctx context.Context, p auth.Principal, f Filter) (Page, error) {
	if err := p.Require(auth.PermPeopleView); err != nil {
		return Page{}, err
	}
	if f.Limit <= 0 || f.Limit > MaxPage {
		f.Limit = 50
	}
	if !f.State.Valid() {
		f.State = ""
	}
	rs, err := listPeople(ctx, s.db.Gorm, p.PartnerID, people.LikePattern(f.Query), f.State, f.Before, f.Limit+1)
	if err != nil {
		return Page{}, fmt.Errorf("directory: list: %w", err)
	}
	var out Page
	if len(rs) > f.Limit {
		rs = rs[:f.Limit]
		last := rs[len(rs)-1]
		out.Next = &Cursor{CreatedAt: last.CreatedAt, ID: last.ID}
	}
	ids := make([]int64, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	evs, err := eventNames(ctx, s.db.Gorm, p.PartnerID, ids)
	if err != nil {
		return Page{}, fmt.Errorf("directory: events: %w", err)
	}
	cs, err := courseNames(ctx, s.db.Gorm, p.PartnerID, ids)
	if err != nil {
		return Page{}, fmt.Errorf("directory: courses: %w", err)
	}
	for _, r := range rs {
		row := Row{ID: r.ID, Email: r.Email, FirstName: r.FirstName, LastName: r.LastName, Company: r.Company, Title: r.Title,
			ImagePath: r.ImagePath, State: stateOf(r.Status, r.LoginEnabled), CreatedAt: r.CreatedAt,
			Events: len(evs[r.ID]), Courses: len(cs[r.ID])}
		row.EventNames, row.CourseNames = firstNames(evs[r.ID], 3), firstNames(cs[r.ID], 3)
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

func firstNames(xs []string, n int) []string {
	if len(xs) > n {
		return xs[:n]
	}
	return xs
}

// Participation is one event a person is in.
type Participation struct {
	ID, EventID        int64
	EventName          string
	EventStartsAt      time.Time
	Status, Detail     string
	Speaker, Moderator bool
	InvitedAt          *time.Time
	Delivery           string
	LastVisit          *time.Time
}

// Enrollment is one course a person is in.
type Enrollment struct {
	CourseID   int64
	CourseName string
	Since      time.Time
}

// Login is a person's sign-in state.
type Login struct {
	Enabled bool
	Blocked bool
	// ClassroomRole and ClassroomStatus are set when the person is a classroom user.
	ClassroomRole, ClassroomStatus string
	// LastLinkUsed is when a sign-in link of theirs was last used, and from what browser.
	LastLinkUsed   *time.Time
	LastLinkDevice string
	ActiveLinks    int
}

// Person is one person's whole picture.
type Person struct {
	Row
	Bio, Language  string
	UpdatedAt      time.Time
	Participations []Participation
	Enrollments    []Enrollment
	Login          Login
	Audit          []audit.Entry
}

// Get returns one person of the partner with their events, courses, login
// state and audit trail (the newest 100 entries about them or their
// participations).
func (s *Service) Get(ctx context.Context, p auth.Principal, id int64) (Person, error) {
	if err := p.Require(auth.PermPeopleView); err != nil {
		return Person{}, err
	}
	r, err := personByID(ctx, s.db.Gorm, p.PartnerID, id)
	if database.IsNotFound(err) {
		return Person{}, apperr.NotFound("This person does not exist.")
	}
	if err != nil {
		return Person{}, fmt.Errorf("directory: get: %w", err)
	}
	out := Person{Row: Row{ID: r.ID, Email: r.Email, FirstName: r.FirstName, LastName: r.LastName, Company: r.Company,
		Title: r.Title, ImagePath: r.ImagePath, State: stateOf(r.Status, r.LoginEnabled), CreatedAt: r.CreatedAt},
		Bio: r.Bio, Language: r.Language, UpdatedAt: r.UpdatedAt}
	if out.Participations, err = participationsOf(ctx, s.db.Gorm, p.PartnerID, id); err != nil {
		return Person{}, fmt.Errorf("directory: participations: %w", err)
	}
	if out.Enrollments, err = enrollmentsOf(ctx, s.db.Gorm, p.PartnerID, id); err != nil {
		return Person{}, fmt.Errorf("directory: enrollments: %w", err)
	}
	out.Events, out.Courses = len(out.Participations), len(out.Enrollments)
	if out.Login, err = loginOf(ctx, s.db.Gorm, p.PartnerID, id, time.Now().UTC()); err != nil {
		return Person{}, fmt.Errorf("directory: login: %w", err)
	}
	out.Login.Enabled, out.Login.Blocked = r.LoginEnabled, r.Status == "blocked"
	pids := make([]string, len(out.Participations))
	for i, x := range out.Participations {
		pids[i] = strconv.FormatInt(x.ID, 10)
	}
	if out.Audit, err = auditOf(ctx, s.db.Gorm, p.PartnerID, strconv.FormatInt(id, 10), pids, 100); err != nil {
		return Person{}, fmt.Errorf("directory: audit: %w", err)
	}
	return out, nil
}
