// Package settingsview renders the settings page: the organisation's name,
// this account's signed-in sessions and its password.
package settingsview

import "strconv"

// SessionVM is one signed-in session of the current account.
type SessionVM struct {
	ID, Device, IP, Created, LastSeen string
	Current                           bool
}

// PageVM is the view model of the settings page. Errors keys:
// partner_name (rename), mail_from_name and mail_reply_to (emails), current_password, new_password, confirm_password
// (password change) and form (shown at the top).
type PageVM struct {
	PartnerName string
	CanRename   bool
	// The sender identity of the organisation's emails ("" = defaults).
	MailFromName, MailReplyTo string
	Sessions                  []SessionVM
	Errors                    map[string]string
	CSRFToken                 string
}

func senderName(vm PageVM) string {
	if vm.MailFromName != "" {
		return vm.MailFromName
	}
	return vm.PartnerName
}

// MinPasswordLength is the shortest new password the form asks for.
const MinPasswordLength = 12

// otherSessions counts the sessions other than the current one.
func otherSessions(s []SessionVM) int {
	n := 0
	for _, x := range s {
		if !x.Current {
			n++
		}
	}
	return n
}

func device(s SessionVM) string {
	if s.Device == "" {
		return "Unknown device"
	}
	return s.Device
}

func minLength() string { return strconv.Itoa(MinPasswordLength) }

const (
	inputClassOK      = "input mt-1.5"
	inputClassInvalid = "input input-invalid mt-1.5"
)

func inputClass(err string) string {
	if err != "" {
		return inputClassInvalid
	}
	return inputClassOK
}

func revokeQuestion(n int) string {
	if n == 1 {
		return "Sign out the other session? It will have to sign in again."
	}
	return "Sign out the " + strconv.Itoa(n) + " other sessions? They will have to sign in again."
}
