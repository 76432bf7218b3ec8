// Package sqlbatch runs one multi-row statement over many rows in chunks,
// prepared once per chunk size: the set-based writes of bulk imports on
// databases without array parameters (SQLite).
package sqlbatch

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"roster/internal/database"
)

// Tuples returns n copies of tuple separated by commas: the VALUES list of
// a multi-row INSERT.
func Tuples(n int, tuple string) string {
	var b strings.Builder
	b.Grow(n * (len(tuple) + 2))
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(tuple)
	}
	return b.String()
}

// Each runs the statement query(n) for rows [0, total) in chunks of at most
// size rows: args appends the parameters of rows [start, end) to its
// argument; with scan, each row the statement returns is handed to it
// (INSERT … RETURNING), otherwise the statement is executed.
func Each(ctx context.Context, tx *sql.Tx, total, size int, query func(n int) string,
	args func(start, end int, dst []any) []any, scan func(*sql.Rows) error) error {
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	buf := make([]any, 0, 64)
	for start := 0; start < total; start += size {
		end := min(start+size, total)
		n := end - start
		var stmt *sql.Stmt
		if n == size {
			if full == nil {
				s, err := tx.PrepareContext(ctx, query(size))
				if err != nil {
					return err
				}
				full = s
			}
			stmt = full
		} else {
			s, err := tx.PrepareContext(ctx, query(n))
			if err != nil {
				return err
			}
			defer s.Close()
			stmt = s
		}
		buf = args(start, end, buf[:0])
		if scan == nil {
			if _, err := stmt.ExecContext(ctx, buf...); err != nil {
				return err
			}
			continue
		}
		rows, err := stmt.QueryContext(ctx, buf...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := scan(rows); err != nil {
				rows.Close()
				return err
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// Stage fills the temporary table temp.<name> (n INTEGER PRIMARY KEY, then
// cols, "name TYPE, …") of tx's connection with total rows, in order of n,
// size rows per multi-row statement (args as in Each); whatever an earlier
// use left in it is removed. A set-based write on SQLite then reads the
// rows from it with one INSERT … SELECT: a temporary table has no index and
// no WAL, and SQLite does the per-row work of the real table in one
// statement instead of once per VALUES tuple.
func Stage(ctx context.Context, tx *sql.Tx, name, cols string, total, size int, args func(start, end int, dst []any) []any) error {
	if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE IF NOT EXISTS `+name+` (n INTEGER PRIMARY KEY, `+cols+`)`); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM temp.`+name); err != nil {
		return err
	}
	var names []string
	for _, c := range strings.Split(cols, ",") {
		names = append(names, strings.Fields(c)[0])
	}
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ") + ")"
	insert := `INSERT INTO temp.` + name + ` (` + strings.Join(names, ", ") + `) VALUES `
	return Each(ctx, tx, total, size, func(n int) string { return insert + Tuples(n, tuple) }, args, nil)
}

// Load runs fn, a bulk write of thousands of rows in tx, with settings
// made for it, and restores the connection's own afterwards. On PostgreSQL:
//
//   - the server's default plan caching. Roster's connections plan every
//     statement for its values (plan_cache_mode=force_custom_plan, for
//     IN-lists); that setting also makes PostgreSQL plan the foreign-key
//     check of every inserted row again, which costs a set-based insert
//     more than the rows themselves.
//   - a pending list of PendingListKiB for the trigram (GIN) search indexes:
//     the new rows' search entries are appended to the index's pending list
//     (searched like the rest of the index) instead of being merged into it
//     row by row, which costs more than all the other indexes together. The
//     caller enqueues searchindex.MergeArgs in the same transaction: that
//     job merges the list in the background, on a connection of its own.
//
// (On SQLite see SQLiteCacheKiB.)
func Load(ctx context.Context, tx database.Tx, fn func() error) error {
	if tx.Dialect != database.Postgres {
		return fn()
	}
	sqlTx := tx.SQL()
	var prevPlan, prevPending, set1, set2 string
	if err := sqlTx.QueryRowContext(ctx, `SELECT current_setting('plan_cache_mode'), current_setting('gin_pending_list_limit'),
		set_config('plan_cache_mode', 'auto', true), set_config('gin_pending_list_limit', $1, true)`, fmt.Sprint(PendingListKiB)).
		Scan(&prevPlan, &prevPending, &set1, &set2); err != nil {
		return err
	}
	if err := fn(); err != nil {
		return err
	}
	_, err := sqlTx.ExecContext(ctx, `SELECT set_config('plan_cache_mode', $1, true), set_config('gin_pending_list_limit', $2, true)`,
		prevPlan, prevPending)
	return err
}

// PendingListKiB is the GIN pending list a bulk write may fill (in KiB)
// before it has to merge the list itself: far more than one transaction of
// an import adds (about 6 MB per 10,000 rows), so that the merge is left to
// the background job.
const PendingListKiB = 512 << 10

// SQLiteCacheKiB is the page cache a SQLite connection needs while it
// writes batches of thousands of rows: with the default (2 MB) SQLite
// spills dirty index pages to the WAL in the middle of a transaction, and
// frees and reloads its cache at every commit.
const SQLiteCacheKiB = 64 << 10
