package web

import (
	"time"

	"net/http"
	"net/url"
	"strings"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"

	"roster/internal/apperr"
	"roster/internal/auth"
	"roster/views/layout"
)

const principalKey = "principal"

func newCookieStore(keys [][]byte, secure bool) *sessions.CookieStore {
	var pairs [][]byte
	for _, k := range keys {
		// Hash keys only: the cookie holds nothing secret (a random session id).
		pairs = append(pairs, k, nil)
	}
	st := sessions.NewCookieStore(pairs...)
	st.Options = &sessions.Options{Path: "/", MaxAge: int(auth.SessionAbsolute.Seconds()), HttpOnly: true,
		Secure: secure, SameSite: http.SameSiteLaxMode}
	return st
}

// cookieName is a cookie's name: with the __Host- prefix over https (the
// browser then holds it to this host, path / and Secure).
func (s *Server) cookieName(name string) string {
	if s.Secure {
		return "__Host-" + name
	}
	return name
}

func (s *Server) sessionCookie() string { return s.cookieName("roster") }
func (s *Server) flashCookie() string   { return s.cookieName("roster-flash") }

// saveSigned sets the signed cookie name holding values for maxAge, or
// clears it (values nil): the attendee's and the classroom's sign-ins.
func (s *Server) saveSigned(c echo.Context, name string, values map[any]any, maxAge time.Duration) error {
	sess := sessions.NewSession(s.cookies, name)
	opts := *s.cookies.Options
	opts.MaxAge = -1
	if values != nil {
		opts.MaxAge = int(maxAge.Seconds())
		sess.Values = values
	}
	sess.Options = &opts
	return sess.Save(c.Request(), c.Response())
}

// loadPrincipal resolves the session cookie to a principal, when there is one.
func (s *Server) loadPrincipal(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		sess, _ := s.cookies.Get(c.Request(), s.sessionCookie())
		if token, ok := sess.Values["sid"].(string); ok && token != "" {
			p, err := s.Auth.Authenticate(c.Request().Context(), token)
			switch {
			case err == nil:
				c.Set(principalKey, p)
			case apperr.Is(err, apperr.CodeUnauthorized):
				s.clearSession(c)
			default:
				return err
			}
		}
		return next(c)
	}
}

func principal(c echo.Context) (auth.Principal, bool) {
	p, ok := c.Get(principalKey).(auth.Principal)
	return p, ok
}

// can is the route policy: a signed-in staff member holding perm. Unsigned
// page loads are sent to the login page; htmx requests are told to go there.
func (s *Server) can(perm auth.Permission) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			p, ok := principal(c)
			if !ok {
				login := "/login"
				if c.Request().Method == http.MethodGet && c.Request().URL.Path != "/" {
					login += "?next=" + url.QueryEscape(c.Request().URL.RequestURI())
				}
				if isHTMX(c) {
					setHXRedirect(c, login)
					return c.NoContent(http.StatusUnauthorized)
				}
				if c.Request().Method != http.MethodGet {
					return apperr.Unauthorized("Your session has ended. Please sign in again.")
				}
				return c.Redirect(http.StatusSeeOther, login)
			}
			if err := p.Require(perm); err != nil {
				return err
			}
			c.Response().Header().Set("Cache-Control", "no-store")
			return next(c)
		}
	}
}

func (s *Server) signIn(c echo.Context, token string) error {
	// A fresh cookie for a fresh session id (rotation on login).
	sess := sessions.NewSession(s.cookies, s.sessionCookie())
	opts := *s.cookies.Options
	sess.Options = &opts
	sess.Values["sid"] = token
	return sess.Save(c.Request(), c.Response())
}

func (s *Server) clearSession(c echo.Context) {
	sess := sessions.NewSession(s.cookies, s.sessionCookie())
	opts := *s.cookies.Options
	opts.MaxAge = -1
	sess.Options = &opts
	_ = sess.Save(c.Request(), c.Response())
}

func (s *Server) sessionToken(c echo.Context) string {
	sess, _ := s.cookies.Get(c.Request(), s.sessionCookie())
	t, _ := sess.Values["sid"].(string)
	return t
}

// flash stores a toast for the next page (POST-redirect-GET). It lives in its
// own short cookie so that the session cookie only ever holds the session id.
func (s *Server) flash(c echo.Context, kind, msg string) {
	sess, _ := s.cookies.Get(c.Request(), s.flashCookie())
	opts := *s.cookies.Options
	opts.MaxAge = 300
	sess.Options = &opts
	sess.AddFlash(kind + "|" + msg)
	_ = sess.Save(c.Request(), c.Response())
}

func (s *Server) takeFlashes(c echo.Context) []layout.Toast {
	sess, err := s.cookies.Get(c.Request(), s.flashCookie())
	if err != nil || sess.IsNew {
		return nil
	}
	fs := sess.Flashes()
	opts := *s.cookies.Options
	opts.MaxAge = -1
	sess.Options = &opts
	_ = sess.Save(c.Request(), c.Response())
	var out []layout.Toast
	for _, f := range fs {
		str, _ := f.(string)
		kind, msg, ok := strings.Cut(str, "|")
		if ok {
			out = append(out, layout.Toast{Kind: kind, Message: msg})
		}
	}
	return out
}

func clientOf(c echo.Context) auth.Client {
	return auth.Client{IP: c.RealIP(), UserAgent: c.Request().UserAgent()}
}
