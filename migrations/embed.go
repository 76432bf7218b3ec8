// Package migrations embeds Roster's schema migrations: one goose SQL file per
// version in each dialect's folder (postgres/ and sqlite/), with the same
// version numbers and file names in both.
package migrations

import (
	"embed"
	"fmt"
	"io/fs"
)

//go:embed postgres/*.sql sqlite/*.sql
var files embed.FS

// Dialects lists the folders of migrations, one per supported dialect.
var dialects = []string{"postgres", "sqlite"}

// FS returns the migrations of dialect ("postgres" or "sqlite") as a file
// system whose root holds the NNNN_name.sql files.
func FS(dialect string) (fs.FS, error) {
	for _, d := range dialects {
		if d == dialect {
			sub, err := fs.Sub(files, d)
			if err != nil {
				return nil, fmt.Errorf("migrations: %s: %w", dialect, err)
			}
			return sub, nil
		}
	}
	return nil, fmt.Errorf("migrations: unknown dialect %q", dialect)
}
