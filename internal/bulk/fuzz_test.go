package bulk

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"roster/internal/i18n"
	"roster/internal/people"
	"roster/internal/sheet"
)

// FuzzReadAndCheck feeds any bytes through the check step: the file is
// written to disk, opened, read to the end and every record checked. It
// must never panic, every error must be a plain-language *sheet.FileError,
// and no row the check step accepts may break a rule of the people
// package. The seed corpus (testdata/fuzz/FuzzReadAndCheck) holds the nasty
// cases: BOMs, CRLF, CR, semicolons and tabs, quoted delimiters and line
// breaks, unbalanced quotes, wrong widths, UTF-16, Windows-1252, blank lines,
// an .xlsx and an .xls.
func FuzzReadAndCheck(f *testing.F) {
	f.Add([]byte("email,first_name,last_name\nann@acme.io,Ann,Lee\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tmp, err := os.CreateTemp("", "fuzz-upload-*")
		if err != nil {
			t.Fatal(err)
		}
		path := tmp.Name()
		defer func() { _ = os.Remove(path) }()
		if _, err := tmp.Write(data); err != nil {
			t.Fatal(err)
		}
		if err := tmp.Close(); err != nil {
			t.Fatal(err)
		}

		r, err := sheet.Open(path)
		if err != nil {
			var fe *sheet.FileError
			if !errors.As(err, &fe) || fe.Message == "" {
				t.Fatalf("Open: %v, want a *sheet.FileError", err)
			}
			return
		}
		defer func() { _ = r.Close() }()
		checkCells(t, r.Header())
		m, err := MapHeader(r.Header())
		if err != nil {
			if err.Error() == "" {
				t.Fatal("MapHeader: an empty error")
			}
			return
		}
		c := NewChecker(m)
		valid := map[string]int{}
		prev := 0
		for {
			rec, err := r.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				var fe *sheet.FileError
				if !errors.As(err, &fe) || fe.Line <= prev {
					t.Fatalf("Next after line %d: %v, want a *sheet.FileError at a later line", prev, err)
				}
				return
			}
			if rec.Line <= prev {
				t.Fatalf("line %d after line %d", rec.Line, prev)
			}
			prev = rec.Line
			if len(rec.Cells) == 0 {
				t.Fatalf("line %d: no cells", rec.Line)
			}
			checkCells(t, rec.Cells)

			row, outcome, probs := c.Check(rec)
			if rec.Problem != "" && outcome != OutcomeInvalid {
				t.Fatalf("line %d: a broken record (%s) is %v", rec.Line, rec.Problem, outcome)
			}
			for _, p := range probs {
				if p.Line != rec.Line || p.Reason == "" {
					t.Fatalf("line %d: problem %+v", rec.Line, p)
				}
			}
			switch outcome {
			case OutcomeValid:
				if len(probs) != 0 {
					t.Fatalf("line %d: valid with problems %+v", rec.Line, probs)
				}
				checkRow(t, row)
				key := strings.ToLower(row.Email)
				if first, dup := valid[key]; dup {
					t.Fatalf("line %d: %q is valid twice (line %d)", rec.Line, row.Email, first)
				}
				valid[key] = rec.Line
			case OutcomeTypo:
				checkRow(t, row)
				fallthrough
			default:
				if len(probs) == 0 {
					t.Fatalf("line %d: %v without a problem", rec.Line, outcome)
				}
			}
		}
	})
}

// checkCells holds a reader's promises about cells.
func checkCells(t *testing.T, cells []string) {
	t.Helper()
	blank := true
	for _, c := range cells {
		if c != strings.TrimSpace(c) || strings.Contains(c, "\ufeff") {
			t.Fatalf("cell %q is not clean", c)
		}
		blank = blank && c == ""
	}
	if blank {
		t.Fatalf("blank record %q", cells)
	}
}

// checkRow holds an accepted row to the people package's rules.
func checkRow(t *testing.T, row Row) {
	t.Helper()
	if email, msg := people.ValidateEmail(row.Email); msg != "" || email != row.Email {
		t.Fatalf("line %d: accepted email %q: %s", row.Line, row.Email, msg)
	}
	if _, errs := (people.Profile{
		Email: row.Email, FirstName: row.FirstName, LastName: row.LastName,
		Title: row.Title, Company: row.Company, Bio: row.Bio, Language: row.Language,
	}).Validate(); errs != nil {
		t.Fatalf("line %d: accepted row %+v fails Profile.Validate: %v", row.Line, row, errs)
	}
	if row.Language != "" && !i18n.Valid(row.Language) {
		t.Fatalf("line %d: accepted language %q", row.Line, row.Language)
	}
	for _, v := range []string{row.FirstName, row.LastName, row.Company, row.Title} {
		if controlProblem("", v, false) != "" {
			t.Fatalf("line %d: accepted %q", row.Line, v)
		}
	}
}
