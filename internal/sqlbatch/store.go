package sqlbatch

import (
	"context"
	"database/sql"
	"fmt"

	"gorm.io/gorm"

	"roster/internal/database"
)

// SQLiteCheckpointPages is the WAL size (4 KiB pages) after which a
// Writer on SQLite checkpoints: some ten transactions of 10,000 imported
// rows. With the default (1,000 pages) nearly every transaction would copy
// the pages it touched a second time.
const SQLiteCheckpointPages = 50000

// Writer is one connection that writes bulk transactions one after
// another (an import run). On SQLite, while it lasts, it has a page cache
// of SQLiteCacheKiB and lets the WAL grow to SQLiteCheckpointPages;
// Checkpoint copies the WAL back once, at the end, and Close gives the
// connection back to the pool as it was.
type Writer struct {
	db      *database.DB
	Conn    *sql.Conn
	restore []string
}

// NewWriter takes a connection from the pool and readies it.
func NewWriter(ctx context.Context, db *database.DB) (*Writer, error) {
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		return nil, err
	}
	w := &Writer{db: db, Conn: conn}
	if db.Dialect == database.SQLite {
		var cache, checkpoint int64
		err := conn.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache)
		if err == nil {
			err = conn.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&checkpoint)
		}
		if err == nil {
			_, err = conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = %d`, -SQLiteCacheKiB))
		}
		if err == nil {
			_, err = conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA wal_autocheckpoint = %d`, SQLiteCheckpointPages))
		}
		if err != nil {
			conn.Close()
			return nil, err
		}
		w.restore = []string{fmt.Sprintf(`PRAGMA cache_size = %d`, cache), fmt.Sprintf(`PRAGMA wal_autocheckpoint = %d`, checkpoint)}
	}
	return w, nil
}

// InTx runs fn in a transaction on the writer's connection.
func (w *Writer) InTx(ctx context.Context, fn func(tx database.Tx) error) error {
	// A session with a context has a statement of its own: setting its
	// connection leaves the shared *gorm.DB alone.
	g := w.db.Gorm.Session(&gorm.Session{NewDB: true, Context: ctx})
	g.Statement.ConnPool = w.Conn
	return g.Transaction(func(tx *gorm.DB) error { return fn(database.Tx{Gorm: tx, Dialect: w.db.Dialect}) })
}

// Checkpoint copies what the writer's transactions left in SQLite's WAL
// into the database (as far as readers allow), so that the next writer
// does not; on PostgreSQL there is nothing to do.
func (w *Writer) Checkpoint(ctx context.Context) error {
	if w.db.Dialect != database.SQLite {
		return nil
	}
	_, err := w.Conn.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
	return err
}

// Close gives the connection back to the pool as it was.
func (w *Writer) Close() {
	for _, q := range w.restore {
		_, _ = w.Conn.ExecContext(context.Background(), q)
	}
	w.Conn.Close()
}
