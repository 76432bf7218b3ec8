package schematest

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressly/goose/v3"
	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	"roster/internal/access"
	"roster/internal/audit"
	"roster/internal/auth"
	"roster/internal/bulk"
	"roster/internal/classroom"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/deletion"
	"roster/internal/demo"
	"roster/internal/event"
	"roster/internal/logintoken"
	"roster/internal/mail"
	"roster/internal/media"
	"roster/internal/participation"
	"roster/internal/partner"
	"roster/internal/people"
	"roster/migrations"
)

// records lists every package's GORM records, by package.
func records() map[string][]any {
	return map[string][]any{
		"access":        access.Records(),
		"audit":         audit.Records(),
		"auth":          auth.Records(),
		"bulk":          bulk.Records(),
		"classroom":     classroom.Records(),
		"deletion":      deletion.Records(),
		"event":         event.Records(),
		"logintoken":    logintoken.Records(),
		"mail":          mail.Records(),
		"media":         media.Records(),
		"participation": participation.Records(),
		"partner":       partner.Records(),
		"people":        people.Records(),
	}
}

// ignoredTable reports tables that no record of ours has to cover.
func ignoredTable(name string) bool {
	return name == "goose_db_version" || strings.HasPrefix(name, "river_") || strings.HasPrefix(name, "sqlite_")
}

var (
	timeType = reflect.TypeOf(time.Time{})
	scanner  = reflect.TypeOf((*sql.Scanner)(nil)).Elem()
)

// nullableField reports whether a field can hold NULL: a pointer, or a
// sql.Null* style scanner.
func nullableField(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		return true
	}
	return t.PkgPath() == "database/sql" && strings.HasPrefix(t.Name(), "Null") && reflect.PointerTo(t).Implements(scanner)
}

// columnTypes lists the database types that may back a Go field type, per dialect.
func columnTypes(t reflect.Type, d database.Dialect) []string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	pg := d == database.Postgres
	switch {
	case t == timeType:
		if pg {
			return []string{"timestamptz"}
		}
		return []string{"DATETIME"}
	case t.Kind() == reflect.Bool:
		if pg {
			return []string{"bool"}
		}
		return []string{"INTEGER"}
	case t.Kind() == reflect.String:
		if pg {
			return []string{"text"}
		}
		return []string{"TEXT"}
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		if pg {
			return []string{"bytea"}
		}
		return []string{"BLOB"}
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		if pg {
			return []string{"int4", "int8"}
		}
		return []string{"INTEGER"}
	}
	return nil
}

func TestRecordsMatchTables(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		m := db.Gorm.Migrator()
		covered := map[string]string{}

		pkgs := make([]string, 0)
		all := records()
		for p := range all {
			pkgs = append(pkgs, p)
		}
		sort.Strings(pkgs)

		for _, pkg := range pkgs {
			for _, rec := range all[pkg] {
				s, err := schema.Parse(rec, &sync.Map{}, db.Gorm.NamingStrategy)
				if err != nil {
					t.Errorf("%s: parse %T: %v", pkg, rec, err)
					continue
				}
				name := pkg + "." + s.Name + " (" + s.Table + ")"
				if prev, ok := covered[s.Table]; ok {
					t.Errorf("%s: table %s already has record %s", name, s.Table, prev)
				}
				covered[s.Table] = pkg + "." + s.Name
				if !m.HasTable(s.Table) {
					t.Errorf("%s: table does not exist", name)
					continue
				}
				cts, err := m.ColumnTypes(s.Table)
				if err != nil {
					t.Errorf("%s: column types: %v", name, err)
					continue
				}
				checkColumns(t, db.Dialect, name, s, cts)
			}
		}

		// Packages that write other packages' tables in bulk mirror their
		// records; the mirrors must match the tables too.
		for _, rec := range demo.Records() {
			s, err := schema.Parse(rec, &sync.Map{}, db.Gorm.NamingStrategy)
			if err != nil {
				t.Errorf("demo: parse %T: %v", rec, err)
				continue
			}
			cts, err := m.ColumnTypes(s.Table)
			if err != nil {
				t.Errorf("demo.%s: column types of %s: %v", s.Name, s.Table, err)
				continue
			}
			checkColumns(t, db.Dialect, "demo."+s.Name+" ("+s.Table+")", s, cts)
		}

		tables, err := m.GetTables()
		if err != nil {
			t.Fatal(err)
		}
		for _, tbl := range tables {
			if ignoredTable(tbl) {
				continue
			}
			if _, ok := covered[tbl]; !ok {
				t.Errorf("table %s has no GORM record in any package's Records()", tbl)
			}
		}
	})
}

func checkColumns(t *testing.T, d database.Dialect, name string, s *schema.Schema, cts []gorm.ColumnType) {
	dbCols := map[string]gorm.ColumnType{}
	for _, c := range cts {
		dbCols[c.Name()] = c
	}
	var structCols []string
	for _, f := range s.Fields {
		if f.DBName == "" {
			continue
		}
		structCols = append(structCols, f.DBName)
		c, ok := dbCols[f.DBName]
		if !ok {
			t.Errorf("%s: field %s: column %s missing from the table", name, f.Name, f.DBName)
			continue
		}
		pk, ok := c.PrimaryKey()
		if !ok {
			t.Errorf("%s: column %s: primary key unknown", name, f.DBName)
		} else if pk != f.PrimaryKey {
			t.Errorf("%s: column %s: primary key in table=%v, in record=%v", name, f.DBName, pk, f.PrimaryKey)
		}
		if want := columnTypes(f.FieldType, d); want == nil {
			t.Errorf("%s: field %s: unsupported Go type %s", name, f.Name, f.FieldType)
		} else if got := c.DatabaseTypeName(); !slices.Contains(want, got) {
			t.Errorf("%s: column %s: type %s, record field %s (%s) wants one of %v", name, f.DBName, got, f.Name, f.FieldType, want)
		}
		if f.PrimaryKey {
			continue
		}
		nullable, ok := c.Nullable()
		if !ok {
			t.Errorf("%s: column %s: nullability unknown", name, f.DBName)
			continue
		}
		if fn := nullableField(f.FieldType); fn != nullable {
			t.Errorf("%s: column %s: nullable in table=%v, but record field %s is %s", name, f.DBName, nullable, f.Name, f.FieldType)
		}
	}
	var tableCols []string
	for n := range dbCols {
		tableCols = append(tableCols, n)
	}
	sort.Strings(structCols)
	sort.Strings(tableCols)
	if !slices.Equal(structCols, tableCols) {
		t.Errorf("%s: columns differ\n  record: %v\n  table:  %v", name, structCols, tableCols)
	}
}

// TestMigrationsDownAndUp rolls every migration back (leaving none of our
// tables) and applies them again, on both dialects.
func TestMigrationsDownAndUp(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		p := gooseProvider(t, db)
		if _, err := p.DownTo(ctx, 0); err != nil {
			t.Fatalf("down: %v", err)
		}
		tables, err := db.Gorm.Migrator().GetTables()
		if err != nil {
			t.Fatal(err)
		}
		for _, tbl := range tables {
			if !ignoredTable(tbl) {
				t.Errorf("table %s left after migrating down", tbl)
			}
		}
		if _, err := p.Up(ctx); err != nil {
			t.Fatalf("up again: %v", err)
		}
		if !db.Gorm.Migrator().HasTable("participations") {
			t.Error("participations missing after migrating up again")
		}
	})
}

// Migration 0010 counts the speakers and the moderators of the events that
// exist already, per status, as the services count the new ones.
func TestRoleStatusCountersBackfilled(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		p := gooseProvider(t, db)
		if _, err := p.DownTo(ctx, 9); err != nil {
			t.Fatalf("down to 0009: %v", err)
		}
		now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		exec := func(q string, args ...any) {
			t.Helper()
			if err := db.Gorm.Exec(q, args...).Error; err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		exec(`INSERT INTO partners (id, name, created_at, updated_at) VALUES (1, 'A', ?, ?)`, now, now)
		exec(`INSERT INTO events (id, partner_id, name, starts_at, ends_at, login_method, created_at, updated_at)
			VALUES (1, 1, 'E', ?, ?, 'magic_link', ?, ?), (2, 1, 'F', ?, ?, 'magic_link', ?, ?)`, now, now, now, now, now, now, now, now)
		// event, speaker, moderator, status, detailed status
		rows := []struct {
			event      int
			spk, mod   bool
			st, detail string
		}{
			{1, true, false, "invited", "invited_by_team_member"},
			{1, true, true, "registered", "confirmed_email"},
			{1, true, false, "registered", "confirmed_email"},
			{1, false, true, "blocked", "blocked"},
			{1, false, false, "attended", "pre_event_visit"},
			{2, true, true, "invited", "invited_by_team_member"},
		}
		for i, r := range rows {
			exec(`INSERT INTO persons (id, partner_id, external_id, email, created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?)`,
				i+1, "ext"+strconv.Itoa(i), "p"+strconv.Itoa(i)+"@example.com", now, now)
			exec(`INSERT INTO participations (partner_id, event_id, person_id, is_speaker, is_moderator, status, detailed_status, status_at,
				created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.event, i+1, r.spk, r.mod, r.st, r.detail, now, now, now)
		}
		if _, err := p.Up(ctx); err != nil {
			t.Fatalf("up: %v", err)
		}
		var got []struct {
			EventID          int64
			Dimension, Value string
			Count            int64
		}
		if err := db.Gorm.Raw(`SELECT event_id, dimension, value, count FROM participation_counters
			WHERE dimension IN ('speaker_status', 'moderator_status') ORDER BY event_id, dimension, value`).Scan(&got).Error; err != nil {
			t.Fatal(err)
		}
		want := "1 moderator_status blocked 1; 1 moderator_status registered 1; 1 speaker_status invited 1; 1 speaker_status registered 2; " +
			"2 moderator_status invited 1; 2 speaker_status invited 1; "
		var b strings.Builder
		for _, c := range got {
			fmt.Fprintf(&b, "%d %s %s %d; ", c.EventID, c.Dimension, c.Value, c.Count)
		}
		if b.String() != want {
			t.Fatalf("counters after 0010:\n got %s\nwant %s", b.String(), want)
		}
	})
}

// gooseProvider runs the embedded migrations of db's dialect on db.
func gooseProvider(t *testing.T, db *database.DB) *goose.Provider {
	t.Helper()
	fsys, err := migrations.FS(string(db.Dialect))
	if err != nil {
		t.Fatal(err)
	}
	dialect := goose.DialectSQLite3
	if db.Dialect == database.Postgres {
		dialect = goose.DialectPostgres
	}
	p, err := goose.NewProvider(dialect, db.SQL, fsys, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Migration 0011 gives the search columns histograms fine enough for the
// planner to tell a common search term from a rare one (PostgreSQL uses a
// column's histogram for LIKE '%term%' only from 100 inner buckets on).
func TestSearchColumnsHaveFineHistograms(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		if db.Dialect != database.Postgres {
			return
		}
		for _, table := range []string{"participations", "persons"} {
			var target int
			if err := db.Gorm.Raw(`SELECT attstattarget FROM pg_attribute WHERE attrelid = ?::regclass AND attname = 'search_text'`,
				table).Scan(&target).Error; err != nil {
				t.Fatal(err)
			}
			if target != 1000 {
				t.Errorf("%s.search_text: statistics target %d, want 1000", table, target)
			}
		}
	})
}
