package event

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"roster/internal/apperr"
	"roster/internal/audit"
	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/i18n"
	"roster/internal/people"
)

// Service manages events and their sessions.
type Service struct {
	db  *database.DB
	now func() time.Time
}

// NewService builds the service.
func NewService(db *database.DB) *Service { return &Service{db: db, now: time.Now} }

// PublicTx returns an event by id alone, for the attendee pages that name
// an event before anyone is signed in (they show nothing of it but its name).
func PublicTx(ctx context.Context, tx database.Tx, id int64) (Event, error) {
	r, err := eventByIDAnyPartner(ctx, tx.Gorm, id)
	if database.IsNotFound(err) {
		return Event{}, errNoEvent()
	}
	if err != nil {
		return Event{}, fmt.Errorf("event: get: %w", err)
	}
	return r.domain(), nil
}

// GetTx returns an event of a partner (NotFound for another partner's).
func GetTx(ctx context.Context, tx database.Tx, partnerID, id int64) (Event, error) {
	r, err := eventByID(ctx, tx.Gorm, partnerID, id)
	if database.IsNotFound(err) {
		return Event{}, errNoEvent()
	}
	if err != nil {
		return Event{}, fmt.Errorf("event: get: %w", err)
	}
	return r.domain(), nil
}

func errNoEvent() error   { return apperr.NotFound("This event does not exist.") }
func errNoSession() error { return apperr.NotFound("This session does not exist.") }

// Messages used in more than one place.
const (
	msgClosedNeedsSSO = "Only SSO events can be closed."
	msgSessionInside  = "Sessions must fall within the event"
)

// List returns a page of the principal's partner's events, newest start
// first, optionally filtered by a substring of the name (ignoring case and
// accents).
func (s *Service) List(ctx context.Context, p auth.Principal, f ListFilter) ([]Event, error) {
	if err := p.Require(auth.PermEventsView); err != nil {
		return nil, err
	}
	limit := f.Limit
	switch {
	case limit <= 0:
		limit = DefaultLimit
	case limit > MaxLimit:
		limit = MaxLimit
	}
	var (
		rs  []eventRow
		err error
	)
	if q := people.Fold(f.Query); q != "" {
		rs, err = searchEvents(ctx, s.db.Gorm, p.PartnerID, q, f.After, limit)
	} else {
		rs, err = listEvents(ctx, s.db.Gorm, p.PartnerID, f.After, limit)
	}
	if err != nil {
		return nil, fmt.Errorf("event: list: %w", err)
	}
	out := make([]Event, len(rs))
	for i, r := range rs {
		out[i] = r.domain()
	}
	return out, nil
}

// Get returns one of the partner's events with its sessions in order of start.
func (s *Service) Get(ctx context.Context, p auth.Principal, id int64) (Event, []Session, error) {
	if err := p.Require(auth.PermEventsView); err != nil {
		return Event{}, nil, err
	}
	r, err := eventRowByID(ctx, s.db.Gorm, p.PartnerID, id)
	if database.IsNotFound(err) {
		return Event{}, nil, errNoEvent()
	}
	if err != nil {
		return Event{}, nil, fmt.Errorf("event: get: %w", err)
	}
	ss, err := listSessions(ctx, s.db.Gorm, p.PartnerID, id)
	if err != nil {
		return Event{}, nil, fmt.Errorf("event: get sessions: %w", err)
	}
	return r.domain(), sessionsOf(ss), nil
}

// Public returns an event by id alone (see PublicTx).
func (s *Service) Public(ctx context.Context, id int64) (Event, error) {
	return PublicTx(ctx, s.db.Conn(ctx), id)
}

// GetSession returns one session of one of the partner's events, with its event.
func (s *Service) GetSession(ctx context.Context, p auth.Principal, eventID, sessionID int64) (Event, Session, error) {
	if err := p.Require(auth.PermEventsView); err != nil {
		return Event{}, Session{}, err
	}
	e, err := eventByID(ctx, s.db.Gorm, p.PartnerID, eventID)
	if database.IsNotFound(err) {
		return Event{}, Session{}, errNoEvent()
	}
	if err != nil {
		return Event{}, Session{}, fmt.Errorf("event: get session: %w", err)
	}
	r, err := sessionByID(ctx, s.db.Gorm, p.PartnerID, eventID, sessionID)
	if database.IsNotFound(err) {
		return Event{}, Session{}, errNoSession()
	}
	if err != nil {
		return Event{}, Session{}, fmt.Errorf("event: get session: %w", err)
	}
	return e.domain(), r.domain(), nil
}

func sessionsOf(rs []sessionRecord) []Session {
	out := make([]Session, len(rs))
	for i, r := range rs {
		out[i] = r.domain()
	}
	return out
}

// normalise trims the input and keeps its times in UTC, to the second.
func (in Input) normalise() Input {
	in.Name = strings.TrimSpace(in.Name)
	in.TimeZone = strings.TrimSpace(in.TimeZone)
	in.DefaultLanguage = strings.TrimSpace(in.DefaultLanguage)
	in.StartsAt = in.StartsAt.UTC().Truncate(time.Second)
	in.EndsAt = in.EndsAt.UTC().Truncate(time.Second)
	return in
}

// validate checks the rules of one event on its own; field names are those
// of the form (name, time_zone, starts_at, ends_at, login_method, closed,
// default_language).
func (in Input) validate() map[string]string {
	errs := map[string]string{}
	validName(errs, in.Name, "Enter the event's name.")
	if !ValidTimeZone(in.TimeZone) {
		errs["time_zone"] = "Choose a time zone, such as Europe/Paris or America/New_York."
	}
	validSpan(errs, in.StartsAt, in.EndsAt, "event")
	if !in.LoginMethod.Valid() {
		errs["login_method"] = "Choose how attendees sign in."
	} else if in.Closed && in.LoginMethod != LoginSSO {
		errs["closed"] = msgClosedNeedsSSO
	}
	if !i18n.Valid(in.DefaultLanguage) {
		errs["default_language"] = "Choose one of the supported languages."
	}
	return errs
}

func validName(errs map[string]string, name, missing string) {
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		errs["name"] = missing
	case n > MaxNameLength:
		errs["name"] = fmt.Sprintf("The name is too long: at most %d characters (this one has %d).", MaxNameLength, n)
	}
}

func validSpan(errs map[string]string, start, end time.Time, what string) {
	if start.IsZero() {
		errs["starts_at"] = "Enter when the " + what + " starts."
	}
	switch {
	case end.IsZero():
		errs["ends_at"] = "Enter when the " + what + " ends."
	case !start.IsZero() && !end.After(start):
		errs["ends_at"] = "The " + what + " must end after it starts."
	}
}

func (in Input) record(r eventRecord) eventRecord {
	r.Name, r.TimeZone, r.StartsAt, r.EndsAt = in.Name, in.TimeZone, in.StartsAt, in.EndsAt
	r.LoginMethod, r.RegistrationFormRequired = string(in.LoginMethod), in.RegistrationFormRequired
	r.EmailConfirmationRequired, r.Closed, r.DefaultLanguage = in.EmailConfirmationRequired, in.Closed, in.DefaultLanguage
	return r
}

// Create adds an event to the principal's partner.
func (s *Service) Create(ctx context.Context, p auth.Principal, in Input) (Event, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return Event{}, err
	}
	in = in.normalise()
	if errs := in.validate(); len(errs) > 0 {
		return Event{}, apperr.InvalidFields(errs)
	}
	now := s.now().UTC()
	// New events admit people outside the granted groups until access is
	// configured (the column's default).
	rec := in.record(eventRecord{PartnerID: p.PartnerID, OutsideGroupsAllowed: true, CreatedAt: now, UpdatedAt: now})
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		if err := insertEvent(ctx, tx.Gorm, &rec); err != nil {
			return fmt.Errorf("event: create: %w", err)
		}
		return auditTx(ctx, tx, p, "event.created", rec.ID, nil, snapshot(rec))
	})
	if err != nil {
		return Event{}, err
	}
	return rec.domain(), nil
}

// Update changes an event of the principal's partner. Its sessions must
// still fall within the new start and end.
func (s *Service) Update(ctx context.Context, p auth.Principal, id int64, in Input) (Event, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return Event{}, err
	}
	in = in.normalise()
	var out Event
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		old, err := eventForUpdate(ctx, tx.Gorm, p.PartnerID, id)
		if database.IsNotFound(err) {
			return errNoEvent()
		}
		if err != nil {
			return fmt.Errorf("event: update: %w", err)
		}
		errs := in.validate()
		if errs["closed"] != "" && old.Closed && LoginMethod(old.LoginMethod) == LoginSSO && in.LoginMethod != LoginSSO {
			// The closed event stays closed: it is the change of login method
			// that cannot be made.
			delete(errs, "closed")
			errs["login_method"] = msgClosedNeedsSSO + " Open the event before changing how attendees sign in."
		}
		if errs["starts_at"] == "" && errs["ends_at"] == "" {
			n, err := countSessionsOutside(ctx, tx.Gorm, p.PartnerID, id, in.StartsAt, in.EndsAt)
			if err != nil {
				return fmt.Errorf("event: update: %w", err)
			}
			if n > 0 {
				errs["ends_at"] = sessionsOutside(n)
			}
		}
		if len(errs) > 0 {
			return apperr.InvalidFields(errs)
		}
		rec := in.record(old)
		rec.UpdatedAt = s.now().UTC()
		if err := updateEvent(ctx, tx.Gorm, rec); err != nil {
			return fmt.Errorf("event: update: %w", err)
		}
		before, after := diff(snapshot(old), snapshot(rec))
		if len(after) > 0 {
			if err := auditTx(ctx, tx, p, "event.updated", id, before, after); err != nil {
				return err
			}
		}
		row, err := eventRowByID(ctx, tx.Gorm, p.PartnerID, id)
		if err != nil {
			return fmt.Errorf("event: update: %w", err)
		}
		out = row.domain()
		return nil
	})
	return out, err
}

func sessionsOutside(n int64) string {
	if n == 1 {
		return "1 session falls outside these times. " + msgSessionInside + ": move or delete it first."
	}
	return strconv.FormatInt(n, 10) + " sessions fall outside these times. " + msgSessionInside + ": move or delete them first."
}

// normalise trims the input and keeps its times in UTC, to the second.
func (in SessionInput) normalise() SessionInput {
	in.Name = strings.TrimSpace(in.Name)
	in.StartsAt = in.StartsAt.UTC().Truncate(time.Second)
	in.EndsAt = in.EndsAt.UTC().Truncate(time.Second)
	return in
}

// validate checks a session against its event; field names are those of
// the form (name, starts_at, ends_at).
func (in SessionInput) validate(e eventRecord) map[string]string {
	errs := map[string]string{}
	validName(errs, in.Name, "Enter the session's name.")
	validSpan(errs, in.StartsAt, in.EndsAt, "session")
	if len(errs) > 0 {
		return errs
	}
	loc := LocationOf(e.TimeZone)
	inside := fmt.Sprintf("%s (%s – %s, %s).", msgSessionInside, e.StartsAt.In(loc).Format("2 Jan 2006, 15:04"),
		e.EndsAt.In(loc).Format("2 Jan 2006, 15:04"), e.TimeZone)
	if in.StartsAt.Before(e.StartsAt) {
		errs["starts_at"] = inside
	}
	if in.EndsAt.After(e.EndsAt) {
		errs["ends_at"] = inside
	}
	return errs
}

// managedEventTx checks the permission to change an event and locks it.
func managedEventTx(ctx context.Context, tx database.Tx, p auth.Principal, eventID int64) (eventRecord, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return eventRecord{}, err
	}
	e, err := eventForUpdate(ctx, tx.Gorm, p.PartnerID, eventID)
	if database.IsNotFound(err) {
		return e, errNoEvent()
	}
	if err != nil {
		return e, fmt.Errorf("event: %w", err)
	}
	return e, nil
}

// AddSession adds a session to an event; it must fall within the event.
func (s *Service) AddSession(ctx context.Context, p auth.Principal, eventID int64, in SessionInput) (Session, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return Session{}, err
	}
	in = in.normalise()
	var out Session
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		e, err := managedEventTx(ctx, tx, p, eventID)
		if err != nil {
			return err
		}
		if errs := in.validate(e); len(errs) > 0 {
			return apperr.InvalidFields(errs)
		}
		now := s.now().UTC()
		rec := sessionRecord{PartnerID: p.PartnerID, EventID: eventID, Name: in.Name, StartsAt: in.StartsAt, EndsAt: in.EndsAt,
			CreatedAt: now, UpdatedAt: now}
		if err := insertSession(ctx, tx.Gorm, &rec); err != nil {
			return fmt.Errorf("event: add session: %w", err)
		}
		out = rec.domain()
		return auditTx(ctx, tx, p, "event.session_added", eventID, nil, sessionSnapshot(rec))
	})
	return out, err
}

// UpdateSession changes a session of an event; it must fall within the event.
func (s *Service) UpdateSession(ctx context.Context, p auth.Principal, eventID, sessionID int64, in SessionInput) (Session, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return Session{}, err
	}
	in = in.normalise()
	var out Session
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		e, err := managedEventTx(ctx, tx, p, eventID)
		if err != nil {
			return err
		}
		old, err := sessionByID(ctx, tx.Gorm, p.PartnerID, eventID, sessionID)
		if database.IsNotFound(err) {
			return errNoSession()
		}
		if err != nil {
			return fmt.Errorf("event: update session: %w", err)
		}
		if errs := in.validate(e); len(errs) > 0 {
			return apperr.InvalidFields(errs)
		}
		rec := old
		rec.Name, rec.StartsAt, rec.EndsAt, rec.UpdatedAt = in.Name, in.StartsAt, in.EndsAt, s.now().UTC()
		if err := updateSession(ctx, tx.Gorm, rec); err != nil {
			return fmt.Errorf("event: update session: %w", err)
		}
		out = rec.domain()
		before, after := diff(sessionSnapshot(old), sessionSnapshot(rec))
		if len(after) == 0 {
			return nil
		}
		before["session_id"], after["session_id"] = sessionID, sessionID
		return auditTx(ctx, tx, p, "event.session_updated", eventID, before, after)
	})
	return out, err
}

// DeleteSession removes a session from an event (with the session joins
// recorded for it) and returns it as it was.
func (s *Service) DeleteSession(ctx context.Context, p auth.Principal, eventID, sessionID int64) (Session, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return Session{}, err
	}
	var out Session
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		if _, err := managedEventTx(ctx, tx, p, eventID); err != nil {
			return err
		}
		old, err := sessionByID(ctx, tx.Gorm, p.PartnerID, eventID, sessionID)
		if database.IsNotFound(err) {
			return errNoSession()
		}
		if err != nil {
			return fmt.Errorf("event: delete session: %w", err)
		}
		if err := deleteSession(ctx, tx.Gorm, p.PartnerID, eventID, sessionID); err != nil {
			return fmt.Errorf("event: delete session: %w", err)
		}
		out = old.domain()
		return auditTx(ctx, tx, p, "event.session_deleted", eventID, sessionSnapshot(old), nil)
	})
	return out, err
}

func auditTx(ctx context.Context, tx database.Tx, p auth.Principal, action string, eventID int64, before, after map[string]any) error {
	e := audit.Entry{PartnerID: &p.PartnerID, ActorKind: audit.ActorStaff, ActorID: strconv.FormatInt(p.StaffID, 10),
		ActorLabel: p.Email, Action: action, TargetKind: "event", TargetID: strconv.FormatInt(eventID, 10)}
	// A nil map is "nothing", not JSON null.
	if before != nil {
		e.Before = before
	}
	if after != nil {
		e.After = after
	}
	return audit.RecordTx(ctx, tx, e)
}

const auditTime = time.RFC3339

func snapshot(r eventRecord) map[string]any {
	return map[string]any{
		"name": r.Name, "time_zone": r.TimeZone, "starts_at": r.StartsAt.UTC().Format(auditTime),
		"ends_at": r.EndsAt.UTC().Format(auditTime), "login_method": r.LoginMethod,
		"registration_form_required": r.RegistrationFormRequired, "email_confirmation_required": r.EmailConfirmationRequired,
		"closed": r.Closed, "default_language": r.DefaultLanguage,
	}
}

func sessionSnapshot(r sessionRecord) map[string]any {
	return map[string]any{"session_id": r.ID, "name": r.Name, "starts_at": r.StartsAt.UTC().Format(auditTime),
		"ends_at": r.EndsAt.UTC().Format(auditTime)}
}

// diff keeps the keys whose values differ.
func diff(before, after map[string]any) (map[string]any, map[string]any) {
	b, a := map[string]any{}, map[string]any{}
	for k, v := range after {
		if before[k] != v {
			b[k], a[k] = before[k], v
		}
	}
	return b, a
}
