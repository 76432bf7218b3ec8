package jobs_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/jobs"
)

type pingArgs struct {
	N int `json:"n"`
}

func (pingArgs) Kind() string { return "test.ping" }

type pingWorker struct {
	river.WorkerDefaults[pingArgs]
	done chan int
}

func (w *pingWorker) Work(_ context.Context, j *river.Job[pingArgs]) error {
	w.done <- j.Args.N
	return nil
}

// A job inserted in a rolled-back transaction never exists; one inserted in a
// committed transaction runs.
func TestEnqueueTxFollowsTheTransaction(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		w := &pingWorker{done: make(chan int, 4)}
		workers := river.NewWorkers()
		river.AddWorker(workers, w)
		c, err := jobs.New(db, nil, jobs.Options{Workers: workers, PollInterval: 50 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}

		errRollback := errors.New("rollback")
		err = db.InTx(ctx, func(tx database.Tx) error {
			if err := c.EnqueueTx(ctx, tx, pingArgs{N: 1}, nil); err != nil {
				return err
			}
			return errRollback
		})
		if !errors.Is(err, errRollback) {
			t.Fatalf("want rollback, got %v", err)
		}
		var n int64
		if err := db.Gorm.Table("river_job").Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Fatalf("a rolled-back transaction left %d job(s)", n)
		}

		if err := db.InTx(ctx, func(tx database.Tx) error { return c.EnqueueTx(ctx, tx, pingArgs{N: 2}, nil) }); err != nil {
			t.Fatal(err)
		}
		if err := c.Start(ctx); err != nil {
			t.Fatal(err)
		}
		defer c.Stop(context.Background())
		select {
		case got := <-w.done:
			if got != 2 {
				t.Fatalf("ran job %d, want 2", got)
			}
		case <-ctx.Done():
			t.Fatal("the committed job did not run")
		}
		select {
		case got := <-w.done:
			t.Fatalf("an extra job ran: %d", got)
		case <-time.After(300 * time.Millisecond):
		}
	})
}

// Stopping right after starting, with the start context already cancelled
// (a signal during start-up), finishes promptly: no shutdown deadlock.
func TestStopRightAfterStart(t *testing.T) {
	t.Parallel()
	db := dbtest.SQLite(t)
	for range 10 {
		workers := river.NewWorkers()
		river.AddWorker(workers, &pingWorker{done: make(chan int, 1)})
		c, err := jobs.New(db, nil, jobs.Options{Workers: workers, PollInterval: 20 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		if err := c.Start(ctx); err != nil {
			t.Fatal(err)
		}
		cancel()
		done := make(chan error, 1)
		go func() {
			sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer scancel()
			done <- c.Stop(sctx)
		}()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("stop hangs")
		}
	}
}
