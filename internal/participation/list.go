package participation

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"time"

	"roster/internal/apperr"
	"roster/internal/people"
)

// Sort is a column the list can be sorted by.
type Sort string

// The sorts.
const (
	SortCreated Sort = "created"
	SortName    Sort = "name"
	SortEmail   Sort = "email"
	SortStatus  Sort = "status"
)

// Valid reports whether s is a known sort.
func (s Sort) Valid() bool { _, ok := sortColumns[s]; return ok }

// PageSizes are the page sizes offered.
var PageSizes = []int{25, 50, 100, 200}

// SearchCountLimit is where counting a search's matches stops: beyond it the
// list says "1,000+" rather than read every matching row of a huge event.
const SearchCountLimit = 1000

// DefaultPageSize is the page size of a new view.
const DefaultPageSize = 50

// ListFilter selects and orders an event's participants.
type ListFilter struct {
	EventID int64
	Query   string // substring of name or email; case- and accent-insensitive
	Status  Status // "" for all
	Role    Role   // "" or attendee for all
	Sort    Sort
	Desc    bool
	Limit   int
	// Cursor continues a listing (opaque, from Page.Next or Page.Prev).
	Cursor string
	// IDs restricts the listing to a selection (CSV export of a selection).
	IDs []int64

	like string
}

// normalize fills defaults and validates the filter.
func (f *ListFilter) normalize() error {
	if f.Sort == "" {
		f.Sort, f.Desc = SortCreated, true
	}
	if !f.Sort.Valid() {
		return apperr.Invalid("Unknown sort %q.", f.Sort)
	}
	if f.Status != "" && !f.Status.Valid() {
		return apperr.Invalid("Unknown status %q.", f.Status)
	}
	switch f.Role {
	case "", RoleAttendee, RoleSpeaker, RoleModerator:
	default:
		return apperr.Invalid("Unknown role %q.", f.Role)
	}
	if f.Limit <= 0 {
		f.Limit = DefaultPageSize
	}
	if f.Limit > 1000 {
		f.Limit = 1000
	}
	f.like = people.LikePattern(f.Query)
	return nil
}

// Page is one page of a listing.
type Page struct {
	Rows  []Participation
	Total int64
	// TotalIsLowerBound: a search matched more than SearchCountLimit rows and
	// counting stopped there ("1 – 50 of 10,000+").
	TotalIsLowerBound bool
	// From and To are the 1-based positions of the first and last rows (0, 0 when empty).
	From, To int64
	// Next continues after this page; "" on the last page.
	Next string
	// HasPrev says there is a page before; Prev is its cursor ("" for the first page).
	HasPrev bool
	Prev    string
	// Counts are the event's status and role counts (for the filter chips).
	Counts Counts
}

// cursor is the decoded form of a page cursor: the keyset values of the row
// next to the page, the position of the page's first row, and the direction.
type cursor struct {
	Key  []any
	Pos  int64
	Back bool
}

type cursorWire struct {
	S    Sort     `json:"s"`
	K    []string `json:"k"`
	P    int64    `json:"p"`
	Back bool     `json:"b,omitempty"`
}

func encodeCursor(s Sort, key []any, pos int64, back bool) string {
	w := cursorWire{S: s, P: pos, Back: back}
	for _, v := range key {
		switch x := v.(type) {
		case time.Time:
			w.K = append(w.K, x.UTC().Format(time.RFC3339Nano))
		case int64:
			w.K = append(w.K, strconv.FormatInt(x, 10))
		case string:
			w.K = append(w.K, x)
		}
	}
	b, _ := json.Marshal(w)
	return base64.RawURLEncoding.EncodeToString(b)
}

var errCursor = apperr.Invalid("This page link is out of date. Start again from the first page.")

// decodeCursor validates a cursor against the sort it must belong to.
func decodeCursor(raw string, s Sort) (cursor, error) {
	if raw == "" {
		return cursor{}, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil || len(b) > 2048 {
		return cursor{}, errCursor
	}
	var w cursorWire
	if err := json.Unmarshal(b, &w); err != nil || w.S != s || w.P < 0 || len(w.K) != len(sortColumns[s]) {
		return cursor{}, errCursor
	}
	c := cursor{Pos: w.P, Back: w.Back}
	for i, col := range sortColumns[s] {
		switch col {
		case "created_at":
			t, err := time.Parse(time.RFC3339Nano, w.K[i])
			if err != nil {
				return cursor{}, errCursor
			}
			c.Key = append(c.Key, t.UTC())
		case "id":
			n, err := strconv.ParseInt(w.K[i], 10, 64)
			if err != nil {
				return cursor{}, errCursor
			}
			c.Key = append(c.Key, n)
		case "status":
			if !Status(w.K[i]).Valid() {
				return cursor{}, errCursor
			}
			c.Key = append(c.Key, w.K[i])
		default:
			c.Key = append(c.Key, w.K[i])
		}
	}
	return c, nil
}
