// Package database opens Roster's database (embedded SQLite or PostgreSQL),
// applies the embedded migrations, and runs transactions. It is the only place
// that knows how each dialect is opened.
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	gormlogger "gorm.io/gorm/logger"
	msqlite "modernc.org/sqlite" // registers "sqlite" (pure Go)
	sqlite3 "modernc.org/sqlite/lib"
)

// Dialect names the SQL dialect of a database.
type Dialect string

// The supported dialects.
const (
	Postgres Dialect = "postgres"
	SQLite   Dialect = "sqlite"
)

// DB is an open database: GORM and database/sql share one pool.
type DB struct {
	Gorm    *gorm.DB
	SQL     *sql.DB
	Dialect Dialect
	// Path is the SQLite file, empty on PostgreSQL.
	Path string
}

// Tx is a transaction in progress. Inside a transaction use only Gorm (never
// the pool): on SQLite the pool would wait for the lock this transaction holds.
type Tx struct {
	Gorm    *gorm.DB
	Dialect Dialect
}

// SQL returns the underlying *sql.Tx (for River's InsertTx).
func (tx Tx) SQL() *sql.Tx {
	t, _ := tx.Gorm.Statement.ConnPool.(*sql.Tx)
	return t
}

// Describe returns a log-safe description of a database URL (no password).
func Describe(rawURL, dataDir string) string {
	if rawURL == "" {
		return "sqlite " + filepath.Join(dataDir, "roster.db")
	}
	if u, err := url.Parse(rawURL); err == nil && u.User != nil {
		u.User = url.User(u.User.Username())
		return u.String()
	}
	return rawURL
}

// Open connects to rawURL ("postgres://…", "sqlite:///path", or "" for the
// SQLite file roster.db in dataDir).
func Open(ctx context.Context, rawURL, dataDir string, log *slog.Logger) (*DB, error) {
	gcfg := &gorm.Config{
		TranslateError: true,
		NowFunc:        func() time.Time { return time.Now().UTC() },
		Logger:         newGormLogger(log),
		// Every write is in an explicit transaction of ours when it matters.
		SkipDefaultTransaction: true,
		PrepareStmt:            false,
	}
	switch {
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		pcfg, err := pgx.ParseConfig(rawURL)
		if err != nil {
			return nil, fmt.Errorf("database: postgres URL: %w", err)
		}
		// pgx prepares every statement; after five runs PostgreSQL may keep a
		// generic plan, which for "col IN ($2, …, $1001)" compares each row
		// with every parameter (a batch lookup turns quadratic). Plans made
		// for the actual values cost a little planning and stay fast.
		if _, set := pcfg.RuntimeParams["plan_cache_mode"]; !set {
			pcfg.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
		}
		sqlDB := stdlib.OpenDB(*pcfg)
		sqlDB.SetMaxOpenConns(20)
		sqlDB.SetMaxIdleConns(20) // = open: closing and reopening connections under load costs PostgreSQL a process each
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
		if err := sqlDB.PingContext(ctx); err != nil {
			sqlDB.Close()
			return nil, fmt.Errorf("database: cannot reach PostgreSQL at %s: %w", Describe(rawURL, ""), err)
		}
		g, err := gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), gcfg)
		if err != nil {
			sqlDB.Close()
			return nil, fmt.Errorf("database: gorm postgres: %w", err)
		}
		return &DB{Gorm: g, SQL: sqlDB, Dialect: Postgres}, nil
	case rawURL == "" || strings.HasPrefix(rawURL, "sqlite://"):
		path := strings.TrimPrefix(rawURL, "sqlite://")
		if path == "" {
			path = filepath.Join(dataDir, "roster.db")
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("database: create directory for %s: %w", path, err)
		}
		sqlDB, err := sql.Open("sqlite", SQLiteDSN(path))
		if err != nil {
			return nil, fmt.Errorf("database: open sqlite: %w", err)
		}
		// WAL allows readers beside the one writer; immediate transactions
		// make writers queue on busy_timeout instead of failing.
		sqlDB.SetMaxOpenConns(4)
		sqlDB.SetMaxIdleConns(4)
		sqlDB.SetConnMaxLifetime(0)
		if err := sqlDB.PingContext(ctx); err != nil {
			sqlDB.Close()
			return nil, fmt.Errorf("database: open sqlite %s: %w", path, err)
		}
		g, err := gorm.Open(sqlite.Dialector{DriverName: "sqlite", Conn: sqlDB}, gcfg)
		if err != nil {
			sqlDB.Close()
			return nil, fmt.Errorf("database: gorm sqlite: %w", err)
		}
		return &DB{Gorm: g, SQL: sqlDB, Dialect: SQLite, Path: path}, nil
	default:
		return nil, fmt.Errorf("database: unsupported URL %q", rawURL)
	}
}

// SQLiteDSN is the modernc.org/sqlite DSN Roster uses for a file.
func SQLiteDSN(path string) string {
	return "file:" + path + "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(NORMAL)&_txlock=immediate&_time_format=sqlite"
}

// Close closes the pool.
func (db *DB) Close() error { return db.SQL.Close() }

// Ping checks that the database answers (for /readyz).
func (db *DB) Ping(ctx context.Context) error {
	var one int
	return db.SQL.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// InTx runs fn in a transaction, committing when it returns nil.
func (db *DB) InTx(ctx context.Context, fn func(tx Tx) error) error {
	return db.Gorm.WithContext(ctx).Transaction(func(g *gorm.DB) error {
		return fn(Tx{Gorm: g, Dialect: db.Dialect})
	})
}

// Conn returns a Tx-shaped handle on the pool for read-only work outside a transaction.
func (db *DB) Conn(ctx context.Context) Tx {
	return Tx{Gorm: db.Gorm.WithContext(ctx), Dialect: db.Dialect}
}

// IsDuplicate reports whether err is a unique-constraint violation, on
// either dialect (GORM's translation only knows the cgo SQLite driver).
func IsDuplicate(err error) bool {
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return true
	}
	var se *msqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// IsNotFound reports whether err is GORM's record-not-found.
func IsNotFound(err error) bool { return errors.Is(err, gorm.ErrRecordNotFound) }

type gormLogger struct {
	log  *slog.Logger
	slow time.Duration
}

func newGormLogger(log *slog.Logger) gormlogger.Interface {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &gormLogger{log: log.With("component", "gorm"), slow: 200 * time.Millisecond}
}

func (l *gormLogger) LogMode(gormlogger.LogLevel) gormlogger.Interface { return l }
func (l *gormLogger) Info(ctx context.Context, msg string, args ...any) {
	l.log.DebugContext(ctx, fmt.Sprintf(msg, args...))
}
func (l *gormLogger) Warn(ctx context.Context, msg string, args ...any) {
	l.log.WarnContext(ctx, fmt.Sprintf(msg, args...))
}
func (l *gormLogger) Error(ctx context.Context, msg string, args ...any) {
	l.log.ErrorContext(ctx, fmt.Sprintf(msg, args...))
}

// Trace logs slow queries at warn; errors are returned to callers, who log them once at the edge.
func (l *gormLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if d := time.Since(begin); d > l.slow {
		sqlText, rows := fc()
		l.log.WarnContext(ctx, "slow query", "duration", d, "rows", rows, "sql", sqlText)
	}
}
