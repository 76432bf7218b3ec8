package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"roster/internal/apperr"
	"roster/internal/auth"
	"roster/views/layout"
	"roster/views/staffview"
)

func roleOptions(p auth.Principal, selected auth.Role) []staffview.Option {
	var out []staffview.Option
	for _, r := range auth.Roles {
		if p.CanAssign(r) || r == selected {
			out = append(out, staffview.Option{Value: string(r), Label: r.Label(), Selected: r == selected})
		}
	}
	return out
}

func lastSeen(t *time.Time) string {
	if t == nil {
		return "Never"
	}
	return dateTime(*t)
}

func staffRow(p auth.Principal, st auth.Staff, csrf string) staffview.RowVM {
	manage := p.Can(auth.PermStaffManage) && st.ID != p.StaffID && (st.Role != auth.RoleOwner || p.Role == auth.RoleOwner)
	return staffview.RowVM{ID: st.ID, Name: st.Name, Email: st.Email, Role: string(st.Role), RoleLabel: st.Role.Label(),
		Status: string(st.Status), StatusLabel: st.Status.Label(), LastSeen: lastSeen(st.LastLoginAt), Created: date(st.CreatedAt),
		IsSelf: st.ID == p.StaffID, CanManage: manage, Roles: roleOptions(p, st.Role), CSRFToken: csrf}
}

func (s *Server) inviteVM(c echo.Context, p auth.Principal, name, email string, role auth.Role, errs map[string]string) staffview.InviteVM {
	if role == "" {
		role = auth.RoleOrganizer
	}
	return staffview.InviteVM{Name: name, Email: email, Role: string(role), Roles: roleOptions(p, role), Errors: errs, CSRFToken: csrfToken(c)}
}

func (s *Server) staffPage(c echo.Context) error {
	p, _ := principal(c)
	list, err := s.Auth.ListStaff(c.Request().Context(), p)
	if err != nil {
		return err
	}
	vm := staffview.PageVM{CanManage: p.Can(auth.PermStaffManage), CSRFToken: csrfToken(c), Invite: s.inviteVM(c, p, "", "", "", nil)}
	for _, st := range list {
		vm.Rows = append(vm.Rows, staffRow(p, st, csrfToken(c)))
	}
	return s.page(c, http.StatusOK, "Staff", staffview.Page(vm))
}

func (s *Server) inviteStaff(c echo.Context) error {
	p, _ := principal(c)
	name, email, role := c.FormValue("name"), c.FormValue("email"), auth.Role(c.FormValue("role"))
	st, link, err := s.Auth.InviteStaff(c.Request().Context(), p, auth.InviteInput{Name: name, Email: email, Role: role})
	if err != nil {
		ae, ok := apperr.As(err)
		if !ok || len(ae.Fields) == 0 {
			return err
		}
		vm := s.inviteVM(c, p, name, email, role, fieldErrors(ae))
		if !isHTMX(c) {
			// Without JavaScript: the whole page again, with the form's errors.
			list, lerr := s.Auth.ListStaff(c.Request().Context(), p)
			if lerr != nil {
				return lerr
			}
			page := staffview.PageVM{CanManage: true, CSRFToken: csrfToken(c), Invite: vm}
			for _, x := range list {
				page.Rows = append(page.Rows, staffRow(p, x, csrfToken(c)))
			}
			return s.page(c, http.StatusUnprocessableEntity, "Staff", staffview.Page(page))
		}
		// htmx swaps 2xx only (4xx go to the toast area): answer the form with its errors.
		return render(c, http.StatusOK, staffview.InviteForm(vm))
	}
	if !isHTMX(c) {
		s.flash(c, "success", st.Name+" is invited. The invitation link was emailed: "+link)
		return c.Redirect(http.StatusSeeOther, "/staff")
	}
	created := templ.Join(staffview.InviteCreated(s.inviteVM(c, p, st.Name, st.Email, st.Role, nil), link),
		staffview.RowAppended(staffRow(p, st, csrfToken(c))))
	return fragment(c, created,
		layout.Toast{Kind: "success", Message: st.Name + " is invited."})
}

func staffID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.NotFound("This staff member does not exist.")
	}
	return id, nil
}

func (s *Server) staffRowResult(c echo.Context, st auth.Staff, msg string) error {
	p, _ := principal(c)
	if !isHTMX(c) {
		s.flash(c, "success", msg)
		return c.Redirect(http.StatusSeeOther, "/staff")
	}
	return fragment(c, staffview.Row(staffRow(p, st, csrfToken(c))), layout.Toast{Kind: "success", Message: msg})
}

func (s *Server) changeStaffRole(c echo.Context) error {
	p, _ := principal(c)
	id, err := staffID(c)
	if err != nil {
		return err
	}
	st, err := s.Auth.ChangeRole(c.Request().Context(), p, id, auth.Role(c.FormValue("role")))
	if err != nil {
		return err
	}
	return s.staffRowResult(c, st, st.Name+" is now "+st.Role.Label()+".")
}

func (s *Server) disableStaff(c echo.Context) error { return s.setStaffDisabled(c, true) }
func (s *Server) enableStaff(c echo.Context) error  { return s.setStaffDisabled(c, false) }

func (s *Server) setStaffDisabled(c echo.Context, disabled bool) error {
	p, _ := principal(c)
	id, err := staffID(c)
	if err != nil {
		return err
	}
	st, err := s.Auth.SetDisabled(c.Request().Context(), p, id, disabled)
	if err != nil {
		return err
	}
	msg := st.Name + " can sign in again."
	if disabled {
		msg = st.Name + " is disabled and signed out everywhere."
	}
	return s.staffRowResult(c, st, msg)
}
