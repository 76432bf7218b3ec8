package bulk

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"roster/internal/sheet"
)

func TestMapHeader(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		header  []string
		want    map[Column]int
		unknown []string
		err     []string // substrings of the error; nil for none
	}{
		{"template", []string{"email", "first_name", "last_name", "company", "title", "language", "roles"},
			map[Column]int{ColEmail: 0, ColFirstName: 1, ColLastName: 2, ColCompany: 3, ColTitle: 4, ColLanguage: 5, ColRoles: 6}, nil, nil},
		{"people's spellings", []string{"E-mail", "First name", "Last Name", "Organisation", "Job title", "Lang", "Role(s)", "Bio"},
			map[Column]int{ColEmail: 0, ColFirstName: 1, ColLastName: 2, ColCompany: 3, ColTitle: 4, ColLanguage: 5, ColRoles: 6, ColBio: 7}, nil, nil},
		{"more spellings", []string{"Email address*", "Given name", "Surname", "Organization", "Locale", "ROLE"},
			map[Column]int{ColEmail: 0, ColFirstName: 1, ColLastName: 2, ColCompany: 3, ColLanguage: 4, ColRoles: 5}, nil, nil},
		{"case, spaces, - and _", []string{"  EMAIL ", "first-name", "LAST_NAME", "Family Name (optional)"},
			nil, nil, []string{`The columns "LAST_NAME" (column C) and "Family Name (optional)" (column D) both hold the last name`}},
		{"other languages", []string{"Courriel", "Prénom", "Nom", "Société", "Langue"},
			map[Column]int{ColEmail: 0, ColFirstName: 1, ColLastName: 2, ColCompany: 3, ColLanguage: 4}, nil, nil},
		{"unknown columns are listed, blank ones and problem are not", []string{"Phone", "email", "", "first_name", "last_name", "Notes", "problem"},
			map[Column]int{ColEmail: 1, ColFirstName: 3, ColLastName: 4}, []string{"Phone", "Notes"}, nil},
		{"a mandatory column missing", []string{"email", "first_name", "company"},
			nil, nil, []string{`The file has no "last_name" column.`}},
		{"no header at all", []string{"ann@x.com", "Ann", "Lee"},
			nil, nil, []string{`The file has no "email", "first_name" or "last_name" column.`, "first row must name the columns"}},
		{"a full-name column", []string{"Name", "Email"},
			nil, nil, []string{`no "first_name" or "last_name" column`, `The "Name" column cannot be used as it is`}},
		{"twice the email", []string{"Email", "first_name", "last_name", "E-mail address"},
			nil, nil, []string{`"Email" (column A) and "E-mail address" (column D) both hold the email address`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, err := MapHeader(tt.header)
			if tt.err != nil {
				if err == nil {
					t.Fatal("no error")
				}
				for _, w := range tt.err {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("%q does not contain %q", err.Error(), w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(m.Index, tt.want) || !reflect.DeepEqual(m.Unknown, tt.unknown) {
				t.Errorf("got %v %q, want %v %q", m.Index, m.Unknown, tt.want, tt.unknown)
			}
		})
	}
}

// cols is the header the Check tests use.
var cols = []string{"email", "first_name", "last_name", "company", "title", "language", "roles", "bio"}

// record builds a record from column=value pairs over a valid base row.
func record(line int, kv ...string) sheet.Record {
	cells := []string{"ann@acme.io", "Ann", "Lee", "Acme", "CTO", "", "", ""}
	for i := 0; i < len(kv); i += 2 {
		for j, c := range cols {
			if c == kv[i] {
				cells[j] = kv[i+1]
			}
		}
	}
	return sheet.Record{Line: line, Cells: cells}
}

func newTestChecker(t testing.TB) *Checker {
	t.Helper()
	m, err := MapHeader(cols)
	if err != nil {
		t.Fatal(err)
	}
	return NewChecker(m)
}

func TestCheckProblems(t *testing.T) {
	t.Parallel()
	type want struct {
		col        Column
		reason     string // a substring
		suggestion string
	}
	tests := []struct {
		name    string
		rec     sheet.Record
		outcome Outcome
		want    []want
	}{
		{"valid", record(2), OutcomeValid, nil},
		{"missing email", record(2, "email", ""), OutcomeInvalid, []want{{ColEmail, "The email address is required.", ""}}},
		{"missing names", record(2, "first_name", " ", "last_name", ""), OutcomeInvalid, []want{
			{ColFirstName, "The first name is required.", ""}, {ColLastName, "The last name is required.", ""}}},
		{"missing cells", sheet.Record{Line: 2, Cells: []string{"ann@acme.io"}}, OutcomeInvalid, []want{
			{ColFirstName, "required", ""}, {ColLastName, "required", ""}}},
		{"non-ASCII email", record(2, "email", "Noël@example.com"), OutcomeInvalid, []want{
			{ColEmail, `"Noël@example.com" contains "ë": email addresses must be plain ASCII.`, ""}}},
		{"invisible character", record(2, "email", "ann\u00a0@acme.io"), OutcomeInvalid, []want{
			{ColEmail, "invisible character (a non-breaking space, U+00A0)", "ann@acme.io"}}},
		{"no @", record(2, "email", "ann.acme.io"), OutcomeInvalid, []want{{ColEmail, `"ann.acme.io" has no "@".`, ""}}},
		{"two @", record(2, "email", "ann@lee@acme.io"), OutcomeInvalid, []want{{ColEmail, `has more than one "@"`, ""}}},
		{"two addresses", record(2, "email", "ann@acme.io; bob@acme.io"), OutcomeInvalid, []want{{ColEmail, "more than one address", ""}}},
		{"a space", record(2, "email", "ann lee@acme.io"), OutcomeInvalid, []want{{ColEmail, "contains a space", "annlee@acme.io"}}},
		{"name and address", record(2, "email", "Ann Lee <ann@acme.io>"), OutcomeInvalid, []want{{ColEmail, "holds a name and an address", "ann@acme.io"}}},
		{"mailto", record(2, "email", "mailto:ann@acme.io"), OutcomeInvalid, []want{{ColEmail, `starts with "mailto:"`, "ann@acme.io"}}},
		{"no dot", record(2, "email", "ann@gmailcom"), OutcomeInvalid, []want{{ColEmail, `missing the dot before "com"`, "ann@gmail.com"}}},
		{"no domain dot", record(2, "email", "ann@intranet"), OutcomeInvalid, []want{{ColEmail, `has no dot`, ""}}},
		{"trailing dot", record(2, "email", "ann@acme.io."), OutcomeInvalid, []want{{ColEmail, "ends with a dot", "ann@acme.io"}}},
		{"double dot", record(2, "email", "ann..lee@acme.io"), OutcomeInvalid, []want{{ColEmail, "two dots in a row", ""}}},
		{"special character", record(2, "email", "ann,lee@acme.io"), OutcomeInvalid, []want{{ColEmail, `contains ","`, ""}}},
		{".con", record(2, "email", "ann@acme.con"), OutcomeTypo, []want{{ColEmail, `"ann@acme.con" looks like a typo: did you mean "ann@acme.com"?`, "ann@acme.com"}}},
		{".cmo", record(2, "email", "ann@acme.cmo"), OutcomeTypo, []want{{ColEmail, "typo", "ann@acme.com"}}},
		{".ogr", record(2, "email", "ann@acme.ogr"), OutcomeTypo, []want{{ColEmail, "typo", "ann@acme.org"}}},
		{"gmial.com", record(2, "email", "Ann@GMIAL.com"), OutcomeTypo, []want{{ColEmail, "typo", "Ann@gmail.com"}}},
		{"hotmial.com", record(2, "email", "ann@hotmial.com"), OutcomeTypo, []want{{ColEmail, "typo", "ann@hotmail.com"}}},
		{"gmail.con", record(2, "email", "ann@gmail.con"), OutcomeTypo, []want{{ColEmail, "typo", "ann@gmail.com"}}},
		{"gmial.con", record(2, "email", "ann@gmial.con"), OutcomeTypo, []want{{ColEmail, "typo", "ann@gmail.com"}}},
		{"gmail.co", record(2, "email", "ann@gmail.co"), OutcomeTypo, []want{{ColEmail, "typo", "ann@gmail.com"}}},
		{"yaho.co.uk", record(2, "email", "ann@yaho.co.uk"), OutcomeTypo, []want{{ColEmail, "typo", "ann@yahoo.co.uk"}}},
		{"outlok.com", record(2, "email", "ann@outlok.com"), OutcomeTypo, []want{{ColEmail, "typo", "ann@outlook.com"}}},
		{"unknown ending", record(2, "email", "ann@acme.intranetx"), OutcomeTypo, []want{{ColEmail, `ends in ".intranetx", which is not a real domain ending`, ""}}},
		{"ymail.com is real", record(2, "email", "ann@ymail.com"), OutcomeValid, nil},
		{"wahoo.com is not yahoo.com", record(2, "email", "ann@wahoo.com"), OutcomeValid, nil},
		{"aon.com is not aol.com", record(2, "email", "ann@aon.com"), OutcomeValid, nil},
		{"hotmail.be is real", record(2, "email", "ann@hotmail.be"), OutcomeValid, nil},
		{"a country domain", record(2, "email", "ann@acme.co.uk"), OutcomeValid, nil},
		{"languages by code", record(2, "language", "pt_BR"), OutcomeValid, nil},
		{"languages by name", record(2, "language", "french"), OutcomeValid, nil},
		{"unknown language", record(2, "language", "Klingon"), OutcomeInvalid, []want{
			{ColLanguage, `"Klingon" is not a language Roster knows.`, ""}}},
		{"a neighbouring language is not it", record(2, "language", "nb"), OutcomeInvalid, []want{{ColLanguage, `"nb" is not a language`, ""}}},
		{"roles", record(2, "roles", " Speaker ; MODERATOR "), OutcomeValid, nil},
		{"unknown role", record(2, "roles", "speaker;panelist"), OutcomeInvalid, []want{
			{ColRoles, `"panelist" is not a role. Use "speaker", "moderator" or both separated by ";"`, ""}}},
		{"unknown roles", record(2, "roles", "host, guest"), OutcomeInvalid, []want{{ColRoles, `"host" and "guest" are not roles.`, ""}}},
		{"bio too long", record(2, "bio", strings.Repeat("é", 2501)), OutcomeInvalid, []want{
			{ColBio, "The bio is 2,501 characters long; at most 2,500 are allowed.", ""}}},
		{"bio at the limit", record(2, "bio", strings.Repeat("é", 2500)), OutcomeValid, nil},
		{"other fields too long", record(2, "first_name", strings.Repeat("a", 101), "last_name", strings.Repeat("b", 101),
			"company", strings.Repeat("c", 201), "title", strings.Repeat("d", 201)), OutcomeInvalid, []want{
			{ColFirstName, "The first name is 101 characters long; at most 100", ""},
			{ColLastName, "The last name is 101 characters long", ""},
			{ColCompany, "The company is 201 characters long; at most 200", ""},
			{ColTitle, "The title is 201 characters long", ""}}},
		{"email too long", record(2, "email", strings.Repeat("a", 250)+"@acme.io"), OutcomeInvalid, []want{{ColEmail, "longer than 254", ""}}},
		{"a line break in a name", record(2, "first_name", "Ann\nMarie"), OutcomeInvalid, []want{{ColFirstName, "The first name contains a line break.", ""}}},
		{"line breaks in a bio are fine", record(2, "bio", "One.\n\nTwo."), OutcomeValid, nil},
		{"a broken line", sheet.Record{Line: 7, Cells: []string{"ann@acme.io", "\"Ann", "Lee"}, Problem: "The quote … is never closed."}, OutcomeInvalid, []want{
			{"", "never closed", ""}}},
		{"every problem at once", record(9, "email", "Noël@x.com", "first_name", "", "language", "xx", "roles", "host"), OutcomeInvalid, []want{
			{ColEmail, "ASCII", ""}, {ColFirstName, "required", ""}, {ColLanguage, `"xx"`, ""}, {ColRoles, `"host"`, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, outcome, probs := newTestChecker(t).Check(tt.rec)
			if outcome != tt.outcome {
				t.Errorf("outcome %v, want %v (%+v)", outcome, tt.outcome, probs)
			}
			if len(probs) != len(tt.want) {
				t.Fatalf("problems %+v, want %d", probs, len(tt.want))
			}
			for i, w := range tt.want {
				p := probs[i]
				if p.Line != tt.rec.Line || p.Column != w.col || !strings.Contains(p.Reason, w.reason) || p.Suggestion != w.suggestion {
					t.Errorf("problem %d: %+v, want %+v", i, p, w)
				}
			}
		})
	}
}

func TestCheckRow(t *testing.T) {
	t.Parallel()
	c := newTestChecker(t)
	row, outcome, probs := c.Check(sheet.Record{Line: 3, Cells: []string{" Ann@Acme.io ", "Ann", "Lee", "Acme", "CTO", "Deutsch", "moderator; speaker", "Bio."}})
	want := Row{Line: 3, Email: "Ann@Acme.io", FirstName: "Ann", LastName: "Lee", Company: "Acme", Title: "CTO", Bio: "Bio.",
		Language: "de", Speaker: true, Moderator: true}
	if outcome != OutcomeValid || probs != nil || row != want {
		t.Errorf("got %+v %v %+v, want %+v", row, outcome, probs, want)
	}
	for in, code := range map[string]string{"": "", "en": "en", "de-AT": "de", "es-MX": "es-ES", "pt-PT": "pt-BR", "zh-HK": "zh-Hant",
		"ZH_tw": "zh-Hant", "Chinese (Simplified)": "zh-Hans", "Français": "fr", "fr-CA": "fr-CA", "sr-Latn": "sr"} {
		row, outcome, _ := newTestChecker(t).Check(record(2, "language", in))
		if outcome != OutcomeValid || row.Language != code {
			t.Errorf("language %q: %v %q, want %q", in, outcome, row.Language, code)
		}
	}
	// A cell neutralised by a problem file reads as it was.
	row, _, _ = newTestChecker(t).Check(record(2, "company", "'=Acme", "title", "'- CTO", "first_name", "'Ann"))
	if row.Company != "=Acme" || row.Title != "- CTO" || row.FirstName != "'Ann" {
		t.Errorf("neutralised cells: %+v", row)
	}
}

func TestDuplicates(t *testing.T) {
	t.Parallel()
	c := newTestChecker(t)
	steps := []struct {
		rec     sheet.Record
		outcome Outcome
		reason  string
	}{
		{record(2, "email", "ann@acme.io"), OutcomeValid, ""},
		{record(3, "email", "bob@acme.io", "language", "xx"), OutcomeInvalid, ""},                // remembered although invalid
		{record(4, "email", "ANN@acme.io"), OutcomeDuplicate, `"ANN@acme.io" is also on line 2`}, // case-insensitive
		{record(5, "email", "bob@acme.io"), OutcomeDuplicate, "also on line 3"},
		{record(6, "email", "ann@acme.io", "roles", "host"), OutcomeInvalid, "also on line 2"},
		{record(7, "email", "cy@gmial.com"), OutcomeTypo, ""},
		{record(8, "email", "cy@gmial.com"), OutcomeDuplicate, "also on line 7"},
		{record(9, "email", "Noël@acme.io"), OutcomeInvalid, ""},
		{record(10, "email", "Noël@acme.io"), OutcomeInvalid, "ASCII"}, // invalid addresses are not remembered
	}
	for _, s := range steps {
		_, outcome, probs := c.Check(s.rec)
		if outcome != s.outcome {
			t.Errorf("line %d: outcome %v, want %v (%+v)", s.rec.Line, outcome, s.outcome, probs)
		}
		if s.reason != "" && (len(probs) == 0 || !strings.Contains(probs[0].Reason, s.reason)) {
			t.Errorf("line %d: problems %+v, want %q", s.rec.Line, probs, s.reason)
		}
	}
}

// writeTemp writes content to a file for sheet.Open.
func writeTemp(t testing.TB, content []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "upload")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// plan checks a whole file and counts the outcomes.
type plan struct {
	rows     int
	outcomes map[Outcome]int
	problems map[int][]Problem // by line
	valid    []Row
	header   []string
	records  map[int]sheet.Record
}

func checkFile(t testing.TB, path string) plan {
	t.Helper()
	r, err := sheet.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = r.Close() }()
	m, err := MapHeader(r.Header())
	if err != nil {
		t.Fatal(err)
	}
	c := NewChecker(m)
	p := plan{outcomes: map[Outcome]int{}, problems: map[int][]Problem{}, header: r.Header(), records: map[int]sheet.Record{}}
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return p
		}
		if err != nil {
			t.Fatal(err)
		}
		row, outcome, probs := c.Check(rec)
		p.rows++
		p.outcomes[outcome]++
		p.records[rec.Line] = rec
		if len(probs) > 0 {
			p.problems[rec.Line] = probs
		}
		if outcome == OutcomeValid {
			p.valid = append(p.valid, row)
		}
	}
}

func TestFlightPlan(t *testing.T) {
	t.Parallel()
	in := "\ufeffE-mail;First name;Last name;Company;Language;Role(s);Phone\r\n" + // line 1
		"ann@acme.io;Ann;Lee;\"Acme; Inc.\";fr;speaker;123\r\n" + // 2 valid
		"bob@acme.io;Bob;Ray;;;;\r\n" + // 3 valid
		"\r\n" + // 4 blank
		"ANN@acme.io;Ann;Lee;;;;\r\n" + // 5 duplicate
		"cy@gmial.com;Cy;Doe;;;;\r\n" + // 6 typo
		"Noël@acme.io;Noël;Doe;;;;\r\n" + // 7 invalid
		"dee@acme.io;Dee;;;;;\r\n" + // 8 invalid: no last name
		"eve@acme.io;\"Eve;Lin;;;;\r\n" + // 9 invalid: unclosed quote
		"fay@acme.io;Fay;Ng;;Klingon;;\"multi\r\nline\"\r\n" + // 10-11 invalid: language
		"gus@acme.io;Gus;Ek;;en;moderator;\r\n" // 12 valid
	p := checkFile(t, writeTemp(t, []byte(in)))
	want := map[Outcome]int{OutcomeValid: 3, OutcomeDuplicate: 1, OutcomeTypo: 1, OutcomeInvalid: 4}
	if !reflect.DeepEqual(p.outcomes, want) {
		t.Errorf("outcomes %v, want %v", p.outcomes, want)
	}
	sum := 0
	for _, n := range p.outcomes {
		sum += n
	}
	if sum != p.rows || p.rows != 9 {
		t.Errorf("%d outcomes for %d rows, want 9", sum, p.rows)
	}
	for line, col := range map[int]Column{5: ColEmail, 6: ColEmail, 7: ColEmail, 8: ColLastName, 9: "", 10: ColLanguage} {
		if probs := p.problems[line]; len(probs) != 1 || probs[0].Column != col {
			t.Errorf("line %d: problems %+v, want one in %q", line, probs, col)
		}
	}
	if p.valid[0] != (Row{Line: 2, Email: "ann@acme.io", FirstName: "Ann", LastName: "Lee", Company: "Acme; Inc.", Language: "fr", Speaker: true}) {
		t.Errorf("first valid row %+v", p.valid[0])
	}
}

// Every file kind the reader takes comes through the check the same way.
func TestFileKinds(t *testing.T) {
	t.Parallel()
	rows := [][]string{{"Email", "First Name", "Last Name", "Bio"}, {"ann@acme.io", "Ann", "Lee", "Line one,\n\"two\""}, {"zoe@acme.io", "Zoë", "Ørsted", ""}}
	csvOf := func(delim, eol string, bom bool) []byte {
		var b strings.Builder
		if bom {
			b.WriteString("\ufeff")
		}
		for _, r := range rows {
			for i, c := range r {
				if i > 0 {
					b.WriteString(delim)
				}
				if strings.ContainsAny(c, ",;\t\"\n") {
					c = `"` + strings.ReplaceAll(strings.ReplaceAll(c, `"`, `""`), "\n", eol) + `"`
				}
				b.WriteString(c)
			}
			b.WriteString(eol)
		}
		return []byte(b.String())
	}
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	for i, r := range rows {
		_ = f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r)
	}
	var xlsx bytes.Buffer
	if err := f.Write(&xlsx); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string][]byte{
		"comma LF": csvOf(",", "\n", false), "comma CRLF BOM": csvOf(",", "\r\n", true),
		"semicolon": csvOf(";", "\r\n", false), "tab": csvOf("\t", "\n", true), "xlsx": xlsx.Bytes(),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := checkFile(t, writeTemp(t, content))
			if p.rows != 2 || len(p.valid) != 2 || p.valid[0].Bio != "Line one,\n\"two\"" || p.valid[1].FirstName != "Zoë" {
				t.Errorf("plan %+v", p)
			}
		})
	}
}

func TestProblemFileRoundTrip(t *testing.T) {
	t.Parallel()
	in := "email,first_name,last_name,company,notes\n" +
		"ann@acme.io,Ann,Lee,\"Acme, \"\"Best\"\" Ltd\",=HYPERLINK(\"x\")\n" +
		"Noël@acme.io,Noël,\"Multi\nline\",-Acme,\n" +
		"bob@acme.io,Bob,,Acme,@here\n" +
		"cy@acme.io,Cy,Doe,Acme,+1 555,extra,\n"
	p := checkFile(t, writeTemp(t, []byte(in)))
	var out bytes.Buffer
	pw, err := NewProblemWriter(&out, p.header)
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for line := range p.records {
		if p.problems[line] != nil {
			lines = append(lines, line)
		}
	}
	if len(lines) != 3 { // lines 3, 5 and 6; 2 is valid
		t.Fatalf("problem lines %v", lines)
	}
	for _, line := range []int{3, 5, 6} {
		if err := pw.Write(p.records[line], p.problems[line]); err != nil {
			t.Fatal(err)
		}
	}
	if err := pw.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out.Bytes(), []byte("\ufeffemail,first_name,last_name,company,notes,problem\r\n")) {
		t.Errorf("problem file starts %q", out.String()[:min(80, out.Len())])
	}

	// Re-reading it keeps the cells; formulas are neutralised for Excel.
	r, err := sheet.Open(writeTemp(t, out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = r.Close() }()
	if want := []string{"email", "first_name", "last_name", "company", "notes", "problem"}; !reflect.DeepEqual(r.Header(), want) {
		t.Errorf("header %q", r.Header())
	}
	var back []sheet.Record
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		back = append(back, rec)
	}
	if len(back) != 3 {
		t.Fatalf("%d records back", len(back))
	}
	wantCells := [][]string{
		{"Noël@acme.io", "Noël", "Multi\nline", "'-Acme", "", `"Noël@acme.io" contains "ë": email addresses must be plain ASCII; The last name contains a line break.`},
		{"bob@acme.io", "Bob", "", "Acme", "'@here", "The last name is required."},
	}
	for i, w := range wantCells {
		if !reflect.DeepEqual(back[i].Cells, w) || back[i].Problem != "" {
			t.Errorf("record %d: %q %q, want %q", i, back[i].Cells, back[i].Problem, w)
		}
	}
	// The row that had too many values keeps them, after the problem.
	if c := back[2].Cells; len(c) != 7 || c[4] != "'+1 555" || !strings.Contains(c[5], "7 values but the header has 5") || c[6] != "extra" {
		t.Errorf("wide record: %q", c)
	}

	// Uploaded again: the problem column is ignored, the neutralised cells
	// read as they were, and a new problem file reuses the column.
	m, err := MapHeader(r.Header())
	if err != nil || len(m.Unknown) != 1 || m.Unknown[0] != "notes" {
		t.Fatalf("mapping %+v %v", m, err)
	}
	row, _, _ := NewChecker(m).Check(back[0])
	if row.Company != "" {
		t.Errorf("invalid row filled: %+v", row)
	}
	c := NewChecker(m)
	if _, outcome, probs := c.Check(sheet.Record{Line: 2, Cells: []string{"ann@acme.io", "Ann", "Lee", "'-Acme"}}); outcome != OutcomeValid {
		t.Errorf("outcome %v %+v", outcome, probs)
	}
	var again bytes.Buffer
	pw, _ = NewProblemWriter(&again, r.Header())
	pw.Comma = ';'
	if err := pw.Write(back[1], []Problem{{Reason: "One."}, {Reason: "Two?"}}); err != nil {
		t.Fatal(err)
	}
	if err := pw.Close(); err != nil {
		t.Fatal(err)
	}
	if want := "\ufeffemail;first_name;last_name;company;notes;problem\r\nbob@acme.io;Bob;;Acme;'@here;\"One; Two?\"\r\n"; again.String() != want {
		t.Errorf("problem file again:\n%q\nwant\n%q", again.String(), want)
	}
	// A problem file with no rows still has its header.
	var empty bytes.Buffer
	pw, _ = NewProblemWriter(&empty, []string{"email"})
	if err := pw.Close(); err != nil || empty.String() != "\ufeffemail,problem\r\n" {
		t.Errorf("empty problem file %q %v", empty.String(), err)
	}
	if _, err := NewProblemWriter(&empty, nil); err == nil {
		t.Error("a problem file without header")
	}
}

func TestWords(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 2500: "2,500", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q", n, got)
		}
	}
	for in, want := range map[[2]string]bool{{"gmial", "gmail"}: true, {"gmai", "gmail"}: true, {"gmaill", "gmail"}: true,
		{"gnail", "gmail"}: true, {"gmail", "gmail"}: false, {"gamil", "gmail"}: true, {"glaim", "gmail"}: false, {"", "a"}: true} {
		if got := oneEdit(in[0], in[1]); got != want {
			t.Errorf("oneEdit(%q, %q) = %v", in[0], in[1], got)
		}
	}
}

// genCSV writes a bulk-invite CSV of n rows: mostly valid, with the usual
// share of problems, over a thousand company domains and the big providers.
func genCSV(tb testing.TB, n int) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "bench.csv")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<16)
	w.WriteString("\ufeffemail,first_name,last_name,company,title,language,roles\r\n")
	langs := []string{"", "en", "de", "French", "pt-BR", "es"}
	roles := []string{"", "", "", "speaker", "moderator", "speaker;moderator"}
	for i := range n {
		domain := fmt.Sprintf("company%d.com", i%1000)
		switch i % 10 {
		case 0:
			domain = "gmail.com"
		case 1:
			domain = "outlook.com"
		}
		email := fmt.Sprintf("person.%d@%s", i, domain)
		first := "Zoë"
		switch i % 100 {
		case 7:
			email = fmt.Sprintf("person.%d@gmial.com", i)
		case 13:
			first = ""
		case 42:
			email = "person.0@gmail.com"
		}
		fmt.Fprintf(w, "%s,%s,Lefèvre %d,\"Acme, Inc.\",Engineer,%s,%s\r\n", email, first, i, langs[i%len(langs)], roles[i%len(roles)])
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// runCheck reads and checks a whole file, as the check step does, and
// returns the number of rows.
func runCheck(tb testing.TB, path string, each func(rows int)) int {
	r, err := sheet.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer func() { _ = r.Close() }()
	m, err := MapHeader(r.Header())
	if err != nil {
		tb.Fatal(err)
	}
	c := NewChecker(m)
	rows := 0
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return rows
		}
		if err != nil {
			tb.Fatal(err)
		}
		c.Check(rec)
		rows++
		if each != nil {
			each(rows)
		}
	}
}

func BenchmarkCheck100k(b *testing.B) {
	const n = 100_000
	path := genCSV(b, n)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if rows := runCheck(b, path, nil); rows != n {
			b.Fatalf("%d rows", rows)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n*b.N), "ns/row")
}

// BenchmarkCheck1M checks a million rows and reports the heap: the peak in
// use (garbage included) and the live heap at the end, which is flat but for
// the duplicate detector's map entry per distinct email (16 bytes a slot).
func BenchmarkCheck1M(b *testing.B) {
	const n = 1_000_000
	path := genCSV(b, n)
	b.ResetTimer()
	var peak, live uint64
	for b.Loop() {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		base := ms.HeapAlloc
		runCheck(b, path, func(rows int) {
			if rows%50_000 == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
			if rows == n {
				runtime.GC() // the checker is still alive here
				runtime.ReadMemStats(&ms)
				live = ms.HeapAlloc - base
			}
		})
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(live)/(1<<20), "live-heap-MiB")
}
