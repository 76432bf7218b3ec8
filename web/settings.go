package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"roster/internal/apperr"
	"roster/internal/auth"
	"roster/views/settingsview"
)

// deviceOf summarises a user agent for the sessions list.
func deviceOf(ua string) string {
	browser := "Browser"
	for _, b := range []struct{ key, name string }{{"Edg/", "Edge"}, {"Firefox/", "Firefox"}, {"Chromium/", "Chromium"},
		{"HeadlessChrome/", "Chromium (headless)"}, {"Chrome/", "Chrome"}, {"Safari/", "Safari"}, {"curl/", "curl"}} {
		if strings.Contains(ua, b.key) {
			browser = b.name
			break
		}
	}
	os := ""
	for _, o := range []struct{ key, name string }{{"Windows", "Windows"}, {"Mac OS X", "macOS"}, {"Android", "Android"},
		{"iPhone", "iOS"}, {"iPad", "iPadOS"}, {"Linux", "Linux"}} {
		if strings.Contains(ua, o.key) {
			os = o.name
			break
		}
	}
	if os == "" {
		return browser
	}
	return browser + " on " + os
}

func (s *Server) settingsVM(c echo.Context, errs map[string]string) (settingsview.PageVM, error) {
	p, _ := principal(c)
	sessions, err := s.Auth.Sessions(c.Request().Context(), p)
	if err != nil {
		return settingsview.PageVM{}, err
	}
	org, err := s.Auth.Partner(c.Request().Context(), p)
	if err != nil {
		return settingsview.PageVM{}, err
	}
	vm := settingsview.PageVM{PartnerName: p.PartnerName, CanRename: p.Can(auth.PermSettingsManage), Errors: errs, CSRFToken: csrfToken(c),
		MailFromName: org.MailFromName, MailReplyTo: org.MailReplyTo}
	if errs != nil {
		// Show what was typed, not what is stored.
		if v, ok := c.Request().PostForm["mail_from_name"]; ok && len(v) == 1 {
			vm.MailFromName = v[0]
		}
		if v, ok := c.Request().PostForm["mail_reply_to"]; ok && len(v) == 1 {
			vm.MailReplyTo = v[0]
		}
	}
	for _, se := range sessions {
		vm.Sessions = append(vm.Sessions, settingsview.SessionVM{ID: se.ID[:8], Device: deviceOf(se.UserAgent), IP: se.IP,
			Created: dateTime(se.CreatedAt), LastSeen: dateTime(se.LastSeenAt), Current: se.ID == p.SessionID})
	}
	return vm, nil
}

func (s *Server) settingsPage(c echo.Context) error {
	vm, err := s.settingsVM(c, nil)
	if err != nil {
		return err
	}
	return s.page(c, http.StatusOK, "Settings", settingsview.Page(vm))
}

// settingsInvalid re-renders the settings page with field errors.
func (s *Server) settingsInvalid(c echo.Context, err error) error {
	ae, ok := apperr.As(err)
	if !ok || ae.Code != apperr.CodeInvalid {
		return err
	}
	vm, verr := s.settingsVM(c, fieldErrors(ae))
	if verr != nil {
		return verr
	}
	if isHTMX(c) {
		retarget(c, "#main", "innerHTML")
		return render(c, http.StatusOK, settingsview.Page(vm))
	}
	return s.page(c, http.StatusUnprocessableEntity, "Settings", settingsview.Page(vm))
}

func (s *Server) settingsDone(c echo.Context, msg string) error {
	s.flash(c, "success", msg)
	if isHTMX(c) {
		setHXRedirect(c, "/settings")
		return c.NoContent(http.StatusOK)
	}
	return c.Redirect(http.StatusSeeOther, "/settings")
}

func (s *Server) renamePartner(c echo.Context) error {
	p, _ := principal(c)
	if _, err := s.Auth.RenamePartner(c.Request().Context(), p, c.FormValue("partner_name")); err != nil {
		if ae, ok := apperr.As(err); ok && ae.Code == apperr.CodeInvalid {
			return s.settingsInvalid(c, apperr.InvalidFields(map[string]string{"partner_name": ae.Message}))
		}
		return err
	}
	return s.settingsDone(c, "The organisation is renamed.")
}

func (s *Server) setMailIdentity(c echo.Context) error {
	p, _ := principal(c)
	if _, err := s.Auth.SetMailIdentity(c.Request().Context(), p, c.FormValue("mail_from_name"), c.FormValue("mail_reply_to")); err != nil {
		return s.settingsInvalid(c, err)
	}
	return s.settingsDone(c, "The email settings are saved.")
}

func (s *Server) revokeOtherSessions(c echo.Context) error {
	p, _ := principal(c)
	if err := s.Auth.RevokeOtherSessions(c.Request().Context(), p); err != nil {
		return err
	}
	return s.settingsDone(c, "You are signed out everywhere else.")
}

func (s *Server) changePassword(c echo.Context) error {
	p, _ := principal(c)
	err := s.Auth.ChangePassword(c.Request().Context(), p, c.FormValue("current_password"), c.FormValue("new_password"), c.FormValue("confirm_password"))
	if ae, ok := apperr.As(err); ok && ae.Code == apperr.CodeInvalid {
		return s.settingsInvalid(c, apperr.InvalidFields(renameFields(ae.Fields,
			map[string]string{"current": "current_password", "password": "new_password", "confirm": "confirm_password"})))
	}
	if err != nil {
		return err
	}
	return s.settingsDone(c, "Your password is changed; your other sessions are signed out.")
}
