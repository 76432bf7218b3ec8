package participation

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"roster/internal/database"
	"roster/internal/event"
	"roster/internal/people"
)

// Seed is a participation to create with its whole past (demo data, bulk
// imports): the Machine replays Steps from nothing, so the stored status,
// detailed status, history and counters are the machine's, never the caller's.
type Seed struct {
	PersonID               int64
	IsSpeaker, IsModerator bool
	Language               string
	InvitedByStaffID       *int64
	InvitedAt              *time.Time
	EmailSentAt            *time.Time
	Delivery               Delivery
	ImportBatchID          *int64
	Steps                  []SeedStep
	Visits                 []SeedVisit
}

// SeedStep is one transition at a time, by an actor.
type SeedStep struct {
	Trigger Trigger
	At      time.Time
	Actor   Actor
}

// SeedVisit is one recorded visit (kind "pre_event", "during_event" or
// "session_join" with SessionID).
type SeedVisit struct {
	Kind      string
	SessionID *int64
	At        time.Time
	UserAgent string
}

// SeedTx creates participations of one event in bulk, replaying each seed's
// steps through the machine; a step the machine refuses fails the whole seed
// run with the seed's index and the reason.
func SeedTx(ctx context.Context, tx database.Tx, partnerID int64, e event.Event, seeds []Seed) ([]int64, error) {
	m := Machine{Rules: rulesOf(e)}
	personIDs := make([]int64, len(seeds))
	for i, s := range seeds {
		personIDs[i] = s.PersonID
	}
	persons := map[int64]people.Person{}
	for start := 0; start < len(personIDs); start += 500 {
		ps, err := people.ListByIDsTx(ctx, tx, partnerID, personIDs[start:min(start+500, len(personIDs))])
		if err != nil {
			return nil, err
		}
		for id, p := range ps {
			persons[id] = p
		}
	}
	recs := make([]participationRecord, len(seeds))
	hist := make([][]historyRecord, len(seeds))
	deltas := map[[2]string]int64{}
	for i, sd := range seeds {
		person, ok := persons[sd.PersonID]
		if !ok {
			return nil, fmt.Errorf("participation: seed %d: person %d is not the partner's", i, sd.PersonID)
		}
		if len(sd.Steps) == 0 {
			return nil, fmt.Errorf("participation: seed %d has no steps", i)
		}
		steps := slices.Clone(sd.Steps)
		slices.SortStableFunc(steps, func(a, b SeedStep) int { return a.At.Compare(b.At) })
		var st State
		var statusAt, chatTerms time.Time
		for _, step := range steps {
			from := st
			out, err := m.Apply(st, step.Trigger)
			if err != nil {
				return nil, fmt.Errorf("participation: seed %d (%s), step %s: %w", i, person.Email, step.Trigger, err)
			}
			if out.Removed {
				return nil, fmt.Errorf("participation: seed %d: a seed cannot remove", i)
			}
			st = out.Next
			if st.ChatTermsAccepted && !from.ChatTermsAccepted {
				chatTerms = step.At
			}
			if !out.Record {
				continue
			}
			if st.Status != from.Status || st.Detail != from.Detail || !from.Exists {
				statusAt = step.At
			}
			h := historyRecord{PartnerID: partnerID, ToStatus: string(st.Status), ToDetailedStatus: string(st.Detail),
				Cause: string(out.Cause), ActorKind: string(step.Actor.Kind), ActorID: step.Actor.ID, CreatedAt: step.At}
			if from.Exists {
				h.FromStatus, h.FromDetailedStatus = strPtr(string(from.Status)), strPtr(string(from.Detail))
			}
			hist[i] = append(hist[i], h)
		}
		lang := sd.Language
		if lang == "" {
			lang = person.Language
		}
		delivery := sd.Delivery
		if delivery == "" {
			delivery = DeliveryNone
		}
		r := participationRecord{PartnerID: partnerID, EventID: e.ID, PersonID: sd.PersonID, IsSpeaker: sd.IsSpeaker,
			IsModerator: sd.IsModerator, Status: string(st.Status), DetailedStatus: string(st.Detail), StatusAt: statusAt,
			InvitedByStaffID: sd.InvitedByStaffID, InvitedAt: sd.InvitedAt, EmailSentAt: sd.EmailSentAt,
			DeliveryState: string(delivery), Language: lang, ChatBlocked: st.ChatBlocked, ImportBatchID: sd.ImportBatchID,
			SearchText: people.SearchText(person.FirstName, person.LastName, person.Email), SortName: person.SortName(),
			EmailLower: strings.ToLower(person.Email), CreatedAt: steps[0].At, UpdatedAt: steps[len(steps)-1].At}
		if st.ChatTermsAccepted {
			t := chatTerms
			r.ChatTermsAcceptedAt = &t
		}
		recs[i] = r
		countDeltas(r, 1, deltas)
	}
	if err := insertParticipations(ctx, tx.Gorm, recs); err != nil {
		return nil, fmt.Errorf("participation: seed: %w", err)
	}
	ids := make([]int64, len(recs))
	var allHist []historyRecord
	var allVisits []visitRecord
	for i, r := range recs {
		ids[i] = r.ID
		for _, h := range hist[i] {
			h.ParticipationID = r.ID
			allHist = append(allHist, h)
		}
		for _, v := range seeds[i].Visits {
			allVisits = append(allVisits, visitRecord{PartnerID: partnerID, ParticipationID: r.ID, Kind: v.Kind,
				EventSessionID: v.SessionID, UserAgent: clip(v.UserAgent, 300), CreatedAt: v.At})
		}
	}
	if err := insertHistory(ctx, tx.Gorm, allHist); err != nil {
		return nil, fmt.Errorf("participation: seed history: %w", err)
	}
	if err := insertVisits(ctx, tx.Gorm, allVisits); err != nil {
		return nil, fmt.Errorf("participation: seed visits: %w", err)
	}
	if err := addCounts(ctx, tx.Gorm, partnerID, e.ID, deltas); err != nil {
		return nil, fmt.Errorf("participation: seed counters: %w", err)
	}
	return ids, nil
}
