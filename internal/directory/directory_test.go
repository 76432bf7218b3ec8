package directory_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/demo"
	"roster/internal/directory"
	"roster/internal/partner"
)

// The directory lists a partner's people newest first with their events
// and courses, searches accent-insensitively (wildcards literal), filters
// by state, pages by keyset, shows one person whole, and nothing of
// another partner.
func TestDirectory(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		res, err := demo.Seed(ctx, db, demo.Options{PartnerName: "Demo", Now: time.Now().UTC(), Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		var other partner.Partner
		if err := db.InTx(ctx, func(tx database.Tx) error { other, err = partner.CreateTx(ctx, tx, "Other"); return err }); err != nil {
			t.Fatal(err)
		}
		svc := directory.NewService(db)
		mine := auth.Principal{StaffID: 1, PartnerID: res.PartnerID, Role: auth.RoleSupport}
		theirs := auth.Principal{StaffID: 2, PartnerID: other.ID, Role: auth.RoleAdmin}

		// An address, or part of one, in any case, finds its person: the
		// search text holds the email too.
		listed, err := svc.List(ctx, mine, directory.Filter{})
		if err != nil || len(listed.Rows) == 0 {
			t.Fatalf("list: %d rows, %v", len(listed.Rows), err)
		}
		someone := listed.Rows[len(listed.Rows)-1]
		local, domain, _ := strings.Cut(someone.Email, "@")
		for _, q := range []string{strings.ToUpper(someone.Email), local + "@" + domain[:3]} {
			page, err := svc.List(ctx, mine, directory.Filter{Query: q})
			if err != nil {
				t.Fatal(err)
			}
			if len(page.Rows) != 1 || page.Rows[0].ID != someone.ID {
				t.Errorf("search %q: %d rows, want %s alone", q, len(page.Rows), someone.Email)
			}
		}
		for _, q := range []string{"noël", "NOEL", "Noel"} {
			page, err := svc.List(ctx, mine, directory.Filter{Query: q})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, r := range page.Rows {
				found = found || strings.Contains(r.FirstName+r.LastName, "Noël")
			}
			if !found {
				t.Errorf("search %q does not find Noël", q)
			}
			if page, _ := svc.List(ctx, theirs, directory.Filter{Query: q}); len(page.Rows) != 0 {
				t.Errorf("search %q leaks %d people of another partner", q, len(page.Rows))
			}
		}
		if page, _ := svc.List(ctx, mine, directory.Filter{Query: "%"}); len(page.Rows) != 0 {
			t.Errorf("%% matched %d people", len(page.Rows))
		}

		// Pages of 20 follow each other without overlap.
		first, err := svc.List(ctx, mine, directory.Filter{Limit: 20})
		if err != nil || len(first.Rows) != 20 || first.Next == nil {
			t.Fatalf("first page: %d rows, next %v, %v", len(first.Rows), first.Next, err)
		}
		cur, ok := directory.ParseCursor(first.Next.String())
		if !ok {
			t.Fatal("the cursor does not round-trip")
		}
		second, _ := svc.List(ctx, mine, directory.Filter{Limit: 20, Before: &cur})
		if len(second.Rows) != 20 || second.Rows[0].ID == first.Rows[19].ID {
			t.Fatalf("second page: %d rows", len(second.Rows))
		}
		for _, a := range first.Rows {
			for _, b := range second.Rows {
				if a.ID == b.ID {
					t.Fatalf("person %d on both pages", a.ID)
				}
			}
		}

		// States: the demo has blocked people and deactivated ones may be none.
		all, _ := svc.List(ctx, mine, directory.Filter{Limit: 100})
		for _, st := range directory.States {
			page, err := svc.List(ctx, mine, directory.Filter{State: st, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range page.Rows {
				if r.State != st {
					t.Fatalf("filter %s shows %s", st, r.State)
				}
			}
		}

		// One person whole: someone with an event.
		var withEvent directory.Row
		for _, r := range all.Rows {
			if r.Events > 0 {
				withEvent = r
				break
			}
		}
		if withEvent.ID == 0 {
			t.Fatal("no person with an event in the demo")
		}
		p, err := svc.Get(ctx, mine, withEvent.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Participations) != withEvent.Events || p.Participations[0].EventName == "" || p.Participations[0].Status == "" {
			t.Fatalf("participations: %+v", p.Participations)
		}
		if _, err := svc.Get(ctx, theirs, withEvent.ID); err == nil {
			t.Fatal("another partner reads the person")
		}
		noRole := auth.Principal{StaffID: 3, PartnerID: res.PartnerID}
		if _, err := svc.List(ctx, noRole, directory.Filter{}); err == nil {
			t.Fatal("a principal without a role lists people")
		}
	})
}
