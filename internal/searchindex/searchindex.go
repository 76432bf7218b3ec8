// Package searchindex keeps the trigram (GIN) search indexes of PostgreSQL
// merged after bulk writes. A bulk write (sqlbatch.Load) leaves the new
// rows' search entries in each index's pending list, which searches read
// like the rest of the index; the merge job folds the list into the index
// in the background, so that neither the import nor the next person invited
// by hand pays for it. On SQLite there is nothing to merge.
package searchindex

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"roster/internal/database"
)

// Indexes are the trigram indexes bulk writes fill.
var Indexes = []string{"persons_search_trgm_idx", "participations_search_trgm_idx"}

// Queue is the River queue of merges: one at a time (concurrent merges of
// one index wait for each other), apart from the other jobs.
const Queue = "searchindex"

// MergeArgs is the job that merges the pending lists. Its kind never changes.
type MergeArgs struct{}

// Kind implements river.JobArgs.
func (MergeArgs) Kind() string { return "searchindex.merge" }

// InsertOpts implements river.JobArgsWithInsertOpts. Every bulk
// transaction enqueues one: a merge that starts after the transaction
// committed sees its entries (a merge running meanwhile may not).
func (MergeArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: Queue, MaxAttempts: 5}
}

// Merge folds the pending lists into the indexes and returns how many
// index pages it processed. Concurrent merges wait for each other.
func Merge(ctx context.Context, db *database.DB) (int64, error) {
	if db.Dialect != database.Postgres {
		return 0, nil
	}
	var total int64
	for _, idx := range Indexes {
		var n int64
		if err := db.SQL.QueryRowContext(ctx, `SELECT gin_clean_pending_list($1::regclass)`, idx).Scan(&n); err != nil {
			return total, fmt.Errorf("searchindex: merge %s: %w", idx, err)
		}
		total += n
	}
	return total, nil
}

// MergeWorker runs MergeArgs.
type MergeWorker struct {
	river.WorkerDefaults[MergeArgs]
	DB *database.DB
}

// Work implements river.Worker.
func (w *MergeWorker) Work(ctx context.Context, _ *river.Job[MergeArgs]) error {
	_, err := Merge(ctx, w.DB)
	return err
}

// Register adds the merge worker (its client needs Queue, one worker).
func Register(workers *river.Workers, db *database.DB) {
	river.AddWorker(workers, &MergeWorker{DB: db})
}
