// Package jobs builds the River client on either dialect, runs River's own
// migrations, and inserts jobs inside the caller's transaction.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"roster/internal/database"
)

// Client is the River client: every background job of Roster goes through it.
type Client struct {
	River *river.Client[*sql.Tx]
}

// Options tunes a Client.
type Options struct {
	// Workers are the registered workers; nil makes an insert-only client.
	Workers *river.Workers
	// MaxWorkers bounds the concurrency of the default queue.
	MaxWorkers int
	// PollInterval is how often workers look for new jobs (both drivers poll).
	PollInterval time.Duration
	// Queues are further queues and their concurrency (for example mail.Queue).
	Queues map[string]int
	// RescueAfter is how long a job may run before it counts as stuck (its
	// worker died) and runs again; it also bounds a job's run time.
	// Default: 15 minutes.
	RescueAfter time.Duration
}

func driver(db *database.DB) riverdriver.Driver[*sql.Tx] {
	if db.Dialect == database.Postgres {
		return riverdatabasesql.New(db.SQL)
	}
	return riversqlite.New(db.SQL)
}

// Migrate applies River's own migrations (after Roster's).
func Migrate(ctx context.Context, db *database.DB) error {
	m, err := rivermigrate.New(driver(db), nil)
	if err != nil {
		return fmt.Errorf("jobs: river migrator: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("jobs: river migrate: %w", err)
	}
	return nil
}

// New builds a River client on db.
func New(db *database.DB, log *slog.Logger, opts Options) (*Client, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opts.PollInterval == 0 {
		opts.PollInterval = 200 * time.Millisecond
	}
	if opts.MaxWorkers == 0 {
		opts.MaxWorkers = 10
	}
	if opts.RescueAfter <= 0 {
		opts.RescueAfter = 15 * time.Minute
	}
	cfg := &river.Config{
		Logger:               log.With("component", "river"),
		FetchPollInterval:    opts.PollInterval,
		FetchCooldown:        min(opts.PollInterval/2, 20*time.Millisecond),
		JobTimeout:           min(5*time.Minute, opts.RescueAfter),
		RescueStuckJobsAfter: opts.RescueAfter,
		// Both drivers are database/sql: no LISTEN/NOTIFY, workers poll.
		PollOnly: true,
	}
	if opts.Workers != nil {
		cfg.Workers = opts.Workers
		cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: opts.MaxWorkers}}
		for name, n := range opts.Queues {
			cfg.Queues[name] = river.QueueConfig{MaxWorkers: n}
		}
	}
	c, err := river.NewClient(driver(db), cfg)
	if err != nil {
		return nil, fmt.Errorf("jobs: river client: %w", err)
	}
	return &Client{River: c}, nil
}

// Start starts the worker pool (no-op for an insert-only client). The pool
// runs until Stop: River treats the cancellation of the start context as a
// hard stop of its own, which would race with the graceful Stop, so the
// context's cancellation is deliberately not passed on.
func (c *Client) Start(ctx context.Context) error {
	return c.River.Start(context.WithoutCancel(ctx))
}

// Stop finishes the jobs in flight (until ctx ends), then cancels whatever
// still runs, waiting a few more seconds at most (a cancelled job is rescued
// and run again later: workers are idempotent).
func (c *Client) Stop(ctx context.Context) error {
	err := c.River.Stop(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		hard, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return c.River.StopAndCancel(hard)
	}
	return err
}

// EnqueueTx inserts a job inside tx: it runs only if tx commits.
func (c *Client) EnqueueTx(ctx context.Context, tx database.Tx, args river.JobArgs, opts *river.InsertOpts) error {
	sqlTx := tx.SQL()
	if sqlTx == nil {
		return errors.New("jobs: EnqueueTx needs a transaction")
	}
	if _, err := c.River.InsertTx(ctx, sqlTx, args, opts); err != nil {
		return fmt.Errorf("jobs: insert %s: %w", args.Kind(), err)
	}
	return nil
}
