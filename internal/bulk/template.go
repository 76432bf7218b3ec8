package bulk

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"roster/internal/i18n"
)

// templateRows are the template's two example rows: an attendee (language
// left to the event's default) and a speaker who reads French.
var templateRows = [][]string{
	{"ada.lovelace@example.com", "Ada", "Lovelace", "Analytical Engines Ltd", "Head of Research", "", ""},
	{"jean.dupont@example.com", "Jean", "Dupont", "Acme SA", "Chief Technology Officer", "fr", "speaker"},
}

// templateSheet is the name of the .xlsx template's sheet.
const templateSheet = "Invitations"

// WriteTemplateCSV writes the bulk-invite template: UTF-8 (with a BOM, so
// that Excel opens the accents of a filled-in copy right), the header and
// two example rows.
func WriteTemplateCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return fmt.Errorf("bulk: template: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	head := make([]string, len(TemplateColumns))
	for i, c := range TemplateColumns {
		head[i] = string(c)
	}
	if err := cw.Write(head); err != nil {
		return fmt.Errorf("bulk: template: %w", err)
	}
	if err := cw.WriteAll(templateRows); err != nil { // WriteAll flushes
		return fmt.Errorf("bulk: template: %w", err)
	}
	return nil
}

// WriteTemplateXLSX writes the same template as an .xlsx workbook: the
// header bold and frozen, columns wide enough to read, and drop-down lists
// for the language and roles columns (other spellings stay allowed: the
// check step is the judge).
func WriteTemplateXLSX(w io.Writer) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("bulk: template: %w", cerr)
		}
	}()
	wrap := func(err error) error { return fmt.Errorf("bulk: template: %w", err) }
	if err := f.SetSheetName("Sheet1", templateSheet); err != nil {
		return wrap(err)
	}
	head := make([]any, len(TemplateColumns))
	for i, c := range TemplateColumns {
		head[i] = string(c)
	}
	if err := f.SetSheetRow(templateSheet, "A1", &head); err != nil {
		return wrap(err)
	}
	for i, row := range templateRows {
		cells := make([]any, len(row))
		for j, v := range row {
			cells[j] = v
		}
		if err := f.SetSheetRow(templateSheet, fmt.Sprintf("A%d", i+2), &cells); err != nil {
			return wrap(err)
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return wrap(err)
	}
	if err := f.SetRowStyle(templateSheet, 1, 1, bold); err != nil {
		return wrap(err)
	}
	if err := f.SetPanes(templateSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return wrap(err)
	}
	last, _ := excelize.ColumnNumberToName(len(TemplateColumns))
	if err := f.SetColWidth(templateSheet, "A", last, 22); err != nil {
		return wrap(err)
	}
	if err := f.SetColWidth(templateSheet, "A", "A", 30); err != nil {
		return wrap(err)
	}

	codes := make([]string, len(i18n.Languages))
	for i, l := range i18n.Languages {
		codes[i] = l.Code
	}
	for _, v := range []struct {
		col   Column
		list  []string
		title string
		help  string
	}{
		{ColLanguage, codes, "Language", "A language code (" + strings.Join(codes[:4], ", ") + " …) or its English name; blank for the event's language."},
		{ColRoles, []string{"speaker", "moderator", "speaker;moderator"}, "Roles", "speaker, moderator, or both separated by \";\"; blank for an attendee."},
	} {
		col := columnIndex(v.col)
		if col < 0 {
			continue
		}
		name, _ := excelize.ColumnNumberToName(col + 1)
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s2:%s%d", name, name, excelize.TotalRows))
		if err := dv.SetDropList(v.list); err != nil {
			return wrap(err)
		}
		dv.SetInput(v.title, v.help)
		dv.SetError(excelize.DataValidationErrorStyleInformation, v.title, v.help)
		if err := f.AddDataValidation(templateSheet, dv); err != nil {
			return wrap(err)
		}
	}
	if err := f.Write(w); err != nil {
		return wrap(err)
	}
	return nil
}

// columnIndex is a column's place in the template, or -1.
func columnIndex(c Column) int {
	for i, t := range TemplateColumns {
		if t == c {
			return i
		}
	}
	return -1
}
