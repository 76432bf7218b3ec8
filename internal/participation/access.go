package participation

import (
	"context"
	"strconv"

	"roster/internal/apperr"
	"roster/internal/audit"
	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/event"
	"roster/internal/logintoken"
)

// SetBlocked blocks a person from the event (their unused links are
// revoked with it, by apply) or lifts the block (they return to the status
// they had). The action matrix decides whether either is offered.
func (s *Service) SetBlocked(ctx context.Context, p auth.Principal, eventID, id int64, blocked bool) (Participation, error) {
	if blocked {
		return s.staffTransition(ctx, p, eventID, id, ActBlock, TrBlock, "participant.blocked")
	}
	return s.staffTransition(ctx, p, eventID, id, ActUnblock, TrUnblock, "participant.unblocked")
}

// staffTransition is a row action that is one transition of the state
// machine: the matrix must offer the action; the change is audited with the
// detailed status before and after.
func (s *Service) staffTransition(ctx context.Context, p auth.Principal, eventID, id int64, action Action, trigger Trigger,
	auditAction string) (Participation, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return Participation{}, err
	}
	var out Participation
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		r, e, err := s.load(ctx, tx, p, eventID, id)
		if err != nil {
			return err
		}
		if err := offered(r, e, action); err != nil {
			return err
		}
		before := r.DetailedStatus
		if _, err := s.apply(ctx, tx, &r, e, trigger, staffActor(p)); err != nil {
			return err
		}
		if out, err = s.one(ctx, tx, p.PartnerID, r); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, p, auditAction, r.ID, map[string]any{"detailed_status": before},
			map[string]any{"detailed_status": r.DetailedStatus})
	})
	return out, err
}

// LinkInfo is one of a person's links as the console lists it.
type LinkInfo struct {
	logintoken.Token
	State logintoken.State
	// CreatedBy names the team member who made the link ("" when the person
	// asked for it, or it came with an email sent by Roster).
	CreatedBy string
}

// Links is a participant's login links, newest first.
type Links struct {
	Participation Participation
	Links         []LinkInfo
	// Live counts the links that still work.
	Live int
}

// MaxListedLinks bounds the links the console lists for one person.
const MaxListedLinks = 50

// Links lists a participant's login links (any status: a blocked or
// unregistered person's links show as revoked).
func (s *Service) Links(ctx context.Context, p auth.Principal, eventID, id int64) (Links, error) {
	if err := p.Require(auth.PermEventsView); err != nil {
		return Links{}, err
	}
	tx := s.db.Conn(ctx)
	r, _, err := s.load(ctx, tx, p, eventID, id)
	if err != nil {
		return Links{}, err
	}
	return s.linksTx(ctx, tx, p, r)
}

func (s *Service) linksTx(ctx context.Context, tx database.Tx, p auth.Principal, r participationRecord) (Links, error) {
	var out Links
	var err error
	if out.Participation, err = s.one(ctx, tx, p.PartnerID, r); err != nil {
		return out, err
	}
	toks, err := logintoken.ForParticipationTx(ctx, tx, p.PartnerID, r.ID, MaxListedLinks)
	if err != nil {
		return out, err
	}
	var staffIDs []int64
	for _, t := range toks {
		if t.CreatedByStaffID != nil {
			staffIDs = append(staffIDs, *t.CreatedByStaffID)
		}
	}
	names, err := auth.StaffNamesTx(ctx, tx, p.PartnerID, staffIDs)
	if err != nil {
		return out, err
	}
	now := s.Now()
	for _, t := range toks {
		li := LinkInfo{Token: t, State: t.StateAt(now)}
		if t.CreatedByStaffID != nil {
			if li.CreatedBy = names[*t.CreatedByStaffID]; li.CreatedBy == "" {
				li.CreatedBy = "A former team member"
			}
		}
		if li.State == logintoken.StateActive {
			out.Live++
		}
		out.Links = append(out.Links, li)
	}
	return out, nil
}

// RevokeLink revokes one of a participant's links. A link that no longer
// works (used, revoked, expired) is refused with its state.
func (s *Service) RevokeLink(ctx context.Context, p auth.Principal, eventID, id, linkID int64) (Links, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return Links{}, err
	}
	var out Links
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		r, _, err := s.load(ctx, tx, p, eventID, id)
		if err != nil {
			return err
		}
		ok, err := logintoken.RevokeOneTx(ctx, tx, p.PartnerID, r.ID, linkID, s.Now())
		if err != nil {
			return err
		}
		if !ok {
			return apperr.Conflict("This link no longer works (used, revoked or expired): there is nothing to revoke.")
		}
		if err := s.auditTx(ctx, tx, p, "participant.login_link_revoked", r.ID, nil, map[string]any{"link": linkID}); err != nil {
			return err
		}
		out, err = s.linksTx(ctx, tx, p, r)
		return err
	})
	return out, err
}

// RevokeLinks revokes every live link of a participant and says how many.
func (s *Service) RevokeLinks(ctx context.Context, p auth.Principal, eventID, id int64) (Links, int64, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return Links{}, 0, err
	}
	var out Links
	var n int64
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		r, _, err := s.load(ctx, tx, p, eventID, id)
		if err != nil {
			return err
		}
		if n, err = logintoken.RevokeParticipationTx(ctx, tx, p.PartnerID, r.ID, s.Now()); err != nil {
			return err
		}
		if err := s.auditTx(ctx, tx, p, "participant.login_links_revoked", r.ID, nil, map[string]any{"revoked": n}); err != nil {
			return err
		}
		out, err = s.linksTx(ctx, tx, p, r)
		return err
	})
	return out, n, err
}

// LiveEventLinks counts an event's links that still work (the confirmation
// of RevokeEventLinks shows it).
func (s *Service) LiveEventLinks(ctx context.Context, p auth.Principal, eventID int64) (event.Event, int64, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return event.Event{}, 0, err
	}
	tx := s.db.Conn(ctx)
	e, err := event.GetTx(ctx, tx, p.PartnerID, eventID)
	if err != nil {
		return e, 0, err
	}
	n, err := logintoken.CountLiveEventTx(ctx, tx, p.PartnerID, e.ID, s.Now())
	return e, n, err
}

// RevokeEventLinks revokes every live link of an event (login, invitation
// and confirmation links alike) and says how many. People can still ask for
// a new sign-in link, or be sent one.
func (s *Service) RevokeEventLinks(ctx context.Context, p auth.Principal, eventID int64) (int64, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return 0, err
	}
	var n int64
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		e, err := event.GetTx(ctx, tx, p.PartnerID, eventID)
		if err != nil {
			return err
		}
		if n, err = logintoken.RevokeEventTx(ctx, tx, p.PartnerID, e.ID, s.Now()); err != nil {
			return err
		}
		return audit.RecordTx(ctx, tx, audit.Entry{PartnerID: &p.PartnerID, ActorKind: audit.ActorStaff,
			ActorID: strconv.FormatInt(p.StaffID, 10), ActorLabel: p.Email, Action: "event.login_links_revoked",
			TargetKind: "event", TargetID: strconv.FormatInt(e.ID, 10), After: map[string]any{"revoked": n}})
	})
	return n, err
}

// withLinks adds when each participation last used a link, and from what browser.
func withLinks(ctx context.Context, tx database.Tx, partnerID int64, ps []Participation) error {
	ids := make([]int64, len(ps))
	for i, x := range ps {
		ids[i] = x.ID
	}
	uses, err := logintoken.LastUsedTx(ctx, tx, partnerID, ids)
	if err != nil {
		return err
	}
	for i := range ps {
		if u, ok := uses[ps[i].ID]; ok {
			ps[i].LastLink = &u
		}
	}
	return nil
}
