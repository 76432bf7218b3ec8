package migrations

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var fileName = regexp.MustCompile(`^(\d{4})_[a-z0-9_]+\.sql$`)

func names(t *testing.T, dialect string) []string {
	t.Helper()
	fsys, err := FS(dialect)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// TestDialectsMatch fails when one dialect has a migration the other lacks, or
// when a file name does not follow NNNN_name.sql.
func TestDialectsMatch(t *testing.T) {
	pg, lite := names(t, "postgres"), names(t, "sqlite")
	if len(pg) == 0 {
		t.Fatal("no postgres migrations")
	}
	if !slices.Equal(pg, lite) {
		t.Fatalf("migration files differ:\npostgres: %v\nsqlite:   %v", pg, lite)
	}
	seen := map[string]string{}
	for _, n := range pg {
		m := fileName.FindStringSubmatch(n)
		if m == nil {
			t.Errorf("%s: name must be NNNN_lower_snake.sql", n)
			continue
		}
		if prev, ok := seen[m[1]]; ok {
			t.Errorf("version %s used twice: %s and %s", m[1], prev, n)
		}
		seen[m[1]] = n
	}
}

// TestGooseAnnotations checks that every file has an Up and a Down section
// and balanced statement blocks.
func TestGooseAnnotations(t *testing.T) {
	for _, d := range []string{"postgres", "sqlite"} {
		fsys, err := FS(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names(t, d) {
			b, err := fs.ReadFile(fsys, n)
			if err != nil {
				t.Fatal(err)
			}
			s := string(b)
			if !strings.Contains(s, "-- +goose Up") || !strings.Contains(s, "-- +goose Down") {
				t.Errorf("%s/%s: needs -- +goose Up and -- +goose Down", d, n)
			}
			if strings.Count(s, "-- +goose StatementBegin") != strings.Count(s, "-- +goose StatementEnd") {
				t.Errorf("%s/%s: unbalanced StatementBegin/StatementEnd", d, n)
			}
		}
	}
}

func TestUnknownDialect(t *testing.T) {
	if _, err := FS("mysql"); err == nil {
		t.Fatal("FS(mysql) succeeded")
	}
}
