package participation_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"roster/internal/apperr"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/event"
	"roster/internal/participation"
	"roster/internal/people"
)

// SeedTx replays each seed through the machine: refused pasts fail, and a
// search matching more than SearchCountLimit rows says so.
func TestSeedReplaysAndCountsStopAtTheLimit(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		f := setup(t, db)
		ctx := context.Background()
		n := participation.SearchCountLimit + 2
		profiles := make([]people.Profile, n)
		for i := range profiles {
			profiles[i] = people.Profile{Email: fmt.Sprintf("bulk%05d@example.com", i), FirstName: "Bulk", LastName: "Person", Language: "en"}
		}
		actor := participation.Actor{Kind: participation.ActorSystem}
		err := db.InTx(ctx, func(tx database.Tx) error {
			e, err := event.GetTx(ctx, tx, f.admin.PartnerID, f.eventID)
			if err != nil {
				return err
			}
			ps, err := people.CreateManyTx(ctx, tx, f.admin.PartnerID, profiles, f.now)
			if err != nil {
				return err
			}
			// A past the machine refuses: unregister before being invited.
			_, err = participation.SeedTx(ctx, tx, f.admin.PartnerID, e, []participation.Seed{{PersonID: ps[0].ID,
				Steps: []participation.SeedStep{{Trigger: participation.TrRegister, At: f.now, Actor: actor}}}})
			if !apperr.Is(err, apperr.CodeConflict) {
				t.Errorf("a refused past must fail: %v", err)
			}
			seeds := make([]participation.Seed, n)
			for i, p := range ps {
				seeds[i] = participation.Seed{PersonID: p.ID, Steps: []participation.SeedStep{
					{Trigger: participation.TrImport, At: f.now, Actor: actor},
					{Trigger: participation.TrRegister, At: f.now.Add(time.Hour), Actor: actor},
				}}
			}
			_, err = participation.SeedTx(ctx, tx, f.admin.PartnerID, e, seeds)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		f.checkCounters(t)
		page, err := f.svc.List(ctx, f.admin, participation.ListFilter{EventID: f.eventID, Query: "bulk"})
		if err != nil || !page.TotalIsLowerBound || page.Total != int64(participation.SearchCountLimit) || page.Next == "" {
			t.Fatalf("capped count: %v total %d lower bound %v", err, page.Total, page.TotalIsLowerBound)
		}
		page, err = f.svc.List(ctx, f.admin, participation.ListFilter{EventID: f.eventID, Status: participation.StatusRegistered})
		if err != nil || page.Total != int64(n) || page.TotalIsLowerBound {
			t.Fatalf("a status filter counts exactly from the counters: %v %d", err, page.Total)
		}
	})
}
