package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"roster/internal/apperr"
	"roster/internal/auth"
	"roster/internal/event"
	"roster/internal/participation"
	"roster/views/layout"
	pv "roster/views/participantview"
)

// participantRoutes registers an event's people pages, their row and bulk
// actions, profile images and the attendee side of login links.
func (s *Server) participantRoutes(g *echo.Group) {
	view, manage := s.can(auth.PermEventsView), s.can(auth.PermEventsManage)
	for _, v := range pv.Views {
		g.GET("/events/"+string(v), s.latestEventList(v), view)
		g.GET("/events/:id/"+string(v), s.participantsPage(v), view)
	}
	g.GET("/events/:id/users/export.csv", s.exportParticipants, view)
	g.POST("/events/:id/users/export", s.exportSelection, view)
	g.GET("/events/:id/users/invite", s.inviteParticipantForm, manage)
	g.POST("/events/:id/users", s.inviteParticipant, manage, uploadLimit)
	g.POST("/events/:id/users/bulk/resend", s.bulkResend, manage)
	g.POST("/events/:id/users/bulk/remove", s.bulkRemove, manage)
	g.GET("/events/:id/users/:pid/edit", s.editParticipantForm, manage)
	g.POST("/events/:id/users/:pid", s.updateParticipant, manage, uploadLimit)
	g.POST("/events/:id/users/:pid/resend", s.resendParticipant, manage)
	g.GET("/events/:id/users/:pid/fix-email", s.fixEmailForm, manage)
	g.POST("/events/:id/users/:pid/fix-email", s.fixEmail, manage)
	g.POST("/events/:id/users/:pid/remove", s.removeParticipant, manage)
	g.POST("/events/:id/users/:pid/chat-block", s.chatBlockParticipant, manage)
	g.POST("/events/:id/users/:pid/chat-unblock", s.chatUnblockParticipant, manage)
	g.POST("/events/:id/users/:pid/login-link", s.participantLoginLink, manage)
	g.GET("/events/:id/users/:pid/actions", s.participantMenu, view)
	g.GET("/events/:id/users/:pid/analytics", s.participantAnalytics, view)
	g.GET("/events/:id/users/:pid/bio", s.participantBio, view)
	g.GET("/media/:name", s.profileImage, s.can(auth.PermConsole))
	s.accessRoutes(g)
	s.attendeeRoutes(g)
}

// switcherSize is how many events the event switcher lists.
const switcherSize = 20

func pathInt(c echo.Context, name, missing string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.NotFound("%s", missing)
	}
	return id, nil
}

func participantEventID(c echo.Context) (int64, error) {
	return pathInt(c, "id", "This event does not exist.")
}

func participantIDs(c echo.Context) (int64, int64, error) {
	eid, err := participantEventID(c)
	if err != nil {
		return 0, 0, err
	}
	pid, err := pathInt(c, "pid", "This person is not in the event (any more).")
	return eid, pid, err
}

// readListState binds a list page's query (the whole view state). The
// service validates status, role, sort and cursor; the page size and the
// direction are checked here.
func readListState(q url.Values, v pv.View) (pv.State, error) {
	st := pv.State{Query: strings.TrimSpace(q.Get("q")), Status: q.Get("status"), Sort: q.Get("sort"), Dir: q.Get("dir"),
		Cursor: q.Get("cursor")}
	if v == pv.ViewUsers {
		st.Role = q.Get("role")
	}
	if len(st.Query) > 200 {
		return st, apperr.Invalid("The search is too long (at most 200 characters).")
	}
	switch st.Dir {
	case "", pv.DirAsc, pv.DirDesc:
	default:
		return st, apperr.Invalid("Unknown sort direction %q: use asc or desc.", st.Dir)
	}
	if raw := q.Get("size"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || !slices.Contains(participation.PageSizes, n) {
			return st, apperr.Invalid("The page size must be 25, 50, 100 or 200.")
		}
		if n != participation.DefaultPageSize {
			st.Size = n // the default stays out of the address
		}
	}
	return st, nil
}

// listFilter is the service filter of a view state.
func listFilter(eventID int64, v pv.View, st pv.State) participation.ListFilter {
	f := participation.ListFilter{EventID: eventID, Query: st.Query, Status: participation.Status(st.Status),
		Role: participation.Role(st.Role), Sort: participation.Sort(st.SortKey()), Desc: st.Desc(), Limit: st.Size,
		Cursor: st.Cursor}
	if f.Limit == 0 {
		f.Limit = participation.DefaultPageSize
	}
	if r := v.Role(); r != "" {
		f.Role = participation.Role(r)
	}
	return f
}

// participantResults lists one page of a view and builds its results.
func (s *Server) participantResults(c echo.Context, p auth.Principal, e event.Event, v pv.View, st pv.State) (pv.ResultsVM, participation.Counts, error) {
	ctx := c.Request().Context()
	page, err := s.Participants.List(ctx, p, listFilter(e.ID, v, st))
	if err != nil {
		return pv.ResultsVM{}, participation.Counts{}, err
	}
	return resultsVM(c, p, e, v, st, page, page.Counts), page.Counts, nil
}

// participantsPage is a list page of one event: the whole page, or its
// results when htmx searches, filters, sorts or pages.
func (s *Server) participantsPage(v pv.View) echo.HandlerFunc {
	return func(c echo.Context) error {
		p, _ := principal(c)
		ctx := c.Request().Context()
		id, err := participantEventID(c)
		if err != nil {
			return err
		}
		e, err := s.Events.Find(ctx, p, id)
		if err != nil {
			return err
		}
		st, err := readListState(c.QueryParams(), v)
		if err != nil {
			return err
		}
		results, counts, err := s.participantResults(c, p, e, v, st)
		if err != nil {
			return err
		}
		if wantsFragment(c) {
			pushURL(c, results.ReturnURL)
			return render(c, http.StatusOK, templ.Join(pv.Results(results), pv.StateOOB(results)))
		}
		events, err := s.Events.List(ctx, p, event.ListFilter{Limit: switcherSize})
		if err != nil {
			return err
		}
		vm := pv.PageVM{EventID: e.ID, EventName: e.Name, EventDates: pv.EventSpan(e.StartsAt, e.EndsAt, e.Location()) + " · " +
			e.LoginMethod.Label() + " login", View: v, Events: pv.EventLinks(eventRefs(events), eventRef(e), v), Tabs: pv.Tabs(e.ID, v, countsOf(counts)),
			Query: st.Query, Role: st.Role, Roles: pv.RoleOptions(st.Role), Results: results,
			CanManage: p.Can(auth.PermEventsManage), InviteURL: pv.InviteURL(e.ID, v), ExportURL: results.ExportURL,
			ImportURL: "/events/" + strconv.FormatInt(e.ID, 10) + "/users/import",
			CSRFToken: csrfToken(c)}
		return s.page(c, http.StatusOK, v.Title()+" · "+e.Name, pv.Page(vm))
	}
}

// latestEventList sends the navigation's list entries to the list of the
// latest-starting event, or explains that there is no event yet.
func (s *Server) latestEventList(v pv.View) echo.HandlerFunc {
	return func(c echo.Context) error {
		p, _ := principal(c)
		events, err := s.Events.List(c.Request().Context(), p, event.ListFilter{Limit: 1})
		if err != nil {
			return err
		}
		if len(events) == 0 {
			return s.page(c, http.StatusOK, v.Title(), pv.NoEvents(pv.EmptyVM{View: v, CanCreate: p.Can(auth.PermEventsManage)}))
		}
		return c.Redirect(http.StatusSeeOther, pv.ListURL(events[0].ID, v))
	}
}

// listReturn is where a bulk action or a plain form goes back to: the list
// address it came from when that is one of this event's list pages, else
// the event's All users page.
func listReturn(raw string, eventID int64) (string, pv.View, pv.State) {
	if u, err := url.Parse(raw); err == nil && u.Host == "" && u.Scheme == "" {
		if v, id, ok := pv.ViewOfPath(u.Path); ok && id == eventID {
			if st, err := readListState(u.Query(), v); err == nil {
				return st.URL(pv.ListURL(eventID, v)), v, st
			}
			return pv.ListURL(eventID, v), v, pv.State{}
		}
	}
	return pv.ListURL(eventID, pv.ViewUsers), pv.ViewUsers, pv.State{}
}

// refererPath is the same-site Referer's path and query ("" otherwise).
func refererPath(c echo.Context) string {
	ref := c.Request().Referer()
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil || u.Host != c.Request().Host {
		return ""
	}
	return u.RequestURI()
}

// backToList is the list a plain (no JavaScript) row action returns to.
func backToList(c echo.Context, eventID int64) string {
	if r := c.FormValue("return"); r != "" {
		u, _, _ := listReturn(r, eventID)
		return u
	}
	u, _, _ := listReturn(refererPath(c), eventID)
	return u
}

// ---- CSV export ----

// csvDownload writes the CSV headers on the first write only, so that an
// error found before any row (a bad filter) still gets an error page.
type csvDownload struct {
	c       echo.Context
	name    string
	started bool
}

func (d *csvDownload) Write(b []byte) (int, error) {
	res := d.c.Response()
	if !d.started {
		h := res.Header()
		h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
		h.Set(echo.HeaderContentDisposition, `attachment; filename="`+d.name+`"`)
		h.Set("X-Content-Type-Options", "nosniff")
		res.WriteHeader(http.StatusOK)
		d.started = true
	}
	n, err := res.Write(b)
	res.Flush()
	return n, err
}

// csvName is an ASCII file name for an event's export.
func csvName(e event.Event, what string, now time.Time) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(e.Name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	slug := strings.Trim(b.String(), "-")
	if slug == "" {
		slug = "event-" + strconv.FormatInt(e.ID, 10)
	}
	return slug + "-" + what + "-" + now.UTC().Format("2006-01-02") + ".csv"
}

func (s *Server) streamCSV(c echo.Context, p auth.Principal, e event.Event, f participation.ListFilter, what string) error {
	d := &csvDownload{c: c, name: csvName(e, what, time.Now())}
	if err := s.Participants.Export(c.Request().Context(), p, f, d); err != nil {
		if !d.started {
			return err
		}
		// The download has begun: it ends short, and the log says why.
		s.Log.ErrorContext(c.Request().Context(), "participant export failed", "err", err, "request_id", requestID(c))
	}
	return nil
}

// exportParticipants streams the filtered list as CSV.
func (s *Server) exportParticipants(c echo.Context) error {
	p, _ := principal(c)
	id, err := participantEventID(c)
	if err != nil {
		return err
	}
	e, _, err := s.Events.Get(c.Request().Context(), p, id)
	if err != nil {
		return err
	}
	st, err := readListState(c.QueryParams(), pv.ViewUsers)
	if err != nil {
		return err
	}
	f := listFilter(id, pv.ViewUsers, st)
	f.Cursor, f.Limit = "", 0
	return s.streamCSV(c, p, e, f, "participants")
}

// selectedIDs reads the selection (ids) of a bulk form.
func selectedIDs(c echo.Context) ([]int64, error) {
	form, err := c.FormParams()
	if err != nil {
		return nil, apperr.Invalid("The selection could not be read.")
	}
	var ids []int64
	for _, raw := range form["ids"] {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id <= 0 {
			return nil, apperr.Invalid("The selection is not valid. Reload the page and try again.")
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, apperr.Invalid("Select at least one person.")
	}
	if len(ids) > participation.MaxBulk {
		return nil, apperr.Invalid("Select at most %d people at a time.", participation.MaxBulk)
	}
	return ids, nil
}

// exportSelection streams the selected rows as CSV.
func (s *Server) exportSelection(c echo.Context) error {
	p, _ := principal(c)
	id, err := participantEventID(c)
	if err != nil {
		return err
	}
	e, _, err := s.Events.Get(c.Request().Context(), p, id)
	if err != nil {
		return err
	}
	ids, err := selectedIDs(c)
	if err != nil {
		return err
	}
	return s.streamCSV(c, p, e, participation.ListFilter{EventID: id, IDs: ids}, "selection")
}

// ---- bulk actions ----

func (s *Server) bulkResend(c echo.Context) error { return s.bulkAction(c, false) }
func (s *Server) bulkRemove(c echo.Context) error { return s.bulkAction(c, true) }

// bulkAction resends or removes the selection; the rows the action matrix
// refuses are skipped and counted in the toast. htmx gets the view's results
// again, a plain form goes back to the list.
func (s *Server) bulkAction(c echo.Context, remove bool) error {
	p, _ := principal(c)
	ctx := c.Request().Context()
	id, err := participantEventID(c)
	if err != nil {
		return err
	}
	ids, err := selectedIDs(c)
	if err != nil {
		return err
	}
	var res participation.BulkResult
	var msg string
	if remove {
		res, err = s.Participants.RemoveMany(ctx, p, id, ids)
		msg = bulkMessage("Removed", "person", "people", res)
	} else {
		res, err = s.Participants.ResendMany(ctx, p, id, ids)
		msg = bulkMessage("Resent", "email", "emails", res)
	}
	if err != nil {
		return err
	}
	toast := layout.Toast{Kind: "success", Message: msg}
	if len(res.Skipped) > 0 {
		toast.Kind = "info"
	}
	back, v, st := listReturn(c.FormValue("return"), id)
	if !isHTMX(c) {
		s.flash(c, toast.Kind, msg)
		return c.Redirect(http.StatusSeeOther, back)
	}
	e, _, err := s.Events.Get(ctx, p, id)
	if err != nil {
		return err
	}
	results, _, err := s.participantResults(c, p, e, v, st)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, templ.Join(pv.Results(results), pv.StateOOB(results), layout.Toasts([]layout.Toast{toast})))
}
