package sheet

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// csvState is the CSV side of a Reader.
type csvState struct {
	lineNo int        // the last physical line read from the file
	queue  []heldLine // lines to read again (after a quote that never closed) before the file
	long   []byte     // assembles a line longer than the read buffer
	held   []heldLine // the lines of a record running over several lines
	buf    []byte     // the unescaped text of the record being parsed
	ends   []int      // where each cell of it ends in buf
	width  int        // the header's cell count
	named  int        // up to the header's last non-empty cell
	// the quoted cell being parsed
	quoteAt, cellStart, openCell int
	mac                          bool // CR line ends: an old Mac's "CSV (Macintosh)"
}

// heldLine is one physical line without its line end.
type heldLine struct {
	b   []byte
	no  int
	cut bool // longer than MaxLineBytes: the rest was dropped
}

// crToLF turns the lone CR line ends of old Mac spreadsheets into LF.
type crToLF struct{ r io.Reader }

func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// openCSV checks the encoding of the head of the file, finds the delimiter
// and reads the header.
func (r *Reader) openCSV(head []byte, whole bool) error {
	if bytes.HasPrefix(head, utf8BOM) {
		if _, err := r.br.Discard(len(utf8BOM)); err != nil {
			return fmt.Errorf("sheet: %w", err)
		}
		head = head[len(utf8BOM):]
	}
	eol := byte('\n')
	if bytes.IndexByte(head, '\n') < 0 && bytes.IndexByte(head, '\r') >= 0 {
		r.br = bufio.NewReaderSize(crToLF{r.br}, bufSize)
		eol = '\r'
		r.csv.mac = true
	}
	if at := firstInvalid(head, whole); at >= 0 {
		start := bytes.LastIndexByte(head[:at], eol) + 1
		end := bytes.IndexByte(head[at:], eol)
		if end < 0 {
			end = len(head)
		} else {
			end += at
		}
		return encodingError(head[start:end], bytes.Count(head[:at], []byte{eol})+1, r.csv.mac)
	}
	if whole && len(bytes.TrimSpace(head)) == 0 {
		return &FileError{Message: "The file is empty."}
	}
	first := true
	for {
		l, err := r.readLine()
		if errors.Is(err, io.EOF) {
			return &FileError{Message: "The file is empty: it has no header row."}
		}
		if err != nil {
			return err
		}
		if blankBytes(l.b) {
			continue
		}
		if first && r.delim == 0 {
			first = false
			if d, ok := sepLine(l.b); ok {
				r.delim = d
				continue
			}
		}
		if r.delim == 0 {
			r.delim = detectDelimiter(l.b)
		}
		rec, err := r.parseRecord(l)
		if err != nil {
			return err
		}
		if blank(rec.Cells) {
			continue
		}
		if rec.Problem != "" {
			return &FileError{Line: rec.Line, Message: "The header row is broken: " + rec.Problem}
		}
		r.header = rec.Cells
		r.csv.width = len(rec.Cells)
		for i, c := range rec.Cells {
			if c != "" {
				r.csv.named = i + 1
			}
		}
		return nil
	}
}

// sepLine reads Excel's "sep=;" first line, which names the delimiter.
func sepLine(line []byte) (byte, bool) {
	if len(line) < 5 || !bytes.EqualFold(line[:4], []byte("sep=")) {
		return 0, false
	}
	rest := line[4:]
	if len(rest) > 1 {
		rest = bytes.TrimRight(rest, " \r")
	}
	if len(rest) == 1 && (rest[0] == ',' || rest[0] == ';' || rest[0] == '\t' || rest[0] == '|') {
		return rest[0], true
	}
	return 0, false
}

// detectDelimiter picks the comma, semicolon or tab that occurs most often
// outside quotes in the header line; a comma when there is none.
func detectDelimiter(line []byte) byte {
	var comma, semi, tab int
	quoted := false
	for _, b := range line {
		switch b {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				comma++
			}
		case ';':
			if !quoted {
				semi++
			}
		case '\t':
			if !quoted {
				tab++
			}
		}
	}
	switch {
	case semi > comma && semi >= tab:
		return ';'
	case tab > comma && tab > semi:
		return '\t'
	}
	return ','
}

// readLine returns the next physical line without its line end: from the
// queue of lines to read again, else from the file. A line straight from
// the file is only valid until the next call.
func (r *Reader) readLine() (heldLine, error) {
	s := &r.csv
	if len(s.queue) > 0 {
		l := s.queue[0]
		s.queue = s.queue[1:]
		return l, nil
	}
	line, err := r.br.ReadSlice('\n')
	cut := false
	if errors.Is(err, bufio.ErrBufferFull) {
		s.long = append(s.long[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			line, err = r.br.ReadSlice('\n')
			if room := MaxLineBytes - len(s.long); len(line) <= room {
				s.long = append(s.long, line...)
			} else {
				s.long = append(s.long, line[:max(room, 0)]...)
				cut = true
			}
		}
		line = s.long
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return heldLine{}, fmt.Errorf("sheet: read: %w", err)
	}
	if len(line) == 0 {
		return heldLine{}, io.EOF
	}
	s.lineNo++
	if line[len(line)-1] == '\n' {
		line = line[:len(line)-1]
	}
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	if cut {
		// Do not leave half a character at the cut.
		j := len(line) - 1
		for j > 0 && len(line)-j < utf8.UTFMax && !utf8.RuneStart(line[j]) {
			j--
		}
		if j >= 0 && !utf8.FullRune(line[j:]) {
			line = line[:j]
		}
	}
	if !utf8.Valid(line) {
		return heldLine{}, encodingError(line, s.lineNo, s.mac)
	}
	return heldLine{b: line, no: s.lineNo, cut: cut}, nil
}

// nextCSV returns the next record that is not blank.
func (r *Reader) nextCSV() (Record, error) {
	for {
		l, err := r.readLine()
		if err != nil {
			return Record{}, err
		}
		if blankBytes(l.b) {
			continue
		}
		rec, err := r.parseRecord(l)
		if err != nil {
			return Record{}, err
		}
		if blank(rec.Cells) {
			continue
		}
		return rec, nil
	}
}

// parseRecord parses the record that starts on line first, reading more
// lines while a quoted value runs on. A value whose quote does not close
// cleanly within MaxQuotedLines lines and MaxQuotedBytes bytes — or whose
// closing makes a record of the wrong width — is taken as a quote that was
// never closed: the first line alone becomes the record, with a Problem, and
// the lines after it are read again as records of their own, so that one
// stray quote costs one row, not the rest of the file.
func (r *Reader) parseRecord(first heldLine) (Record, error) {
	s := &r.csv
	s.buf, s.ends = s.buf[:0], s.ends[:0]
	if first.cut {
		r.parseLine(first.b, false, true)
		return r.record(first.no, "The line is longer than "+strconv.Itoa(MaxLineBytes>>20)+" MB; the rest of it was not read."), nil
	}
	open, problem := r.parseLine(first.b, false, false)
	if !open {
		rec := r.record(first.no, problem)
		if rec.Problem == "" {
			rec.Problem = r.widthProblem(rec.Cells)
		}
		rec.Cells = r.dropEmptyExtras(rec.Cells)
		return rec, nil
	}

	openCell := s.openCell
	s.held = append(s.held[:0], heldLine{b: bytes.Clone(first.b), no: first.no})
	size := len(first.b)
	for open && len(s.held) < MaxQuotedLines && size <= MaxQuotedBytes {
		l, err := r.readLine()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Record{}, err
		}
		s.held = append(s.held, heldLine{b: bytes.Clone(l.b), no: l.no, cut: l.cut})
		size += len(l.b)
		if l.cut {
			break
		}
		var p string
		open, p = r.parseLine(l.b, true, false)
		if problem == "" {
			problem = p
		}
	}
	if !open && problem == "" {
		rec := r.record(first.no, "")
		if r.widthProblem(rec.Cells) == "" {
			rec.Cells = r.dropEmptyExtras(rec.Cells)
			return rec, nil
		}
	}

	// The quote never closed: read the lines after the first again.
	q := make([]heldLine, 0, len(s.held)-1+len(s.queue))
	q = append(q, s.held[1:]...)
	s.queue = append(q, s.queue...)
	s.buf, s.ends = s.buf[:0], s.ends[:0]
	r.parseLine(s.held[0].b, false, true)
	clear(s.held)
	rec := r.record(first.no, "The quote that opens "+r.cellName(openCell)+" is never closed. "+
		"Close it, or, when the quote is part of the value, put the whole value in quotes and write that quote twice (\"\").")
	return rec, nil
}

// parseLine parses one physical line into s.buf and s.ends. cont tells that
// the line continues a quoted value from the line before. It returns whether
// a quoted value is still open at the end of the line, and the first quote
// problem found. In lenient mode a quote that does not close on the line is
// taken as an ordinary character.
func (r *Reader) parseLine(line []byte, cont, lenient bool) (open bool, problem string) {
	s := &r.csv
	d := r.delim
	n := len(line)
	i := 0
	quoted := cont
	for {
		if !quoted {
			j := i
			for j < n && isPad(line[j], d) {
				j++
			}
			if j == n || line[j] != '"' {
				var done bool
				if i, done = r.unquoted(line, i); done {
					return false, problem
				}
				continue
			}
			quoted = true
			s.quoteAt, s.cellStart = j, len(s.buf)
			i = j + 1
		}
		k := bytes.IndexByte(line[i:], '"')
		if k < 0 {
			if lenient && !cont {
				// Take the cell as it is written, quote included.
				s.buf = s.buf[:s.cellStart]
				quoted = false
				var done bool
				if i, done = r.unquoted(line, s.quoteAt); done {
					return false, problem
				}
				continue
			}
			s.buf = append(s.buf, line[i:]...)
			s.buf = append(s.buf, '\n')
			s.openCell = len(s.ends)
			return true, problem
		}
		s.buf = append(s.buf, line[i:i+k]...)
		i += k + 1
		if i < n && line[i] == '"' { // "" is a quote in the value
			s.buf = append(s.buf, '"')
			i++
			continue
		}
		quoted, cont = false, false
		j := i
		for j < n && isPad(line[j], d) {
			j++
		}
		switch {
		case j == n:
			s.ends = append(s.ends, len(s.buf))
			return false, problem
		case line[j] == d:
			s.ends = append(s.ends, len(s.buf))
			i = j + 1
			if i == n { // a delimiter ends the line: one more, empty, cell
				s.ends = append(s.ends, len(s.buf))
				return false, problem
			}
			continue
		}
		// Text after the closing quote: keep it, quote included.
		if problem == "" {
			problem = "There is text after the closing quote of " + r.cellName(len(s.ends)) + ". " +
				"Put the whole value in quotes and write each quote inside it twice, like \"Acme \"\"Best\"\" Ltd\"."
		}
		s.buf = append(s.buf, '"')
		var done bool
		if i, done = r.unquoted(line, i); done {
			return false, problem
		}
	}
}

// unquoted appends the unquoted cell that starts at line[i:] and returns
// where the next cell starts, or done at the end of the line.
func (r *Reader) unquoted(line []byte, i int) (next int, done bool) {
	s := &r.csv
	k := bytes.IndexByte(line[i:], r.delim)
	if k < 0 {
		s.buf = append(s.buf, line[i:]...)
		s.ends = append(s.ends, len(s.buf))
		return len(line), true
	}
	s.buf = append(s.buf, line[i:i+k]...)
	s.ends = append(s.ends, len(s.buf))
	next = i + k + 1
	if next == len(line) {
		s.ends = append(s.ends, len(s.buf))
		return next, true
	}
	return next, false
}

// record makes the parsed cells a Record; its text is one allocation that
// every cell shares.
func (r *Reader) record(no int, problem string) Record {
	s := &r.csv
	text := string(s.buf)
	cells := make([]string, len(s.ends))
	start := 0
	for i, end := range s.ends {
		cells[i] = cleanCell(text[start:end])
		start = end
	}
	return Record{Line: no, Cells: cells, Problem: problem}
}

// widthProblem compares a record's width with the header's. Extra cells that
// are empty (a trailing delimiter) are harmless.
func (r *Reader) widthProblem(cells []string) string {
	s := &r.csv
	if s.width == 0 {
		return ""
	}
	if len(cells) > s.width && !blank(cells[s.width:]) {
		return "This line has " + strconv.Itoa(len(cells)) + " values but the header has " + strconv.Itoa(s.width) + ". " +
			"A value that contains a " + delimName(r.delim) + " must be put in double quotes, like \"Acme" + string(r.delim) + " Inc.\"."
	}
	if len(cells) < s.named {
		return "This line has " + strconv.Itoa(len(cells)) + " values but the header has " + strconv.Itoa(s.width) + ": " +
			"a " + delimName(r.delim) + " between two values is missing, or the line was cut short."
	}
	return ""
}

// dropEmptyExtras drops empty cells past the header's width.
func (r *Reader) dropEmptyExtras(cells []string) []string {
	if w := r.csv.width; w > 0 && len(cells) > w && blank(cells[w:]) {
		return cells[:w]
	}
	return cells
}

// cellName names the i-th cell of a line for a person: by its header when
// there is one.
func (r *Reader) cellName(i int) string {
	if i < len(r.header) && r.header[i] != "" {
		return "the " + strconv.Quote(r.header[i]) + " value"
	}
	return "the value in column " + columnLetter(i)
}

func delimName(d byte) string {
	switch d {
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	case '|':
		return "vertical bar (|)"
	}
	return "comma"
}

// isPad reports a space that may stand around a quoted value.
func isPad(b, delim byte) bool {
	return (b == ' ' && delim != ' ') || (b == '\t' && delim != '\t')
}

func blankBytes(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}
