package web

import (
	"github.com/labstack/echo/v4"

	"roster/internal/auth"
)

// eventRoutes registers the event pages.
func (s *Server) eventRoutes(g *echo.Group) {
	g.GET("/events", s.eventsPage, s.can(auth.PermEventsView))
}

func (s *Server) eventsPage(c echo.Context) error {
	p, _ := principal(c)
	rs, err := s.Overview.Events(c.Request().Context(), p, c.QueryParam("q"))
	if err != nil {
		return err
	}
	return s.eventsList(c, "Events", "Your events, newest first.", []string{"Event", "Login", "Starts", "Ends", "Participants"},
		func(i int) []string {
			r := rs[i]
			login := loginMethodLabel[r.LoginMethod]
			if r.Closed {
				login += " · closed"
			}
			return []string{r.Name, login, dateTime(r.StartsAt), dateTime(r.EndsAt), formatCount(r.Participants)}
		}, len(rs))
}
