package bulk

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/event"
	"roster/internal/participation"
	"roster/internal/people"
	"roster/internal/searchindex"
	"roster/internal/sheet"
	"roster/internal/sqlbatch"
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
	BatchSize      = 10000
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
	if s.batchRows > 0 {
		size = s.batchRows
	}
	// The file is read and checked in its own goroutine while the previous
	// batch is written: parsing and the database's work overlap.
	readCtx, stopReading := context.WithCancel(ctx)
	batches := make(chan importBatch, 1)
	var readErr error
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		defer close(batches)
		readErr = s.readBatches(readCtx, e, path, b, size, batches)
	}()
	// On PostgreSQL the persons of a batch are written a batch ahead, on a
	// connection and in a transaction of their own, while the previous
	// batch's participations are written: the two halves of the database's
	// work run side by side. Persons written for rows whose participations
	// are not (the process stopped in between) are found by email and
	// reused when the rows are written again. SQLite has one writer: there
	// the persons are written in the participations' transaction.
	in := batches
	var personsErr error
	personsDone := make(chan struct{})
	if s.DB.Dialect == database.Postgres {
		staged := make(chan importBatch, 1)
		in = staged
		go func() {
			defer close(personsDone)
			defer close(staged)
			personsErr = s.writePersons(readCtx, p, batches, staged)
		}()
	} else {
		close(personsDone)
	}
	defer func() {
		stopReading()
		for range in { // let the reader and the persons' writer see the cancellation and end
		}
		<-personsDone
		for range batches {
		}
		<-readDone
	}()

	wr, err := sqlbatch.NewWriter(ctx, s.DB)
	if err != nil {
		return err
	}
	defer wr.Close()
	last := b.Processed
	for batch := range in {
		if len(batch.rows) == 0 && batch.upTo == last && batch.skipped+batch.failed == 0 {
			continue
		}
		err := wr.InTx(ctx, func(tx database.Tx) error {
			persons := batch.persons
			if persons == nil {
				var err error
				if persons, err = s.Participants.ImportPersonsTx(ctx, tx, p, batch.rows); err != nil {
					return err
				}
			}
			res, err := s.Participants.ImportParticipationsTx(ctx, tx, p, e, b.ID, batch.rows, persons, b.Options.SendEmail)
			if err != nil {
				return err
			}
			// Only from the mark this run started from: a second run of the
			// same batch (a rescued job) cannot write the same rows again.
			ok, err := advanceJob(ctx, tx.Gorm, b.ID, last, batch.upTo, res.Invited, batch.skipped+len(res.AlreadyIn), batch.failed)
			if err != nil {
				return err
			}
			if !ok {
				return errStopped
			}
			if tx.Dialect == database.Postgres && res.Invited > 0 {
				// The rows' search entries wait in the indexes' pending
				// lists (sqlbatch.Load) until this job merges them.
				return s.Jobs.EnqueueTx(ctx, tx, searchindex.MergeArgs{}, nil)
			}
			return nil
		})
		if errors.Is(err, errStopped) {
			return nil
		}
		if err != nil {
			return err
		}
		last = batch.upTo
		if last < b.Total && time.Now().After(stopAt) {
			return errPause
		}
	}
	<-personsDone
	if personsErr != nil {
		return personsErr
	}
	<-readDone
	if readErr != nil {
		return readErr
	}
	if last != b.Total {
		return fmt.Errorf("bulk: batch %d: the file has %d rows, %d expected", b.ID, last, b.Total)
	}
	if err := wr.Checkpoint(ctx); err != nil {
		return err
	}
	_, err = updateJob(ctx, s.DB.Gorm, b.ID, []Status{StatusRunning}, map[string]any{"status": string(StatusDone),
		"processed": b.Total, "finished_at": s.Now()})
	return err
}

// importBatch is the rows one transaction of an import writes: the valid
// rows up to row index upTo, and how many rows before it were skipped
// (already in the event, or duplicates) or refused; persons[i] is the person
// of rows[i] once written (writePersons).
type importBatch struct {
	rows            []participation.ImportRow
	persons         []people.Person
	upTo            int
	skipped, failed int
}

// writePersons writes the persons of each batch from in, in a transaction
// of its own on a connection of its own, and passes the batch on to out.
func (s *Service) writePersons(ctx context.Context, p auth.Principal, in <-chan importBatch, out chan<- importBatch) error {
	wr, err := sqlbatch.NewWriter(ctx, s.DB)
	if err != nil {
		return err
	}
	defer wr.Close()
	for batch := range in {
		if len(batch.rows) > 0 {
			if err := wr.InTx(ctx, func(tx database.Tx) (err error) {
				batch.persons, err = s.Participants.ImportPersonsTx(ctx, tx, p, batch.rows)
				return err
			}); err != nil {
				return err
			}
		}
		select {
		case out <- batch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// readBatches checks the file again (so duplicates are judged as before) and
// sends the rows after the batch's progress mark in batches of size valid
// rows; the last batch ends at the file's end, even without rows.
func (s *Service) readBatches(ctx context.Context, e event.Event, path string, b Batch, size int, out chan<- importBatch) error {
	cur := importBatch{rows: make([]participation.ImportRow, 0, size)}
	send := func(upTo int) error {
		cur.upTo = upTo
		select {
		case out <- cur:
		case <-ctx.Done():
			return ctx.Err()
		}
		cur = importBatch{rows: make([]participation.ImportRow, 0, size)}
		return nil
	}
	n := 0
	_, err := s.scan(ctx, e, path, func(i int, _ sheet.Record, row Row, out Outcome, _ []Problem) error {
		n = i + 1
		if i < b.Processed {
			return nil // written by an earlier run
		}
		switch out {
		case OutcomeValid:
			cur.rows = append(cur.rows, participation.ImportRow{Profile: people.Profile{Email: row.Email, FirstName: row.FirstName,
				LastName: row.LastName, Title: row.Title, Company: row.Company, Bio: row.Bio, Language: row.Language},
				Speaker: row.Speaker, Moderator: row.Moderator})
		case outcomeAlreadyIn, OutcomeDuplicate:
			cur.skipped++ // a duplicate's first occurrence is the one imported
		default:
			cur.failed++ // invalid, or a suspected typo to fix first
		}
		if len(cur.rows) >= size {
			return send(i + 1)
		}
		return nil
	}, false)
	if err != nil {
		return err
	}
	if n <= b.Processed {
		n = b.Processed // nothing left after the mark
	}
	return send(n)
}

// errPause ends a run that used its time slice.
var errPause = errors.New("bulk: the run's time is up")

// errStopped means the batch left the running state (undone, failed) meanwhile.
var errStopped = errors.New("bulk: the import is no longer running")

func lower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Register adds the bulk workers.
func Register(workers *river.Workers, s *Service) {
	river.AddWorker(workers, &ImportWorker{Service: s})
	searchindex.Register(workers, s.DB)
}
