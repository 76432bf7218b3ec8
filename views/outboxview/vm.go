// Package outboxview renders the outbox: the emails the console queued, with
// their delivery state, and one email's content.
package outboxview

import (
	"strconv"
	"strings"

	"roster/views/ui"
)

// RowVM is one email in the outbox list.
type RowVM struct {
	ID                                        int64
	To, Subject, Status, StatusLabel, Created string
}

// PageVM is the view model of the outbox page; Selected, when set, is shown
// beside the list.
type PageVM struct {
	Rows     []RowVM
	Selected *EmailVM
	// Captured says that no SMTP server is configured: emails stay here.
	Captured bool
}

// EmailVM is one email's detail. HTMLBody is shown as preformatted source
// text, never rendered as HTML.
type EmailVM struct {
	ID                                     int64
	To, Subject, Status, Created, TextBody string
	HTMLBody                               string
}

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
