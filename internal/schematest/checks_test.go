package schematest

import (
	"regexp"
	"strings"
	"testing"

	"roster/internal/dbtest"
)

// valueList is a check of three values or more, col IN ('a', 'b', 'c', …):
// SQLite builds a temporary table of the values for every row it checks
// (migration 0009). Two values cost nothing.
var valueList = regexp.MustCompile(`\w+ IN \('[^']*'(, '[^']*'){2,}\)`)

// TestSQLiteChecksWithoutValueLists: after every migration, no table of
// Roster's on SQLite checks a column against a list of three values or more
// (River's own tables are River's), and the edited schema is sound. That
// the rewritten checks still refuse what they refused is
// TestConstraintsAgree's part.
func TestSQLiteChecksWithoutValueLists(t *testing.T) {
	db := dbtest.SQLite(t)
	rows, err := db.SQL.Query(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'river%' AND sql IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	tables := 0
	for rows.Next() {
		var name, sql string
		if err := rows.Scan(&name, &sql); err != nil {
			t.Fatal(err)
		}
		tables++
		for _, m := range valueList.FindAllString(sql, -1) {
			t.Errorf("%s: %s (write it as col = 'a' OR col = 'b' OR …, see migration 0009)", name, m)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if tables < 20 {
		t.Fatalf("%d tables read from sqlite_schema, want Roster's", tables)
	}
	var ok string
	if err := db.SQL.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q, %v", ok, err)
	}
	var sql string
	if err := db.SQL.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'participation_history'`).Scan(&sql); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sql, "cause = 'import' OR") {
		t.Errorf("participation_history's cause check not rewritten:\n%s", sql)
	}
}
