// Package classroomview renders the console's classroom pages: courses
// (list, detail with plans and roster) and classroom users (list, invite
// dialog, edit panel).
package classroomview

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"roster/internal/classroom"
	"roster/views/ui"
)

// Option is a choice of a select or of a list of checkboxes.
type Option struct {
	Value, Label string
	Selected     bool
}

// Pager is the "1 – 50 of 1,234" line with its neighbour links.
type Pager struct {
	Range          string
	PrevURL, NextURL string
}

// NewPager builds the pager of a page of base (a list URL with its filter).
func NewPager(p classroom.Page, base url.Values, path string) Pager {
	out := Pager{Range: "0 of 0"}
	if p.Total > 0 || p.To > 0 {
		out.Range = strconv.Itoa(p.From) + " – " + strconv.Itoa(p.To) + " of " + ui.Count(p.Total)
	}
	link := func(cursor string) string {
		if cursor == "" {
			return ""
		}
		q := url.Values{}
		for k, v := range base {
			q[k] = v
		}
		q.Set("cursor", cursor)
		return path + "?" + q.Encode()
	}
	out.PrevURL, out.NextURL = link(p.Prev), link(p.Next)
	return out
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

// CourseState describes a course's state for a badge: "Active until
// 3 Mar 2027", "Inactive" (with the next plan, if any), "Archived".
func CourseState(c classroom.Course) StateBadge {
	switch c.State() {
	case classroom.CourseActive:
		return StateBadge{Label: "Active until " + Date(*c.ActiveUntil), Kind: ui.KindGreen}
	case classroom.CourseArchived:
		return StateBadge{Label: "Archived", Kind: ui.KindAmber, Hint: "Closed to students and instructors; its roster and files are kept."}
	}
	b := StateBadge{Label: "Inactive", Kind: ui.KindNeutral, Hint: "No current plan: students cannot enter it."}
	if c.NextStart != nil {
		b.Hint = "Its next plan starts on " + Date(*c.NextStart) + "."
	}
	return b
}

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

// NewCourses builds the Courses page.
func NewCourses(cs []classroom.Course, p classroom.Page, query string, state classroom.CourseState, canManage bool) CoursesVM {
	vm := CoursesVM{Query: query, State: string(state), CanManage: canManage, Filtered: query != "" || state != ""}
	vm.States = []Option{{Value: "", Label: "All courses", Selected: state == ""}}
	for _, s := range []classroom.CourseState{classroom.CourseActive, classroom.CourseInactive, classroom.CourseArchived} {
		vm.States = append(vm.States, Option{Value: string(s), Label: s.Label(), Selected: s == state})
	}
	for _, c := range cs {
		vm.Rows = append(vm.Rows, CourseRowVM{ID: c.ID, Name: c.Name, URL: CourseURL(c.ID), Description: excerpt(c.Description, 120),
			State: CourseState(c), Students: ui.Count(c.Students), Instructors: refNames(c.Instructors)})
	}
	base := url.Values{}
	if query != "" {
		base.Set("q", query)
	}
	if state != "" {
		base.Set("state", string(state))
	}
	vm.Pager = NewPager(p, base, "/classroom/courses")
	return vm
}

// CourseURL is a course's console page.
func CourseURL(id int64) string { return "/classroom/courses/" + strconv.FormatInt(id, 10) }

func refNames(rs []classroom.PersonRef) string {
	if len(rs) == 0 {
		return "—"
	}
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.Name
	}
	return strings.Join(names, ", ")
}

func excerpt(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return strings.TrimSpace(string(r[:n])) + "…"
}

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

// InstructorOptions lists the classroom's instructors, those chosen checked.
func InstructorOptions(all []classroom.User, chosen []int64) []Option {
	out := make([]Option, 0, len(all))
	for _, u := range all {
		sel := false
		for _, id := range chosen {
			sel = sel || id == u.PersonID
		}
		out = append(out, Option{Value: strconv.FormatInt(u.PersonID, 10), Label: u.Name() + " · " + u.Email, Selected: sel})
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Label) < strings.ToLower(out[j].Label) })
	return out
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

// NewCourse builds a course's page.
func NewCourse(d classroom.CourseDetail, instructors []classroom.User, now time.Time, canManage bool, csrf string) CourseVM {
	vm := CourseVM{ID: d.ID, Name: d.Name, State: CourseState(d.Course), Archived: d.ArchivedAt != nil, CanManage: canManage,
		CSRFToken: csrf}
	chosen := make([]int64, len(d.Instructors))
	for i, in := range d.Instructors {
		chosen[i] = in.ID
	}
	vm.Form = CourseFormVM{ID: d.ID, Name: d.Name, Description: d.Description, Instructors: InstructorOptions(instructors, chosen),
		CSRFToken: csrf}
	for _, p := range d.Plans {
		vm.Plans = append(vm.Plans, PlanVM{ID: p.ID, Range: Date(p.StartsAt) + " – " + Date(p.EndsAt), Current: p.Covers(now),
			Past: !now.Before(p.EndsAt), RemoveURL: CourseURL(d.ID) + "/plans/" + strconv.FormatInt(p.ID, 10) + "/remove"})
	}
	for _, u := range d.Roster {
		vm.Roster = append(vm.Roster, RosterRowVM{Name: u.Name(), Email: u.Email, Role: u.Role.Label(), Status: UserStatus(u, now)})
	}
	return vm
}

// ---- users ----

// UserStatus describes a classroom user's status for a badge.
func UserStatus(u classroom.User, now time.Time) StateBadge {
	switch {
	case u.Status == classroom.StatusRegistered:
		b := StateBadge{Label: "Registered", Kind: ui.KindGreen}
		if u.RegisteredAt != nil {
			b.Hint = "Confirmed on " + Date(*u.RegisteredAt) + "."
		}
		return b
	case u.InvitationExpired(now):
		return StateBadge{Label: "Pending", Kind: ui.KindRed, Hint: "The invitation expired: resend it."}
	}
	b := StateBadge{Label: "Pending", Kind: ui.KindAmber, Hint: "Invited; waiting for them to confirm it is them."}
	if u.InvitedAt != nil {
		b.Hint = "Invited on " + Date(*u.InvitedAt) + "; the link works until " + Date(u.InvitedAt.Add(classroom.InvitationTTL)) + "."
	}
	return b
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

// maxRowCourses is how many course names a row shows before "+N".
const maxRowCourses = 3

// NewUserRow builds a user's row.
func NewUserRow(u classroom.User, now time.Time, canManage bool, csrf string) UserRowVM {
	r := UserRowVM{PersonID: u.PersonID, Name: u.Name(), Email: u.Email, Role: u.Role.Label(), Status: UserStatus(u, now),
		Pending: u.Status == classroom.StatusPending, CanManage: canManage, CSRFToken: csrf}
	for i, c := range u.Courses {
		if i == maxRowCourses {
			r.MoreCourses = "+" + strconv.Itoa(len(u.Courses)-maxRowCourses)
			break
		}
		r.Courses = append(r.Courses, c.Name)
	}
	if u.Role == classroom.RoleAdmin {
		r.Courses = []string{"Every course"}
	}
	return r
}

// UsersVM is the classroom Users page.
type UsersVM struct {
	Query, Filter string
	Filters       []Option
	Rows          []UserRowVM
	Pager         Pager
	CanManage     bool
	Filtered      bool
}

// ParseFilter reads the filter dropdown's value: "role:student",
// "status:pending" or "" (all).
func ParseFilter(v string) (classroom.Role, classroom.Status) {
	kind, val, _ := strings.Cut(v, ":")
	switch kind {
	case "role":
		if r := classroom.Role(val); r.Valid() {
			return r, ""
		}
	case "status":
		if s := classroom.Status(val); s.Valid() {
			return "", s
		}
	}
	return "", ""
}

// FilterOptions are the dropdown's choices: all, each role, each status.
func FilterOptions(current string) []Option {
	out := []Option{{Value: "", Label: "All users"}}
	for _, r := range classroom.Roles {
		out = append(out, Option{Value: "role:" + string(r), Label: r.Label() + "s"})
	}
	for _, s := range []classroom.Status{classroom.StatusPending, classroom.StatusRegistered} {
		out = append(out, Option{Value: "status:" + string(s), Label: s.Label()})
	}
	found := false
	for i := range out {
		out[i].Selected = out[i].Value == current
		found = found || out[i].Selected
	}
	if !found {
		out[0].Selected = true
	}
	return out
}

// NewUsers builds the Users page.
func NewUsers(us []classroom.User, p classroom.Page, query, filter string, now time.Time, canManage bool, csrf string) UsersVM {
	role, status := ParseFilter(filter)
	if role == "" && status == "" {
		filter = ""
	}
	vm := UsersVM{Query: query, Filter: filter, Filters: FilterOptions(filter), CanManage: canManage, Filtered: query != "" || filter != ""}
	for _, u := range us {
		vm.Rows = append(vm.Rows, NewUserRow(u, now, canManage, csrf))
	}
	base := url.Values{}
	if query != "" {
		base.Set("q", query)
	}
	if filter != "" {
		base.Set("filter", filter)
	}
	vm.Pager = NewPager(p, base, "/classroom/users")
	return vm
}

// RoleOptions are the role choices, r selected (Student by default).
func RoleOptions(r classroom.Role) []Option {
	if !r.Valid() {
		r = classroom.RoleStudent
	}
	out := make([]Option, len(classroom.Roles))
	for i, x := range classroom.Roles {
		out[i] = Option{Value: string(x), Label: x.Label(), Selected: x == r}
	}
	return out
}

// CourseOptions lists courses to choose from, those in chosen checked.
func CourseOptions(all []classroom.CourseRef, chosen []int64) []Option {
	out := make([]Option, 0, len(all))
	for _, c := range all {
		sel := false
		for _, id := range chosen {
			sel = sel || id == c.ID
		}
		out = append(out, Option{Value: strconv.FormatInt(c.ID, 10), Label: c.Name, Selected: sel})
	}
	return out
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

// NewInvite builds the invite form: Student, no course chosen.
func NewInvite(courses []classroom.CourseRef, csrf string) InviteVM {
	return InviteVM{Roles: RoleOptions(classroom.RoleStudent), Courses: CourseOptions(courses, nil), CSRFToken: csrf}
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

// NewEdit builds the edit panel of u; keep lists the courses to show as
// chosen (the user's, or the form's on a refused save).
func NewEdit(u classroom.User, all []classroom.CourseRef, role classroom.Role, keep []int64, now time.Time, csrf string) EditVM {
	vm := EditVM{PersonID: u.PersonID, Name: u.Name(), Email: u.Email, Status: UserStatus(u, now), Roles: RoleOptions(role),
		HideCourses: role == classroom.RoleAdmin, CSRFToken: csrf}
	mine := map[int64]bool{}
	for _, c := range u.Courses {
		mine[c.ID] = true
		sel := false
		for _, id := range keep {
			sel = sel || id == c.ID
		}
		vm.Current = append(vm.Current, Option{Value: strconv.FormatInt(c.ID, 10), Label: c.Name, Selected: sel})
	}
	var others []classroom.CourseRef
	for _, c := range all {
		if !mine[c.ID] {
			others = append(others, c)
		}
	}
	vm.Others = CourseOptions(others, keep)
	return vm
}

// inputClass is an input's classes, red when its field is in error.
func inputClass(msg string) string {
	if msg != "" {
		return "input input-invalid"
	}
	return "input"
}
