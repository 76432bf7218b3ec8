package sheet

import (
	"errors"
	"fmt"
	"io"
	"strconv"

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
