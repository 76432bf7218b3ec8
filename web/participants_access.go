package web

import (
	"net/http"
	"strconv"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"roster/internal/auth"
	"roster/internal/participation"
	"roster/views/layout"
	pv "roster/views/participantview"
)

// accessRoutes registers blocking and the login links of an event's people.
func (s *Server) accessRoutes(g *echo.Group) {
	view, manage := s.can(auth.PermEventsView), s.can(auth.PermEventsManage)
	g.GET("/events/:id/users/links/revoke", s.revokeEventLinksForm, manage)
	g.POST("/events/:id/users/links/revoke", s.revokeEventLinks, manage)
	g.POST("/events/:id/users/:pid/block", s.blockParticipant, manage)
	g.POST("/events/:id/users/:pid/unblock", s.unblockParticipant, manage)
	g.GET("/events/:id/users/:pid/links", s.participantLinks, view)
	g.POST("/events/:id/users/:pid/links/revoke", s.revokeParticipantLinks, manage)
	g.POST("/events/:id/users/:pid/links/:lid/revoke", s.revokeLink, manage)
}

func (s *Server) blockParticipant(c echo.Context) error   { return s.setBlocked(c, true) }
func (s *Server) unblockParticipant(c echo.Context) error { return s.setBlocked(c, false) }

// setBlocked answers the Edit dialog's Block (or Unblock): the dialog
// closes, the row changes in place, and a toast says what happened.
func (s *Server) setBlocked(c echo.Context, blocked bool) error {
	p, _ := principal(c)
	eid, pid, err := participantIDs(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	row, err := s.Participants.SetBlocked(ctx, p, eid, pid, blocked)
	if err != nil {
		return err
	}
	name := personName(row.Person)
	msg := name + " is unblocked: they are " + row.Detail.Label() + " again."
	if blocked {
		msg = name + " is blocked from this event; their unused login links no longer work."
	}
	v := rowView(c)
	if !isHTMX(c) {
		s.flash(c, "success", msg)
		return c.Redirect(http.StatusSeeOther, pv.ListURL(eid, v))
	}
	e, _, err := s.Events.Get(ctx, p, eid)
	if err != nil {
		return err
	}
	triggerClient(c, modalClose)
	return fragment(c, templ.Join(pv.RowOOB(rowVM(c, p, row, e, v)), s.chipsOOB(c, p, eid)), layout.Toast{Kind: "success", Message: msg})
}

// linksVM builds a person's login links panel as p sees it.
func linksVM(c echo.Context, p auth.Principal, l participation.Links) pv.LinksVM {
	x := l.Participation
	in := pv.LinksInput{EventID: x.EventID, ID: x.ID, Name: personName(x.Person), Email: x.Person.Email,
		StatusLabel: x.Status.Label(), Status: string(x.Status), Live: l.Live, CanManage: p.Can(auth.PermEventsManage),
		CSRFToken: csrfToken(c)}
	for _, t := range l.Links {
		li := pv.LinkInput{ID: t.ID, Purpose: string(t.Purpose), State: string(t.State), CreatedAt: t.CreatedAt,
			CreatedBy: t.CreatedBy, ExpiresAt: t.ExpiresAt, LastUsedAt: t.LastUsedAt, UsedAt: t.UsedAt, RevokedAt: t.RevokedAt}
		if t.LastUsedUA != "" {
			li.LastUsedDevice = deviceOf(t.LastUsedUA)
		}
		in.Links = append(in.Links, li)
	}
	return pv.NewLinks(in)
}

// participantLinks is a person's login links (a dialog, or a page without
// JavaScript).
func (s *Server) participantLinks(c echo.Context) error {
	p, _ := principal(c)
	eid, pid, err := participantIDs(c)
	if err != nil {
		return err
	}
	l, err := s.Participants.Links(c.Request().Context(), p, eid, pid)
	if err != nil {
		return err
	}
	vm := linksVM(c, p, l)
	return s.dialog(c, http.StatusOK, "Login links", func(back string) templ.Component { return pv.LinksDialog(vm, back) },
		backToList(c, eid))
}

// linksDone answers a revoke: the panel again with a toast for htmx, the
// links page with a flash otherwise.
func (s *Server) linksDone(c echo.Context, p auth.Principal, l participation.Links, msg string) error {
	x := l.Participation
	if !isHTMX(c) {
		s.flash(c, "success", msg)
		return c.Redirect(http.StatusSeeOther, pv.LinksURL(x.EventID, x.ID))
	}
	return fragment(c, pv.LinksPanel(linksVM(c, p, l)), layout.Toast{Kind: "success", Message: msg})
}

func (s *Server) revokeLink(c echo.Context) error {
	p, _ := principal(c)
	eid, pid, err := participantIDs(c)
	if err != nil {
		return err
	}
	lid, err := pathInt(c, "lid", "This link does not exist.")
	if err != nil {
		return err
	}
	l, err := s.Participants.RevokeLink(c.Request().Context(), p, eid, pid, lid)
	if err != nil {
		return err
	}
	return s.linksDone(c, p, l, "The link is revoked: it no longer works.")
}

func (s *Server) revokeParticipantLinks(c echo.Context) error {
	p, _ := principal(c)
	eid, pid, err := participantIDs(c)
	if err != nil {
		return err
	}
	l, n, err := s.Participants.RevokeLinks(c.Request().Context(), p, eid, pid)
	if err != nil {
		return err
	}
	return s.linksDone(c, p, l, revokedMessage(n, "of "+personName(l.Participation.Person)))
}

// revokeEventLinksForm confirms revoking every working link of an event,
// saying how many.
func (s *Server) revokeEventLinksForm(c echo.Context) error {
	p, _ := principal(c)
	eid, err := participantEventID(c)
	if err != nil {
		return err
	}
	e, n, err := s.Participants.LiveEventLinks(c.Request().Context(), p, eid)
	if err != nil {
		return err
	}
	back := backToList(c, eid)
	vm := pv.RevokeEventVM{EventID: e.ID, EventName: e.Name, Live: n, Return: back, CSRFToken: csrfToken(c)}
	return s.dialog(c, http.StatusOK, "Revoke login links", func(b string) templ.Component { return pv.RevokeEventDialog(vm, b) }, back)
}

func (s *Server) revokeEventLinks(c echo.Context) error {
	p, _ := principal(c)
	eid, err := participantEventID(c)
	if err != nil {
		return err
	}
	n, err := s.Participants.RevokeEventLinks(c.Request().Context(), p, eid)
	if err != nil {
		return err
	}
	msg := revokedMessage(n, "of this event")
	if !isHTMX(c) {
		s.flash(c, "success", msg)
		return c.Redirect(http.StatusSeeOther, backToList(c, eid))
	}
	triggerClient(c, modalClose)
	return fragment(c, templ.NopComponent, layout.Toast{Kind: "success", Message: msg})
}

// revokedMessage says how many links a revoke stopped.
func revokedMessage(n int64, whose string) string {
	switch n {
	case 0:
		return "No working login link " + whose + ": nothing to revoke."
	case 1:
		return "1 login link " + whose + " is revoked."
	}
	return strconv.FormatInt(n, 10) + " login links " + whose + " are revoked."
}
