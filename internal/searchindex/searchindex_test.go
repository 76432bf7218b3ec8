package searchindex_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/partner"
	"roster/internal/people"
	"roster/internal/searchindex"
	"roster/internal/sqlbatch"
)

// A bulk write leaves its rows' search entries in the trigram index's
// pending list, where searches find them at once; the merge folds the list
// into the index, and a second merge has nothing left to do. On SQLite
// there is no such index and the merge is a no-op.
func TestBulkWritesAreSearchableBeforeAndAfterTheMerge(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
		var partnerID int64
		if err := db.InTx(ctx, func(tx database.Tx) error {
			pt, err := partner.CreateTx(ctx, tx, "Search Co")
			if err != nil {
				return err
			}
			partnerID = pt.ID
			ps := make([]people.Profile, 10000) // some 6 MB of trigrams: more than the default pending list (4 MB)
			for i := range ps {
				ps[i] = people.Profile{Email: fmt.Sprintf("person%d@search.example.com", i), FirstName: "Åsa", LastName: fmt.Sprintf("Quixwell%d", i)}
			}
			return sqlbatch.Load(ctx, tx, func() error {
				_, err := people.CreateNewTx(ctx, tx, pt.ID, ps, now)
				return err
			})
		}); err != nil {
			t.Fatal(err)
		}
		found := func(when string) {
			t.Helper()
			var n int64
			err := db.InTx(ctx, func(tx database.Tx) error {
				if db.Dialect == database.Postgres {
					// Through the trigram index, never a scan of the table.
					if err := tx.Gorm.Exec(`SET LOCAL enable_seqscan = off`).Error; err != nil {
						return err
					}
				}
				return tx.Gorm.Raw(`SELECT count(*) FROM persons WHERE partner_id = ? AND search_text LIKE ?`, partnerID, "%quixwell12%").
					Scan(&n).Error
			})
			if err != nil {
				t.Fatal(err)
			}
			if n != 111 { // Quixwell12, 120–129, 1200–1299
				t.Fatalf("%s: %d found, want 111", when, n)
			}
		}
		found("before the merge")
		pages, err := searchindex.Merge(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		// All 10,000 rows' entries take some 1,100 pages; a write that
		// merged them itself (past the default 4 MB) leaves at most 512.
		if db.Dialect == database.Postgres && pages < 600 {
			t.Fatalf("the bulk write merged its search entries itself: %d pages left pending", pages)
		}
		if db.Dialect == database.SQLite && pages != 0 {
			t.Fatalf("SQLite merged %d pages", pages)
		}
		found("after the merge")
		if again, err := searchindex.Merge(ctx, db); err != nil || again != 0 {
			t.Fatalf("a second merge: %d pages, %v", again, err)
		}
	})
}
