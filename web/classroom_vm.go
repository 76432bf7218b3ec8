package web

import (
	"cmp"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"roster/internal/classroom"
	"roster/views/classroomview"
	"roster/views/ui"
)

// The classroom pages' view models, built from classroom values (views see
// no domain type).

// cvPager builds the pager of a page of base (a list URL with its filter).
func cvPager(p classroom.Page, base url.Values, path string) classroomview.Pager {
	out := classroomview.Pager{Range: "0 of 0"}
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

// cvCourseState describes a course's state for a badge: "Active until
// 3 Mar 2027", "Inactive" (with the next plan, if any), "Archived".
func cvCourseState(c classroom.Course) classroomview.StateBadge {
	b := classroomview.StateBadge{}
	b.Label, b.Kind = courseBadge(c)
	switch c.State() {
	case classroom.CourseArchived:
		b.Hint = "Closed to students and instructors; its roster and files are kept."
	case classroom.CourseInactive:
		b.Hint = "No current plan: students cannot enter it."
		if c.NextStart != nil {
			b.Hint = "Its next plan starts on " + classroomview.Date(*c.NextStart) + "."
		}
	}
	return b
}

// courseBadge is a course's state as the console and the classroom side
// both show it: "Active until 2 Jan 2027" in green, Inactive in grey,
// Archived in amber.
func courseBadge(c classroom.Course) (label, kind string) {
	switch c.State() {
	case classroom.CourseActive:
		return "Active until " + classroomview.Date(*c.ActiveUntil), ui.KindGreen
	case classroom.CourseArchived:
		return "Archived", ui.KindAmber
	}
	return "Inactive", ui.KindNeutral
}

// cvCourses builds the Courses page.
func cvCourses(cs []classroom.Course, p classroom.Page, query string, state classroom.CourseState, canManage bool) classroomview.CoursesVM {
	vm := classroomview.CoursesVM{Query: query, State: string(state), CanManage: canManage, Filtered: query != "" || state != ""}
	vm.States = []classroomview.Option{{Value: "", Label: "All courses", Selected: state == ""}}
	for _, s := range []classroom.CourseState{classroom.CourseActive, classroom.CourseInactive, classroom.CourseArchived} {
		vm.States = append(vm.States, classroomview.Option{Value: string(s), Label: s.Label(), Selected: s == state})
	}
	for _, c := range cs {
		vm.Rows = append(vm.Rows, classroomview.CourseRowVM{ID: c.ID, Name: c.Name, URL: classroomview.CourseURL(c.ID), Description: cvExcerpt(c.Description, 120),
			State: cvCourseState(c), Students: ui.Count(c.Students), Instructors: cmp.Or(personNames(c.Instructors), "—")})
	}
	base := url.Values{}
	if query != "" {
		base.Set("q", query)
	}
	if state != "" {
		base.Set("state", string(state))
	}
	vm.Pager = cvPager(p, base, "/classroom/courses")
	return vm
}

// personNames lists people's names, comma-separated ("" for nobody).
func personNames(rs []classroom.PersonRef) string {
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.Name
	}
	return strings.Join(names, ", ")
}

func cvExcerpt(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return strings.TrimSpace(string(r[:n])) + "…"
}

// cvInstructorOptions lists the classroom's instructors, those chosen checked.
func cvInstructorOptions(all []classroom.User, chosen []int64) []classroomview.Option {
	out := make([]classroomview.Option, 0, len(all))
	for _, u := range all {
		sel := false
		for _, id := range chosen {
			sel = sel || id == u.PersonID
		}
		out = append(out, classroomview.Option{Value: strconv.FormatInt(u.PersonID, 10), Label: u.Name() + " · " + u.Email, Selected: sel})
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Label) < strings.ToLower(out[j].Label) })
	return out
}

// cvCourse builds a course's page.
func cvCourse(d classroom.CourseDetail, instructors []classroom.User, now time.Time, canManage bool, csrf string) classroomview.CourseVM {
	vm := classroomview.CourseVM{ID: d.ID, Name: d.Name, State: cvCourseState(d.Course), Archived: d.ArchivedAt != nil, CanManage: canManage,
		CSRFToken: csrf}
	chosen := make([]int64, len(d.Instructors))
	for i, in := range d.Instructors {
		chosen[i] = in.ID
	}
	vm.Form = classroomview.CourseFormVM{ID: d.ID, Name: d.Name, Description: d.Description, Instructors: cvInstructorOptions(instructors, chosen),
		CSRFToken: csrf}
	for _, p := range d.Plans {
		vm.Plans = append(vm.Plans, classroomview.PlanVM{ID: p.ID, Range: classroomview.Date(p.StartsAt) + " – " + classroomview.Date(p.EndsAt), Current: p.Covers(now),
			Past: !now.Before(p.EndsAt), RemoveURL: classroomview.CourseURL(d.ID) + "/plans/" + strconv.FormatInt(p.ID, 10) + "/remove"})
	}
	for _, u := range d.Roster {
		vm.Roster = append(vm.Roster, classroomview.RosterRowVM{Name: u.Name(), Email: u.Email, Role: u.Role.Label(), Status: cvUserStatus(u, now)})
	}
	return vm
}

// ---- users ----

// cvUserStatus describes a classroom user's status for a badge.
func cvUserStatus(u classroom.User, now time.Time) classroomview.StateBadge {
	switch {
	case u.Status == classroom.StatusRegistered:
		b := classroomview.StateBadge{Label: "Registered", Kind: ui.KindGreen}
		if u.RegisteredAt != nil {
			b.Hint = "Confirmed on " + classroomview.Date(*u.RegisteredAt) + "."
		}
		return b
	case u.InvitationExpired(now):
		return classroomview.StateBadge{Label: "Pending", Kind: ui.KindRed, Hint: "The invitation expired: resend it."}
	}
	b := classroomview.StateBadge{Label: "Pending", Kind: ui.KindAmber, Hint: "Invited; waiting for them to confirm it is them."}
	if u.InvitedAt != nil {
		b.Hint = "Invited on " + classroomview.Date(*u.InvitedAt) + "; the link works until " + classroomview.Date(u.InvitedAt.Add(classroom.InvitationTTL)) + "."
	}
	return b
}

// cvMaxRowCourses is how many course names a row shows before "+N".
const cvMaxRowCourses = 3

// cvUserRow builds a user's row.
func cvUserRow(u classroom.User, now time.Time, canManage bool, csrf string) classroomview.UserRowVM {
	r := classroomview.UserRowVM{PersonID: u.PersonID, Name: u.Name(), Email: u.Email, Role: u.Role.Label(), Status: cvUserStatus(u, now),
		Pending: u.Status == classroom.StatusPending, CanManage: canManage, CSRFToken: csrf}
	for i, c := range u.Courses {
		if i == cvMaxRowCourses {
			r.MoreCourses = "+" + strconv.Itoa(len(u.Courses)-cvMaxRowCourses)
			break
		}
		r.Courses = append(r.Courses, c.Name)
	}
	if u.Role == classroom.RoleAdmin {
		r.Courses = []string{"Every course"}
	}
	return r
}

// cvParseFilter reads the filter dropdown's value: "role:student",
// "status:pending" or "" (all).
func cvParseFilter(v string) (classroom.Role, classroom.Status) {
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

// cvFilterOptions are the dropdown's choices: all, each role, each status.
func cvFilterOptions(current string) []classroomview.Option {
	out := []classroomview.Option{{Value: "", Label: "All users"}}
	for _, r := range classroom.Roles {
		out = append(out, classroomview.Option{Value: "role:" + string(r), Label: r.Label() + "s"})
	}
	for _, s := range []classroom.Status{classroom.StatusPending, classroom.StatusRegistered} {
		out = append(out, classroomview.Option{Value: "status:" + string(s), Label: s.Label()})
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

// cvUsers builds the Users page.
func cvUsers(us []classroom.User, p classroom.Page, query, filter string, now time.Time, canManage bool, csrf string) classroomview.UsersVM {
	role, status := cvParseFilter(filter)
	if role == "" && status == "" {
		filter = ""
	}
	vm := classroomview.UsersVM{Query: query, Filter: filter, Filters: cvFilterOptions(filter), CanManage: canManage, Filtered: query != "" || filter != ""}
	for _, u := range us {
		vm.Rows = append(vm.Rows, cvUserRow(u, now, canManage, csrf))
	}
	base := url.Values{}
	if query != "" {
		base.Set("q", query)
	}
	if filter != "" {
		base.Set("filter", filter)
	}
	vm.Pager = cvPager(p, base, "/classroom/users")
	return vm
}

// cvRoleOptions are the role choices, r selected (Student by default).
func cvRoleOptions(r classroom.Role) []classroomview.Option {
	if !r.Valid() {
		r = classroom.RoleStudent
	}
	out := make([]classroomview.Option, len(classroom.Roles))
	for i, x := range classroom.Roles {
		out[i] = classroomview.Option{Value: string(x), Label: x.Label(), Selected: x == r}
	}
	return out
}

// cvCourseOptions lists courses to choose from, those in chosen checked.
func cvCourseOptions(all []classroom.CourseRef, chosen []int64) []classroomview.Option {
	out := make([]classroomview.Option, 0, len(all))
	for _, c := range all {
		sel := false
		for _, id := range chosen {
			sel = sel || id == c.ID
		}
		out = append(out, classroomview.Option{Value: strconv.FormatInt(c.ID, 10), Label: c.Name, Selected: sel})
	}
	return out
}

// cvInvite builds the invite form: Student, no course chosen.
func cvInvite(courses []classroom.CourseRef, csrf string) classroomview.InviteVM {
	return classroomview.InviteVM{Roles: cvRoleOptions(classroom.RoleStudent), Courses: cvCourseOptions(courses, nil), CSRFToken: csrf}
}

// cvEdit builds the edit panel of u; keep lists the courses to show as
// chosen (the user's, or the form's on a refused save).
func cvEdit(u classroom.User, all []classroom.CourseRef, role classroom.Role, keep []int64, now time.Time, csrf string) classroomview.EditVM {
	vm := classroomview.EditVM{PersonID: u.PersonID, Name: u.Name(), Email: u.Email, Status: cvUserStatus(u, now), Roles: cvRoleOptions(role),
		HideCourses: role == classroom.RoleAdmin, CSRFToken: csrf}
	mine := map[int64]bool{}
	for _, c := range u.Courses {
		mine[c.ID] = true
		sel := false
		for _, id := range keep {
			sel = sel || id == c.ID
		}
		vm.Current = append(vm.Current, classroomview.Option{Value: strconv.FormatInt(c.ID, 10), Label: c.Name, Selected: sel})
	}
	var others []classroom.CourseRef
	for _, c := range all {
		if !mine[c.ID] {
			others = append(others, c)
		}
	}
	vm.Others = cvCourseOptions(others, keep)
	return vm
}
