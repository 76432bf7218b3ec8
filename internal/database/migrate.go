package database

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"roster/migrations"
)

func (db *DB) provider(log *slog.Logger) (*goose.Provider, error) {
	fsys, err := migrations.FS(string(db.Dialect))
	if err != nil {
		return nil, err
	}
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	if log != nil {
		opts = append(opts, goose.WithSlog(log.With("component", "migrate")))
	}
	dialect := goose.DialectSQLite3
	if db.Dialect == Postgres {
		dialect = goose.DialectPostgres
		// Replicas starting together migrate once: the others wait on this lock.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	return goose.NewProvider(dialect, db.SQL, fsys, opts...)
}

// Migrate applies every pending migration of Roster's own schema.
func (db *DB) Migrate(ctx context.Context, log *slog.Logger) error {
	p, err := db.provider(log)
	if err != nil {
		return fmt.Errorf("database: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("database: migrate up: %w", err)
	}
	return nil
}

// MigrateDown rolls back the newest applied migration.
func (db *DB) MigrateDown(ctx context.Context, log *slog.Logger) error {
	p, err := db.provider(log)
	if err != nil {
		return fmt.Errorf("database: migrations: %w", err)
	}
	if _, err := p.Down(ctx); err != nil {
		return fmt.Errorf("database: migrate down: %w", err)
	}
	return nil
}

// MigrationStatus writes one line per migration: applied time or "pending".
func (db *DB) MigrationStatus(ctx context.Context, w io.Writer) error {
	p, err := db.provider(nil)
	if err != nil {
		return fmt.Errorf("database: migrations: %w", err)
	}
	st, err := p.Status(ctx)
	if err != nil {
		return fmt.Errorf("database: migration status: %w", err)
	}
	for _, s := range st {
		when := "pending"
		if s.State == goose.StateApplied {
			when = "applied " + s.AppliedAt.UTC().Format("2006-01-02 15:04:05Z")
		}
		fmt.Fprintf(w, "%-6d %-40s %s\n", s.Source.Version, s.Source.Path, when)
	}
	return nil
}
