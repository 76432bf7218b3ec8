package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/riverqueue/river"

	"roster/internal/database"
)

// Queue is the River queue of email deliveries, apart from other jobs so a
// large mailing never holds them up.
const Queue = "mail"

// MaxAttempts bounds the delivery attempts of one email; with Backoff they
// span about five hours before the email is marked failed.
const MaxAttempts = 12

// SendArgs is the job that delivers one queued email. Its kind never changes.
type SendArgs struct {
	EmailID int64 `json:"email_id"`
}

// Kind implements river.JobArgs.
func (SendArgs) Kind() string { return "mail.send" }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (SendArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: Queue, MaxAttempts: MaxAttempts}
}

// Backoff is the wait before retry number attempt (1 = the first retry):
// 5 s, 10 s, 20 s … doubling up to an hour, with ±10 % jitter so that a
// server coming back is not hit by every deferred email at once.
func Backoff(attempt int) time.Duration {
	d := 5 * time.Second << min(max(attempt-1, 0), 10)
	d = min(d, time.Hour)
	return d + time.Duration((rand.Float64()*0.2-0.1)*float64(d))
}

// ErrUnconfirmed is recorded on an email whose SMTP transaction an earlier
// attempt began without recording how it ended.
var ErrUnconfirmed = errors.New("delivery not confirmed: the worker stopped while the mail server was receiving this email, " +
	"so it may or may not have arrived; it is not sent again automatically — resend it if the person did not get it")

// errTaken means another attempt holds the email, or it is no longer to send.
var errTaken = errors.New("mail: the email is being sent by another attempt or no longer needs sending")

// SendWorker delivers queued emails.
//
// An email is never sent twice, even when its job runs twice or a worker
// dies after the SMTP server accepted it. Sending and recording cannot be
// one atomic step, so the worker chooses "at most once" for the one
// ambiguous moment: right before the message is handed to the server (on an
// open, checked connection) it commits a claim naming its attempt
// (emails.sending_attempt); the outcome and the release of the claim are
// committed before the job is acknowledged. A later attempt that finds an
// earlier attempt's claim cannot know whether the server got the email, so it
// does not send it again: it marks the email failed with ErrUnconfirmed,
// which the console shows, and a person can resend it. The window is the
// length of one SMTP transaction; anything that fails before it (connecting,
// a refusal) is known not to be delivered and is retried.
type SendWorker struct {
	river.WorkerDefaults[SendArgs]
	DB     *database.DB
	Sender Sender
	Log    *slog.Logger
	// OnStatus follows a delivery onto whatever the email was about (the
	// participant's delivery state); nil when nobody listens.
	OnStatus func(ctx context.Context, emailID int64, st Status) error
	// Backoff is the wait before a retry; nil means the package's Backoff.
	Backoff func(attempt int) time.Duration
}

// NextRetry implements river.Worker: exponential backoff (see Backoff).
func (w *SendWorker) NextRetry(job *river.Job[SendArgs]) time.Time {
	if w.Backoff != nil {
		return time.Now().Add(w.Backoff(job.Attempt))
	}
	return time.Now().Add(Backoff(job.Attempt))
}

func (w *SendWorker) finish(ctx context.Context, id int64, st Status, lastErr string, sentAt *time.Time) error {
	if err := finishEmail(ctx, w.DB.Gorm, id, st, lastErr, sentAt); err != nil {
		return err
	}
	if w.OnStatus != nil {
		return w.OnStatus(ctx, id, st)
	}
	return nil
}

// Work implements river.Worker.
func (w *SendWorker) Work(ctx context.Context, job *river.Job[SendArgs]) error {
	e, err := getOutgoing(ctx, w.DB.Gorm, job.Args.EmailID)
	if database.IsNotFound(err) {
		return nil // erased since: nothing to send
	}
	if err != nil {
		return fmt.Errorf("mail: load email %d: %w", job.Args.EmailID, err)
	}
	if e.Status != StatusQueued && e.Status != StatusDeferred {
		return nil // sent, bounced or failed: done
	}
	attempt, last := 1, true
	if job.JobRow != nil {
		attempt, last = job.Attempt, job.Attempt >= job.MaxAttempts
	}
	if e.SendingAttempt != nil {
		if *e.SendingAttempt == attempt {
			return nil // this very attempt, run twice: the first run records the outcome
		}
		// Only if that attempt's claim still stands: had it finished
		// meanwhile, its outcome is the truth.
		failed, err := failUnconfirmed(ctx, w.DB.Gorm, e.ID, *e.SendingAttempt, ErrUnconfirmed.Error())
		if err != nil || !failed {
			return err
		}
		if w.Log != nil {
			w.Log.Warn("email delivery unconfirmed", "email_id", e.ID, "claimed_by_attempt", *e.SendingAttempt)
		}
		if w.OnStatus != nil {
			return w.OnStatus(ctx, e.ID, StatusFailed)
		}
		return nil
	}
	begin := func(ctx context.Context) error {
		ok, err := claimEmail(ctx, w.DB.Gorm, e.ID, attempt)
		if err != nil {
			return fmt.Errorf("mail: claim email %d: %w", e.ID, err)
		}
		if !ok {
			return errTaken
		}
		return nil
	}
	// The outcome is recorded even if the job's context ends meanwhile.
	rec := context.WithoutCancel(ctx)
	err = w.Sender.Send(ctx, e, begin)
	switch {
	case err == nil:
		now := time.Now().UTC()
		return w.finish(rec, e.ID, StatusSent, "", &now)
	case errors.Is(err, errTaken):
		return nil
	case IsPermanent(err):
		// A permanent refusal (5xx) is a bounce: retrying cannot help.
		if mErr := w.finish(rec, e.ID, StatusBounced, err.Error(), nil); mErr != nil {
			return mErr
		}
		return river.JobCancel(fmt.Errorf("mail: email %d refused: %w", e.ID, err))
	default:
		st := StatusDeferred
		if last {
			st = StatusFailed // the last attempt: River gives up after this one
		}
		if mErr := w.finish(rec, e.ID, st, err.Error(), nil); mErr != nil {
			return mErr
		}
		return fmt.Errorf("mail: send email %d: %w", e.ID, err)
	}
}

// Register adds the mail workers; onStatus (may be nil) hears every delivery change.
// It returns the worker, to tune before the client starts.
func Register(workers *river.Workers, db *database.DB, sender Sender, log *slog.Logger,
	onStatus func(ctx context.Context, emailID int64, st Status) error) *SendWorker {
	w := &SendWorker{DB: db, Sender: sender, Log: log, OnStatus: onStatus}
	river.AddWorker(workers, w)
	return w
}
