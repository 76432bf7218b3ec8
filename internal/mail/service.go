package mail

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"roster/internal/apperr"
	"roster/internal/database"
)

// Enqueuer inserts a job inside a transaction (implemented by jobs.Client).
type Enqueuer interface {
	EnqueueTx(ctx context.Context, tx database.Tx, args river.JobArgs, opts *river.InsertOpts) error
}

// Service queues emails and reads the outbox.
type Service struct {
	db   *database.DB
	jobs Enqueuer
	now  func() time.Time
	// Domain is the right-hand side of the Message-IDs (the console's host).
	Domain string
	// OnStatus hears delivery changes the service makes (bounce reports).
	OnStatus func(ctx context.Context, emailID int64, st Status) error
}

// NewService builds the mail service.
func NewService(db *database.DB, jobs Enqueuer) *Service {
	return &Service{db: db, jobs: jobs, now: func() time.Time { return time.Now().UTC() }, Domain: "roster.localhost"}
}

// newMessageID is a unique Message-ID, fixed when the email is queued so
// that every attempt sends the same one.
func (s *Service) newMessageID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return "<" + hex.EncodeToString(b) + "@" + s.Domain + ">"
}

// QueueTx records m and inserts its delivery job in tx. Queuing the same
// cause twice is a no-op that returns the first email's id.
func (s *Service) QueueTx(ctx context.Context, tx database.Tx, m Message) (int64, error) {
	if m.CauseKey == "" || m.To == "" {
		return 0, errors.New("mail: a message needs a cause key and a recipient")
	}
	if m.Language == "" {
		m.Language = "en"
	}
	id, created, err := insertEmail(ctx, tx.Gorm, m, s.newMessageID(), s.now())
	if err != nil {
		return 0, fmt.Errorf("mail: queue: %w", err)
	}
	if !created {
		return id, nil
	}
	if err := s.jobs.EnqueueTx(ctx, tx, SendArgs{EmailID: id}, nil); err != nil {
		return 0, err
	}
	return id, nil
}

// MaxPage is the largest page of the outbox.
const MaxPage = 200

// List returns a page of a partner's emails, newest first (the outbox).
func (s *Service) List(ctx context.Context, partnerID int64, f Filter) (Page, error) {
	if f.Limit <= 0 || f.Limit > MaxPage {
		f.Limit = 50
	}
	if f.Status != "" && !f.Status.Valid() {
		f.Status = ""
	}
	want := f.Limit
	f.Limit++
	es, err := listEmails(ctx, s.db.Gorm, partnerID, f)
	if err != nil {
		return Page{}, fmt.Errorf("mail: list: %w", err)
	}
	p := Page{Emails: es}
	if len(es) > want {
		p.Emails = es[:want]
		p.Next = p.Emails[want-1].ID
	}
	return p, nil
}

// CancelTx cancels emails that have not left yet (queued or deferred, not
// inside an SMTP transaction), in tx: they are marked failed with reason and
// their jobs find nothing to send. It returns how many it cancelled.
func (s *Service) CancelTx(ctx context.Context, tx database.Tx, ids []int64, reason string) (int, error) {
	n := 0
	for start := 0; start < len(ids); start += 1000 {
		c, err := cancelEmails(ctx, tx.Gorm, ids[start:min(start+1000, len(ids))], reason)
		if err != nil {
			return n, fmt.Errorf("mail: cancel: %w", err)
		}
		n += c
	}
	return n, nil
}

// ReportBounce records a bounce reported after delivery (the inbound bounce
// webhook) for the email sent with messageID; found is false when no email
// has it.
func (s *Service) ReportBounce(ctx context.Context, messageID, reason string) (found bool, err error) {
	messageID = strings.TrimSpace(messageID)
	if messageID == "" {
		return false, apperr.Invalid("message_id is required.")
	}
	if !strings.HasPrefix(messageID, "<") {
		messageID = "<" + messageID + ">"
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		reason = "bounced (reported by the mail server after delivery)"
	}
	if len(reason) > 1000 {
		reason = reason[:1000]
	}
	id, err := bounceByMessageID(ctx, s.db.Gorm, messageID, reason)
	if err != nil {
		return false, fmt.Errorf("mail: bounce: %w", err)
	}
	if id == 0 {
		return false, nil
	}
	if s.OnStatus != nil {
		if err := s.OnStatus(ctx, id, StatusBounced); err != nil {
			return true, err
		}
	}
	return true, nil
}

// Get returns one email of a partner.
func (s *Service) Get(ctx context.Context, partnerID, id int64) (Email, error) {
	e, err := getPartnerEmail(ctx, s.db.Gorm, partnerID, id)
	if database.IsNotFound(err) {
		return Email{}, apperr.NotFound("This email does not exist.")
	}
	if err != nil {
		return Email{}, fmt.Errorf("mail: get: %w", err)
	}
	return e, nil
}
