// Package authview renders the signed-out pages: sign in, first-run setup,
// accepting a staff invitation, and simple messages about links.
package authview

// LoginVM is the view model of the sign-in page.
type LoginVM struct {
	Email, Error, Next, CSRFToken string
}

// SetupVM is the view model of the first-run setup page. Errors keys:
// partner_name, name, email, password, form.
type SetupVM struct {
	Token, PartnerName, Name, Email, CSRFToken string
	Errors                                     map[string]string
}

// AcceptVM is the view model of the page where an invited staff member
// chooses a password. Errors keys: password, form.
type AcceptVM struct {
	Token, Email, Name, CSRFToken string
	Errors                        map[string]string
}

// MinPasswordLength is the shortest password the forms ask for (the server
// enforces it; the views only hint and set minlength).
const MinPasswordLength = 12

const (
	inputClass        = "input mt-1.5"
	inputInvalidClass = "input input-invalid mt-1.5"
)

// inputClassFor returns the class of an input with or without an error.
func inputClassFor(err string) string {
	if err != "" {
		return inputInvalidClass
	}
	return inputClass
}

// describedBy returns the aria-describedby of a field: its hint and/or its
// error, by id.
func describedBy(id string, hint bool, err string) string {
	out := ""
	if hint {
		out = id + "-hint"
	}
	if err != "" {
		if out != "" {
			out += " "
		}
		out += id + "-error"
	}
	return out
}
