package participation

import (
	"context"
	"fmt"
	"strings"

	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/event"
	"roster/internal/people"
	"roster/internal/sqlbatch"
)

// ImportRow is one checked row of a bulk import.
type ImportRow struct {
	Profile            people.Profile // valid (people.Profile.Validate)
	Speaker, Moderator bool
}

// ImportResult counts what a batch of rows did.
type ImportResult struct {
	Invited int
	// AlreadyIn are the indexes of the rows whose person was already in the event (skipped).
	AlreadyIn []int
}

// ImportTx adds a batch of rows of a bulk import to an event, in the
// caller's transaction: ImportPersonsTx, then ImportParticipationsTx.
// Rows are expected without duplicate emails (the check step removes them).
// Both write in bulk (sqlbatch.Load): on PostgreSQL the caller enqueues
// searchindex.MergeArgs in the transaction that writes them.
func (s *Service) ImportTx(ctx context.Context, tx database.Tx, p auth.Principal, e event.Event, batchID int64,
	rows []ImportRow, sendEmail bool) (ImportResult, error) {
	persons, err := s.ImportPersonsTx(ctx, tx, p, rows)
	if err != nil {
		return ImportResult{}, err
	}
	return s.ImportParticipationsTx(ctx, tx, p, e, batchID, rows, persons, sendEmail)
}

// ImportPersonsTx returns the person of each row of a bulk import, in the
// caller's transaction: the partner's persons are reused by email (their
// empty names and the profile fields the row gives are filled in), new ones
// created. Run again for the same rows it creates nothing more (a batch
// whose persons were written before the process stopped).
func (s *Service) ImportPersonsTx(ctx context.Context, tx database.Tx, p auth.Principal, rows []ImportRow) ([]people.Person, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, nil
	}
	now := s.Now()
	// New persons in one write; the others are reused.
	profiles := make([]people.Profile, len(rows))
	for i, r := range rows {
		profiles[i] = r.Profile
	}
	var byEmail map[string]people.Person
	err := sqlbatch.Load(ctx, tx, func() (err error) {
		byEmail, err = people.CreateNewTx(ctx, tx, p.PartnerID, profiles, now)
		return err
	})
	if err != nil {
		return nil, err
	}
	isNew := make(map[int64]bool, len(byEmail))
	for _, c := range byEmail {
		isNew[c.ID] = true
	}
	var known []string
	for _, r := range rows {
		if _, ok := byEmail[strings.ToLower(r.Profile.Email)]; !ok {
			known = append(known, r.Profile.Email)
		}
	}
	if len(known) > 0 {
		found, err := people.FindAllByEmailTx(ctx, tx, p.PartnerID, known)
		if err != nil {
			return nil, err
		}
		for k, v := range found {
			byEmail[k] = v
		}
	}
	// Reused persons: fill what is empty or what the row gives.
	persons := make([]people.Person, len(rows))
	for i, r := range rows {
		person, ok := byEmail[strings.ToLower(r.Profile.Email)]
		if !ok {
			return nil, fmt.Errorf("participation: import: no person for row %d", i)
		}
		if !isNew[person.ID] {
			if patch, ok := fillPatch(person, r.Profile); ok {
				if person, err = people.UpdateTx(ctx, tx, p.PartnerID, person.ID, patch, now); err != nil {
					return nil, err
				}
			}
		}
		persons[i] = person
	}
	return persons, nil
}

// ImportParticipationsTx gives each person of a batch of rows
// (ImportPersonsTx, persons[i] for rows[i]) who is not yet in the event a
// participation, in the caller's transaction, through the machine's Import
// transition and tagged with the import batch; with sendEmail each is sent
// the invitation, queued in the same transaction. People already in the
// event are skipped and named in the result.
func (s *Service) ImportParticipationsTx(ctx context.Context, tx database.Tx, p auth.Principal, e event.Event, batchID int64,
	rows []ImportRow, persons []people.Person, sendEmail bool) (ImportResult, error) {
	var res ImportResult
	if err := p.Require(auth.PermEventsManage); err != nil {
		return res, err
	}
	if e.PartnerID != p.PartnerID {
		return res, fmt.Errorf("participation: import into another partner's event")
	}
	if len(rows) != len(persons) {
		return res, fmt.Errorf("participation: import: %d rows, %d persons", len(rows), len(persons))
	}
	if len(rows) == 0 {
		return res, nil
	}
	for _, person := range persons {
		if person.PartnerID != p.PartnerID {
			return res, fmt.Errorf("participation: import of another partner's person")
		}
	}
	now := s.Now()
	step, err := Machine{Rules: rulesOf(e)}.Import(State{})
	if err != nil {
		return res, err
	}
	staffID := p.StaffID
	actor := staffActor(p)
	bid := batchID
	recs := make([]participationRecord, len(rows))
	for i, r := range rows {
		person := persons[i]
		lang := r.Profile.Language
		if lang == "" {
			lang = e.DefaultLanguage
		}
		recs[i] = participationRecord{PartnerID: p.PartnerID, EventID: e.ID, PersonID: person.ID, IsSpeaker: r.Speaker,
			IsModerator: r.Moderator, Status: string(step.Next.Status), DetailedStatus: string(step.Next.Detail), StatusAt: now,
			InvitedByStaffID: &staffID, InvitedAt: &now, DeliveryState: string(DeliveryNone), Language: lang,
			ImportBatchID: &bid, SearchText: people.SearchText(person.FirstName, person.LastName, person.Email),
			SortName: person.SortName(), EmailLower: strings.ToLower(person.Email), CreatedAt: now, UpdatedAt: now}
	}
	// Participations and their history in one write; a person already in
	// the event keeps their participation (the row is skipped).
	entry := importedEntry{PartnerID: p.PartnerID, EventID: e.ID, Status: string(step.Next.Status), Detail: string(step.Next.Detail),
		StaffID: &staffID, BatchID: &bid, Cause: string(step.Cause), ActorKind: string(actor.Kind), ActorID: actor.ID, At: now}
	var ids map[int64]int64
	err = sqlbatch.Load(ctx, tx, func() (err error) {
		if tx.Dialect == database.Postgres {
			ids, err = insertImportedPG(ctx, tx.SQL(), entry, recs)
		} else {
			ids, err = insertImportedSQLite(ctx, tx.SQL(), entry, recs)
		}
		return err
	})
	if err != nil {
		return res, fmt.Errorf("participation: import: %w", err)
	}
	deltas := map[[2]string]int64{}
	added := recs[:0]
	var addedPersons []people.Person
	for i, rec := range recs {
		id, ok := ids[rec.PersonID]
		if !ok {
			res.AlreadyIn = append(res.AlreadyIn, i)
			continue
		}
		rec.ID = id
		added = append(added, rec)
		addedPersons = append(addedPersons, persons[i])
		countDeltas(rec, 1, deltas)
	}
	if err := addCounts(ctx, tx.Gorm, p.PartnerID, e.ID, deltas); err != nil {
		return res, fmt.Errorf("participation: import counters: %w", err)
	}
	if sendEmail {
		for i := range added {
			if err := s.sendTx(ctx, tx, &added[i], e, addedPersons[i], EmailInvitation, &staffID); err != nil {
				return res, err
			}
		}
	}
	res.Invited = len(added)
	return res, nil
}

// InEventTx returns the status of each of these emails (any case) that is
// already in the event, by lower-cased email; callers have checked the event
// is the partner's (event.GetTx).
func InEventTx(ctx context.Context, tx database.Tx, e event.Event, emails []string) (map[string]Status, error) {
	out := map[string]Status{}
	for start := 0; start < len(emails); start += 1000 {
		chunk := emails[start:min(start+1000, len(emails))]
		lower := make([]string, len(chunk))
		for i, x := range chunk {
			lower[i] = strings.ToLower(strings.TrimSpace(x))
		}
		m, err := statusByEmail(ctx, tx.Gorm, e.ID, lower)
		if err != nil {
			return nil, fmt.Errorf("participation: in event: %w", err)
		}
		for k, v := range m {
			out[k] = Status(v)
		}
	}
	return out, nil
}

// fillPatch is what a row adds to a person who already exists: empty names,
// and the profile fields the row gives.
func fillPatch(person people.Person, prof people.Profile) (people.Patch, bool) {
	var patch people.Patch
	changed := false
	set := func(dst **string, cur, v string, onlyIfEmpty bool) {
		if v == "" || v == cur || (onlyIfEmpty && cur != "") {
			return
		}
		val := v
		*dst, changed = &val, true
	}
	set(&patch.FirstName, person.FirstName, prof.FirstName, true)
	set(&patch.LastName, person.LastName, prof.LastName, true)
	set(&patch.Title, person.Title, prof.Title, false)
	set(&patch.Company, person.Company, prof.Company, false)
	set(&patch.Bio, person.Bio, prof.Bio, false)
	return patch, changed
}

// UndoResult says what undoing an import did.
type UndoResult struct {
	Removed int
	// Kept are the participations left in place because they progressed
	// past Invited, with their status.
	Kept []KeptRow
}

// KeptRow is a participation an undo left in place.
type KeptRow struct {
	Email  string
	Status Status
}

// UndoImportTx removes the participations of an import batch that have not
// progressed past Invited (through the machine's Remove transition, with
// their links) and returns the others as kept. Their queued emails are the
// caller's to cancel (it knows the batch).
func (s *Service) UndoImportTx(ctx context.Context, tx database.Tx, p auth.Principal, e event.Event, batchID int64) (UndoResult, []int64, error) {
	var res UndoResult
	if err := p.Require(auth.PermEventsManage); err != nil {
		return res, nil, err
	}
	rs, err := byBatch(ctx, tx.Gorm, p.PartnerID, e.ID, batchID)
	if err != nil {
		return res, nil, err
	}
	var emailIDs []int64
	for _, r := range rs {
		if Status(r.Status) != StatusInvited {
			person, err := people.GetTx(ctx, tx, p.PartnerID, r.PersonID)
			if err != nil {
				return res, nil, err
			}
			res.Kept = append(res.Kept, KeptRow{Email: person.Email, Status: Status(r.Status)})
			continue
		}
		if r.LastEmailID != nil {
			emailIDs = append(emailIDs, *r.LastEmailID)
		}
		if _, err := s.apply(ctx, tx, &r, e, TrRemove, staffActor(p)); err != nil {
			return res, nil, err
		}
		res.Removed++
	}
	return res, emailIDs, nil
}
