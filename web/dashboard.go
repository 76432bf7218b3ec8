package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roster/internal/auth"
	"roster/views/dashview"
	"roster/views/ui"
)

func (s *Server) dashboard(c echo.Context) error {
	p, _ := principal(c)
	n, err := s.Overview.Counts(c.Request().Context(), p)
	if err != nil {
		return err
	}
	vm := dashview.DashVM{PartnerName: p.PartnerName}
	add := func(perm auth.Permission, label string, v int64, href, id string) {
		if p.Can(perm) {
			vm.Stats = append(vm.Stats, dashview.Stat{Label: label, Value: formatCount(v), Href: href, TestID: id})
		}
	}
	add(auth.PermEventsView, "Events", n.Events, "/events", "stat-events")
	add(auth.PermEventsView, "Event participants", n.Participants, "/events/users", "stat-participants")
	add(auth.PermPeopleView, "People", n.People, "/people", "stat-people")
	add(auth.PermClassroomView, "Courses", n.Courses, "/classroom/courses", "stat-courses")
	add(auth.PermClassroomView, "Classroom users", n.ClassroomUsers, "/classroom/users", "stat-classroom-users")
	add(auth.PermStaffView, "Staff", n.Staff, "/staff", "stat-staff")
	link := func(perm auth.Permission, label, href, desc string) {
		if p.Can(perm) {
			vm.Links = append(vm.Links, dashview.QuickLink{Label: label, Href: href, Description: desc})
		}
	}
	link(auth.PermEventsView, "Events", "/events", "Your events, their logins, dates and participants.")
	link(auth.PermClassroomView, "Courses", "/classroom/courses", "Courses, their plans and rosters.")
	link(auth.PermStaffManage, "Invite a staff member", "/staff", "Give a colleague access with the role they need.")
	link(auth.PermAuditView, "Audit log", "/audit", "Every change, who made it and when.")
	link(auth.PermOutboxView, "Outbox", "/outbox", "Emails Roster has queued and sent.")
	return s.page(c, http.StatusOK, "Dashboard", dashview.Page(vm))
}

// formatCount writes 1234567 as "1,234,567".
func formatCount(n int64) string { return ui.Count(n) }
