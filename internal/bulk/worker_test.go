package bulk

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/event"
	"roster/internal/jobs"
	"roster/internal/mail"
	"roster/internal/media"
	"roster/internal/participation"
	"roster/internal/partner"
	"roster/internal/people"
)

type testComposer struct{}

func (testComposer) Compose(_ context.Context, kind participation.EmailKind, d participation.EmailData) (string, string, string, error) {
	return string(kind) + ": " + d.EventName, "Open " + d.Link, "<a href=\"" + d.Link + "\">open</a>", nil
}

// The import writes the rows after the progress mark in batches, each with
// the mark, and counts what it skipped or refused; a second run that
// started from a mark that has since moved (a rescued job) writes nothing.
func TestImportRunsFromTheMarkOnce(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		var p auth.Principal
		if err := db.InTx(ctx, func(tx database.Tx) error {
			pt, err := partner.CreateTx(ctx, tx, "Import Co")
			if err != nil {
				return err
			}
			st, err := auth.CreateStaffTx(ctx, tx, auth.NewStaff{PartnerID: pt.ID, Email: "org@import.example.com", Name: "Org",
				Role: auth.RoleOrganizer, Password: "a long enough password"})
			p = auth.Principal{StaffID: st.ID, PartnerID: pt.ID, Role: auth.RoleOrganizer, Email: st.Email}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		start := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Hour)
		e, err := event.NewService(db).Create(ctx, p, event.Input{Name: "Summit", TimeZone: "UTC", StartsAt: start,
			EndsAt: start.Add(time.Hour), LoginMethod: event.LoginMagicLink, DefaultLanguage: "en"})
		if err != nil {
			t.Fatal(err)
		}
		jc, err := jobs.New(db, nil, jobs.Options{})
		if err != nil {
			t.Fatal(err)
		}
		mailer := mail.NewService(db, jc)
		parts := participation.NewService(participation.Deps{DB: db, Mail: mailer, Compose: testComposer{}, Media: media.NewStore(db),
			BaseURL: "http://roster.example.com"})
		s := NewService(Deps{DB: db, Jobs: jc, Participants: parts, Mail: mailer})
		s.batchRows = 4
		if _, err := parts.Invite(ctx, p, e.ID, participation.InviteInput{Profile: people.Profile{Email: "in3@example.com", FirstName: "Already", LastName: "In"}}); err != nil {
			t.Fatal(err)
		}

		// 30 rows: 0–29 new people, except row 3 (already in the event),
		// row 7 (row 6 again), rows 11 and 12 (invalid).
		var file strings.Builder
		file.WriteString("email,first_name,last_name\n")
		for i := range 30 {
			email := fmt.Sprintf("in%d@example.com", i)
			switch i {
			case 7:
				email = "IN6@example.com"
			case 11, 12:
				email = "not-an-email"
			}
			fmt.Fprintf(&file, "%s,Person,Number %d\n", email, i)
		}
		b, err := s.Check(ctx, p, e.ID, "people.csv", strings.NewReader(file.String()))
		if err != nil {
			t.Fatal(err)
		}
		if b.Report.WillInvite != 26 || b.Report.AlreadyIn != 1 || b.Report.Duplicates != 1 || b.Report.Invalid != 2 {
			t.Fatalf("plan %+v", b.Report.Plan)
		}
		if _, err := s.Start(ctx, p, e.ID, b.ID, false); err != nil {
			t.Fatal(err)
		}
		// An earlier run wrote rows 0–9 (here: only its mark).
		if ok, err := advanceJob(ctx, db.Gorm, b.ID, 0, 10, 8, 2, 0); err != nil || !ok {
			t.Fatalf("mark: %v %v", ok, err)
		}
		stale, err := s.Get(ctx, p, e.ID, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.run(ctx, stale); err != nil {
			t.Fatal(err)
		}
		done, err := s.Get(ctx, p, e.ID, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if done.Status != StatusDone || done.Processed != 30 || done.Invited != 8+18 || done.Skipped != 2 || done.Failed != 2 {
			t.Fatalf("after the run: %s, processed %d, %d invited, %d skipped, %d failed", done.Status, done.Processed, done.Invited,
				done.Skipped, done.Failed)
		}
		var written []string
		db.Gorm.Raw(`SELECT email_lower FROM participations WHERE import_batch_id = ? ORDER BY email_lower`, b.ID).Scan(&written)
		if len(written) != 18 || strings.Contains(strings.Join(written, " "), "in9@") || !strings.Contains(strings.Join(written, " "), "in10@") {
			t.Fatalf("written: %v", written)
		}
		// The same run again, from its old mark: nothing more.
		if err := s.run(ctx, stale); err != nil {
			t.Fatal(err)
		}
		var n, hist int64
		db.Gorm.Raw(`SELECT count(*) FROM participations WHERE event_id = ?`, e.ID).Scan(&n)
		db.Gorm.Raw(`SELECT count(*) FROM participation_history h JOIN participations p ON p.id = h.participation_id
			WHERE p.import_batch_id = ?`, b.ID).Scan(&hist)
		if n != 19 || hist != 18 {
			t.Fatalf("after a second run: %d participations, %d history entries", n, hist)
		}
		if again, _ := s.Get(ctx, p, e.ID, b.ID); again.Invited != done.Invited {
			t.Fatalf("a second run counted again: %+v", again)
		}
		// On PostgreSQL each transaction that wrote rows left their search
		// entries to a merge job (searchindex).
		if db.Dialect == database.Postgres {
			var merges int64
			db.Gorm.Raw(`SELECT count(*) FROM river_job WHERE kind = 'searchindex.merge' AND queue = 'searchindex'`).Scan(&merges)
			if merges != 5 { // rows 10–29 hold 18 new rows: 5 transactions of 4
				t.Fatalf("%d merge jobs enqueued, want 5", merges)
			}
		}
	})
}
