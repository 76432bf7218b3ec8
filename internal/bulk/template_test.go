package bulk

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"roster/internal/sheet"
)

// The template in both formats reads back through the check step: the
// header is the template's and both example rows are valid.
func TestTemplates(t *testing.T) {
	t.Parallel()
	for name, write := range map[string]func(io.Writer) error{"csv": WriteTemplateCSV, "xlsx": WriteTemplateXLSX} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			if err := write(&b); err != nil {
				t.Fatal(err)
			}
			if name == "csv" && !utf8.Valid(b.Bytes()) {
				t.Error("the CSV template is not UTF-8")
			}
			r, err := sheet.Open(writeTemp(t, b.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = r.Close() }()
			if r.Format() != name {
				t.Errorf("format %q", r.Format())
			}
			var header []string
			for _, c := range TemplateColumns {
				header = append(header, string(c))
			}
			if !reflect.DeepEqual(r.Header(), header) {
				t.Errorf("header %q, want %q", r.Header(), header)
			}
			m, err := MapHeader(r.Header())
			if err != nil || len(m.Unknown) != 0 {
				t.Fatalf("mapping %+v %v", m, err)
			}
			c := NewChecker(m)
			var rows []Row
			for {
				rec, err := r.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				row, outcome, probs := c.Check(rec)
				if outcome != OutcomeValid {
					t.Errorf("example row %d: %v %+v", rec.Line, outcome, probs)
				}
				rows = append(rows, row)
			}
			if len(rows) != 2 {
				t.Fatalf("%d example rows, want 2", len(rows))
			}
			if a := rows[0]; a.Speaker || a.Moderator || a.Language != "" {
				t.Errorf("the first example is not a plain attendee: %+v", a)
			}
			if s := rows[1]; !s.Speaker || s.Language != "fr" {
				t.Errorf("the second example is not a French speaker: %+v", s)
			}
		})
	}
}

func TestTemplateXLSXLooks(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := WriteTemplateXLSX(&b); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	sheetName := f.GetSheetList()[0]
	id, err := f.GetCellStyle(sheetName, "A1")
	if err != nil {
		t.Fatal(err)
	}
	style, err := f.GetStyle(id)
	if err != nil || style.Font == nil || !style.Font.Bold {
		t.Errorf("the header is not bold: %+v %v", style, err)
	}
	dvs, err := f.GetDataValidations(sheetName)
	if err != nil || len(dvs) != 2 {
		t.Errorf("data validations %+v %v", dvs, err)
	}
}
