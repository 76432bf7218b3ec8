package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// writeFile writes content to a new file in a test directory.
func writeFile(t testing.TB, content []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "upload")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// readAll reads every record of a file; err is the error that ended the
// reading (nil at io.EOF), or Open's.
func readAll(t testing.TB, content []byte) (*Reader, []Record, error) {
	t.Helper()
	r, err := Open(writeFile(t, content))
	if err != nil {
		return nil, nil, err
	}
	t.Cleanup(func() { _ = r.Close() })
	var recs []Record
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return r, recs, nil
		}
		if err != nil {
			return r, recs, err
		}
		recs = append(recs, rec)
	}
}

// rec is a record for the tables: problem is a substring of the Problem
// ("" for none).
type rec struct {
	line    int
	cells   []string
	problem string
}

const hdr = "email,first_name,last_name"

func TestCSV(t *testing.T) {
	t.Parallel()
	many := strings.Repeat("x\n", MaxQuotedLines+5)
	tests := []struct {
		name   string
		in     string
		header []string
		delim  rune
		want   []rec
	}{
		{"LF", hdr + "\na@x.com,Ann,Lee\nb@x.com,Bob,Ray\n", nil, ',', []rec{
			{2, []string{"a@x.com", "Ann", "Lee"}, ""}, {3, []string{"b@x.com", "Bob", "Ray"}, ""}}},
		{"CRLF without a final line end", "email,first_name,last_name\r\na@x.com,Ann,Lee\r\nb@x.com,Bob,Ray", nil, ',', []rec{
			{2, []string{"a@x.com", "Ann", "Lee"}, ""}, {3, []string{"b@x.com", "Bob", "Ray"}, ""}}},
		{"BOM", "\ufeff" + hdr + "\r\na@x.com,Ann,Lee\r\n", []string{"email", "first_name", "last_name"}, ',', []rec{
			{2, []string{"a@x.com", "Ann", "Lee"}, ""}}},
		{"two BOMs and a BOM in a cell", "\ufeff\ufeff" + hdr + "\na@x.com,\ufeffAnn,Lee\ufeff\n", []string{"email", "first_name", "last_name"}, ',', []rec{
			{2, []string{"a@x.com", "Ann", "Lee"}, ""}}},
		{"semicolon", "email;first_name;last_name\na@x.com;Ann;\"Lee, Jr.\"\n", nil, ';', []rec{
			{2, []string{"a@x.com", "Ann", "Lee, Jr."}, ""}}},
		{"tab", "email\tfirst_name\tlast_name\na@x.com\t Ann \tLee\n", nil, '\t', []rec{
			{2, []string{"a@x.com", "Ann", "Lee"}, ""}}},
		{"delimiters inside quotes do not count", "\"e,mail\";\"first,name\";last\na;b;c\n", []string{"e,mail", "first,name", "last"}, ';', []rec{
			{2, []string{"a", "b", "c"}, ""}}},
		{"Excel's sep line", "sep=;\nemail;first_name;last_name\na@x.com;Ann;Lee\n", []string{"email", "first_name", "last_name"}, ';', []rec{
			{3, []string{"a@x.com", "Ann", "Lee"}, ""}}},
		{"quoted delimiters, quotes and line breaks", hdr + ",bio\n" +
			"a@x.com,\"Ann, Marie\",\"O\"\"Hara\",\"line one\r\nline two, \"\"quoted\"\"\n\nline four\"\n" +
			"b@x.com,Bob,Ray,\n", nil, ',', []rec{
			{2, []string{"a@x.com", "Ann, Marie", "O\"Hara", "line one\nline two, \"quoted\"\n\nline four"}, ""},
			{6, []string{"b@x.com", "Bob", "Ray", ""}, ""}}},
		{"spaces around quoted values", hdr + "\na@x.com , \"Ann, M\" ,  \"Lee\"\n", nil, ',', []rec{
			{2, []string{"a@x.com", "Ann, M", "Lee"}, ""}}},
		{"a quote inside an unquoted value is a character", hdr + "\na@x.com,Ann,O\"Hara\n", nil, ',', []rec{
			{2, []string{"a@x.com", "Ann", "O\"Hara"}, ""}}},
		{"blank lines and empty rows are skipped", "\n\n" + hdr + "\n\n   \na@x.com,Ann,Lee\n,,\n,,,,,\n\t\nb@x.com,Bob,Ray\n\n", nil, ',', []rec{
			{6, []string{"a@x.com", "Ann", "Lee"}, ""}, {10, []string{"b@x.com", "Bob", "Ray"}, ""}}},
		{"unbalanced quote: one row lost, not the file", hdr + "\na@x.com,\"Ann,Lee\nb@x.com,Bob,Ray\nc@x.com,\"Cy\",Doe\n", nil, ',', []rec{
			{2, []string{"a@x.com", "\"Ann", "Lee"}, `The quote that opens the "first_name" value is never closed`},
			{3, []string{"b@x.com", "Bob", "Ray"}, ""},
			{4, []string{"c@x.com", "Cy", "Doe"}, ""}}},
		{"unbalanced quote on the last line", hdr + "\na@x.com,Ann,Lee\nb@x.com,Bob,\"Ray\n", nil, ',', []rec{
			{2, []string{"a@x.com", "Ann", "Lee"}, ""},
			{3, []string{"b@x.com", "Bob", "\"Ray"}, "never closed"}}},
		{"a quote that closes lines later at a wrong width", hdr + "\na@x.com,\"Ann,Lee\nb@x.com,Bob,\"Ray\"\n", nil, ',', []rec{
			{2, []string{"a@x.com", "\"Ann", "Lee"}, "never closed"},
			{3, []string{"b@x.com", "Bob", "Ray"}, ""}}},
		{"a quoted value longer than the limit", hdr + "\na@x.com,Ann,\"Lee\n" + many + "b@x.com,Bob,Ray\n", nil, ',', nil},
		{"text after the closing quote", hdr + "\na@x.com,\"Ann\" Marie,Lee\n", nil, ',', []rec{
			{2, []string{"a@x.com", "Ann\" Marie", "Lee"}, `There is text after the closing quote of the "first_name" value`}}},
		{"too many values", hdr + "\na@x.com,Ann,Lee,Acme, Inc.\n", nil, ',', []rec{
			{2, []string{"a@x.com", "Ann", "Lee", "Acme", "Inc."}, `This line has 5 values but the header has 3. A value that contains a comma must be put in double quotes, like "Acme, Inc.".`}}},
		{"too few values", "email;first_name;last_name\na@x.com;Ann\n", nil, ';', []rec{
			{2, []string{"a@x.com", "Ann"}, "This line has 2 values but the header has 3: a semicolon between two values is missing"}}},
		{"empty extra values are fine", hdr + "\na@x.com,Ann,Lee,,\n", nil, ',', []rec{
			{2, []string{"a@x.com", "Ann", "Lee"}, ""}}},
		{"unnamed trailing header columns may be left out", hdr + ",,\na@x.com,Ann,Lee\n", []string{"email", "first_name", "last_name", "", ""}, ',', []rec{
			{2, []string{"a@x.com", "Ann", "Lee"}, ""}}},
		{"CR line ends (old Mac Excel)", "email,first_name,last_name\ra@x.com,Ann,Lee\rb@x.com,Bob,Ray\r", nil, ',', []rec{
			{2, []string{"a@x.com", "Ann", "Lee"}, ""}, {3, []string{"b@x.com", "Bob", "Ray"}, ""}}},
		{"any Unicode outside the email", hdr + "\nli@x.cn,李,雷\nz@x.com,Zoë,Ørsted 😀\n", nil, ',', []rec{
			{2, []string{"li@x.cn", "李", "雷"}, ""}, {3, []string{"z@x.com", "Zoë", "Ørsted 😀"}, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, recs, err := readAll(t, []byte(tt.in))
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if r.Format() != FormatCSV || r.Delimiter() != tt.delim {
				t.Errorf("format %q delimiter %q, want csv %q", r.Format(), r.Delimiter(), tt.delim)
			}
			if tt.header != nil && !reflect.DeepEqual(r.Header(), tt.header) {
				t.Errorf("header %q, want %q", r.Header(), tt.header)
			}
			if tt.name == "a quoted value longer than the limit" {
				// The runaway quote costs its own line; every line after it is read again.
				if len(recs) != MaxQuotedLines+7 || !strings.Contains(recs[0].Problem, "never closed") || recs[0].Line != 2 {
					t.Fatalf("got %d records, first %+v", len(recs), recs[0])
				}
				if last := recs[len(recs)-1]; last.Line != MaxQuotedLines+8 || last.Cells[0] != "b@x.com" || last.Problem != "" {
					t.Errorf("last record %+v", last)
				}
				return
			}
			if len(recs) != len(tt.want) {
				t.Fatalf("got %d records %+v, want %d", len(recs), recs, len(tt.want))
			}
			for i, w := range tt.want {
				g := recs[i]
				if g.Line != w.line || !reflect.DeepEqual(g.Cells, w.cells) {
					t.Errorf("record %d: line %d cells %q, want line %d cells %q", i, g.Line, g.Cells, w.line, w.cells)
				}
				if (w.problem == "") != (g.Problem == "") || !strings.Contains(g.Problem, w.problem) {
					t.Errorf("record %d: problem %q, want %q", i, g.Problem, w.problem)
				}
			}
		})
	}
}

func TestLongLine(t *testing.T) {
	t.Parallel()
	in := hdr + "\na@x.com,Ann," + strings.Repeat("é", MaxLineBytes) + "\nb@x.com,Bob,Ray\n"
	_, recs, err := readAll(t, []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || !strings.Contains(recs[0].Problem, "longer than 1 MB") || recs[1].Line != 3 || recs[1].Problem != "" {
		t.Fatalf("got %d records, first problem %q", len(recs), recs[0].Problem)
	}
}

func utf16Bytes(s string, order binary.AppendByteOrder, bom bool) []byte {
	var b []byte
	if bom {
		s = "\ufeff" + s
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = order.AppendUint16(b, u)
	}
	return b
}

func TestFileErrors(t *testing.T) {
	t.Parallel()
	text := hdr + "\r\nnoel@x.com,Noël,Lefèvre\r\n"
	cp1252 := []byte(hdr + "\na@x.com,Ann,Lee\nrene@x.com,Ren\xe9,\x93Smith\x94\n")
	latin1 := []byte(hdr + "\nrene@x.com,Ren\xe9,Smith\n")
	tests := []struct {
		name string
		in   []byte
		line int
		want []string
	}{
		{"UTF-16 LE with BOM", utf16Bytes(text, binary.LittleEndian, true), 0, []string{"UTF-16 (little-endian)", "File › Save As › CSV UTF-8"}},
		{"UTF-16 BE with BOM", utf16Bytes(text, binary.BigEndian, true), 0, []string{"UTF-16 (big-endian)"}},
		{"UTF-16 LE without BOM", utf16Bytes(text, binary.LittleEndian, false), 0, []string{"UTF-16 (little-endian)"}},
		{"UTF-16 BE without BOM", utf16Bytes(text, binary.BigEndian, false), 0, []string{"UTF-16 (big-endian)"}},
		{"UTF-32", append([]byte{0xFF, 0xFE, 0, 0}, 'e', 0, 0, 0), 0, []string{"UTF-32"}},
		{"Windows-1252", cp1252, 3, []string{"not UTF-8", "Windows-1252", `("René" is written in that encoding)`, "In Excel: File › Save As › CSV UTF-8"}},
		{"ISO-8859-1", latin1, 2, []string{"Windows-1252 (or ISO-8859-1)", `"René"`}},
		{"Mac Roman", []byte(hdr + "\rrene@x.com,Ren\x8e,Smith\r"), 2, []string{"Mac Roman", `"René"`}},
		{"Windows-1252 header", []byte("e-mail,pr\xe9nom,nom\n"), 1, []string{"Windows-1252", `"prénom"`}},
		{"empty", nil, 0, []string{"The file is empty."}},
		{"only a BOM and blank lines", []byte("\ufeff\r\n  \r\n"), 0, []string{"The file is empty."}},
		{"only empty cells", []byte(",,,\n,,\n"), 0, []string{"no header row"}},
		{"broken header", []byte("email,\"first_name,last_name\n"), 1, []string{"Line 1: The header row is broken", "never closed"}},
		{"old Excel", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00"), 0, []string{"Excel 97–2003", ".xlsx"}},
		{"PDF", []byte("%PDF-1.7\n"), 0, []string{"PDF"}},
		{"binary", []byte("\x00\x01\x02\x03\x04\x00\x00\xff\x00"), 0, []string{"binary data"}},
		{"a zip that is no workbook", zipOf(t, "hello.txt"), 0, []string{"The .xlsx file cannot be read"}},
		{"OpenDocument", odsHead(), 0, []string{"OpenDocument spreadsheet (.ods)"}},
		{"a zip that lies about its size", forgedZip(t), 0, []string{"too large to read"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Open(writeFile(t, tt.in))
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("Open: %v, want a *FileError", err)
			}
			if fe.Line != tt.line {
				t.Errorf("line %d, want %d", fe.Line, tt.line)
			}
			if prefix := "Line " + strconv.Itoa(tt.line) + ": "; (tt.line > 0) != strings.HasPrefix(fe.Error(), prefix) {
				t.Errorf("%q and line %d", fe.Error(), tt.line)
			}
			for _, w := range tt.want {
				if !strings.Contains(fe.Error(), w) {
					t.Errorf("%q does not contain %q", fe.Error(), w)
				}
			}
		})
	}
}

// A file that turns out not to be UTF-8 after the part Open looks at fails
// at that line, in Next.
func TestLateEncodingError(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	b.WriteString(hdr + "\n")
	line := 1
	for b.Len() < 3*bufSize {
		b.WriteString("a@x.com,Ann,Lee\n")
		line++
	}
	b.WriteString("rene@x.com,Ren\xe9,Smith\n")
	r, recs, err := readAll(t, b.Bytes())
	var fe *FileError
	if !errors.As(err, &fe) || fe.Line != line+1 || !strings.Contains(fe.Message, "Windows-1252") {
		t.Fatalf("error %v, want a FileError at line %d", err, line+1)
	}
	if len(recs) != line-1 {
		t.Errorf("%d records before the error, want %d", len(recs), line-1)
	}
	if _, err := r.Next(); !errors.As(err, &fe) {
		t.Errorf("the error is not sticky: %v", err)
	}
}

func zipOf(t testing.TB, name string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	fw, err := w.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write([]byte("hello"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// forgedZip claims a gigabyte for a few bytes of styles: excelize would
// allocate the claim.
func forgedZip(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	fw, err := w.CreateRaw(&zip.FileHeader{Name: "xl/styles.xml", Method: zip.Store, CompressedSize64: 5, UncompressedSize64: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write([]byte("hello"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func odsHead() []byte {
	// The first entry of an OpenDocument zip: "mimetype", stored.
	h := make([]byte, 30)
	copy(h, "PK\x03\x04")
	return append(append(h, "mimetype"...), "application/vnd.oasis.opendocument.spreadsheet"...)
}

func TestXLSX(t *testing.T) {
	t.Parallel()
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	rows := [][]any{
		{" E-mail ", "First name", "Last name", "Extra"},
		{"a@x.com", " Ann ", "Lee"},
		nil, // a blank row
		{"b@x.com", "Bob", "Ray", 42},
		{"", "", ""},
		{"\ufeffc@x.com", "Zoë", "Ørsted"},
	}
	for i, row := range rows {
		if row == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	// A second sheet is not read.
	if _, err := f.NewSheet("Other"); err != nil {
		t.Fatal(err)
	}
	_ = f.SetCellValue("Other", "A1", "not this one")
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	r, recs, err := readAll(t, b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if r.Format() != FormatXLSX || r.Delimiter() != 0 {
		t.Errorf("format %q delimiter %q", r.Format(), r.Delimiter())
	}
	if want := []string{"E-mail", "First name", "Last name", "Extra"}; !reflect.DeepEqual(r.Header(), want) {
		t.Errorf("header %q, want %q", r.Header(), want)
	}
	want := []Record{
		{Line: 2, Cells: []string{"a@x.com", "Ann", "Lee"}},
		{Line: 4, Cells: []string{"b@x.com", "Bob", "Ray", "42"}},
		{Line: 6, Cells: []string{"c@x.com", "Zoë", "Ørsted"}},
	}
	if !reflect.DeepEqual(recs, want) {
		t.Errorf("records %+v, want %+v", recs, want)
	}

	// An empty workbook has no header.
	empty := excelize.NewFile()
	defer func() { _ = empty.Close() }()
	b.Reset()
	if err := empty.Write(&b); err != nil {
		t.Fatal(err)
	}
	var fe *FileError
	if _, err := Open(writeFile(t, b.Bytes())); !errors.As(err, &fe) || !strings.Contains(fe.Message, "no header row") {
		t.Errorf("empty workbook: %v", err)
	}
}

func TestColumnLetter(t *testing.T) {
	t.Parallel()
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		if got := columnLetter(i); got != want {
			t.Errorf("columnLetter(%d) = %q, want %q", i, got, want)
		}
	}
}

func TestOpenMissingFile(t *testing.T) {
	t.Parallel()
	_, err := Open(filepath.Join(t.TempDir(), "nope"))
	var fe *FileError
	if err == nil || errors.As(err, &fe) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open of a missing file: %v", err)
	}
}
