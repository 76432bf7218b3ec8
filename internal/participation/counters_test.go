package participation_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/participation"
	"roster/internal/people"
)

// Status changes of different people of one event, at the same time, move
// the same counters the other way round (one blocks: invited -1, blocked +1;
// another unblocks: blocked -1, invited +1). They lock the counters in one
// order, so none fails on a deadlock, and the counters end right.
func TestConcurrentStatusChangesKeepCounters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		f := setup(t, db)
		ctx := context.Background()
		var ids []int64
		for i := range 6 {
			p, err := f.svc.Invite(ctx, f.admin, f.eventID, participation.InviteInput{Profile: people.Profile{
				Email: fmt.Sprintf("c%d@example.com", i), FirstName: "C", LastName: fmt.Sprint(i)}, Speaker: i%2 == 0, Moderator: i%3 == 0})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, p.ID)
		}
		// Half of them start blocked, so that blocks and unblocks run together.
		for _, id := range ids[:3] {
			if _, err := f.svc.SetBlocked(ctx, f.admin, f.eventID, id, true); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		errs := make(chan error, len(ids))
		for i, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				blocked := i < 3
				for range 8 {
					blocked = !blocked
					if _, err := f.svc.SetBlocked(ctx, f.admin, f.eventID, id, blocked); err != nil {
						errs <- fmt.Errorf("participant %d, block %v: %w", id, blocked, err)
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		f.checkCounters(t)
	})
}
