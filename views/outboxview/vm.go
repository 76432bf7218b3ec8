// Package outboxview renders the outbox (the emails the console queued, with
// their delivery state, one email's content rendered safely) and the email
// previews (every email in every language, with sample data).
package outboxview

import (
	"net/url"
	"strconv"
	"strings"

	"roster/views/ui"
)

// RowVM is one email in the outbox list.
type RowVM struct {
	ID                                        int64
	To, Subject, Status, StatusLabel, Created string
}

// Option is one choice of a select.
type Option struct {
	Value, Label string
	Selected     bool
}

// PageVM is the view model of the outbox page; Selected, when set, is shown
// beside the list.
type PageVM struct {
	Rows     []RowVM
	Selected *EmailVM
	// Captured says that no SMTP server is configured: emails stay here.
	Captured bool
	Query    string
	Status   string
	Statuses []Option
	// NextURL is the link to older emails, "" on the last page.
	NextURL string
	// FirstURL goes back to the newest emails, "" on the first page.
	FirstURL string
}

// Filtered reports whether a search or a status filter is active.
func (vm PageVM) Filtered() bool { return vm.Query != "" || vm.Status != "" }

// EmailVM is one email's detail. The HTML version is shown rendered in a
// sandboxed frame (HTMLURL) and as source text.
type EmailVM struct {
	ID                                     int64
	To, Subject, Status, Created, TextBody string
	HTMLBody                               string
	Language, MessageID, SentAt, LastError string
	Attempts                               int
	// Links are the links of the email, to follow them from here.
	Links []string
}

// HTMLURL serves the email's HTML for the frame.
func (vm EmailVM) HTMLURL() string { return EmailURL(vm.ID) + "/html" }

var statusKinds = map[string]string{
	"queued":   ui.KindBlue,
	"sent":     ui.KindGreen,
	"deferred": ui.KindAmber,
	"bounced":  ui.KindRed,
	"failed":   ui.KindRed,
}

// StatusKind returns the badge kind of a delivery status.
func StatusKind(status string) string {
	if k, ok := statusKinds[status]; ok {
		return k
	}
	return ui.KindNeutral
}

// statusLabel falls back to the capitalised status when no label is given.
func statusLabel(status, label string) string {
	if label != "" || status == "" {
		return label
	}
	return strings.ToUpper(status[:1]) + status[1:]
}

// EmailURL is the URL of one email's detail page.
func EmailURL(id int64) string { return "/outbox/" + strconv.FormatInt(id, 10) }

// emailURL keeps the list's search and filter when opening an email.
func (vm PageVM) emailURL(id int64) string {
	q := url.Values{}
	if vm.Query != "" {
		q.Set("q", vm.Query)
	}
	if vm.Status != "" {
		q.Set("status", vm.Status)
	}
	if len(q) == 0 {
		return EmailURL(id)
	}
	return EmailURL(id) + "?" + q.Encode()
}

func rowDOMID(id int64) string { return "email-" + strconv.FormatInt(id, 10) }

// isSelected reports whether row id is the email shown in the detail.
func isSelected(sel *EmailVM, id int64) bool { return sel != nil && sel.ID == id }

// listColumn is the class of the list column: full width, or two fifths
// beside a selected email.
func listColumn(withDetail bool) string {
	if withDetail {
		return "min-w-0 xl:col-span-2"
	}
	return "min-w-0 xl:col-span-5"
}

// PreviewVM is the email preview page: one kind in one language, rendered
// with sample data.
type PreviewVM struct {
	Kinds, Languages []Option
	Kind, Lang       string
	Subject, Text    string
	// HTMLURL serves the rendered HTML for the frame.
	HTMLURL string
	// RTL marks a right-to-left language.
	RTL bool
	// Maintained is false for the languages translated but not maintained.
	Maintained bool
}
