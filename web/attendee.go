package web

import (
	"errors"
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
	"roster/internal/participation"
	"roster/views/attendeeview"
	"roster/views/layout"
	pv "roster/views/participantview"
)

// attendeeSession is how long an attendee stays signed in after a link.
const attendeeSession = 12 * time.Hour

// attendeeRoutes registers the attendee side of login links: no staff
// session, CSRF as everywhere.
func (s *Server) attendeeRoutes(g *echo.Group) {
	g.GET("/l/:token", s.linkLanding, s.attendeeErrors)
	g.POST("/l/:token", s.linkEnter, s.attendeeErrors)
	g.GET("/a/events/:id", s.attendeeLobby, s.attendeeErrors)
	g.POST("/a/events/:id/chat-terms", s.attendeeChatTerms, s.attendeeErrors)
	g.POST("/a/events/:id/sessions/:sid/join", s.attendeeJoin, s.attendeeErrors)
	g.POST("/a/events/:id/unregister", s.attendeeUnregister, s.attendeeErrors)
	g.GET("/a/events/:id/register", s.registerPage, s.attendeeErrors)
	g.POST("/a/events/:id/register", s.register, s.attendeeErrors)
	g.GET("/a/events/:id/password", s.setPasswordPage, s.attendeeErrors)
	g.POST("/a/events/:id/password", s.setPassword, s.attendeeErrors)
	g.GET("/a/events/:id/login", s.attendeeLoginPage, s.attendeeErrors)
	g.POST("/a/events/:id/login", s.attendeeLogin, s.attendeeErrors)
	g.POST("/a/events/:id/login/link", s.attendeeLinkRequest, s.attendeeErrors)
	g.POST("/a/events/:id/logout", s.attendeeLogout, s.attendeeErrors)
}

// attendeeErrors answers an attendee page's refusals in the attendee's
// language: a blocked person gets a page of their own and is signed out of
// the attendee side; a link that no longer works, a missing sign-in and
// too many attempts get the attendee's problem page. Anything else goes to
// the central error handler.
func (s *Server) attendeeErrors(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		if err == nil || isHTMX(c) {
			return err
		}
		var b *participation.Blocked
		if errors.As(err, &b) {
			tokenPage(c)
			if err := s.saveAttendee(c, nil); err != nil {
				return err
			}
			t := texts(b.Language)
			return s.attendeePage(c, http.StatusForbidden, t.RefusedHeading, t, attendeeview.Refused(attendeeview.RefusedVM{T: t}))
		}
		ae, ok := apperr.As(err)
		if !ok {
			return err
		}
		t := s.visitorTexts(c)
		vm := attendeeview.ProblemVM{T: t, Status: strconv.Itoa(statusOf[ae.Code])}
		switch ae.Code {
		case apperr.CodeGone:
			vm.Heading, vm.Message = t.ProblemGoneHeading, t.ProblemGone
		case apperr.CodeUnauthorized:
			vm.Heading, vm.Message = t.ProblemSigninHeading, t.ProblemSignin
		case apperr.CodeTooMany:
			vm.Heading, vm.Message = t.ProblemToomanyHeading, t.ProblemToomany
		default:
			return err
		}
		return s.attendeePage(c, statusOf[ae.Code], vm.Heading, t, attendeeview.Problem(vm))
	}
}

// visitorTexts is the language of someone not known (or no longer): the
// event's, on an event's pages, else the browser's first supported one.
func (s *Server) visitorTexts(c echo.Context) *attendeeview.Texts {
	if id, err := strconv.ParseInt(c.Param("id"), 10, 64); err == nil {
		if e, err := s.Events.Public(c.Request().Context(), id); err == nil {
			return texts(e.DefaultLanguage)
		}
	}
	for _, part := range strings.Split(c.Request().Header.Get("Accept-Language"), ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		if l, ok := i18n.Lookup(tag); ok {
			return texts(l.Code)
		}
		if base, _, ok := strings.Cut(tag, "-"); ok {
			if l, ok := i18n.Lookup(base); ok {
				return texts(l.Code)
			}
		}
	}
	return texts(i18n.Default)
}

// texts is the attendee pages' language of a code as internal/i18n spells
// it (English for none or an unknown one).
func texts(code string) *attendeeview.Texts { return attendeeview.For(i18n.Get(code).Code) }

// attendeePage renders an attendee page in the bare document, in its
// language and writing direction.
func (s *Server) attendeePage(c echo.Context, status int, title string, t *attendeeview.Texts, content templ.Component) error {
	return render(c, status, withChildren(layout.Document(layout.DocVM{Title: title, CSRFToken: csrfToken(c), Lang: t.Lang,
		Dir: t.Dir()}), content))
}

// registerErrors says the registration form's problems in t's language.
func registerErrors(t *attendeeview.Texts, fields map[string]string, in participation.Registration) map[string]string {
	out := make(map[string]string, len(fields))
	for f, msg := range fields {
		switch f {
		case "first_name", "last_name":
			v := in.FirstName
			if f == "last_name" {
				v = in.LastName
			}
			out[f] = t.RegisterTooLong
			if strings.TrimSpace(v) == "" {
				out[f] = t.RegisterRequired
			}
		case "title", "company":
			out[f] = t.RegisterTooLong
		case "language":
			out[f] = t.RegisterBadLanguage
		case "consent":
			out[f] = t.RegisterNeedConsent
		default:
			out[f] = msg
		}
	}
	return out
}

// passwordErrors says a new password's problems in t's language.
func passwordErrors(t *attendeeview.Texts, probs map[string]auth.PasswordProblem) map[string]string {
	says := map[auth.PasswordProblem]string{auth.PasswordTooShort: t.PasswordTooShort,
		auth.PasswordTooLong: t.PasswordTooLong, auth.PasswordHasEmail: t.PasswordHasEmail,
		auth.PasswordGuessable: t.PasswordGuessable, auth.PasswordMismatch: t.PasswordMismatch}
	out := make(map[string]string, len(probs))
	for f, p := range probs {
		out[f] = says[p]
	}
	return out
}

// afterSignIn sends a signed-in attendee where they go next: their
// password, the registration form, or the lobby.
func afterSignIn(a participation.Attendee) string {
	switch {
	case a.MustSetPassword, a.Reset:
		return lobbyURL(a) + "/password"
	case a.MustRegister:
		return lobbyURL(a) + "/register"
	}
	return lobbyURL(a)
}

func (s *Server) registerVM(c echo.Context, l participation.Lobby, lang string) attendeeview.RegisterVM {
	vm := attendeeview.RegisterVM{T: texts(l.Language), EventName: l.Event.Name, Action: c.Request().URL.Path, CSRFToken: csrfToken(c),
		FirstName: l.Person.FirstName, LastName: l.Person.LastName, Title: l.Person.Title, Company: l.Person.Company}
	if lang == "" {
		lang = l.Person.Language
	}
	for _, x := range i18n.Languages {
		vm.Languages = append(vm.Languages, attendeeview.LanguageOption{Code: x.Code, Label: x.Native, Selected: x.Code == lang})
	}
	return vm
}

// registerPage is the event's registration form, for an invited person
// signed in by their link.
func (s *Server) registerPage(c echo.Context) error {
	a, err := s.signedIn(c)
	if err != nil {
		return err
	}
	l, err := s.Participants.Lobby(c.Request().Context(), a)
	if err != nil {
		return err
	}
	if !l.MustRegister {
		return c.Redirect(http.StatusSeeOther, afterSignIn(participation.Attendee{EventID: a.EventID, MustSetPassword: l.MustSetPassword}))
	}
	vm := s.registerVM(c, l, "")
	return s.attendeePage(c, http.StatusOK, l.Event.Name, vm.T, attendeeview.Register(vm))
}

func (s *Server) register(c echo.Context) error {
	a, err := s.signedIn(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	l, err := s.Participants.Lobby(ctx, a)
	if err != nil {
		return err
	}
	in := participation.Registration{FirstName: c.FormValue("first_name"), LastName: c.FormValue("last_name"),
		Title: c.FormValue("title"), Company: c.FormValue("company"), Language: c.FormValue("language"),
		Consent: c.FormValue("consent") == "1"}
	res, err := s.Participants.Register(ctx, a, in, c.Request().UserAgent())
	if ae, ok := apperr.As(err); ok && ae.Code == apperr.CodeInvalid {
		vm := s.registerVM(c, l, in.Language)
		vm.FirstName, vm.LastName, vm.Title, vm.Company, vm.Consent, vm.Errors = in.FirstName, in.LastName, in.Title, in.Company,
			in.Consent, registerErrors(vm.T, ae.Fields, in)
		return s.attendeePage(c, http.StatusUnprocessableEntity, l.Event.Name, vm.T, attendeeview.Register(vm))
	}
	if err != nil {
		return err
	}
	if res.ConfirmEmail {
		vm := s.registerVM(c, l, in.Language)
		vm.T, vm.ConfirmSentTo = texts(in.Language), res.Email
		return s.attendeePage(c, http.StatusOK, l.Event.Name, vm.T, attendeeview.Register(vm))
	}
	return c.Redirect(http.StatusSeeOther, lobbyURL(a))
}

// attendeeLoginPage is an event's sign-in page: the password form of a password
// event, otherwise the request for a sign-in link by email.
func (s *Server) attendeeLoginPage(c echo.Context) error {
	e, err := s.publicEvent(c)
	if err != nil {
		return err
	}
	// Nobody is known yet: the event's language.
	t := texts(e.DefaultLanguage)
	if e.LoginMethod == event.LoginPassword && c.QueryParam("forgot") != "" {
		vm := attendeeview.LoginRequestVM{T: t, EventName: e.Name, Action: c.Request().URL.Path + "/link", CSRFToken: csrfToken(c),
			Intro: t.SigninForgotIntro}
		return s.attendeePage(c, http.StatusOK, e.Name, t, attendeeview.LoginRequest(vm))
	}
	if e.LoginMethod == event.LoginPassword {
		vm := attendeeview.PasswordLoginVM{T: t, EventName: e.Name, Action: c.Request().URL.Path, CSRFToken: csrfToken(c),
			SignedOut: c.QueryParam("signed_out") != "", ForgotURL: c.Request().URL.Path + "?forgot=1"}
		return s.attendeePage(c, http.StatusOK, e.Name, t, attendeeview.PasswordLogin(vm))
	}
	vm := attendeeview.LoginRequestVM{T: t, EventName: e.Name, Action: c.Request().URL.Path, CSRFToken: csrfToken(c)}
	return s.attendeePage(c, http.StatusOK, e.Name, t, attendeeview.LoginRequest(vm))
}

// attendeeLogin signs in with a password (password events) or emails a
// sign-in link (the others).
func (s *Server) attendeeLogin(c echo.Context) error {
	e, err := s.publicEvent(c)
	if err != nil {
		return err
	}
	if e.LoginMethod != event.LoginPassword {
		return s.loginRequest(c, e)
	}
	if !s.passwordLogins.allow(c.RealIP(), time.Now()) {
		return apperr.TooMany("Too many sign-in attempts from your network. Wait a quarter of an hour and try again.")
	}
	email := strings.TrimSpace(c.FormValue("email"))
	a, err := s.Participants.PasswordSignIn(c.Request().Context(), e.ID, email, c.FormValue("password"), c.RealIP(),
		c.Request().UserAgent())
	if ae, ok := apperr.As(err); ok && (ae.Code == apperr.CodeUnauthorized || ae.Code == apperr.CodeInvalid) {
		t := texts(e.DefaultLanguage)
		msg := t.SigninWrong
		if ae.Code == apperr.CodeInvalid {
			msg = t.SigninMissing
		}
		vm := attendeeview.PasswordLoginVM{T: t, EventName: e.Name, Action: c.Request().URL.Path, CSRFToken: csrfToken(c), Email: email,
			Error: msg, ForgotURL: c.Request().URL.Path + "?forgot=1"}
		return s.attendeePage(c, statusOf[ae.Code], e.Name, t, attendeeview.PasswordLogin(vm))
	}
	if err != nil {
		return err
	}
	if err := s.saveAttendee(c, &a); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, afterSignIn(a))
}

// attendeeLinkRequest emails a sign-in link from a password event's
// "Forgot your password?" (the link then lets the person choose a new one).
func (s *Server) attendeeLinkRequest(c echo.Context) error {
	e, err := s.publicEvent(c)
	if err != nil {
		return err
	}
	return s.loginRequest(c, e)
}

// attendeeLogout signs the attendee out (their cookie goes) and shows the
// event's sign-in page.
func (s *Server) attendeeLogout(c echo.Context) error {
	id, err := participantEventID(c)
	if err != nil {
		return err
	}
	if err := s.saveAttendee(c, nil); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/a/events/"+strconv.FormatInt(id, 10)+"/login?signed_out=1")
}

// setPasswordPage is where a person of a password event, signed in by their
// invitation link, chooses their password.
func (s *Server) setPasswordPage(c echo.Context) error {
	a, err := s.signedIn(c)
	if err != nil {
		return err
	}
	l, err := s.Participants.Lobby(c.Request().Context(), a)
	if err != nil {
		return err
	}
	if !l.MustSetPassword && !a.Reset {
		return c.Redirect(http.StatusSeeOther, lobbyURL(a))
	}
	vm := s.setPasswordVM(c, a, l, nil)
	return s.attendeePage(c, http.StatusOK, l.Event.Name, vm.T, attendeeview.SetPassword(vm))
}

func (s *Server) setPasswordVM(c echo.Context, a participation.Attendee, l participation.Lobby, errs map[string]string) attendeeview.SetPasswordVM {
	vm := attendeeview.SetPasswordVM{T: texts(l.Language), EventName: l.Event.Name, Organisation: l.Organisation, Email: l.Person.Email,
		Action: c.Request().URL.Path, CSRFToken: csrfToken(c), Errors: errs}
	if a.Reset && !l.MustSetPassword {
		vm.KeepURL = lobbyURL(a)
	}
	return vm
}

func (s *Server) setPassword(c echo.Context) error {
	a, err := s.signedIn(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	pw, confirm := c.FormValue("password"), c.FormValue("confirm")
	next, err := s.Participants.SetPassword(ctx, a, pw, confirm, c.RealIP(), c.Request().UserAgent())
	if ae, ok := apperr.As(err); ok && ae.Code == apperr.CodeInvalid {
		l, lerr := s.Participants.Lobby(ctx, a)
		if lerr != nil {
			return lerr
		}
		vm := s.setPasswordVM(c, a, l, nil)
		// The same rule the service applied, said in the person's language.
		if vm.Errors = passwordErrors(vm.T, auth.PasswordProblems(pw, confirm, l.Person.Email)); len(vm.Errors) == 0 {
			vm.Errors = ae.Fields
		}
		return s.attendeePage(c, http.StatusUnprocessableEntity, l.Event.Name, vm.T, attendeeview.SetPassword(vm))
	}
	if err != nil {
		return err
	}
	// The cookie no longer allows a reset.
	if err := s.saveAttendee(c, &next); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, afterSignIn(next))
}

func (s *Server) publicEvent(c echo.Context) (event.Event, error) {
	c.Response().Header().Set("Cache-Control", "no-store")
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return event.Event{}, apperr.NotFound("This event does not exist.")
	}
	return s.Events.Public(c.Request().Context(), id)
}

// loginRequest emails a sign-in link; the answer is the same whether or not
// the address is in the event. Each address is limited by the service, each
// client address here.
func (s *Server) loginRequest(c echo.Context, e event.Event) error {
	if !s.linkRequests.allow(c.RealIP(), time.Now()) {
		return apperr.TooMany("Too many sign-in link requests from your network. Wait a quarter of an hour and try again.")
	}
	email := strings.TrimSpace(c.FormValue("email"))
	t := texts(e.DefaultLanguage)
	vm := attendeeview.LoginRequestVM{T: t, EventName: e.Name, Action: c.Request().URL.Path, CSRFToken: csrfToken(c), Email: email}
	if e.LoginMethod == event.LoginPassword {
		vm.Intro = t.SigninForgotIntro
	}
	err := s.Participants.RequestLoginLink(c.Request().Context(), e.ID, email)
	if ae, ok := apperr.As(err); ok && ae.Code == apperr.CodeInvalid {
		// English says exactly what is wrong with the address; the other
		// languages say that it is.
		vm.Error = ae.Fields["email"]
		if t.Lang != i18n.Default {
			vm.Error = t.LoginBadEmail
		}
		return s.attendeePage(c, http.StatusUnprocessableEntity, e.Name, t, attendeeview.LoginRequest(vm))
	}
	if err != nil {
		return err
	}
	vm.Sent = true
	return s.attendeePage(c, http.StatusOK, e.Name, t, attendeeview.LoginRequest(vm))
}

// attendeeCookie is the signed cookie of a signed-in attendee, apart from
// the staff session.
func (s *Server) attendeeCookie() string { return s.cookieName("roster-attendee") }

// tokenPage keeps a link's token out of Referer headers and caches.
func tokenPage(c echo.Context) {
	h := c.Response().Header()
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
}

// linkLanding shows "Continue as jane@…": opening a link spends nothing, so
// mail scanners that open every link do no harm.
func (s *Server) linkLanding(c echo.Context) error {
	tokenPage(c)
	token := c.Param("token")
	l, err := s.Participants.Landing(c.Request().Context(), token)
	if err != nil {
		return err
	}
	vm := attendeeview.LandingVM{T: texts(l.Language), MaskedEmail: l.MaskedEmail, FirstName: l.FirstName, EventName: l.EventName,
		Expires: pv.DateTime(l.ExpiresAt), Action: "/l/" + token, CSRFToken: csrfToken(c)}
	return s.attendeePage(c, http.StatusOK, l.EventName, vm.T, attendeeview.Landing(vm))
}

// linkEnter spends the link (once), signs the attendee in and leaves the
// token's address by redirect.
func (s *Server) linkEnter(c echo.Context) error {
	tokenPage(c)
	a, err := s.Participants.Enter(c.Request().Context(), c.Param("token"), c.RealIP(), c.Request().UserAgent())
	if err != nil {
		return err
	}
	if err := s.saveAttendee(c, &a); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, afterSignIn(a))
}

// saveAttendee sets the signed attendee cookie for a, or clears it (nil).
func (s *Server) saveAttendee(c echo.Context, a *participation.Attendee) error {
	if a == nil {
		return s.saveSigned(c, s.attendeeCookie(), nil, 0)
	}
	return s.saveSigned(c, s.attendeeCookie(), map[any]any{"partner": a.PartnerID, "event": a.EventID,
		"participation": a.ParticipationID, "reset": a.Reset}, attendeeSession)
}

// attendee reads the signed attendee cookie.
func (s *Server) attendee(c echo.Context) (participation.Attendee, bool) {
	sess, err := s.cookies.Get(c.Request(), s.attendeeCookie())
	if err != nil || sess.IsNew {
		return participation.Attendee{}, false
	}
	partner, ok1 := sess.Values["partner"].(int64)
	eventID, ok2 := sess.Values["event"].(int64)
	id, ok3 := sess.Values["participation"].(int64)
	if !ok1 || !ok2 || !ok3 {
		return participation.Attendee{}, false
	}
	reset, _ := sess.Values["reset"].(bool)
	return participation.Attendee{PartnerID: partner, EventID: eventID, ParticipationID: id, Reset: reset}, true
}

// signedIn is the attendee of the event in the path (refused otherwise).
func (s *Server) signedIn(c echo.Context) (participation.Attendee, error) {
	c.Response().Header().Set("Cache-Control", "no-store")
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	a, ok := s.attendee(c)
	if err != nil || !ok || a.EventID != id {
		return a, apperr.Unauthorized("Open the login link you received to enter this event.")
	}
	return a, nil
}

func lobbyURL(a participation.Attendee) string {
	return "/a/events/" + strconv.FormatInt(a.EventID, 10)
}

func (s *Server) attendeeChatTerms(c echo.Context) error {
	a, err := s.signedIn(c)
	if err != nil {
		return err
	}
	if c.FormValue("accept") != "1" {
		return apperr.Invalid("Tick the box to accept the chat's terms.")
	}
	if err := s.Participants.AcceptChatTerms(c.Request().Context(), a); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, lobbyURL(a))
}

func (s *Server) attendeeJoin(c echo.Context) error {
	a, err := s.signedIn(c)
	if err != nil {
		return err
	}
	sid, err := strconv.ParseInt(c.Param("sid"), 10, 64)
	if err != nil {
		return apperr.NotFound("This session is not part of the event.")
	}
	if err := s.Participants.JoinSession(c.Request().Context(), a, sid, c.Request().UserAgent()); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, lobbyURL(a)+"?joined="+strconv.FormatInt(sid, 10))
}

func (s *Server) attendeeUnregister(c echo.Context) error {
	a, err := s.signedIn(c)
	if err != nil {
		return err
	}
	l, err := s.Participants.Lobby(c.Request().Context(), a)
	if err != nil {
		return err
	}
	if err := s.Participants.Unregister(c.Request().Context(), a); err != nil {
		return err
	}
	if err := s.saveAttendee(c, nil); err != nil { // the attendee cookie goes too
		return err
	}
	t := texts(l.Language)
	return s.attendeePage(c, http.StatusOK, l.Event.Name, t, attendeeview.Gone(attendeeview.GoneVM{T: t, EventName: l.Event.Name}))
}

// attendeeLobby is the signed-in attendee's event page.
func (s *Server) attendeeLobby(c echo.Context) error {
	a, err := s.signedIn(c)
	if err != nil {
		return err
	}
	l, err := s.Participants.Lobby(c.Request().Context(), a)
	if err != nil {
		return err
	}
	if l.MustSetPassword || l.MustRegister {
		return c.Redirect(http.StatusSeeOther, afterSignIn(participation.Attendee{EventID: a.EventID,
			MustSetPassword: l.MustSetPassword, MustRegister: l.MustRegister}))
	}
	if l.AwaitingConfirmation {
		vm := s.registerVM(c, l, "")
		vm.ConfirmSentTo = l.Person.Email
		return s.attendeePage(c, http.StatusOK, l.Event.Name, vm.T, attendeeview.Register(vm))
	}
	loc, now := l.Event.Location(), time.Now()
	t := texts(l.Language)
	vm := attendeeview.LobbyVM{T: t, EventName: l.Event.Name, Dates: attendeeview.Span(l.Event.StartsAt, l.Event.EndsAt, loc),
		TimeZone: l.Event.TimeZone, Name: personName(l.Person), Email: l.Person.Email,
		Phase: attendeeview.Phase(t, l.Event.StartsAt, l.Event.EndsAt, now), ChatTermsAccepted: l.ChatTermsAccepted,
		ChatBlocked: l.ChatBlocked, BaseURL: lobbyURL(a), CSRFToken: csrfToken(c),
		Start: attendeeview.ISO(l.Event.StartsAt), End: attendeeview.ISO(l.Event.EndsAt)}
	joined, _ := strconv.ParseInt(c.QueryParam("joined"), 10, 64)
	for _, ss := range l.Sessions {
		vm.Sessions = append(vm.Sessions, attendeeview.SessionVM{ID: ss.ID, Name: ss.Name, When: attendeeview.Span(ss.StartsAt, ss.EndsAt, loc),
			Live: !now.Before(ss.StartsAt) && !now.After(ss.EndsAt), Start: attendeeview.ISO(ss.StartsAt), End: attendeeview.ISO(ss.EndsAt)})
		if ss.ID == joined {
			vm.Joined = ss.Name
		}
	}
	return s.attendeePage(c, http.StatusOK, l.Event.Name, t, attendeeview.Lobby(vm))
}
