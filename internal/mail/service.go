package mail

import (
	"context"
	"errors"
	"fmt"
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
}

// NewService builds the mail service.
func NewService(db *database.DB, jobs Enqueuer) *Service {
	return &Service{db: db, jobs: jobs, now: func() time.Time { return time.Now().UTC() }}
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
	id, created, err := insertEmail(ctx, tx.Gorm, m, s.now())
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

// List returns the newest emails of a partner (the outbox).
func (s *Service) List(ctx context.Context, partnerID int64, limit int) ([]Email, error) {
	es, err := listEmails(ctx, s.db.Gorm, partnerID, limit)
	if err != nil {
		return nil, fmt.Errorf("mail: list: %w", err)
	}
	return es, nil
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
