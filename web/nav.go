package web

import (
	"regexp"
	"strings"

	"github.com/labstack/echo/v4"

	"roster/internal/auth"
	"roster/views/layout"
)

type navItem struct {
	label, href, testID string
	perm                auth.Permission
	children            []navItem
}

// navigation is the console's left navigation; an entry shows only to roles
// holding its permission (the routes enforce the same permissions).
var navigation = []navItem{
	{label: "Dashboard", href: "/", testID: "nav-dashboard", perm: auth.PermConsole},
	{label: "Events", href: "/events", testID: "nav-events", perm: auth.PermEventsView, children: []navItem{
		{label: "All users", href: "/events/users", testID: "nav-events-users", perm: auth.PermEventsView},
		{label: "Speakers", href: "/events/speakers", testID: "nav-events-speakers", perm: auth.PermEventsView},
		{label: "Moderators", href: "/events/moderators", testID: "nav-events-moderators", perm: auth.PermEventsView},
		{label: "Event access", href: "/events/access", testID: "nav-events-access", perm: auth.PermEventsView},
	}},
	{label: "Classroom", href: "/classroom/courses", testID: "nav-classroom", perm: auth.PermClassroomView, children: []navItem{
		{label: "Courses", href: "/classroom/courses", testID: "nav-classroom-courses", perm: auth.PermClassroomView},
		{label: "Users", href: "/classroom/users", testID: "nav-classroom-users", perm: auth.PermClassroomView},
	}},
	{label: "People", href: "/people", testID: "nav-people", perm: auth.PermPeopleView},
	{label: "Staff", href: "/staff", testID: "nav-staff", perm: auth.PermStaffView},
	{label: "Audit log", href: "/audit", testID: "nav-audit", perm: auth.PermAuditView},
	{label: "Outbox", href: "/outbox", testID: "nav-outbox", perm: auth.PermOutboxView},
	{label: "Settings", href: "/settings", testID: "nav-settings", perm: auth.PermConsole},
}

// eventPage matches the event-scoped pages: /events/{id}/users is "All users".
var eventPage = regexp.MustCompile(`^/events/\d+(/[a-z]+)`)

func activeHref(path, href string) bool {
	if href == "/" {
		return path == "/"
	}
	if m := eventPage.FindStringSubmatch(path); m != nil && href == "/events"+m[1] {
		return true
	}
	return path == href || strings.HasPrefix(path, href+"/")
}

func buildNav(p auth.Principal, path string) []layout.NavSection {
	var out []layout.NavSection
	for _, it := range navigation {
		if !p.Can(it.perm) {
			continue
		}
		sec := layout.NavSection{Label: it.label, Href: it.href, TestID: it.testID}
		for _, ch := range it.children {
			if !p.Can(ch.perm) {
				continue
			}
			a := activeHref(path, ch.href)
			sec.Links = append(sec.Links, layout.NavLink{Label: ch.label, Href: ch.href, TestID: ch.testID, Active: a})
			sec.Active = sec.Active || a
		}
		// A page of the section that no sub-link names (/events/new) lights the section.
		sec.Active = sec.Active || activeHref(path, it.href)
		out = append(out, sec)
	}
	return out
}

func (s *Server) shellVM(c echo.Context, title string) layout.ShellVM {
	p, _ := principal(c)
	return layout.ShellVM{
		Title: title, PartnerName: p.PartnerName, UserName: p.Name, UserEmail: p.Email, RoleLabel: p.Role.Label(),
		CSRFToken: csrfToken(c), Nav: buildNav(p, c.Request().URL.Path), Toasts: s.takeFlashes(c),
	}
}
