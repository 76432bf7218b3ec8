package participation

import (
	"context"
	"strconv"
	"time"

	"roster/internal/apperr"
	"roster/internal/audit"
	"roster/internal/database"
	"roster/internal/event"
	"roster/internal/logintoken"
	"roster/internal/people"
)

// attendeeTx loads the signed-in attendee's participation and event inside
// tx, refusing whoever may no longer enter (blocked, unregistered).
func (s *Service) attendeeTx(ctx context.Context, tx database.Tx, a Attendee) (participationRecord, event.Event, Actor, error) {
	r, err := byID(ctx, tx.Gorm, a.PartnerID, a.EventID, a.ParticipationID)
	if database.IsNotFound(err) {
		return r, event.Event{}, Actor{}, apperr.Unauthorized("You are no longer in this event.")
	}
	if err != nil {
		return r, event.Event{}, Actor{}, err
	}
	if err := refusedTx(ctx, tx, r); err != nil {
		return r, event.Event{}, Actor{}, err
	}
	e, err := event.GetTx(ctx, tx, a.PartnerID, a.EventID)
	if err != nil {
		return r, e, Actor{}, err
	}
	return r, e, Actor{Kind: ActorPerson, ID: strconv.FormatInt(r.PersonID, 10)}, nil
}

func (s *Service) attendeeAuditTx(ctx context.Context, tx database.Tx, r participationRecord, actor Actor, action string) error {
	return audit.RecordTx(ctx, tx, audit.Entry{PartnerID: &r.PartnerID, ActorKind: audit.ActorPerson, ActorID: actor.ID,
		Action: action, TargetKind: "participation", TargetID: strconv.FormatInt(r.ID, 10)})
}

// Unregister takes the attendee out of the event at their own request:
// Unregistered (through the machine), their unused links revoked.
func (s *Service) Unregister(ctx context.Context, a Attendee) error {
	return s.db.InTx(ctx, func(tx database.Tx) error {
		r, e, actor, err := s.attendeeTx(ctx, tx, a)
		if err != nil {
			return err
		}
		if _, err := s.apply(ctx, tx, &r, e, TrUnregister, actor); err != nil {
			return err // apply revokes the links too
		}
		return s.attendeeAuditTx(ctx, tx, r, actor, "attendee.unregistered")
	})
}

// AcceptChatTerms records that the attendee accepted the chat's terms
// (which lets organisers block them from the chat).
func (s *Service) AcceptChatTerms(ctx context.Context, a Attendee) error {
	return s.db.InTx(ctx, func(tx database.Tx) error {
		r, e, actor, err := s.attendeeTx(ctx, tx, a)
		if err != nil {
			return err
		}
		if r.ChatTermsAcceptedAt != nil {
			return nil // accepted already: nothing changes
		}
		if _, err := s.apply(ctx, tx, &r, e, TrAcceptChatTerms, actor); err != nil {
			return err
		}
		return s.attendeeAuditTx(ctx, tx, r, actor, "attendee.chat_terms_accepted")
	})
}

// JoinSession records that the attendee joined one of the event's sessions
// (View analytics lists it).
func (s *Service) JoinSession(ctx context.Context, a Attendee, sessionID int64, ua string) error {
	return s.db.InTx(ctx, func(tx database.Tx) error {
		r, _, _, err := s.attendeeTx(ctx, tx, a)
		if err != nil {
			return err // blocked or unregistered people are refused there
		}
		sessions, err := event.SessionsTx(ctx, tx, a.PartnerID, a.EventID)
		if err != nil {
			return err
		}
		for _, ss := range sessions {
			if ss.ID == sessionID {
				sid := sessionID
				return insertVisit(ctx, tx.Gorm, visitRecord{PartnerID: r.PartnerID, ParticipationID: r.ID, Kind: "session_join",
					EventSessionID: &sid, UserAgent: clip(ua, 300), CreatedAt: s.Now()})
			}
		}
		return apperr.NotFound("This session is not part of the event.")
	})
}

// LoginLinkRequests bounds the sign-in links one participation may ask for
// by email within LoginLinkWindow.
const (
	LoginLinkRequests = 3
	LoginLinkWindow   = 15 * time.Minute
)

// RequestLoginLink emails a single-use sign-in link to a person of the
// event who asks for one with their address. It answers the same whatever
// happens (unknown address, blocked or unregistered person, too many
// requests), so that nobody learns who is in an event.
func (s *Service) RequestLoginLink(ctx context.Context, eventID int64, email string) error {
	email, msg := people.ValidateEmail(email)
	if msg != "" {
		return apperr.InvalidFields(map[string]string{"email": msg})
	}
	return s.db.InTx(ctx, func(tx database.Tx) error {
		e, err := event.PublicTx(ctx, tx, eventID)
		if err != nil {
			return err
		}
		person, found, err := people.FindByEmailTx(ctx, tx, e.PartnerID, email)
		if err != nil || !found {
			return err
		}
		r, err := byEventPerson(ctx, tx.Gorm, e.PartnerID, e.ID, person.ID)
		if database.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		if r.Status == string(StatusBlocked) || r.Status == string(StatusUnregistered) {
			return nil
		}
		n, err := logintoken.CountRequestedTx(ctx, tx, r.ID, logintoken.PurposeLogin, s.Now().Add(-LoginLinkWindow))
		if err != nil || n >= LoginLinkRequests {
			return err
		}
		if err := s.sendTx(ctx, tx, &r, e, person, EmailLoginLink, nil); err != nil {
			return err
		}
		return s.attendeeAuditTx(ctx, tx, r, Actor{Kind: ActorPerson, ID: strconv.FormatInt(r.PersonID, 10)}, "attendee.login_link_requested")
	})
}
