package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"roster/views/listview"
)

// These compact, read-only lists give every navigation entry real data; the
// full management pages of each area build on the same services.

func dateTime(t time.Time) string { return t.UTC().Format("2 Jan 2006, 15:04 UTC") }
func date(t time.Time) string     { return t.UTC().Format("2 Jan 2006") }

func (s *Server) eventAccessPage(c echo.Context) error {
	p, _ := principal(c)
	rs, err := s.Overview.Groups(c.Request().Context(), p, c.QueryParam("q"))
	if err != nil {
		return err
	}
	vm := listview.PageVM{Title: "Event access", Subtitle: "Identity-provider groups synced for your organisation, and how many events each may enter.",
		Query: c.QueryParam("q"), SearchAction: "/events/access",
		Columns:    []listview.Column{{Label: "Group"}, {Label: "Members"}, {Label: "Events with access"}},
		EmptyTitle: "No groups synced", EmptyBody: "Groups arrive from your identity provider through SCIM."}
	for _, r := range rs {
		vm.Rows = append(vm.Rows, listview.Row{Cells: []string{r.Name, formatCount(r.Members), formatCount(r.GrantedEvents)}})
	}
	return s.page(c, http.StatusOK, "Event access", listview.Page(vm))
}

func (s *Server) coursesPage(c echo.Context) error {
	p, _ := principal(c)
	rs, err := s.Overview.Courses(c.Request().Context(), p, c.QueryParam("q"), time.Now())
	if err != nil {
		return err
	}
	vm := listview.PageVM{Title: "Courses", Subtitle: "A course is active while it has a current plan.", Query: c.QueryParam("q"),
		SearchAction: "/classroom/courses",
		Columns:      []listview.Column{{Label: "Course"}, {Label: "Status"}, {Label: "Students"}, {Label: "Instructors"}},
		EmptyTitle:   "No courses yet", EmptyBody: "Courses you create, or the demo data, appear here."}
	for _, r := range rs {
		status := "Inactive"
		if r.ActiveUntil != nil {
			status = "Active until " + date(*r.ActiveUntil)
		}
		vm.Rows = append(vm.Rows, listview.Row{Cells: []string{r.Name, status, formatCount(r.Students), formatCount(r.Instructors)}})
	}
	return s.page(c, http.StatusOK, "Courses", listview.Page(vm))
}

var classroomRoleLabel = map[string]string{"student": "Student", "instructor": "Instructor", "admin": "Admin"}
var classroomStatusLabel = map[string]string{"pending": "Pending", "registered": "Registered"}

func (s *Server) classroomUsersPage(c echo.Context) error {
	p, _ := principal(c)
	rs, err := s.Overview.ClassroomUsers(c.Request().Context(), p, c.QueryParam("q"))
	if err != nil {
		return err
	}
	vm := listview.PageVM{Title: "Classroom users", Subtitle: "Students, instructors and admins of your courses.", Query: c.QueryParam("q"),
		SearchAction: "/classroom/users",
		Columns:      []listview.Column{{Label: "Name"}, {Label: "Email"}, {Label: "Role"}, {Label: "Courses"}, {Label: "Status"}},
		EmptyTitle:   "No classroom users yet", EmptyBody: "Invited students, instructors and admins appear here."}
	for _, r := range rs {
		vm.Rows = append(vm.Rows, listview.Row{Cells: []string{r.FirstName + " " + r.LastName, r.Email,
			classroomRoleLabel[r.Role], formatCount(r.Courses), classroomStatusLabel[r.Status]}})
	}
	return s.page(c, http.StatusOK, "Classroom users", listview.Page(vm))
}
