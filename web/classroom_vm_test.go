package web

import (
	"net/url"
	"testing"
	"time"

	"roster/internal/classroom"
	"roster/views/ui"
)

func TestClassroomViewModels(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	until, next := now.Add(40*24*time.Hour), now.Add(10*24*time.Hour)
	for _, tc := range []struct {
		c           classroom.Course
		label, kind string
	}{
		{classroom.Course{ActiveUntil: &until}, "Active until 30 Dec 2026", ui.KindGreen},
		{classroom.Course{}, "Inactive", ui.KindNeutral},
		{classroom.Course{NextStart: &next}, "Inactive", ui.KindNeutral},
		{classroom.Course{ActiveUntil: &until, ArchivedAt: &now}, "Archived", ui.KindAmber},
	} {
		if b := cvCourseState(tc.c); b.Label != tc.label || b.Kind != tc.kind {
			t.Errorf("course state = %+v, want %s/%s", b, tc.label, tc.kind)
		}
	}
	if b := cvCourseState(classroom.Course{NextStart: &next}); b.Hint != "Its next plan starts on 30 Nov 2026." {
		t.Errorf("next plan hint = %q", b.Hint)
	}

	invited := now.Add(-15 * 24 * time.Hour)
	fresh := now.Add(-time.Hour)
	for _, tc := range []struct {
		u           classroom.User
		label, kind string
	}{
		{classroom.User{Status: classroom.StatusRegistered, RegisteredAt: &now}, "Registered", ui.KindGreen},
		{classroom.User{Status: classroom.StatusPending, InvitedAt: &invited}, "Pending", ui.KindRed},
		{classroom.User{Status: classroom.StatusPending, InvitedAt: &fresh}, "Pending", ui.KindAmber},
	} {
		if b := cvUserStatus(tc.u, now); b.Label != tc.label || b.Kind != tc.kind || b.Hint == "" {
			t.Errorf("user status = %+v, want %s/%s with a hint", b, tc.label, tc.kind)
		}
	}

	row := cvUserRow(classroom.User{PersonID: 7, Email: "a@example.com", Role: classroom.RoleStudent, Status: classroom.StatusPending,
		Courses: []classroom.CourseRef{{ID: 1, Name: "A"}, {ID: 2, Name: "B"}, {ID: 3, Name: "C"}, {ID: 4, Name: "D"}, {ID: 5, Name: "E"}}},
		now, true, "tok")
	if row.Name != "a@example.com" || len(row.Courses) != 3 || row.MoreCourses != "+2" || !row.Pending || row.DOMID() != "classroom-user-7" {
		t.Errorf("row = %+v", row)
	}
	if r := cvUserRow(classroom.User{Role: classroom.RoleAdmin}, now, false, ""); len(r.Courses) != 1 || r.Courses[0] != "Every course" {
		t.Errorf("admin row courses = %v", r.Courses)
	}

	for in, want := range map[string][2]string{"role:instructor": {"instructor", ""}, "status:pending": {"", "pending"},
		"role:root": {"", ""}, "": {"", ""}, "nonsense": {"", ""}} {
		r, s := cvParseFilter(in)
		if string(r) != want[0] || string(s) != want[1] {
			t.Errorf("cvParseFilter(%q) = %q, %q", in, r, s)
		}
	}
	opts := cvFilterOptions("status:registered")
	if len(opts) != 6 || !opts[5].Selected || opts[0].Selected {
		t.Errorf("filter options = %+v", opts)
	}

	p := cvPager(classroom.Page{From: 51, To: 100, Total: 1234, Prev: "p", Next: "n"}, url.Values{"q": {"ann"}}, "/classroom/users")
	if p.Range != "51 – 100 of 1,234" || p.PrevURL != "/classroom/users?cursor=p&q=ann" || p.NextURL != "/classroom/users?cursor=n&q=ann" {
		t.Errorf("pager = %+v", p)
	}
	if p := cvPager(classroom.Page{}, nil, "/x"); p.Range != "0 of 0" || p.PrevURL != "" || p.NextURL != "" {
		t.Errorf("empty pager = %+v", p)
	}

	edit := cvEdit(classroom.User{PersonID: 3, Role: classroom.RoleStudent, Courses: []classroom.CourseRef{{ID: 1, Name: "A"}}},
		[]classroom.CourseRef{{ID: 1, Name: "A"}, {ID: 2, Name: "B"}}, classroom.RoleStudent, []int64{2}, now, "")
	if len(edit.Current) != 1 || edit.Current[0].Selected || len(edit.Others) != 1 || !edit.Others[0].Selected {
		t.Errorf("edit panel = %+v", edit)
	}
}
