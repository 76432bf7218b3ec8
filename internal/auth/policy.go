package auth

import "roster/internal/apperr"

// Permission names one thing a staff member may do. Every route and service
// names the permission it needs; this file alone maps roles to permissions.
type Permission string

// The permissions.
const (
	PermConsole         Permission = "console.view"
	PermStaffView       Permission = "staff.view"
	PermStaffManage     Permission = "staff.manage"
	PermSettingsManage  Permission = "settings.manage"
	PermEventsView      Permission = "events.view"
	PermEventsManage    Permission = "events.manage"
	PermClassroomView   Permission = "classroom.view"
	PermClassroomManage Permission = "classroom.manage"
	PermPeopleView      Permission = "people.view"
	PermPeopleDelete    Permission = "people.delete"
	PermDeletionRequest Permission = "deletion.request"
	PermDeletionApprove Permission = "deletion.approve"
	PermDetailedStatus  Permission = "participants.detailed_status"
	PermAuditView       Permission = "audit.view"
	PermOutboxView      Permission = "outbox.view"
)

var readAll = []Permission{PermConsole, PermStaffView, PermEventsView, PermClassroomView, PermPeopleView,
	PermDetailedStatus, PermAuditView, PermOutboxView}

var policy = map[Role][]Permission{
	RoleOwner: append(append([]Permission{}, readAll...), PermStaffManage, PermSettingsManage, PermEventsManage,
		PermClassroomManage, PermPeopleDelete, PermDeletionRequest, PermDeletionApprove),
	RoleAdmin: append(append([]Permission{}, readAll...), PermStaffManage, PermSettingsManage, PermEventsManage,
		PermClassroomManage, PermPeopleDelete, PermDeletionRequest, PermDeletionApprove),
	RoleOrganizer: {PermConsole, PermEventsView, PermEventsManage, PermPeopleView, PermDeletionRequest,
		PermDetailedStatus, PermOutboxView},
	RoleClassroomAdmin: {PermConsole, PermClassroomView, PermClassroomManage, PermPeopleView, PermDeletionRequest,
		PermOutboxView},
	RoleSupport: append(append([]Permission{}, readAll...), PermDeletionApprove),
}

// RoleCan reports whether role r holds permission perm.
func RoleCan(r Role, perm Permission) bool {
	for _, x := range policy[r] {
		if x == perm {
			return true
		}
	}
	return false
}

// Can reports whether the principal holds perm.
func (p Principal) Can(perm Permission) bool { return p.StaffID != 0 && RoleCan(p.Role, perm) }

// Require returns a Forbidden error unless the principal holds perm.
func (p Principal) Require(perm Permission) error {
	if !p.Can(perm) {
		return apperr.Forbidden("Your role (%s) does not allow this.", p.Role.Label())
	}
	return nil
}

// CanAssign reports whether the principal may give role r to someone: only
// owners make owners.
func (p Principal) CanAssign(r Role) bool {
	if !p.Can(PermStaffManage) || !r.Valid() {
		return false
	}
	return r != RoleOwner || p.Role == RoleOwner
}
