// Package auth owns the console's staff accounts: passwords, server-side
// sessions, login throttling, the first-run setup, staff invitations, and the
// one policy table that says which role may do what.
package auth

import (
	"time"
)

// Role is a staff member's role in their partner.
type Role string

// The staff roles.
const (
	RoleOwner          Role = "owner"
	RoleAdmin          Role = "admin"
	RoleOrganizer      Role = "organizer"
	RoleClassroomAdmin Role = "classroom_admin"
	RoleSupport        Role = "support"
)

// Roles lists every role, most powerful first.
var Roles = []Role{RoleOwner, RoleAdmin, RoleOrganizer, RoleClassroomAdmin, RoleSupport}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// Label is the role's name for people.
func (r Role) Label() string {
	switch r {
	case RoleOwner:
		return "Owner"
	case RoleAdmin:
		return "Admin"
	case RoleOrganizer:
		return "Organizer"
	case RoleClassroomAdmin:
		return "Classroom admin"
	case RoleSupport:
		return "Support"
	}
	return string(r)
}

// StaffStatus is the state of a staff account.
type StaffStatus string

// The staff statuses.
const (
	StaffInvited  StaffStatus = "invited"
	StaffActive   StaffStatus = "active"
	StaffDisabled StaffStatus = "disabled"
)

// Valid reports whether s is a known status.
func (s StaffStatus) Valid() bool {
	return s == StaffInvited || s == StaffActive || s == StaffDisabled
}

// Label is the status's name for people.
func (s StaffStatus) Label() string {
	switch s {
	case StaffInvited:
		return "Invited"
	case StaffActive:
		return "Active"
	case StaffDisabled:
		return "Disabled"
	}
	return string(s)
}

// Staff is a console account.
type Staff struct {
	ID          int64
	PartnerID   int64
	Email       string
	Name        string
	Role        Role
	Status      StaffStatus
	LastLoginAt *time.Time
	CreatedAt   time.Time
}

// Principal is the signed-in staff member a request acts for.
type Principal struct {
	StaffID     int64
	PartnerID   int64
	PartnerName string
	Name        string
	Email       string
	Role        Role
	// SessionID is the stored (hashed) id of the current session.
	SessionID string
}

// Session is one signed-in browser of a staff member.
type Session struct {
	ID         string
	StaffID    int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	IP         string
	UserAgent  string
}
