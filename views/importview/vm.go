// Package importview renders bulk invites: the upload page with the
// templates, the check report with its flight plan and problems, the live
// progress of a running import, its result (with undo), and the list of an
// event's imports.
package importview

import (
	"strconv"

	"roster/views/ui"
)

// EventRef names the event the pages are about.
type EventRef struct {
	ID   int64
	Name string
}

func (e EventRef) base() string { return "/events/" + strconv.FormatInt(e.ID, 10) }

// UsersURL is the event's All users list.
func (e EventRef) UsersURL() string { return e.base() + "/users" }

// UploadURL is the upload page (and the form's target).
func (e EventRef) UploadURL() string { return e.base() + "/users/import" }

// ImportsURL lists the event's imports.
func (e EventRef) ImportsURL() string { return e.base() + "/imports" }

// TemplateURL downloads the template in a format ("csv" or "xlsx").
func (e EventRef) TemplateURL(format string) string {
	return e.base() + "/users/import/template." + format
}

// BatchURL is one import's page.
func (e EventRef) BatchURL(id int64) string {
	return e.base() + "/imports/" + strconv.FormatInt(id, 10)
}

// UploadVM is the upload page.
type UploadVM struct {
	Event     EventRef
	CSRFToken string
	Error     string
	MaxMB     int64
	Columns   []ColumnHelp
}

// ColumnHelp explains one column of the file.
type ColumnHelp struct {
	Name, Help string
	Required   bool
}

// Segment is one part of the flight-plan bar.
type Segment struct {
	Label, Class, TestID string
	Count                int
	// Percent is the segment's width (0 to 100).
	Percent float64
}

// Width is the segment's CSS width class (a style attribute is not allowed by the policy).
func (s Segment) Width() string {
	// Twentieths: fine enough for a bar, literal classes for the stylesheet.
	n := int(s.Percent/5 + 0.5)
	if n == 0 && s.Count > 0 {
		n = 1
	}
	return widthClasses[min(n, 20)]
}

var widthClasses = [21]string{"w-0", "w-[5%]", "w-[10%]", "w-[15%]", "w-[20%]", "w-[25%]", "w-[30%]", "w-[35%]",
	"w-[40%]", "w-[45%]", "w-[50%]", "w-[55%]", "w-[60%]", "w-[65%]", "w-[70%]", "w-[75%]", "w-[80%]", "w-[85%]",
	"w-[90%]", "w-[95%]", "w-full"}

// ProblemVM is one problem of the check.
type ProblemVM struct {
	Line                       int
	Column, Reason, Suggestion string
}

// KeptVM is one person an undo left in place.
type KeptVM struct{ Email, Why string }

// BatchVM is one import's page.
type BatchVM struct {
	Event                EventRef
	ID                   int64
	Status, StatusLabel  string
	FileName, FileSHA256 string
	CreatedBy, Created   string
	Started, Finished    string
	Format               string
	Unknown              []string
	Rows                 int
	Segments             []Segment
	Problems             []ProblemVM
	ProblemCount         int
	AlreadyIn            []ProblemVM
	CheckMillis          int64
	SendEmail            bool
	// Running import.
	Processed, Total, Percent int
	Invited, Skipped, Failed  int
	Error                     string
	CanManage, CanUndo        bool
	UndoUntil                 string
	CSRFToken                 string
	// Undo result, shown once after undoing.
	Undone          bool
	Removed         int
	EmailsCancelled int
	Kept            []KeptVM
}

// URL is the import's page.
func (b BatchVM) URL() string { return b.Event.BatchURL(b.ID) }

// ProblemsURL downloads the problem rows.
func (b BatchVM) ProblemsURL() string { return b.URL() + "/problems.csv" }

// ProgressURL is polled while the import runs.
func (b BatchVM) ProgressURL() string { return b.URL() + "/progress" }

// Ready reports whether the import waits to be started.
func (b BatchVM) Ready() bool { return b.Status == "ready" }

// Running reports whether the import is running.
func (b BatchVM) Running() bool { return b.Status == "running" }

// StatusKind is the badge colour of the state.
func (b BatchVM) StatusKind() string { return StatusKind(b.Status) }

// StatusKind is the badge colour of an import state.
func StatusKind(status string) string {
	switch status {
	case "ready":
		return ui.KindBlue
	case "running":
		return ui.KindAmber
	case "done":
		return ui.KindGreen
	case "failed":
		return ui.KindRed
	}
	return ui.KindNeutral
}

// RowVM is one import in the list.
type RowVM struct {
	ID                             int64
	FileName, Status, StatusLabel  string
	CreatedBy, Created             string
	Rows, Invited, Skipped, Failed int
	Email                          string
}

// ListVM is the list of an event's imports.
type ListVM struct {
	Event     EventRef
	Rows      []RowVM
	CanManage bool
}

// Plural writes n with a noun, singular or plural.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Thousands(n) + " " + many
}

// Thousands writes n with thousands separators (12,345).
func Thousands(n int) string { return ui.Count(int64(n)) }

func itoa(n int) string { return strconv.Itoa(n) }
