package bulk

import "time"

// Status is the state of a batch.
type Status string

// The states of an import batch: checked and waiting for the organiser
// (ready), importing (running), finished (done), stopped by an error
// (failed), dropped before it ran (cancelled), or taken back (undone).
const (
	StatusReady     Status = "ready"
	StatusRunning   Status = "running"
	StatusDone      Status = "done"
	StatusFailed    Status = "failed"
	StatusCancelled Status = "cancelled"
	StatusUndone    Status = "undone"
)

// Label is the state's name for people.
func (s Status) Label() string {
	switch s {
	case StatusReady:
		return "Checked, not started"
	case StatusRunning:
		return "Inviting"
	case StatusDone:
		return "Finished"
	case StatusFailed:
		return "Failed"
	case StatusCancelled:
		return "Discarded"
	case StatusUndone:
		return "Undone"
	}
	return string(s)
}

// UndoWindow is how long after it finished an import can be undone.
const UndoWindow = 7 * 24 * time.Hour

// Options are the organiser's choices when starting an import.
type Options struct {
	SendEmail bool `json:"send_email"`
	// StartedBy is the role of the staff member who started it (the job acts with it).
	StartedByRole string `json:"started_by_role,omitempty"`
	StartedByName string `json:"started_by_name,omitempty"`
}

// Plan is the import flight plan: its parts add up to Rows.
type Plan struct {
	Rows       int `json:"rows"`
	WillInvite int `json:"will_invite"`
	AlreadyIn  int `json:"already_in"`
	Duplicates int `json:"duplicates"`
	Invalid    int `json:"invalid"`
	Typos      int `json:"typos"`
}

// Sum is the total of the plan's parts (equal to Rows).
func (p Plan) Sum() int { return p.WillInvite + p.AlreadyIn + p.Duplicates + p.Invalid + p.Typos }

// Report is what the check step found.
type Report struct {
	Plan
	Format    string   `json:"format"`
	Delimiter string   `json:"delimiter,omitempty"`
	Size      int64    `json:"size"`
	Unknown   []string `json:"unknown_columns,omitempty"`
	// Problems are the first MaxProblems problems, in file order.
	Problems []Problem `json:"problems,omitempty"`
	// ProblemCount counts every problem, shown or not.
	ProblemCount int `json:"problem_count"`
	// AlreadyInSample names a few of the rows already in the event.
	AlreadyInSample []AlreadyIn `json:"already_in_sample,omitempty"`
	Millis          int64       `json:"millis"`
	// CheckedBy names the staff member who uploaded the file.
	CheckedBy string `json:"checked_by"`
}

// AlreadyIn is a row whose person is already in the event.
type AlreadyIn struct {
	Line   int    `json:"line"`
	Email  string `json:"email"`
	Status string `json:"status"`
}

// MaxProblems bounds the problems kept in a report (all are in the download).
const MaxProblems = 1000

// Batch is one bulk import: who, when, which file, the choices, the check
// report and the counts of the run.
type Batch struct {
	ID, PartnerID, EventID int64
	Kind                   string
	Status                 Status
	CreatedByStaffID       *int64
	FileName, FileSHA256   string
	Options                Options
	Report                 Report
	// Total is the number of rows; Processed how many the job went through.
	Total, Processed         int
	Invited, Skipped, Failed int
	Error                    string
	CreatedAt                time.Time
	StartedAt, FinishedAt    *time.Time
}

// CanUndo reports whether the batch may still be undone at now.
func (b Batch) CanUndo(now time.Time) bool {
	return b.Status == StatusDone && b.FinishedAt != nil && now.Sub(*b.FinishedAt) < UndoWindow
}

// Progress is the share of the rows processed, 0 to 100.
func (b Batch) Progress() int {
	if b.Total == 0 {
		return 100
	}
	return b.Processed * 100 / b.Total
}

// UndoReport says what undoing did.
type UndoReport struct {
	Removed         int
	EmailsCancelled int
	Kept            []Kept
}

// Kept is a person an undo left in the event, and why.
type Kept struct {
	Email, Why string
}
