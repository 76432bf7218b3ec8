package sheet

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// unreadable is the message for an .xlsx that excelize cannot read.
const unreadable = "The .xlsx file cannot be read: it may be damaged, or be another kind of file with an .xlsx name. " + resaveHint

// openXLSX opens the first sheet of a workbook and reads its header row.
// excelize streams the sheet: a sheet or shared-string table larger than
// xlsxMemSize is unpacked to a temporary file and read from there.
func openXLSX(path string) (r *Reader, err error) {
	// An upload is untrusted input: a malformed workbook must end as a
	// FileError, never as a panic inside the library.
	defer func() {
		if p := recover(); p != nil {
			if r != nil {
				_ = r.Close()
			}
			r, err = nil, &FileError{Message: unreadable}
		}
	}()
	if err := checkParts(path); err != nil {
		return nil, err
	}
	book, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: MaxUnzipSize, UnzipXMLSizeLimit: xlsxMemSize})
	if err != nil {
		if book != nil {
			_ = book.Close()
		}
		if err.Error() == unzipLimitMessage() {
			return nil, &FileError{Message: "The .xlsx file is too large once unpacked (over " + strconv.Itoa(MaxUnzipSize>>30) + " GB). Split it into smaller files."}
		}
		return nil, &FileError{Message: unreadable}
	}
	r = &Reader{format: FormatXLSX, book: book}
	sheets := book.GetSheetList()
	if len(sheets) == 0 {
		_ = r.Close()
		return nil, &FileError{Message: "The workbook has no sheet."}
	}
	if r.rows, err = book.Rows(sheets[0]); err != nil {
		_ = r.Close()
		return nil, &FileError{Message: unreadable}
	}
	for {
		rec, err := r.nextXLSX()
		if errors.Is(err, io.EOF) {
			_ = r.Close()
			return nil, &FileError{Message: "The first sheet (" + strconv.Quote(sheets[0]) + ") is empty: it has no header row."}
		}
		if err != nil {
			_ = r.Close()
			return nil, err
		}
		r.header = rec.Cells
		return r, nil
	}
}

// nextXLSX returns the next row that is not blank.
func (r *Reader) nextXLSX() (rec Record, err error) {
	defer func() {
		if p := recover(); p != nil {
			rec, err = Record{}, &FileError{Line: r.rowNo, Message: "This row of the .xlsx file cannot be read. " + resaveHint}
		}
	}()
	for r.rows.Next() {
		// excelize's Next visits every row number, empty rows included.
		r.rowNo++
		cells, err := r.rows.Columns()
		if err != nil {
			return Record{}, &FileError{Line: r.rowNo, Message: "This row of the .xlsx file cannot be read. " + resaveHint}
		}
		for i, c := range cells {
			cells[i] = cleanCell(c)
		}
		if blank(cells) {
			continue
		}
		return Record{Line: r.rowNo, Cells: cells}, nil
	}
	if err := r.rows.Error(); err != nil {
		if errors.Is(err, excelize.ErrMaxRows) {
			return Record{}, &FileError{Line: r.rowNo, Message: "The sheet has more rows than Excel allows: the file is damaged. " + resaveHint}
		}
		return Record{}, fmt.Errorf("sheet: xlsx: %w", err)
	}
	return Record{}, io.EOF
}

// unzipLimitMessage is excelize's message when UnzipSizeLimit is passed (it
// has no sentinel error for it).
func unzipLimitMessage() string {
	return fmt.Sprintf("unzip size exceeds the %d bytes limit", int64(MaxUnzipSize))
}

// Bounds of the parts of an .xlsx that excelize reads into memory whole
// (all but the sheets and the shared strings, which it streams when large).
const (
	maxPartSize  = 16 << 20
	maxPartsSize = 64 << 20
)

// checkParts refuses a workbook whose in-memory parts claim more than a
// workbook of names needs: excelize allocates each part's claimed size up
// front, so a few bytes of forged zip header would otherwise cost a
// gigabyte of memory.
func checkParts(path string) error {
	z, err := zip.OpenReader(path)
	if err != nil {
		return &FileError{Message: unreadable}
	}
	defer func() { _ = z.Close() }()
	var total uint64
	for _, f := range z.File {
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		if strings.HasPrefix(name, "xl/worksheets/sheet") || name == "xl/sharedstrings.xml" {
			continue
		}
		total += f.UncompressedSize64
		if f.UncompressedSize64 > maxPartSize || total > maxPartsSize {
			return &FileError{Message: "The .xlsx file holds more than a list of names (pictures or other large parts) and is too large to read. " +
				"Save the sheet as CSV UTF-8, or copy it into a new workbook, and upload that."}
		}
	}
	return nil
}
