// Package auditview renders the audit log: who did what, when, to what.
package auditview

// RowVM is one audit entry.
type RowVM struct {
	When, Actor, Action, Target, Details string
}

// PageVM is the view model of the audit page. NextURL, when set, links to
// the next (older) page.
type PageVM struct {
	Rows    []RowVM
	Query   string
	NextURL string
}
