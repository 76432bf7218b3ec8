package participation_test

import (
	"context"
	"fmt"
	"testing"

	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/event"
	"roster/internal/participation"
	"roster/internal/people"
)

// insertBatch makes the bulk_jobs row participations of an import point to.
func insertBatch(t *testing.T, db *database.DB, partnerID, eventID int64) int64 {
	t.Helper()
	var id int64
	if err := db.Gorm.Raw(`INSERT INTO bulk_jobs (partner_id, event_id, kind, status, created_at) VALUES (?, ?, 'invite', 'running', ?)
		RETURNING id`, partnerID, eventID, "2026-11-20 09:00:00+00:00").Scan(&id).Error; err != nil {
		t.Fatal(err)
	}
	return id
}

// A batch of an import: new people are created, people the partner already
// has are reused (their empty names and the fields the row gives filled in),
// people already in the event are skipped and named, and each new
// participation gets its history entry, its copies of the person's name and
// email, and its place in the counters; another partner's person with the
// same email is left alone.
func TestImportCreatesReusesAndSkips(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		f := setup(t, db)
		ctx := context.Background()
		f.invite(t, "there@example.com", "Already", "There", false)
		var err error
		if err = db.InTx(ctx, func(tx database.Tx) error {
			if _, err := people.CreateTx(ctx, tx, f.admin.PartnerID, people.Profile{Email: "Known@Example.com", LastName: "Known",
				Title: "Old title", Company: "Old Co"}, f.now); err != nil {
				return err
			}
			_, err := people.CreateTx(ctx, tx, f.other.PartnerID, people.Profile{Email: "new0@example.com", FirstName: "Theirs",
				LastName: "Person"}, f.now)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		e, err := event.GetTx(ctx, db.Conn(ctx), f.admin.PartnerID, f.eventID)
		if err != nil {
			t.Fatal(err)
		}
		batch := insertBatch(t, db, f.admin.PartnerID, f.eventID)
		var rows []participation.ImportRow
		for i := range 5 {
			rows = append(rows, participation.ImportRow{Profile: people.Profile{Email: fmt.Sprintf("new%d@example.com", i),
				FirstName: "Zoë", LastName: fmt.Sprintf("Nº%d", i), Company: "Contoso", Language: "fr"}, Speaker: i == 1, Moderator: i == 2})
		}
		rows = append(rows,
			participation.ImportRow{Profile: people.Profile{Email: "known@example.com", FirstName: "Kim", LastName: "Ignored", Title: "New title"}},
			participation.ImportRow{Profile: people.Profile{Email: "THERE@example.com", FirstName: "Again", LastName: "There"}})
		var res participation.ImportResult
		if err := db.InTx(ctx, func(tx database.Tx) (err error) {
			res, err = f.svc.ImportTx(ctx, tx, f.admin, e, batch, rows, false)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if res.Invited != 6 || len(res.AlreadyIn) != 1 || res.AlreadyIn[0] != 6 {
			t.Fatalf("result %+v", res)
		}
		var persons []struct {
			Email, FirstName, LastName, Title, Company, Language, SearchText string
			PartnerID                                                        int64
		}
		db.Gorm.Raw(`SELECT email, first_name, last_name, title, company, language, search_text, partner_id FROM persons ORDER BY id`).Scan(&persons)
		if len(persons) != 8 {
			t.Fatalf("%d persons: %+v", len(persons), persons)
		}
		byEmail := map[string]int{}
		for i, p := range persons {
			if p.PartnerID == f.admin.PartnerID {
				byEmail[p.Email] = i
			}
		}
		known := persons[byEmail["Known@Example.com"]]
		if known.FirstName != "Kim" || known.LastName != "Known" || known.Title != "New title" || known.Company != "Old Co" {
			t.Fatalf("the known person: %+v", known)
		}
		if there := persons[byEmail["there@example.com"]]; there.FirstName != "Already" {
			t.Fatalf("a person already in the event changed: %+v", there)
		}
		n3 := persons[byEmail["new3@example.com"]]
		if n3.FirstName != "Zoë" || n3.LastName != "Nº3" || n3.Company != "Contoso" || n3.Language != "fr" ||
			n3.SearchText != people.SearchText("Zoë", "Nº3", "new3@example.com") {
			t.Fatalf("a new person: %+v", n3)
		}
		var parts []struct {
			EmailLower, SortName, SearchText, Status, DetailedStatus, Language, DeliveryState string
			IsSpeaker, IsModerator                                                            bool
			ImportBatchID, InvitedByStaffID, Hist                                             int64
		}
		db.Gorm.Raw(`SELECT email_lower, sort_name, search_text, status, detailed_status, language, delivery_state, is_speaker, is_moderator,
			import_batch_id, invited_by_staff_id, (SELECT count(*) FROM participation_history h WHERE h.participation_id = p.id
			AND h.cause = 'import' AND h.to_status = 'invited' AND h.from_status IS NULL AND h.actor_kind = 'staff') AS hist
			FROM participations p WHERE event_id = ? AND import_batch_id IS NOT NULL ORDER BY email_lower`, f.eventID).Scan(&parts)
		if len(parts) != 6 {
			t.Fatalf("%d imported participations: %+v", len(parts), parts)
		}
		for _, p := range parts {
			if p.Status != "invited" || p.DetailedStatus != "invited_by_team_member" || p.DeliveryState != "none" || p.ImportBatchID != batch ||
				p.InvitedByStaffID != f.admin.StaffID || p.Hist != 1 {
				t.Fatalf("participation %+v", p)
			}
		}
		if k := parts[0]; k.EmailLower != "known@example.com" || k.SortName != "kim known" || k.Language != "en" ||
			k.SearchText != people.SearchText("Kim", "Known", "Known@Example.com") {
			t.Fatalf("the known person's participation: %+v", k)
		}
		if p := parts[2]; p.EmailLower != "new1@example.com" || !p.IsSpeaker || p.IsModerator || p.Language != "fr" || p.SortName != "zoe nº1" {
			t.Fatalf("a speaker's participation: %+v", p)
		}
		if p := parts[3]; !p.IsModerator || p.IsSpeaker {
			t.Fatalf("a moderator's participation: %+v", p)
		}
		f.checkCounters(t)

		// The same rows again: everyone is already in; nothing changes.
		if err := db.InTx(ctx, func(tx database.Tx) (err error) {
			res, err = f.svc.ImportTx(ctx, tx, f.admin, e, batch, rows, false)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if res.Invited != 0 || len(res.AlreadyIn) != len(rows) {
			t.Fatalf("again: %+v", res)
		}
		f.checkCounters(t)

		// With the invitation: each new participation gets its email, queued.
		more := []participation.ImportRow{{Profile: people.Profile{Email: "mail1@example.com", FirstName: "A", LastName: "B"}},
			{Profile: people.Profile{Email: "mail2@example.com", FirstName: "C", LastName: "D"}}}
		if err := db.InTx(ctx, func(tx database.Tx) (err error) {
			res, err = f.svc.ImportTx(ctx, tx, f.admin, e, batch, more, true)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		var queued int64
		db.Gorm.Raw(`SELECT count(*) FROM participations p JOIN emails m ON m.id = p.last_email_id
			WHERE p.event_id = ? AND p.delivery_state = 'queued' AND m.to_address LIKE 'mail%'`, f.eventID).Scan(&queued)
		if res.Invited != 2 || queued != 2 {
			t.Fatalf("with emails: %+v, %d queued", res, queued)
		}
		f.checkCounters(t)

		// Persons written in a transaction of their own (the import writes
		// them a batch ahead) and the process stopped before their
		// participations: the rows written again reuse them, nobody twice.
		ahead := []participation.ImportRow{{Profile: people.Profile{Email: "ahead1@example.com", FirstName: "Ahead", LastName: "One"}},
			{Profile: people.Profile{Email: "Ahead2@Example.com", FirstName: "Ahead", LastName: "Two"}}}
		var first []people.Person
		if err := db.InTx(ctx, func(tx database.Tx) (err error) {
			first, err = f.svc.ImportPersonsTx(ctx, tx, f.admin, ahead)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if err := db.InTx(ctx, func(tx database.Tx) (err error) {
			res, err = f.svc.ImportTx(ctx, tx, f.admin, e, batch, ahead, false)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		var personsAhead, partsAhead int64
		db.Gorm.Raw(`SELECT count(*) FROM persons WHERE partner_id = ? AND lower(email) LIKE 'ahead%'`, f.admin.PartnerID).Scan(&personsAhead)
		db.Gorm.Raw(`SELECT count(*) FROM participations WHERE event_id = ? AND person_id IN (?, ?)`, f.eventID, first[0].ID, first[1].ID).
			Scan(&partsAhead)
		if res.Invited != 2 || personsAhead != 2 || partsAhead != 2 {
			t.Fatalf("persons written ahead: %+v, %d persons, %d of their participations", res, personsAhead, partsAhead)
		}
		f.checkCounters(t)

		// Persons are the partner's: another partner's principal cannot
		// give them participations.
		if err := db.InTx(ctx, func(tx database.Tx) error {
			_, err := f.svc.ImportParticipationsTx(ctx, tx, f.admin, e, batch, ahead[:1], []people.Person{{ID: 1, PartnerID: f.other.PartnerID}}, false)
			return err
		}); err == nil {
			t.Fatal("another partner's person got a participation")
		}
	})
}
