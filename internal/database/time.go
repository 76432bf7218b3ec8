package database

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// NullTime scans a nullable timestamp from either dialect, including SQLite
// expressions (aggregates, subqueries) that lose the column type and arrive
// as text.
type NullTime struct {
	Time  time.Time
	Valid bool
}

var sqliteTimeLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05",
}

// Scan implements sql.Scanner.
func (n *NullTime) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*n = NullTime{}
		return nil
	case time.Time:
		*n = NullTime{Time: x.UTC(), Valid: true}
		return nil
	case []byte:
		return n.Scan(string(x))
	case string:
		for _, l := range sqliteTimeLayouts {
			if t, err := time.Parse(l, x); err == nil {
				*n = NullTime{Time: t.UTC(), Valid: true}
				return nil
			}
		}
		return fmt.Errorf("database: cannot read %q as a time", x)
	}
	return fmt.Errorf("database: cannot read %T as a time", v)
}

// Value implements driver.Valuer.
func (n NullTime) Value() (driver.Value, error) {
	if !n.Valid {
		return nil, nil
	}
	return n.Time, nil
}

// Ptr returns the time, or nil when NULL.
func (n NullTime) Ptr() *time.Time {
	if !n.Valid {
		return nil
	}
	t := n.Time
	return &t
}
