// Package errorview renders errors: the body of an error page (the caller
// wraps it in the shell or a bare document) and the toast for htmx requests.
package errorview

import "strconv"

// ErrorVM is the view model of an error.
type ErrorVM struct {
	Status                    int
	Title, Message, RequestID string
}

// statusText is the short code line above the title ("Error 404").
func statusText(status int) string {
	if status <= 0 {
		return "Error"
	}
	return "Error " + strconv.Itoa(status)
}

// toastMessage is the one-line text of an error toast.
func toastMessage(vm ErrorVM) string {
	switch {
	case vm.Message != "":
		return vm.Message
	case vm.Title != "":
		return vm.Title
	}
	return "Something went wrong. Please try again."
}

// icon picks the illustration of an error page.
func icon(status int) string {
	switch status {
	case 401, 403:
		return "lock"
	case 404, 410:
		return "search"
	}
	return "exclamation-triangle"
}
