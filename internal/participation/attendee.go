package participation

import (
	"context"
	"errors"
	"strconv"
	"time"

	"roster/internal/apperr"
	"roster/internal/audit"
	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/event"
	"roster/internal/logintoken"
	"roster/internal/media"
	"roster/internal/partner"
	"roster/internal/people"
)

// Attendee identifies a signed-in attendee: one participation.
type Attendee struct {
	PartnerID, EventID, ParticipationID int64
	// MustSetPassword says the person sets their password first (password
	// events); MustRegister says the event's registration form comes first.
	MustSetPassword, MustRegister bool
	// Reset: signed in to a password event by an emailed sign-in link, the
	// person may choose a new password (a forgotten one).
	Reset bool
}

// Landing is what a link's "Continue as …" page shows before anything is spent.
type Landing struct {
	MaskedEmail string
	FirstName   string
	EventName   string
	Language    string
	ExpiresAt   time.Time
}

// Landing checks a link without spending it: mail scanners open every link,
// so only the page's button (Enter, a POST) uses it.
func (s *Service) Landing(ctx context.Context, raw string) (Landing, error) {
	tx := s.db.Conn(ctx)
	tok, err := logintoken.CheckTx(ctx, tx, raw, s.Now())
	if err != nil {
		return Landing{}, err
	}
	if tok.ParticipationID == nil || tok.EventID == nil {
		return Landing{}, apperr.Gone("This link is not for an event.")
	}
	r, err := byID(ctx, tx.Gorm, tok.PartnerID, *tok.EventID, *tok.ParticipationID)
	if err != nil {
		return Landing{}, apperr.Gone("This link is no longer valid.")
	}
	e, err := event.GetTx(ctx, tx, tok.PartnerID, *tok.EventID)
	if err != nil {
		return Landing{}, err
	}
	person, err := people.GetTx(ctx, tx, tok.PartnerID, tok.PersonID)
	if err != nil {
		return Landing{}, err
	}
	return Landing{MaskedEmail: people.MaskEmail(person.Email), FirstName: person.FirstName, EventName: e.Name, Language: r.Language,
		ExpiresAt: tok.ExpiresAt}, nil
}

// visitTrigger is the transition of entering the event at t.
func visitTrigger(e event.Event, t time.Time) (Trigger, string, bool) {
	switch e.PhaseAt(t) {
	case event.PhaseBefore:
		return TrVisitBefore, "pre_event", true
	case event.PhaseDuring:
		return TrVisitDuring, "during_event", true
	}
	return "", "", false
}

// ErrBlocked marks the refusal of a person the organisers blocked (the
// attendee side answers it with a page of its own); errors.As finds the
// *Blocked with the person's language.
var ErrBlocked = errors.New("participation: blocked")

// Blocked is the cause of a blocked person's refusal.
type Blocked struct {
	// Language is the person's language in the event.
	Language string
}

func (b *Blocked) Error() string { return ErrBlocked.Error() }

// Is makes errors.Is(err, ErrBlocked) hold.
func (b *Blocked) Is(target error) bool { return target == ErrBlocked }

// refusal is the answer to a blocked or unregistered person at the door.
func refusal(st Status, lang string) error {
	if st == StatusUnregistered {
		return apperr.Forbidden("You unregistered from this event. If you want to take part again, ask the organisers to invite you.")
	}
	return &apperr.Error{Code: apperr.CodeForbidden, Err: &Blocked{Language: lang},
		Message: "The organisers have blocked your access to this event. If you think this is a mistake, contact them."}
}

// refusedTx refuses a person who may not enter: blocked or unregistered in
// the event, or blocked across the organisation.
func refusedTx(ctx context.Context, tx database.Tx, r participationRecord) error {
	if r.Status == string(StatusBlocked) || r.Status == string(StatusUnregistered) {
		return refusal(Status(r.Status), r.Language)
	}
	person, err := people.GetTx(ctx, tx, r.PartnerID, r.PersonID)
	if err != nil {
		return err
	}
	if person.Status != people.StatusActive {
		return refusal(StatusBlocked, r.Language)
	}
	return nil
}

// enterTx lets a person who proved who they are (a link, a password) into
// the event: whoever may not enter is refused (refused, with a nil error, so
// that the caller still commits what it spent or recorded); the password,
// the form or the email confirmation come first when due; otherwise the
// visit is recorded, which moves the status (pre-event or during-event).
func (s *Service) enterTx(ctx context.Context, tx database.Tx, r *participationRecord, e event.Event, actor Actor, ua string) (Attendee, error, error) {
	if err := refusedTx(ctx, tx, *r); err != nil {
		if ae, ok := apperr.As(err); ok && ae.Code == apperr.CodeForbidden {
			return Attendee{}, err, nil
		}
		return Attendee{}, nil, err
	}
	a := Attendee{PartnerID: r.PartnerID, EventID: r.EventID, ParticipationID: r.ID}
	st, err := s.stageTx(ctx, tx, *r, e)
	if err != nil {
		return a, nil, err
	}
	if st != stageIn {
		// The password, the form, or the email confirmation first: entering
		// (the visit) comes after it.
		a.MustSetPassword, a.MustRegister = st == stageMustSetPassword, st == stageMustRegister
		return a, nil, nil
	}
	if trig, kind, ok := visitTrigger(e, s.Now()); ok {
		if _, err := s.apply(ctx, tx, r, e, trig, actor); err != nil {
			return a, nil, err
		}
		if err := insertVisit(ctx, tx.Gorm, visitRecord{PartnerID: r.PartnerID, ParticipationID: r.ID, Kind: kind,
			UserAgent: clip(ua, 300), CreatedAt: s.Now()}); err != nil {
			return a, nil, err
		}
	}
	return a, nil, nil
}

// Enter spends a link (once, atomically) and signs the attendee in: the
// visit is recorded and moves their status (pre-event or during-event).
// Blocked or unregistered people are refused and the link stays spent.
func (s *Service) Enter(ctx context.Context, raw, ip, ua string) (Attendee, error) {
	var a Attendee
	var refused error
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		tok, err := logintoken.SpendTx(ctx, tx, raw, ip, ua, s.Now())
		if err != nil {
			return err
		}
		if tok.ParticipationID == nil || tok.EventID == nil {
			return apperr.Gone("This link is not for an event.")
		}
		r, err := byID(ctx, tx.Gorm, tok.PartnerID, *tok.EventID, *tok.ParticipationID)
		if err != nil {
			return apperr.Gone("This link is no longer valid.")
		}
		e, err := event.GetTx(ctx, tx, tok.PartnerID, *tok.EventID)
		if err != nil {
			return err
		}
		actor := Actor{Kind: ActorPerson, ID: strconv.FormatInt(r.PersonID, 10)}
		if tok.Purpose == logintoken.PurposeConfirmEmail && refusedTx(ctx, tx, r) == nil {
			if _, err := s.apply(ctx, tx, &r, e, TrConfirmEmail, actor); err != nil {
				return err
			}
		}
		if a, refused, err = s.enterTx(ctx, tx, &r, e, actor, ua); err != nil || refused != nil {
			return err // a refusal commits: the link stays spent
		}
		// A sign-in link proves the address as well as a password would:
		// in a password event it lets the person choose a new one.
		a.Reset = e.LoginMethod == event.LoginPassword && tok.Purpose == logintoken.PurposeLogin
		return audit.RecordTx(ctx, tx, audit.Entry{PartnerID: &r.PartnerID, ActorKind: audit.ActorPerson, ActorID: actor.ID,
			Action: "attendee.signed_in", TargetKind: "participation", TargetID: strconv.FormatInt(r.ID, 10), IP: ip,
			After: map[string]any{"link": string(tok.Purpose)}})
	})
	if err != nil {
		return Attendee{}, err
	}
	if refused != nil {
		return Attendee{}, refused
	}
	return a, nil
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// Lobby is the attendee's view of the event.
type Lobby struct {
	Event        event.Event
	Organisation string
	Person       people.Person
	// Language is the person's language in this event (their pages speak it).
	Language string
	Status   Status
	Sessions []event.Session
	// ChatTermsAccepted and ChatBlocked are the attendee's chat state.
	ChatTermsAccepted, ChatBlocked bool
	// MustSetPassword: the password comes first (password events);
	// MustRegister: the registration form comes first; AwaitingConfirmation:
	// registered, the email address not confirmed yet.
	MustSetPassword, MustRegister, AwaitingConfirmation bool
}

// Lobby returns the signed-in attendee's event (refusing anyone blocked or removed since).
func (s *Service) Lobby(ctx context.Context, a Attendee) (Lobby, error) {
	tx := s.db.Conn(ctx)
	r, err := byID(ctx, tx.Gorm, a.PartnerID, a.EventID, a.ParticipationID)
	if database.IsNotFound(err) {
		return Lobby{}, apperr.Unauthorized("You are no longer in this event.")
	}
	if err != nil {
		return Lobby{}, err
	}
	if err := refusedTx(ctx, tx, r); err != nil {
		return Lobby{}, err
	}
	e, err := event.GetTx(ctx, tx, a.PartnerID, a.EventID)
	if err != nil {
		return Lobby{}, err
	}
	person, err := people.GetTx(ctx, tx, a.PartnerID, r.PersonID)
	if err != nil {
		return Lobby{}, err
	}
	sessions, err := event.SessionsTx(ctx, tx, a.PartnerID, a.EventID)
	if err != nil {
		return Lobby{}, err
	}
	stage, err := s.stageTx(ctx, tx, r, e)
	if err != nil {
		return Lobby{}, err
	}
	org, err := partner.GetTx(ctx, tx, a.PartnerID)
	if err != nil {
		return Lobby{}, err
	}
	lang := r.Language
	if lang == "" {
		lang = person.Language
	}
	return Lobby{Event: e, Organisation: org.Name, Person: person, Language: lang, Status: Status(r.Status), Sessions: sessions,
		ChatTermsAccepted: r.ChatTermsAcceptedAt != nil, ChatBlocked: r.ChatBlocked,
		MustSetPassword: stage == stageMustSetPassword, MustRegister: stage == stageMustRegister,
		AwaitingConfirmation: stage == stageAwaitingConfirmation}, nil
}

// ProfileImage returns a variant (media.VariantLarge or media.VariantSmall)
// of a profile image of one of the principal's partner's persons (images of
// other partners, and images no person uses any more, are not found).
func (s *Service) ProfileImage(ctx context.Context, p auth.Principal, name, variant string) (media.Image, error) {
	if err := p.Require(auth.PermConsole); err != nil {
		return media.Image{}, err
	}
	ok, err := people.HasImageTx(ctx, s.db.Conn(ctx), p.PartnerID, name)
	if err != nil {
		return media.Image{}, err
	}
	if !ok {
		return media.Image{}, apperr.NotFound("This image does not exist.")
	}
	return s.media.Get(ctx, p.PartnerID, name, variant)
}
