// Package sheet reads an uploaded spreadsheet — a CSV file or the first sheet
// of an .xlsx workbook — record by record, without holding the file in
// memory. It detects the format by content, the CSV delimiter and the text
// encoding, and describes every problem in plain language: problems of one
// record travel with the record (Record.Problem), problems of the whole file
// are a *FileError.
package sheet

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Record is one row of the file.
type Record struct {
	Line  int      // 1-based line (CSV: the physical line the record starts on; xlsx: the row number)
	Cells []string // trimmed of surrounding spaces; a UTF-8 BOM is never part of a cell
	// Problem is a structural problem of this record in plain language (wrong column count,
	// a quote problem); "" when the record is sound. A record with a Problem is still returned.
	Problem string
}

// FileError is a problem of the whole file (not UTF-8 with the likely
// encoding and how to re-save, empty file, no header, not a CSV or .xlsx, an
// .xlsx that cannot be read). Line is 0 when the problem is not tied to a
// line. Message is plain language and safe to show; it does not repeat the
// line, which Error puts before it.
type FileError struct {
	Line    int
	Message string
}

// Error returns the message, after "Line N: " when the problem has a line.
func (e *FileError) Error() string {
	if e.Line > 0 {
		return "Line " + strconv.Itoa(e.Line) + ": " + e.Message
	}
	return e.Message
}

// The formats Format reports.
const (
	FormatCSV  = "csv"
	FormatXLSX = "xlsx"
)

// Limits that keep memory flat whatever the upload holds.
const (
	// bufSize is the read buffer, and how much of the file Open looks at to
	// detect the format, the encoding and the delimiter.
	bufSize = 64 << 10
	// MaxLineBytes cuts a longer physical line: its record gets a Problem.
	MaxLineBytes = 1 << 20
	// MaxQuotedBytes and MaxQuotedLines bound a quoted value that runs over
	// several lines: past them the quote is taken as never closed.
	MaxQuotedBytes = 64 << 10
	MaxQuotedLines = 200
	// MaxUnzipSize bounds the unpacked size of an .xlsx (excelize's default
	// is 16 GB, a zip bomb's dream).
	MaxUnzipSize = 1 << 30
	// xlsxMemSize is the part of an .xlsx (sheet, shared strings) that
	// excelize keeps in memory; a larger part is unpacked to a temporary file.
	xlsxMemSize = 4 << 20
)

// Reader reads the records of one file in order. It is not safe for
// concurrent use.
type Reader struct {
	format string
	header []string
	err    error // sticky: once set, Next returns it

	// CSV
	file  *os.File
	br    *bufio.Reader
	delim byte
	csv   csvState

	// xlsx
	book  *excelize.File
	rows  *excelize.Rows
	rowNo int
}

// Open opens path (a file on disk: callers write uploads to a temporary file
// first) and reads its header. It detects the format by content (xlsx =
// zip), the CSV delimiter (comma, semicolon or tab, from the header line,
// ignoring delimiters inside quotes; an Excel "sep=;" first line is honoured)
// and the encoding (UTF-8 with or without BOM; UTF-16 by BOM or NUL pattern,
// and Windows-1252/ISO-8859-1 when bytes are not valid UTF-8 are a
// *FileError). Problems of the file are a *FileError; an error opening or
// reading the file is returned as it is.
func Open(path string) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("sheet: %w", err)
	}
	br := bufio.NewReaderSize(f, bufSize)
	head, err := br.Peek(bufSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		_ = f.Close()
		return nil, fmt.Errorf("sheet: %w", err)
	}
	whole := len(head) < bufSize // head is the whole file
	if isZip(head) {
		_ = f.Close()
		if odf := odfKind(head); odf != "" {
			return nil, &FileError{Message: "This is an OpenDocument " + odf + ", not an .xlsx workbook. " + resaveHint}
		}
		return openXLSX(path)
	}
	if msg := sniffNotText(head); msg != "" {
		_ = f.Close()
		return nil, &FileError{Message: msg}
	}
	r := &Reader{format: FormatCSV, file: f, br: br}
	if err := r.openCSV(head, whole); err != nil {
		_ = f.Close()
		return nil, err
	}
	return r, nil
}

// Header returns the first record's cells (the header row).
func (r *Reader) Header() []string { return r.header }

// Format returns "csv" or "xlsx".
func (r *Reader) Format() string { return r.format }

// Delimiter returns the CSV delimiter (',', ';' or '\t'); 0 for an .xlsx.
func (r *Reader) Delimiter() rune { return rune(r.delim) }

// Next returns the next record: io.EOF after the last one, a *FileError when
// the file turns out not to be UTF-8 at a later line (naming it). Blank
// records (no cell holds anything) are skipped. The record's cells are its
// own: they stay valid after later calls.
func (r *Reader) Next() (Record, error) {
	if r.err != nil {
		return Record{}, r.err
	}
	var rec Record
	var err error
	if r.format == FormatXLSX {
		rec, err = r.nextXLSX()
	} else {
		rec, err = r.nextCSV()
	}
	if err != nil {
		r.err = err
	}
	return rec, err
}

// Close releases the file (and an .xlsx's temporary files).
func (r *Reader) Close() error {
	r.err = errClosed
	var err error
	if r.rows != nil {
		err = r.rows.Close()
		r.rows = nil
	}
	if r.book != nil {
		err = errors.Join(err, r.book.Close())
		r.book = nil
	}
	if r.file != nil {
		err = errors.Join(err, r.file.Close())
		r.file = nil
	}
	if err != nil {
		return fmt.Errorf("sheet: close: %w", err)
	}
	return nil
}

var errClosed = errors.New("sheet: reader closed")

// resaveHint tells how to get a file Roster reads.
const resaveHint = "Open it in Excel, Numbers, LibreOffice or Google Sheets and save it as an Excel workbook (.xlsx) or as CSV UTF-8, then upload that."

// blank reports whether no cell holds anything.
func blank(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return false
		}
	}
	return true
}

// cleanCell trims surrounding white space and removes any U+FEFF (a byte
// order mark, or the zero-width no-break space it also is), which is never
// meant as part of a value.
func cleanCell(s string) string {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "\ufeff") {
		s = strings.TrimSpace(strings.ReplaceAll(s, "\ufeff", ""))
	}
	return s
}

// columnLetter names a 0-based column as a spreadsheet does: A … Z, AA ….
func columnLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}
