package mail

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"roster/internal/database"
)

// SendArgs is the job that delivers one queued email. Its kind never changes.
type SendArgs struct {
	EmailID int64 `json:"email_id"`
}

// Kind implements river.JobArgs.
func (SendArgs) Kind() string { return "mail.send" }

// SendWorker delivers queued emails; it is idempotent: a sent email is never sent again.
type SendWorker struct {
	river.WorkerDefaults[SendArgs]
	DB     *database.DB
	Sender Sender
	Log    *slog.Logger
	// OnStatus follows a delivery onto whatever the email was about (the
	// participant's delivery state); nil when nobody listens.
	OnStatus func(ctx context.Context, emailID int64, st Status) error
}

func (w *SendWorker) mark(ctx context.Context, id int64, st Status, lastErr string, sentAt *time.Time) error {
	if err := markEmail(ctx, w.DB.Gorm, id, st, lastErr, sentAt); err != nil {
		return err
	}
	if w.OnStatus != nil {
		return w.OnStatus(ctx, id, st)
	}
	return nil
}

// Work implements river.Worker.
func (w *SendWorker) Work(ctx context.Context, job *river.Job[SendArgs]) error {
	e, err := getEmail(ctx, w.DB.Gorm, job.Args.EmailID)
	if database.IsNotFound(err) {
		return nil // erased since: nothing to send
	}
	if err != nil {
		return fmt.Errorf("mail: load email %d: %w", job.Args.EmailID, err)
	}
	if e.Status == StatusSent || e.Status == StatusBounced {
		return nil
	}
	if err := w.Sender.Send(ctx, e); err != nil {
		st := StatusDeferred
		if job.JobRow != nil && job.Attempt >= job.MaxAttempts {
			st = StatusFailed // the last attempt: River gives up after this one
		}
		if mErr := w.mark(ctx, e.ID, st, err.Error(), nil); mErr != nil {
			return mErr
		}
		return fmt.Errorf("mail: send email %d: %w", e.ID, err)
	}
	now := time.Now().UTC()
	return w.mark(ctx, e.ID, StatusSent, "", &now)
}

// Register adds the mail workers; onStatus (may be nil) hears every delivery change.
func Register(workers *river.Workers, db *database.DB, sender Sender, log *slog.Logger,
	onStatus func(ctx context.Context, emailID int64, st Status) error) {
	river.AddWorker(workers, &SendWorker{DB: db, Sender: sender, Log: log, OnStatus: onStatus})
}
