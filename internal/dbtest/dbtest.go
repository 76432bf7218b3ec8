// Package dbtest gives each test a fresh, migrated database: a temporary
// SQLite file, and a PostgreSQL database cloned from a migrated template.
//
// PostgreSQL is found at $ROSTER_TEST_POSTGRES_URL (default
// postgres://postgres@127.0.0.1:5432/postgres). When it cannot be reached the
// PostgreSQL half skips loudly — except in CI (CI=true), where it fails.
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"roster/internal/database"
	"roster/internal/jobs"
	"roster/migrations"
)

// Each runs fn on a fresh SQLite database and on a fresh PostgreSQL database.
func Each(t *testing.T, fn func(t *testing.T, db *database.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite returns a migrated database in a temporary file, closed at cleanup.
func SQLite(t testing.TB) *database.DB {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "roster.db")
	db, err := database.Open(ctx, "sqlite://"+path, "", nil)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx, nil); err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	if err := jobs.Migrate(ctx, db); err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	return db
}

// InCI reports whether the tests run in CI, where nothing may skip.
func InCI() bool { return os.Getenv("CI") == "true" || os.Getenv("CI") == "1" }

// AdminURL is the PostgreSQL server used by the tests.
func AdminURL() string {
	if u := os.Getenv("ROSTER_TEST_POSTGRES_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

var (
	tplOnce sync.Once
	tplName string
	tplErr  error
	tplSkip bool
)

// Postgres returns a fresh migrated PostgreSQL database, dropped at cleanup.
func Postgres(t testing.TB) *database.DB {
	t.Helper()
	ctx := context.Background()
	tplOnce.Do(func() { tplName, tplSkip, tplErr = template(ctx) })
	if tplSkip {
		msg := fmt.Sprintf("\n*** PostgreSQL TESTS SKIPPED: no server at %s (%v) ***\n", AdminURL(), tplErr)
		if InCI() {
			t.Fatal(msg + "CI=true: a skipped PostgreSQL test is a failure")
		}
		t.Skip(msg)
	}
	if tplErr != nil {
		t.Fatalf("dbtest: template: %v", tplErr)
	}
	admin, err := sql.Open("pgx", AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := "roster_t_" + randHex(6)
	if _, err := admin.ExecContext(ctx, fmt.Sprintf(`CREATE DATABASE %s TEMPLATE %s`, name, tplName)); err != nil {
		t.Fatalf("dbtest: create database: %v", err)
	}
	db, err := database.Open(ctx, withDB(AdminURL(), name), "", nil)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	t.Cleanup(func() {
		db.Close()
		a, err := sql.Open("pgx", AdminURL())
		if err != nil {
			return
		}
		defer a.Close()
		_, _ = a.ExecContext(context.Background(), fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, name))
	})
	return db
}

// URL returns a connection URL for the PostgreSQL database named name.
func URL(name string) string { return withDB(AdminURL(), name) }

// NewPostgresDatabase creates an empty PostgreSQL database (for tests of the
// binary, which migrates it itself) and returns its URL; dropped at cleanup.
func NewPostgresDatabase(t testing.TB) string {
	t.Helper()
	ctx := context.Background()
	admin, err := sql.Open("pgx", AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	pctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if err := admin.PingContext(pctx); err != nil {
		msg := fmt.Sprintf("\n*** PostgreSQL TESTS SKIPPED: no server at %s (%v) ***\n", AdminURL(), err)
		if InCI() {
			t.Fatal(msg + "CI=true: a skipped PostgreSQL test is a failure")
		}
		t.Skip(msg)
	}
	name := "roster_t_" + randHex(6)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", AdminURL())
		if err != nil {
			return
		}
		defer a.Close()
		_, _ = a.ExecContext(context.Background(), fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, name))
	})
	return URL(name)
}

// template creates (once per schema version, shared by concurrent test
// binaries through an advisory lock) a migrated template database.
func template(ctx context.Context) (name string, skip bool, err error) {
	admin, err := sql.Open("pgx", AdminURL())
	if err != nil {
		return "", true, err
	}
	defer admin.Close()
	pctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if err := admin.PingContext(pctx); err != nil {
		return "", true, err
	}
	name = "roster_tpl_" + schemaHash()
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", false, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(727274)`); err != nil {
		return "", false, err
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(727274)`)
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return "", false, err
	}
	if exists {
		return name, false, nil
	}
	building := name + "_tmp"
	_, _ = conn.ExecContext(ctx, fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, building))
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+building); err != nil {
		return "", false, err
	}
	db, err := database.Open(ctx, withDB(AdminURL(), building), "", nil)
	if err != nil {
		return "", false, err
	}
	if err := db.Migrate(ctx, nil); err != nil {
		db.Close()
		return "", false, err
	}
	if err := jobs.Migrate(ctx, db); err != nil {
		db.Close()
		return "", false, err
	}
	db.Close()
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`ALTER DATABASE %s RENAME TO %s`, building, name)); err != nil {
		return "", false, err
	}
	dropStaleTemplates(ctx, conn, name)
	return name, false, nil
}

// dropStaleTemplates removes templates of older schemas (best effort: one in
// use by another test run stays).
func dropStaleTemplates(ctx context.Context, conn *sql.Conn, keep string) {
	rows, err := conn.QueryContext(ctx, `SELECT datname FROM pg_database WHERE datname LIKE 'roster\_tpl\_%' AND datname <> $1`, keep)
	if err != nil {
		return
	}
	var stale []string
	for rows.Next() {
		var n string
		if rows.Scan(&n) == nil {
			stale = append(stale, n)
		}
	}
	rows.Close()
	for _, n := range stale {
		_, _ = conn.ExecContext(ctx, fmt.Sprintf(`DROP DATABASE IF EXISTS %s`, n))
	}
}

// schemaHash identifies the migrations, so a changed schema gets a new template.
func schemaHash() string {
	h := sha256.New()
	fsys, err := migrations.FS("postgres")
	if err == nil {
		_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, _ := fs.ReadFile(fsys, p)
			h.Write([]byte(p))
			h.Write(b)
			return nil
		})
	}
	h.Write([]byte("river-v0.31.0"))
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func withDB(raw, name string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Path = "/" + name
	return u.String()
}

func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
