package sheet

import (
	"bytes"
	"strconv"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// saveAsUTF8 tells how to re-save a file as UTF-8 in the usual programs.
const saveAsUTF8 = "Save it as UTF-8 and upload it again. " +
	"In Excel: File › Save As › CSV UTF-8 (Comma delimited). " +
	"In LibreOffice: File › Save As › Text CSV, tick \"Edit filter settings\", Character set: Unicode (UTF-8). " +
	"In Google Sheets: File › Download › Comma-separated values (always UTF-8)."

func isZip(head []byte) bool { return bytes.HasPrefix(head, []byte("PK\x03\x04")) }

// odfKind names an OpenDocument file (its first zip entry is an uncompressed
// "mimetype"), or returns "".
func odfKind(head []byte) string {
	if len(head) < 38 || string(head[30:38]) != "mimetype" {
		return ""
	}
	rest := head[38:min(len(head), 38+80)]
	switch {
	case bytes.Contains(rest, []byte("opendocument.spreadsheet")):
		return "spreadsheet (.ods)"
	case bytes.Contains(rest, []byte("opendocument")):
		return "document"
	}
	return ""
}

// sniffNotText returns why the head of a file that is not a zip is not a
// UTF-8 text file Roster can read (other encodings of Unicode, old binary
// formats), or "".
func sniffNotText(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE, 0, 0}):
		return utf16Message("UTF-32 (little-endian)")
	case bytes.HasPrefix(head, []byte{0, 0, 0xFE, 0xFF}):
		return utf16Message("UTF-32 (big-endian)")
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return utf16Message("UTF-16 (little-endian)")
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return utf16Message("UTF-16 (big-endian)")
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return "This is an Excel 97–2003 workbook (.xls) or a password-protected workbook, which Roster cannot read. " +
			"Remove any password and save it as an Excel workbook (.xlsx) or as CSV UTF-8, then upload that."
	case bytes.HasPrefix(head, []byte("%PDF")):
		return "This is a PDF, not a CSV or .xlsx file. Upload the spreadsheet the list comes from."
	}
	if bytes.IndexByte(head, 0) < 0 {
		return ""
	}
	// NUL bytes: UTF-16 without a byte order mark puts one beside every
	// ASCII character; anything else is binary.
	n := min(len(head), 4096) &^ 1
	var even, odd int
	for i := 0; i < n; i += 2 {
		if head[i] == 0 {
			even++
		}
		if head[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case pairs > 0 && odd*3 >= pairs && even*10 < pairs:
		return utf16Message("UTF-16 (little-endian)")
	case pairs > 0 && even*3 >= pairs && odd*10 < pairs:
		return utf16Message("UTF-16 (big-endian)")
	}
	return "This file holds binary data: it is not a CSV or .xlsx file. " + resaveHint
}

func utf16Message(enc string) string {
	return "The file is not UTF-8: it is in " + enc + ", which Excel writes when saving as \"Unicode Text\". " + saveAsUTF8
}

// firstInvalid returns the offset of the first byte of b that is not valid
// UTF-8, or -1. When complete is false, an incomplete sequence at the very
// end is not counted: the rest of it has not been read yet.
func firstInvalid(b []byte, complete bool) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			if !complete && !utf8.FullRune(b[i:]) {
				return -1
			}
			return i
		}
		i += size
	}
	return -1
}

// encodingError describes a line that is not valid UTF-8: which encoding it
// most likely is in, an example from the line as that encoding reads it,
// and how to re-save. mac tells that the file has the CR line ends of
// Excel's "CSV (Macintosh)", which writes Mac Roman.
func encodingError(line []byte, lineNo int, mac bool) *FileError {
	cm, name := charmap.Windows1252, "Windows-1252"
	if mac {
		cm, name = charmap.Macintosh, "Mac Roman"
	}
	at := firstInvalid(line, true)
	if at < 0 {
		at = 0
	}
	// The word around the first bad byte, as Windows-1252 reads it.
	start, end := at, at+1
	for start > 0 && at-start < 30 && !isSep(line[start-1]) {
		start--
	}
	for end < len(line) && end-at < 30 && !isSep(line[end]) {
		end++
	}
	word, _ := cm.NewDecoder().Bytes(line[start:end])

	// Bytes 0x80–0x9F are printable in Windows-1252 and control codes in
	// ISO-8859-1; when the bad bytes read as letters, the guess is a good one.
	var c1, high, letters int
	decoded, _ := cm.NewDecoder().Bytes(line)
	for _, b := range line {
		switch {
		case b >= 0x80 && b < 0xA0:
			c1++
			high++
		case b >= 0xA0:
			high++
		}
	}
	for _, r := range string(decoded) {
		if r >= 0x80 && (unicode.IsLetter(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)) {
			letters++
		}
	}
	enc := "Windows-1252 (or ISO-8859-1)"
	switch {
	case letters*2 < high:
		enc = "a legacy encoding such as Windows-1252, Mac Roman, Shift_JIS or GBK"
	case mac:
		enc = name + ", which Excel writes for \"CSV (Macintosh)\""
	case c1 > 0:
		enc = name
	}
	return &FileError{Line: lineNo, Message: "The file is not UTF-8: it looks like " + enc +
		" (" + strconv.Quote(string(word)) + " is written in that encoding). " + saveAsUTF8}
}

func isSep(b byte) bool {
	return b == ',' || b == ';' || b == '\t' || b == ' ' || b == '"' || b == '\n' || b == '\r'
}
