package web

import (
	"github.com/labstack/echo/v4"

	"roster/internal/auth"
)

// routes registers every route with its policy (the permission it needs).
func (s *Server) routes(g *echo.Group) {
	// Signed out.
	g.GET("/login", s.loginPage)
	g.POST("/login", s.login)
	g.POST("/logout", s.logout)
	g.GET("/setup", s.setupPage)
	g.POST("/setup", s.setup)
	g.GET("/accept", s.acceptPage)
	g.POST("/accept", s.accept)

	// Console.
	g.GET("/", s.dashboard, s.can(auth.PermConsole))

	s.eventRoutes(g)
	s.participantRoutes(g)
	s.importRoutes(g)
	g.GET("/events/access", s.eventAccessPage, s.can(auth.PermEventsView))

	s.classroomRoutes(g)

	g.GET("/people", s.peoplePage, s.can(auth.PermPeopleView))
	g.GET("/people/:id", s.personPage, s.can(auth.PermPeopleView))

	g.GET("/staff", s.staffPage, s.can(auth.PermStaffView))
	g.POST("/staff", s.inviteStaff, s.can(auth.PermStaffManage))
	g.POST("/staff/:id/role", s.changeStaffRole, s.can(auth.PermStaffManage))
	g.POST("/staff/:id/disable", s.disableStaff, s.can(auth.PermStaffManage))
	g.POST("/staff/:id/enable", s.enableStaff, s.can(auth.PermStaffManage))

	g.GET("/audit", s.auditPage, s.can(auth.PermAuditView))

	g.GET("/outbox", s.outboxPage, s.can(auth.PermOutboxView))
	g.GET("/outbox/:id", s.outboxEmail, s.can(auth.PermOutboxView))
	g.GET("/outbox/:id/html", s.outboxEmailHTML, s.can(auth.PermOutboxView))
	g.GET("/outbox/previews", s.previewsPage, s.can(auth.PermOutboxView))
	g.GET("/outbox/previews/html", s.previewHTML, s.can(auth.PermOutboxView))

	g.GET("/settings", s.settingsPage, s.can(auth.PermConsole))
	g.POST("/settings/partner", s.renamePartner, s.can(auth.PermSettingsManage))
	g.POST("/settings/email", s.setMailIdentity, s.can(auth.PermSettingsManage))
	g.POST("/settings/sessions/revoke-others", s.revokeOtherSessions, s.can(auth.PermConsole))
	g.POST("/settings/password", s.changePassword, s.can(auth.PermConsole))

	s.classroomSiteRoutes(g)
	g.RouteNotFound("/*", s.notFound)
}
