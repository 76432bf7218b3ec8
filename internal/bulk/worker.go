package bulk

import (
	"context"
	"errors"
	"os"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/event"
	"roster/internal/participation"
	"roster/internal/people"
	"roster/internal/sheet"
)

// ImportArgs is the job that runs one import batch. Its kind never changes.
type ImportArgs struct {
	BatchID int64 `json:"batch_id"`
}

// Kind implements river.JobArgs.
func (ImportArgs) Kind() string { return "bulk.import" }

// InsertOpts implements river.JobArgsWithInsertOpts: one job per batch.
func (ImportArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// BatchSize is how many rows one transaction of the import writes;
// EmailBatchSize when each row also queues its invitation.
const (
	BatchSize      = 1000
	EmailBatchSize = 250
)

// ImportWorker runs import batches. Each transaction writes up to BatchSize
// rows (persons, participations, history, counters, queued invitations)
// together with the batch's progress, so a process killed mid-import
// resumes where the last transaction ended: every row is invited exactly
// once and no email is queued twice.
type ImportWorker struct {
	river.WorkerDefaults[ImportArgs]
	Service *Service
}

// Work implements river.Worker.
func (w *ImportWorker) Work(ctx context.Context, job *river.Job[ImportArgs]) error {
	s := w.Service
	r, err := jobByIDAny(ctx, s.DB.Gorm, job.Args.BatchID)
	if database.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	b, err := r.domain()
	if err != nil {
		return err
	}
	if b.Status != StatusRunning {
		return nil // done, undone or discarded: nothing to do
	}
	err = s.run(ctx, b)
	if errors.Is(err, errPause) || (err != nil && ctx.Err() != nil) {
		// Time to let go (the slice is used up, or the server is stopping):
		// the next run starts where this one committed.
		return river.JobSnooze(0)
	}
	if err != nil && (job.JobRow == nil || job.Attempt >= job.MaxAttempts) {
		_, _ = updateJob(context.WithoutCancel(ctx), s.DB.Gorm, b.ID, []Status{StatusRunning}, map[string]any{
			"status": string(StatusFailed), "error": clip(err.Error(), 1000), "finished_at": s.Now()})
	}
	return err
}

// run imports the rows of b after those already processed.
func (s *Service) run(ctx context.Context, b Batch) error {
	p := auth.Principal{PartnerID: b.PartnerID, Role: auth.Role(b.Options.StartedByRole), Email: b.Options.StartedByName}
	if b.CreatedByStaffID != nil {
		p.StaffID = *b.CreatedByStaffID
	}
	e, err := event.GetTx(ctx, s.DB.Conn(ctx), b.PartnerID, b.EventID)
	if err != nil {
		return err
	}
	path, err := s.materialize(ctx, b.ID)
	if err != nil {
		return err
	}
	defer os.Remove(path)

	// A run works for a slice of its time limit, then hands over to the
	// next run (River rescues a job that runs past its limit).
	stopAt := time.Now().Add(2 * time.Minute)
	if d, ok := ctx.Deadline(); ok {
		stopAt = time.Now().Add(time.Until(d) / 2)
	}
	size := BatchSize
	if b.Options.SendEmail {
		size = EmailBatchSize
	}
	var rows []participation.ImportRow
	skipped, failed := 0, 0 // rows skipped or refused since the last write
	last := b.Processed
	write := func(upTo int) error {
		if upTo <= last && len(rows) == 0 {
			return nil
		}
		return s.DB.InTx(ctx, func(tx database.Tx) error {
			res, err := s.Participants.ImportTx(ctx, tx, p, e, b.ID, rows, b.Options.SendEmail)
			if err != nil {
				return err
			}
			// Only from the mark this run started from: a second run of the
			// same batch (a rescued job) cannot write the same rows again.
			ok, err := advanceJob(ctx, tx.Gorm, b.ID, last, upTo, res.Invited, skipped+len(res.AlreadyIn), failed)
			if err != nil {
				return err
			}
			if !ok {
				return errStopped
			}
			rows, skipped, failed, last = rows[:0], 0, 0, upTo
			return nil
		})
	}
	// The check runs again over the whole file (so duplicates are judged as
	// before); rows before the progress mark were written by an earlier run.
	_, err = s.check(ctx, e, path, func(i int, _ sheet.Record, row Row, out Outcome, _ []Problem) error {
		if i < b.Processed {
			return nil
		}
		switch out {
		case OutcomeValid:
			rows = append(rows, participation.ImportRow{Profile: people.Profile{Email: row.Email, FirstName: row.FirstName,
				LastName: row.LastName, Title: row.Title, Company: row.Company, Bio: row.Bio, Language: row.Language},
				Speaker: row.Speaker, Moderator: row.Moderator})
		case outcomeAlreadyIn, OutcomeDuplicate:
			skipped++ // a duplicate's first occurrence is the one imported
		default:
			failed++ // invalid, or a suspected typo to fix first
		}
		if len(rows) >= size {
			if err := write(i + 1); err != nil {
				return err
			}
			if time.Now().After(stopAt) {
				return errPause
			}
		}
		return nil
	})
	if errors.Is(err, errStopped) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := write(b.Total); err != nil {
		if errors.Is(err, errStopped) {
			return nil
		}
		return err
	}
	_, err = updateJob(ctx, s.DB.Gorm, b.ID, []Status{StatusRunning}, map[string]any{"status": string(StatusDone),
		"processed": b.Total, "finished_at": s.Now()})
	return err
}

// errPause ends a run that used its time slice.
var errPause = errors.New("bulk: the run's time is up")

// errStopped means the batch left the running state (undone, failed) meanwhile.
var errStopped = errors.New("bulk: the import is no longer running")

func lower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Register adds the bulk workers.
func Register(workers *river.Workers, s *Service) {
	river.AddWorker(workers, &ImportWorker{Service: s})
}
