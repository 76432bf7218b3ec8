// Package mail queues emails durably (a row plus a job in the caller's
// transaction) and delivers them over SMTP, or keeps them in the outbox when
// no SMTP server is configured.
package mail

import "time"

// Status is the delivery state of one email.
type Status string

// The delivery states.
const (
	StatusQueued   Status = "queued"
	StatusSent     Status = "sent"
	StatusDeferred Status = "deferred"
	StatusBounced  Status = "bounced"
	StatusFailed   Status = "failed"
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	switch s {
	case StatusQueued, StatusSent, StatusDeferred, StatusBounced, StatusFailed:
		return true
	}
	return false
}

// Message is an email to queue. CauseKey identifies why it is sent (for
// example "staff.invite:42:7"): one cause never yields two emails.
type Message struct {
	PartnerID *int64
	CauseKey  string
	To        string
	Subject   string
	Text      string
	HTML      string
	Language  string
}

// Email is a queued or delivered email.
type Email struct {
	ID        int64
	PartnerID *int64
	CauseKey  string
	To        string
	Subject   string
	Text      string
	HTML      string
	Language  string
	Status    Status
	Attempts  int
	LastError string
	CreatedAt time.Time
	SentAt    *time.Time
	// MessageID is the Message-ID header it was (or will be) sent with.
	MessageID string
	// SendingAttempt is set while an attempt is inside the SMTP transaction.
	SendingAttempt *int

	// Sender identity of the partner (read with the email by the worker).
	FromName string
	ReplyTo  string
}

// Page is one page of the outbox, newest first.
type Page struct {
	Emails []Email
	// Next is the cursor of the following page, 0 when this page is the last.
	Next int64
}

// Filter selects emails of the outbox.
type Filter struct {
	Query  string // part of the recipient or the subject
	Status Status // "" for all
	Before int64  // cursor: only emails with a smaller id
	Limit  int
}
