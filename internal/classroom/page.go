package classroom

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"

	"roster/internal/database"
)

// Cursor is a keyset position in a list, with the number of rows before
// the page it opens (for "51 – 100 of 1,234"). Back pages end before the
// position instead of starting after it.
type Cursor struct {
	Name      string    `json:"n,omitempty"`
	CreatedAt time.Time `json:"t,omitzero"`
	ID        int64     `json:"i"`
	Offset    int       `json:"o"`
	Back      bool      `json:"b,omitempty"`
}

// String encodes the cursor for a URL.
func (c Cursor) String() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// ParseCursor reads a cursor from a URL; ok is false when s is not one
// (the list then starts at its first page).
func ParseCursor(s string) (*Cursor, bool) {
	if s == "" || len(s) > 400 {
		return nil, false
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, false
	}
	var c Cursor
	if json.Unmarshal(b, &c) != nil || c.ID <= 0 || c.Offset < 0 {
		return nil, false
	}
	return &c, true
}

// Page is what a paged list shows besides its rows: the range it covers,
// the total, and the cursors of its neighbours ("" at either end).
type Page struct {
	From, To   int
	Total      int64
	Prev, Next string
}

// Page sizes.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

func clampLimit(n int) int {
	switch {
	case n <= 0:
		return DefaultLimit
	case n > MaxLimit:
		return MaxLimit
	}
	return n
}

// pageOf computes the range and neighbour cursors of a page of n rows
// (fetched with one extra row to know whether more follow in the direction
// of travel) opened by c; key gives the cursor of a row.
func pageOf[T any](rows []T, c *Cursor, limit int, total int64, key func(T) Cursor) ([]T, Page) {
	offset, back := 0, false
	if c != nil {
		offset, back = c.Offset, c.Back
	}
	more := len(rows) > limit
	if more {
		if back {
			rows = rows[1:]
		} else {
			rows = rows[:limit]
		}
	}
	start := offset
	if back {
		start = offset - len(rows)
		if start < 0 || !more {
			start = 0
		}
	}
	p := Page{Total: total}
	if len(rows) == 0 {
		return rows, p
	}
	p.From, p.To = start+1, start+len(rows)
	if (back && more) || (!back && start > 0) {
		k := key(rows[0])
		k.Offset, k.Back = start, true
		p.Prev = k.String()
	}
	if (!back && more) || (back && int64(p.To) < total) {
		k := key(rows[len(rows)-1])
		k.Offset = p.To
		p.Next = k.String()
	}
	return rows, p
}

// pagedTx reads one page of a list in one transaction: limit+1 rows from
// list (the extra one says whether more follow), the total from count, and
// turns the rows into values with conv.
func pagedTx[R, T any](ctx context.Context, db *database.DB, what string, c *Cursor, limit int,
	list func(database.Tx) ([]R, error), count func(database.Tx) (int64, error), key func(R) Cursor,
	conv func(database.Tx, []R) ([]T, error)) ([]T, Page, error) {
	var (
		out  []T
		page Page
	)
	err := db.InTx(ctx, func(tx database.Tx) error {
		rs, err := list(tx)
		if err != nil {
			return err
		}
		total, err := count(tx)
		if err != nil {
			return err
		}
		rs, page = pageOf(rs, c, limit, total, key)
		out, err = conv(tx, rs)
		return err
	})
	if err != nil {
		return nil, Page{}, fmt.Errorf("classroom: %s: %w", what, err)
	}
	return out, page, nil
}
