// Package listview renders generic read-only lists, for areas of the
// console that have no dedicated page yet.
package listview

// Column is a table column.
type Column struct {
	Label string
}

// Row is a table row; Href, when set, links the first cell.
type Row struct {
	Cells []string
	Href  string
}

// PageVM is the view model of a generic list. SearchAction is the URL of
// the GET search form; "" shows no search box.
type PageVM struct {
	Title, Subtitle       string
	Columns               []Column
	Rows                  []Row
	EmptyTitle, EmptyBody string
	Query                 string
	SearchAction          string
}

// emptyTitle is the title of the empty state.
func emptyTitle(vm PageVM) string {
	switch {
	case vm.Query != "":
		return "No matches"
	case vm.EmptyTitle != "":
		return vm.EmptyTitle
	}
	return "Nothing here yet"
}

// emptyBody is the text of the empty state.
func emptyBody(vm PageVM) string {
	if vm.Query != "" {
		return "Nothing matches “" + vm.Query + "”. Try another search."
	}
	return vm.EmptyBody
}

// firstCellClass styles the first cell as the row's name.
const (
	firstCellClass = "font-medium text-slate-900"
	otherCellClass = "text-slate-600"
)

func cellClass(i int) string {
	if i == 0 {
		return firstCellClass
	}
	return otherCellClass
}
