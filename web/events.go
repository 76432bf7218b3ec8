package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"roster/internal/apperr"
	"roster/internal/auth"
	"roster/internal/event"
	"roster/internal/i18n"
	"roster/views/eventview"
	"roster/views/layout"
)

// eventsPageSize is how many events the list shows per page.
const eventsPageSize = 50

// eventRoutes registers the event pages and actions.
func (s *Server) eventRoutes(g *echo.Group) {
	g.GET("/events", s.eventsPage, s.can(auth.PermEventsView))
	g.GET("/events/new", s.newEventPage, s.can(auth.PermEventsManage))
	g.POST("/events", s.createEvent, s.can(auth.PermEventsManage))
	g.GET("/events/:id/edit", s.editEventPage, s.can(auth.PermEventsView))
	g.POST("/events/:id", s.updateEvent, s.can(auth.PermEventsManage))
	g.POST("/events/:id/sessions", s.addSession, s.can(auth.PermEventsManage))
	g.GET("/events/:id/sessions/:sid", s.sessionRow, s.can(auth.PermEventsView))
	g.GET("/events/:id/sessions/:sid/edit", s.editSessionRow, s.can(auth.PermEventsManage))
	g.POST("/events/:id/sessions/:sid", s.updateSession, s.can(auth.PermEventsManage))
	g.POST("/events/:id/sessions/:sid/delete", s.deleteSession, s.can(auth.PermEventsManage))
}

// --- view models -----------------------------------------------------------

var phaseLabel = map[event.Phase]string{event.PhaseBefore: "Upcoming", event.PhaseDuring: "Live", event.PhaseAfter: "Ended"}

func eventRowVM(e event.Event, now time.Time, canManage bool) eventview.RowVM {
	phase := e.PhaseAt(now)
	return eventview.RowVM{ID: e.ID, Name: e.Name, Dates: eventview.Span(e.StartsAt, e.EndsAt, e.Location()), TimeZone: e.TimeZone,
		LoginMethod: string(e.LoginMethod), LoginLabel: e.LoginMethod.Label(), Closed: e.Closed,
		Participants: eventview.Count(e.Participants), CanManage: canManage, Phase: string(phase), PhaseLabel: phaseLabel[phase]}
}

// eventForm is the event form as submitted; its strings are shown back
// unchanged when the form has errors.
type eventForm struct {
	Name, TimeZone, StartsAt, EndsAt, LoginMethod, DefaultLanguage string
	RegistrationFormRequired, EmailConfirmationRequired, Closed    bool
}

func formBool(c echo.Context, name string) bool {
	switch strings.ToLower(c.FormValue(name)) {
	case "true", "on", "1", "yes":
		return true
	}
	return false
}

func readEventForm(c echo.Context) eventForm {
	return eventForm{Name: c.FormValue("name"), TimeZone: strings.TrimSpace(c.FormValue("time_zone")),
		StartsAt: c.FormValue("starts_at"), EndsAt: c.FormValue("ends_at"), LoginMethod: c.FormValue("login_method"),
		DefaultLanguage: c.FormValue("default_language"), RegistrationFormRequired: formBool(c, "registration_form_required"),
		EmailConfirmationRequired: formBool(c, "email_confirmation_required"), Closed: formBool(c, "closed")}
}

// input converts the form's wall-clock times in its time zone (UTC while
// the zone is invalid, which the service reports); a missing or malformed
// time stays zero, which the service reports too.
func (f eventForm) input() event.Input {
	loc := event.LocationOf(f.TimeZone)
	start, _ := event.ParseLocal(f.StartsAt, loc)
	end, _ := event.ParseLocal(f.EndsAt, loc)
	return event.Input{Name: f.Name, TimeZone: f.TimeZone, StartsAt: start, EndsAt: end, LoginMethod: event.LoginMethod(f.LoginMethod),
		RegistrationFormRequired: f.RegistrationFormRequired, EmailConfirmationRequired: f.EmailConfirmationRequired,
		Closed: f.Closed, DefaultLanguage: f.DefaultLanguage}
}

func eventFormOf(e event.Event) eventForm {
	loc := e.Location()
	return eventForm{Name: e.Name, TimeZone: e.TimeZone, StartsAt: event.FormatLocal(e.StartsAt, loc), EndsAt: event.FormatLocal(e.EndsAt, loc),
		LoginMethod: string(e.LoginMethod), DefaultLanguage: e.DefaultLanguage, RegistrationFormRequired: e.RegistrationFormRequired,
		EmailConfirmationRequired: e.EmailConfirmationRequired, Closed: e.Closed}
}

func newEventForm() eventForm {
	return eventForm{TimeZone: "UTC", LoginMethod: string(event.LoginMagicLink), DefaultLanguage: i18n.Default}
}

var loginMethodOptions = func() []eventview.Option {
	var out []eventview.Option
	for _, m := range event.LoginMethods {
		out = append(out, eventview.Option{Value: string(m), Label: m.Label(), Hint: m.Description()})
	}
	return out
}()

// languageOptions lists the languages, maintained first (the order of
// i18n.Languages), the others marked as such.
var languageOptions = func() []eventview.Option {
	var out []eventview.Option
	for _, l := range i18n.Languages {
		label := l.English
		if !l.Maintained {
			label += " (not maintained)"
		}
		out = append(out, eventview.Option{Value: l.Code, Label: label})
	}
	return out
}()

func eventFormVM(c echo.Context, id int64, f eventForm, errs map[string]string, readOnly bool) eventview.FormVM {
	return eventview.FormVM{ID: id, Name: f.Name, TimeZone: f.TimeZone, StartsAt: f.StartsAt, EndsAt: f.EndsAt,
		LoginMethod: f.LoginMethod, DefaultLanguage: f.DefaultLanguage, RegistrationFormRequired: f.RegistrationFormRequired,
		EmailConfirmationRequired: f.EmailConfirmationRequired, Closed: f.Closed, LoginMethods: loginMethodOptions,
		Languages: languageOptions, TimeZones: event.TimeZones, Errors: errs, CSRFToken: csrfToken(c), ReadOnly: readOnly}
}

// sessionForm is a session form as submitted.
type sessionForm struct{ Name, StartsAt, EndsAt string }

func readSessionForm(c echo.Context) sessionForm {
	return sessionForm{Name: c.FormValue("name"), StartsAt: c.FormValue("starts_at"), EndsAt: c.FormValue("ends_at")}
}

// input reads the session's times in its event's time zone.
func (f sessionForm) input(loc *time.Location) event.SessionInput {
	start, _ := event.ParseLocal(f.StartsAt, loc)
	end, _ := event.ParseLocal(f.EndsAt, loc)
	return event.SessionInput{Name: f.Name, StartsAt: start, EndsAt: end}
}

func sessionRowVM(e event.Event, ss event.Session, canManage bool, csrf string) eventview.SessionRowVM {
	loc := e.Location()
	starts, ends := eventview.SessionTimes(ss.StartsAt, ss.EndsAt, loc)
	return eventview.SessionRowVM{ID: ss.ID, EventID: e.ID, Name: ss.Name, Starts: starts, Ends: ends,
		StartsAt: event.FormatLocal(ss.StartsAt, loc), EndsAt: event.FormatLocal(ss.EndsAt, loc), CanManage: canManage,
		CSRFToken: csrf, Min: event.FormatLocal(e.StartsAt, loc), Max: event.FormatLocal(e.EndsAt, loc)}
}

// editingRowVM is a session row with its edit form (values as submitted).
func editingRowVM(e event.Event, ss event.Session, f sessionForm, errs map[string]string, csrf string) eventview.SessionRowVM {
	r := sessionRowVM(e, ss, true, csrf)
	r.Editing, r.Name, r.StartsAt, r.EndsAt, r.Errors = true, f.Name, f.StartsAt, f.EndsAt, errs
	return r
}

func sessionsVM(c echo.Context, p auth.Principal, e event.Event, ss []event.Session) eventview.SessionsVM {
	loc := e.Location()
	canManage := p.Can(auth.PermEventsManage)
	vm := eventview.SessionsVM{EventID: e.ID, Window: eventview.Span(e.StartsAt, e.EndsAt, loc), TimeZone: e.TimeZone,
		CanManage: canManage, CSRFToken: csrfToken(c),
		Add: eventview.SessionFormVM{EventID: e.ID, Min: event.FormatLocal(e.StartsAt, loc), Max: event.FormatLocal(e.EndsAt, loc)}}
	for _, x := range ss {
		vm.Rows = append(vm.Rows, sessionRowVM(e, x, canManage, vm.CSRFToken))
	}
	return vm
}

func editVM(c echo.Context, p auth.Principal, e event.Event, ss []event.Session) eventview.EditVM {
	readOnly := !p.Can(auth.PermEventsManage)
	return eventview.EditVM{ID: e.ID, Name: e.Name, Subtitle: eventview.Participants(e.Participants) + " · " + e.TimeZone,
		Form: eventFormVM(c, e.ID, eventFormOf(e), nil, readOnly), Sessions: sessionsVM(c, p, e, ss)}
}

// invalidFields returns the field errors of a validation error (false for
// any other error, which the central handler renders).
func invalidFields(err error) (map[string]string, bool) {
	ae, ok := apperr.As(err)
	if !ok || ae.Code != apperr.CodeInvalid {
		return nil, false
	}
	return fieldErrors(ae), true
}

func pathID(c echo.Context, name, missing string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.NotFound("%s", missing)
	}
	return id, nil
}

func eventID(c echo.Context) (int64, error) { return pathID(c, "id", "This event does not exist.") }

func eventSessionIDs(c echo.Context) (int64, int64, error) {
	id, err := eventID(c)
	if err != nil {
		return 0, 0, err
	}
	sid, err := pathID(c, "sid", "This session does not exist.")
	return id, sid, err
}

func editURL(id int64) string { return eventview.EventURL(id) + "/edit" }

// --- the list --------------------------------------------------------------

func (s *Server) eventsPage(c echo.Context) error {
	p, _ := principal(c)
	q := strings.TrimSpace(c.QueryParam("q"))
	f := event.ListFilter{Query: q, Limit: eventsPageSize + 1}
	if a := c.QueryParam("after"); a != "" {
		cur, err := event.ParseCursor(a)
		if err != nil {
			return apperr.Invalid("This page link is not valid. Start again from the first page of events.")
		}
		f.After = &cur
	}
	evs, err := s.Events.List(c.Request().Context(), p, f)
	if err != nil {
		return err
	}
	evs, next := event.NextPage(evs, eventsPageSize)
	canManage := p.Can(auth.PermEventsManage)
	vm := eventview.PageVM{Query: q, CanManage: canManage}
	now := time.Now()
	for _, e := range evs {
		vm.Rows = append(vm.Rows, eventRowVM(e, now, canManage))
	}
	if next != nil {
		vm.NextURL = eventview.ListURL(q, next.String())
	}
	if f.After != nil {
		vm.FirstURL = eventview.ListURL(q, "")
	}
	return s.page(c, http.StatusOK, "Events", eventview.Page(vm))
}

// --- new and edit ----------------------------------------------------------

func (s *Server) newEventPage(c echo.Context) error {
	vm := eventview.NewVM{Form: eventFormVM(c, 0, newEventForm(), nil, false)}
	return s.page(c, http.StatusOK, "New event", eventview.NewPage(vm))
}

func (s *Server) createEvent(c echo.Context) error {
	p, _ := principal(c)
	f := readEventForm(c)
	e, err := s.Events.Create(c.Request().Context(), p, f.input())
	if err != nil {
		errs, ok := invalidFields(err)
		if !ok {
			return err
		}
		vm := eventFormVM(c, 0, f, errs, false)
		if !isHTMX(c) {
			return s.page(c, http.StatusUnprocessableEntity, "New event", eventview.NewPage(eventview.NewVM{Form: vm}))
		}
		// htmx swaps 2xx only: the form answers with itself and its errors.
		return render(c, http.StatusOK, eventview.Form(vm))
	}
	s.flash(c, "success", "“"+e.Name+"” is created. Add its sessions below.")
	if isHTMX(c) {
		setHXRedirect(c, editURL(e.ID))
		return c.NoContent(http.StatusOK)
	}
	return c.Redirect(http.StatusSeeOther, editURL(e.ID))
}

func (s *Server) editEventPage(c echo.Context) error {
	p, _ := principal(c)
	id, err := eventID(c)
	if err != nil {
		return err
	}
	e, ss, err := s.Events.Get(c.Request().Context(), p, id)
	if err != nil {
		return err
	}
	return s.page(c, http.StatusOK, e.Name, eventview.EditPage(editVM(c, p, e, ss)))
}

func (s *Server) updateEvent(c echo.Context) error {
	p, _ := principal(c)
	ctx := c.Request().Context()
	id, err := eventID(c)
	if err != nil {
		return err
	}
	f := readEventForm(c)
	e, err := s.Events.Update(ctx, p, id, f.input())
	if err != nil {
		errs, ok := invalidFields(err)
		if !ok {
			return err
		}
		form := eventFormVM(c, id, f, errs, false)
		if isHTMX(c) {
			return render(c, http.StatusOK, eventview.Form(form))
		}
		// Without JavaScript: the whole page again, with the form's errors.
		saved, ss, gerr := s.Events.Get(ctx, p, id)
		if gerr != nil {
			return gerr
		}
		vm := editVM(c, p, saved, ss)
		vm.Form = form
		return s.page(c, http.StatusUnprocessableEntity, saved.Name, eventview.EditPage(vm))
	}
	if !isHTMX(c) {
		s.flash(c, "success", "Changes to “"+e.Name+"” are saved.")
		return c.Redirect(http.StatusSeeOther, editURL(id))
	}
	// The new name and time zone also change the breadcrumb and how the
	// sessions read: both follow out of band.
	saved, ss, err := s.Events.Get(ctx, p, id)
	if err != nil {
		return err
	}
	vm := editVM(c, p, saved, ss)
	vm.Sessions.OOB = true
	return fragment(c, templ.Join(eventview.Form(vm.Form), eventview.Crumb(saved.Name), eventview.Sessions(vm.Sessions)),
		layout.Toast{Kind: "success", Message: "Changes saved."})
}

// --- sessions --------------------------------------------------------------

// sessionsDone answers a successful session change: the fresh sessions card
// for htmx, else back to the event's page.
func (s *Server) sessionsDone(c echo.Context, p auth.Principal, id int64, msg string) error {
	if !isHTMX(c) {
		s.flash(c, "success", msg)
		return c.Redirect(http.StatusSeeOther, editURL(id)+"#event-sessions")
	}
	e, ss, err := s.Events.Get(c.Request().Context(), p, id)
	if err != nil {
		return err
	}
	return fragment(c, eventview.Sessions(sessionsVM(c, p, e, ss)), layout.Toast{Kind: "success", Message: msg})
}

func (s *Server) addSession(c echo.Context) error {
	p, _ := principal(c)
	ctx := c.Request().Context()
	id, err := eventID(c)
	if err != nil {
		return err
	}
	// The event's time zone reads the form's times.
	e, ss, err := s.Events.Get(ctx, p, id)
	if err != nil {
		return err
	}
	f := readSessionForm(c)
	added, err := s.Events.AddSession(ctx, p, id, f.input(e.Location()))
	if err != nil {
		errs, ok := invalidFields(err)
		if !ok {
			return err
		}
		vm := sessionsVM(c, p, e, ss)
		vm.Add.Name, vm.Add.StartsAt, vm.Add.EndsAt, vm.Add.Errors = f.Name, f.StartsAt, f.EndsAt, errs
		if isHTMX(c) {
			return render(c, http.StatusOK, eventview.Sessions(vm))
		}
		page := editVM(c, p, e, ss)
		page.Sessions = vm
		return s.page(c, http.StatusUnprocessableEntity, e.Name, eventview.EditPage(page))
	}
	return s.sessionsDone(c, p, id, "Session “"+added.Name+"” added.")
}

// sessionRow shows a session's row again (an edit's Cancel).
func (s *Server) sessionRow(c echo.Context) error {
	p, _ := principal(c)
	id, sid, err := eventSessionIDs(c)
	if err != nil {
		return err
	}
	e, ss, err := s.Events.GetSession(c.Request().Context(), p, id, sid)
	if err != nil {
		return err
	}
	if !wantsFragment(c) {
		return c.Redirect(http.StatusSeeOther, editURL(id)+"#event-sessions")
	}
	return render(c, http.StatusOK, eventview.SessionRow(sessionRowVM(e, ss, p.Can(auth.PermEventsManage), csrfToken(c))))
}

// editSessionRow answers a session's row with its edit form (htmx), or the
// event's page with that row being edited.
func (s *Server) editSessionRow(c echo.Context) error {
	p, _ := principal(c)
	ctx := c.Request().Context()
	id, sid, err := eventSessionIDs(c)
	if err != nil {
		return err
	}
	e, ss, err := s.Events.GetSession(ctx, p, id, sid)
	if err != nil {
		return err
	}
	row := sessionRowVM(e, ss, true, csrfToken(c))
	row.Editing = true
	if wantsFragment(c) {
		return render(c, http.StatusOK, eventview.SessionRow(row))
	}
	return s.pageEditingSession(c, p, id, row, http.StatusOK)
}

// pageEditingSession renders the event's page with one session row in its
// edit form (the no-JavaScript way to edit a session).
func (s *Server) pageEditingSession(c echo.Context, p auth.Principal, id int64, row eventview.SessionRowVM, status int) error {
	e, ss, err := s.Events.Get(c.Request().Context(), p, id)
	if err != nil {
		return err
	}
	vm := editVM(c, p, e, ss)
	for i, r := range vm.Sessions.Rows {
		if r.ID == row.ID {
			vm.Sessions.Rows[i] = row
		}
	}
	return s.page(c, status, e.Name, eventview.EditPage(vm))
}

func (s *Server) updateSession(c echo.Context) error {
	p, _ := principal(c)
	ctx := c.Request().Context()
	id, sid, err := eventSessionIDs(c)
	if err != nil {
		return err
	}
	e, old, err := s.Events.GetSession(ctx, p, id, sid)
	if err != nil {
		return err
	}
	f := readSessionForm(c)
	saved, err := s.Events.UpdateSession(ctx, p, id, sid, f.input(e.Location()))
	if err != nil {
		errs, ok := invalidFields(err)
		if !ok {
			return err
		}
		row := editingRowVM(e, old, f, errs, csrfToken(c))
		if isHTMX(c) {
			return render(c, http.StatusOK, eventview.SessionRow(row))
		}
		return s.pageEditingSession(c, p, id, row, http.StatusUnprocessableEntity)
	}
	if isHTMX(c) {
		// A new start may move the row: answer with the whole card.
		retarget(c, "#event-sessions", "outerHTML")
	}
	return s.sessionsDone(c, p, id, "Session “"+saved.Name+"” saved.")
}

func (s *Server) deleteSession(c echo.Context) error {
	p, _ := principal(c)
	id, sid, err := eventSessionIDs(c)
	if err != nil {
		return err
	}
	old, err := s.Events.DeleteSession(c.Request().Context(), p, id, sid)
	if err != nil {
		return err
	}
	msg := "Session “" + old.Name + "” deleted."
	if !isHTMX(c) {
		s.flash(c, "success", msg)
		return c.Redirect(http.StatusSeeOther, editURL(id)+"#event-sessions")
	}
	// An empty answer removes the row (200: htmx does not swap a 204).
	return fragment(c, templ.NopComponent, layout.Toast{Kind: "success", Message: msg})
}
