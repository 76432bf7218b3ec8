package participation

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"roster/internal/apperr"
	"roster/internal/auth"
	"roster/internal/event"
)

// Counts are an event's participant counts, from the maintained counters.
type Counts struct {
	Total    int64
	ByStatus map[Status]int64
	ByRole   map[Role]int64
	// ByRoleStatus counts the speakers and the moderators per status.
	ByRoleStatus map[Role]map[Status]int64
}

// Counts returns the event's counts per status and per role (never count(*)).
func (s *Service) Counts(ctx context.Context, p auth.Principal, eventID int64) (Counts, error) {
	if err := p.Require(auth.PermEventsView); err != nil {
		return Counts{}, err
	}
	rs, ok, err := eventCounts(ctx, s.db.Gorm, p.PartnerID, eventID)
	if err != nil {
		return Counts{}, fmt.Errorf("participation: counts: %w", err)
	}
	if !ok {
		return Counts{}, apperr.NotFound("This event does not exist.")
	}
	return countsOf(rs), nil
}

func countsOf(rs []counterRecord) Counts {
	c := Counts{ByStatus: map[Status]int64{}, ByRole: map[Role]int64{},
		ByRoleStatus: map[Role]map[Status]int64{RoleSpeaker: {}, RoleModerator: {}}}
	for _, r := range rs {
		switch r.Dimension {
		case dimStatus:
			c.ByStatus[Status(r.Value)] = r.Count
			c.Total += r.Count
		case dimRole:
			c.ByRole[Role(r.Value)] = r.Count
		case roleStatusDimension(RoleSpeaker):
			c.ByRoleStatus[RoleSpeaker][Status(r.Value)] = r.Count
		case roleStatusDimension(RoleModerator):
			c.ByRoleStatus[RoleModerator][Status(r.Value)] = r.Count
		}
	}
	return c
}

// List returns one page of an event's participants, filtered, sorted and
// paged by keyset (never OFFSET). The total comes from the counters unless a
// search or a combined filter needs a count.
func (s *Service) List(ctx context.Context, p auth.Principal, f ListFilter) (Page, error) {
	if err := p.Require(auth.PermEventsView); err != nil {
		return Page{}, err
	}
	if err := f.normalize(); err != nil {
		return Page{}, err
	}
	c, err := decodeCursor(f.Cursor, f.Sort)
	if err != nil {
		return Page{}, err
	}
	tx := s.db.Conn(ctx)
	crs, ok, err := eventCounts(ctx, tx.Gorm, p.PartnerID, f.EventID)
	if err != nil {
		return Page{}, fmt.Errorf("participation: counts: %w", err)
	}
	if !ok {
		return Page{}, apperr.NotFound("This event does not exist.")
	}
	var page Page
	var counted chan error
	cs := countsOf(crs)
	page.Counts = cs
	switch {
	case f.like == "" && len(f.IDs) == 0:
		switch {
		case f.Status != "" && (f.Role == RoleSpeaker || f.Role == RoleModerator):
			page.Total = cs.ByRoleStatus[f.Role][f.Status]
		case f.Status != "":
			page.Total = cs.ByStatus[f.Status]
		case f.Role == RoleSpeaker || f.Role == RoleModerator:
			page.Total = cs.ByRole[f.Role]
		default:
			page.Total = cs.Total
		}
	default:
		// A search needs a real count: run it beside the page query (two
		// connections, both dialects read concurrently).
		counted = make(chan error, 1)
		go func() {
			n, err := count(ctx, s.db.Gorm, p.PartnerID, f, SearchCountLimit)
			if n > SearchCountLimit {
				n, page.TotalIsLowerBound = SearchCountLimit, true
			}
			page.Total = n
			counted <- err
		}()
	}
	// One row more than the page tells whether another page follows.
	rs, err := list(ctx, tx.Gorm, p.PartnerID, f, c, f.Limit+1)
	if counted != nil {
		if cerr := <-counted; cerr != nil && err == nil {
			err = cerr
		}
	}
	if err != nil {
		return Page{}, fmt.Errorf("participation: list: %w", err)
	}
	more := len(rs) > f.Limit
	if more {
		if c.Back {
			rs = rs[1:]
		} else {
			rs = rs[:f.Limit]
		}
	}
	start := c.Pos
	if c.Back && !more {
		start = 0 // reached the beginning
	}
	if page.Rows, err = s.withPeople(ctx, tx, p.PartnerID, rs); err != nil {
		return Page{}, err
	}
	if err := withLinks(ctx, tx, p.PartnerID, page.Rows); err != nil {
		return Page{}, err
	}
	if len(rs) > 0 {
		page.From, page.To = start+1, start+int64(len(rs))
		if page.To > page.Total {
			page.Total = page.To // the list moved under us (or the count stopped): never "51 – 100 of 60"
		}
		hasNext := more || c.Back
		if hasNext && (page.To < page.Total || page.TotalIsLowerBound) {
			page.Next = encodeCursor(f.Sort, keyOf(rs[len(rs)-1], f.Sort), page.To, false)
		}
		if start > 0 {
			page.HasPrev = true
			if start > int64(f.Limit) {
				page.Prev = encodeCursor(f.Sort, keyOf(rs[0], f.Sort), start-int64(f.Limit), true)
			}
		}
	}
	return page, nil
}

// csvSafe neutralises a cell a spreadsheet would run as a formula.
func csvSafe(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r\n", rune(v[0])) {
		return "'" + v
	}
	return v
}

// ExportColumns is the header of the CSV export.
var ExportColumns = []string{"first_name", "last_name", "email", "roles", "status", "detailed_status", "status_since",
	"email_delivery", "language", "title", "company", "created_at"}

// Export streams the filtered list (or a selection, f.IDs) as CSV, in
// batches, formula-injection safe, whatever its size.
func (s *Service) Export(ctx context.Context, p auth.Principal, f ListFilter, w io.Writer) error {
	if err := p.Require(auth.PermEventsView); err != nil {
		return err
	}
	if err := f.normalize(); err != nil {
		return err
	}
	tx := s.db.Conn(ctx)
	if _, err := event.GetTx(ctx, tx, p.PartnerID, f.EventID); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(ExportColumns); err != nil {
		return err
	}
	err := eachRow(ctx, tx.Gorm, p.PartnerID, f, func(rs []participationRecord) error {
		ps, err := s.withPeople(ctx, tx, p.PartnerID, rs)
		if err != nil {
			return err
		}
		for _, x := range ps {
			roles := make([]string, 0, 3)
			for _, r := range x.Roles() {
				roles = append(roles, string(r))
			}
			rec := []string{x.Person.FirstName, x.Person.LastName, x.Person.Email, strings.Join(roles, ";"), string(x.Status),
				string(x.Detail), x.StatusAt.UTC().Format(time.RFC3339), string(x.Delivery), x.Language, x.Person.Title,
				x.Person.Company, x.CreatedAt.UTC().Format(time.RFC3339)}
			for i := range rec {
				rec[i] = csvSafe(rec[i])
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	})
	if err != nil {
		return fmt.Errorf("participation: export: %w", err)
	}
	cw.Flush()
	return cw.Error()
}
