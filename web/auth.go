package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"roster/internal/apperr"
	"roster/internal/auth"
	"roster/views/authview"
)

// safeNext keeps post-login redirects on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return next
}

func (s *Server) loginPage(c echo.Context) error {
	if _, ok := principal(c); ok {
		return c.Redirect(http.StatusSeeOther, safeNext(c.QueryParam("next")))
	}
	needs, err := s.Auth.NeedsSetup(c.Request().Context())
	if err != nil {
		return err
	}
	vm := authview.LoginVM{Next: safeNext(c.QueryParam("next")), CSRFToken: csrfToken(c)}
	if needs {
		vm.Error = "Roster is not set up yet: open the one-time setup link printed in the server's log."
	}
	return render(c, http.StatusOK, authview.LoginPage(vm))
}

func (s *Server) login(c echo.Context) error {
	email, next := c.FormValue("email"), safeNext(c.FormValue("next"))
	token, _, err := s.Auth.Login(c.Request().Context(), email, c.FormValue("password"), clientOf(c))
	if err != nil {
		ae, ok := apperr.As(err)
		if !ok || ae.Code == apperr.CodeInternal {
			return err
		}
		vm := authview.LoginVM{Email: email, Error: ae.Message, Next: next, CSRFToken: csrfToken(c)}
		return render(c, statusOf[ae.Code], authview.LoginPage(vm))
	}
	if err := s.signIn(c, token); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, next)
}

func (s *Server) logout(c echo.Context) error {
	if err := s.Auth.Logout(c.Request().Context(), s.sessionToken(c)); err != nil {
		return err
	}
	s.clearSession(c)
	s.flash(c, "info", "You are signed out.")
	if isHTMX(c) {
		setHXRedirect(c, "/login")
		return c.NoContent(http.StatusOK)
	}
	return c.Redirect(http.StatusSeeOther, "/login")
}

func (s *Server) setupPage(c echo.Context) error {
	c.Response().Header().Set("Referrer-Policy", "no-referrer")
	token := c.QueryParam("token")
	if err := s.Auth.CheckSetupToken(c.Request().Context(), token); err != nil {
		return err
	}
	return render(c, http.StatusOK, authview.SetupPage(authview.SetupVM{Token: token, CSRFToken: csrfToken(c)}))
}

func (s *Server) setup(c echo.Context) error {
	c.Response().Header().Set("Referrer-Policy", "no-referrer")
	in := auth.SetupInput{Token: c.FormValue("token"), PartnerName: c.FormValue("partner_name"), Name: c.FormValue("name"),
		Email: c.FormValue("email"), Password: c.FormValue("password")}
	token, _, err := s.Auth.CompleteSetup(c.Request().Context(), in, clientOf(c))
	if err != nil {
		if ae, ok := apperr.As(err); ok && ae.Code == apperr.CodeInvalid {
			vm := authview.SetupVM{Token: in.Token, PartnerName: in.PartnerName, Name: in.Name, Email: in.Email,
				CSRFToken: csrfToken(c), Errors: fieldErrors(ae)}
			return render(c, http.StatusUnprocessableEntity, authview.SetupPage(vm))
		}
		return err
	}
	if err := s.signIn(c, token); err != nil {
		return err
	}
	s.flash(c, "success", "Roster is ready. Welcome!")
	return c.Redirect(http.StatusSeeOther, "/")
}

// acceptPage shows the invitation form: opening the link (as mail scanners
// do) spends nothing; only the POST does.
func (s *Server) acceptPage(c echo.Context) error {
	c.Response().Header().Set("Referrer-Policy", "no-referrer")
	token := c.QueryParam("token")
	st, err := s.Auth.CheckInvite(c.Request().Context(), token)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, authview.AcceptPage(authview.AcceptVM{Token: token, Email: st.Email, Name: st.Name, CSRFToken: csrfToken(c)}))
}

func (s *Server) accept(c echo.Context) error {
	c.Response().Header().Set("Referrer-Policy", "no-referrer")
	token := c.FormValue("token")
	session, _, err := s.Auth.AcceptInvite(c.Request().Context(), token, c.FormValue("password"), c.FormValue("password_confirm"), clientOf(c))
	if err != nil {
		if ae, ok := apperr.As(err); ok && ae.Code == apperr.CodeInvalid {
			st, cerr := s.Auth.CheckInvite(c.Request().Context(), token)
			if cerr != nil {
				return cerr
			}
			vm := authview.AcceptVM{Token: token, Email: st.Email, Name: st.Name, CSRFToken: csrfToken(c),
				Errors: renameFields(fieldErrors(ae), map[string]string{"confirm": "password_confirm"})}
			return render(c, http.StatusUnprocessableEntity, authview.AcceptPage(vm))
		}
		return err
	}
	if err := s.signIn(c, session); err != nil {
		return err
	}
	s.flash(c, "success", "Your password is set. Welcome to Roster!")
	return c.Redirect(http.StatusSeeOther, "/")
}

func (s *Server) notFound(c echo.Context) error { return echo.ErrNotFound }

// fieldErrors returns an error's field messages, with its summary under "form"
// when no field carries it.
func fieldErrors(ae *apperr.Error) map[string]string {
	out := map[string]string{}
	for k, v := range ae.Fields {
		out[k] = v
	}
	if len(out) == 0 {
		out["form"] = ae.Message
	}
	return out
}

// renameFields maps a service's field names to the form's input names.
func renameFields(errs map[string]string, names map[string]string) map[string]string {
	out := make(map[string]string, len(errs))
	for k, v := range errs {
		if n, ok := names[k]; ok {
			k = n
		}
		out[k] = v
	}
	return out
}
