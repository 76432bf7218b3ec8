package participation

import "roster/internal/event"

// Action is a row action of the All users page.
type Action string

// The row actions.
const (
	ActEdit               Action = "edit"
	ActResendInvitation   Action = "resend_invitation"
	ActResendRegistration Action = "resend_registration"
	ActViewAnalytics      Action = "analytics"
	ActRemove             Action = "remove"
	ActChatBlock          Action = "chat_block"
	ActChatUnblock        Action = "chat_unblock"
	ActLoginLink          Action = "login_link"
	// ActBlock and ActUnblock bar a person from the event and lift the bar;
	// PRODUCT.md's row table does not list them, so the console offers them
	// in the Edit dialog, never in the row menu.
	ActBlock   Action = "block"
	ActUnblock Action = "unblock"
)

// Label is the action's button text.
func (a Action) Label() string {
	switch a {
	case ActEdit:
		return "Edit"
	case ActResendInvitation, ActResendRegistration:
		return "Resend email"
	case ActViewAnalytics:
		return "View analytics"
	case ActRemove:
		return "Remove"
	case ActChatBlock:
		return "Block from chat"
	case ActChatUnblock:
		return "Unblock from chat"
	case ActLoginLink:
		return "Generate login link"
	case ActBlock:
		return "Block"
	case ActUnblock:
		return "Unblock"
	}
	return string(a)
}

// Actions is the action matrix (PRODUCT.md §2): the row actions a
// participation offers, from its status, the event's login method and the chat
// flags, plus Block or Unblock (offered in the Edit dialog). Views render from it; handlers refuse whatever it does not list.
func Actions(p Participation, e event.Event) []Action {
	var out []Action
	switch p.Status {
	case StatusAttended:
		out = []Action{ActEdit, ActViewAnalytics, ActRemove}
		if p.ChatBlocked {
			out = append(out, ActChatUnblock)
		} else if p.ChatTermsAcceptedAt != nil {
			out = append(out, ActChatBlock)
		}
	case StatusSSOLogin:
		out = []Action{ActEdit, ActViewAnalytics, ActRemove}
	case StatusInvited:
		out = []Action{ActEdit, ActResendInvitation, ActRemove}
	case StatusRegistered:
		out = []Action{ActEdit, ActResendRegistration, ActViewAnalytics, ActRemove}
	case StatusBlocked:
		out = []Action{ActEdit, ActViewAnalytics}
	case StatusUnregistered:
		return nil
	}
	if (p.Status == StatusInvited || p.Status == StatusRegistered) && e.LoginMethod == event.LoginMagicLink {
		out = append(out, ActLoginLink)
	}
	// Block goes with Edit (every status but Unregistered); Unblock with Blocked.
	if p.Status == StatusBlocked {
		out = append(out, ActUnblock)
	} else {
		out = append(out, ActBlock)
	}
	return out
}

// Offers reports whether the matrix offers action a on p.
func Offers(p Participation, e event.Event, a Action) bool {
	for _, x := range Actions(p, e) {
		if x == a {
			return true
		}
	}
	return false
}
