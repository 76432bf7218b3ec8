// Package staffview renders the staff management page: the list of the
// console's accounts with their row actions, and the invitation dialog.
package staffview

import (
	"strconv"

	"roster/views/ui"
)

// RowVM is one staff member in the table. CSRFToken is used by the row's
// plain (no-JS) forms; Page fills it from PageVM.CSRFToken when empty.
type RowVM struct {
	ID                                                                   int64
	Name, Email, Role, RoleLabel, Status, StatusLabel, LastSeen, Created string
	IsSelf, CanManage                                                    bool
	Roles                                                                []Option
	CSRFToken                                                            string
}

// Option is one choice of a <select>.
type Option struct {
	Value, Label string
	Selected     bool
}

// InviteVM is the view model of the invitation form. Errors keys: name,
// email, role, form.
type InviteVM struct {
	Name, Email, Role string
	Roles             []Option
	Errors            map[string]string
	CSRFToken         string
}

// PageVM is the view model of the staff page. InviteLink, when set, is the
// one-time invitation link shown once after an invite (with a copy button).
type PageVM struct {
	Rows       []RowVM
	CanManage  bool
	Invite     InviteVM
	CSRFToken  string
	InviteLink string
}

// Staff statuses the view distinguishes.
const (
	StatusActive   = "active"
	StatusInvited  = "invited"
	StatusDisabled = "disabled"
)

var statusKinds = map[string]string{
	StatusActive:   ui.KindGreen,
	StatusInvited:  ui.KindAmber,
	StatusDisabled: ui.KindNeutral,
}

// StatusKind returns the badge kind of a staff status.
func StatusKind(status string) string {
	if k, ok := statusKinds[status]; ok {
		return k
	}
	return ui.KindNeutral
}

// MarkSelected returns a copy of opts with Selected set on the option whose
// value is selected (and cleared on the others).
func MarkSelected(opts []Option, selected string) []Option {
	out := make([]Option, len(opts))
	for i, o := range opts {
		o.Selected = o.Value == selected
		out[i] = o
	}
	return out
}

// Actionable reports whether the row shows its management actions: the
// viewer may manage staff and the row is not the viewer's own account.
func (r RowVM) Actionable() bool { return r.CanManage && !r.IsSelf }

// Disabled reports whether the staff member is disabled (the row then offers
// Enable instead of Disable).
func (r RowVM) Disabled() bool { return r.Status == StatusDisabled }

// DOMID is the row's element id, "staff-<id>".
func (r RowVM) DOMID() string { return "staff-" + r.idString() }

func (r RowVM) idString() string { return strconv.FormatInt(r.ID, 10) }

func (r RowVM) roleURL() string    { return "/staff/" + r.idString() + "/role" }
func (r RowVM) disableURL() string { return "/staff/" + r.idString() + "/disable" }
func (r RowVM) enableURL() string  { return "/staff/" + r.idString() + "/enable" }

func (r RowVM) disableQuestion() string {
	who := r.Name
	if who == "" {
		who = r.Email
	}
	return "Disable " + who + "? They are signed out at once and can no longer sign in until enabled again."
}

// rowsWithToken gives each row the page's CSRF token when it has none.
func rowsWithToken(rows []RowVM, token string) []RowVM {
	out := make([]RowVM, len(rows))
	for i, r := range rows {
		if r.CSRFToken == "" {
			r.CSRFToken = token
		}
		out[i] = r
	}
	return out
}

// inviteToken returns the invitation form's CSRF token, falling back to the
// page's.
func inviteWithToken(vm InviteVM, token string) InviteVM {
	if vm.CSRFToken == "" {
		vm.CSRFToken = token
	}
	return vm
}

// isSelected reports whether an option is chosen, by flag or by value.
func isSelected(o Option, value string) bool { return o.Selected || (value != "" && o.Value == value) }

const (
	fieldClass        = "input mt-1.5"
	fieldInvalidClass = "input input-invalid mt-1.5"
	selectClass       = "select mt-1.5"
	selectInvalid     = "select input-invalid mt-1.5"
)

func inputClass(err string) string {
	if err != "" {
		return fieldInvalidClass
	}
	return fieldClass
}

func selectClassFor(err string) string {
	if err != "" {
		return selectInvalid
	}
	return selectClass
}
