package participation

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"roster/internal/apperr"
	"roster/internal/audit"
	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/event"
	"roster/internal/i18n"
	"roster/internal/logintoken"
	"roster/internal/mail"
	"roster/internal/media"
	"roster/internal/partner"
	"roster/internal/people"
)

// Mailer queues an email inside a transaction (mail.Service).
type Mailer interface {
	QueueTx(ctx context.Context, tx database.Tx, m mail.Message) (int64, error)
}

// EmailKind names an attendee email.
type EmailKind string

// The attendee emails.
const (
	EmailInvitation   EmailKind = "invitation"
	EmailRegistration EmailKind = "registration"
	EmailConfirmEmail EmailKind = "confirm_email"
	EmailLoginLink    EmailKind = "login_link"
)

// EmailData is what an attendee email shows.
type EmailData struct {
	Lang               string
	RTL                bool
	PersonName         string
	EventName          string
	Organisation       string
	StartsAt, EndsAt   time.Time
	TimeZone           string
	Link               string
	LinkExpires        time.Time
	Speaker, Moderator bool
}

// Composer renders attendee emails in the person's language (views/emails,
// wired in by cmd/roster: domain packages never import views).
type Composer interface {
	Compose(ctx context.Context, kind EmailKind, d EmailData) (subject, text, html string, err error)
}

// Link lifetimes.
const (
	LoginLinkTTL  = 72 * time.Hour
	InvitationTTL = 14 * 24 * time.Hour
)

// Service runs the event participants: invitations, row actions, listings,
// and the attendee side's transitions. Every status change goes through the
// Machine.
type Service struct {
	db      *database.DB
	mail    Mailer
	compose Composer
	media   *media.Store
	baseURL string
	log     *slog.Logger
	// Now is the clock.
	Now func() time.Time
}

// Deps are the service's collaborators.
type Deps struct {
	DB      *database.DB
	Mail    Mailer
	Compose Composer
	Media   *media.Store
	BaseURL string
	Log     *slog.Logger
}

// NewService builds the service.
func NewService(d Deps) *Service {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	return &Service{db: d.DB, mail: d.Mail, compose: d.Compose, media: d.Media, baseURL: strings.TrimRight(d.BaseURL, "/"),
		log: d.Log, Now: func() time.Time { return time.Now().UTC() }}
}

func staffActor(p auth.Principal) Actor {
	return Actor{Kind: ActorStaff, ID: strconv.FormatInt(p.StaffID, 10)}
}

func rulesOf(e event.Event) Rules {
	return Rules{RegistrationForm: e.RegistrationFormRequired, EmailConfirmation: e.EmailConfirmationRequired}
}

// stateOf reads what the machine needs of a stored participation.
func stateOf(ctx context.Context, tx database.Tx, r participationRecord) (State, error) {
	s := State{Exists: true, Status: Status(r.Status), Detail: Detail(r.DetailedStatus),
		ChatTermsAccepted: r.ChatTermsAcceptedAt != nil, ChatBlocked: r.ChatBlocked}
	if s.Status == StatusBlocked {
		d, err := beforeBlock(ctx, tx.Gorm, r.ID)
		if err != nil {
			return s, err
		}
		s.BeforeBlock = Detail(d)
	}
	return s, nil
}

func strPtr(s string) *string { return &s }

// commitStep stores the outcome of an allowed transition: status columns,
// history, and counters, all in tx. It is the only writer of statuses.
func (s *Service) commitStep(ctx context.Context, tx database.Tx, r *participationRecord, st Step, actor Actor, at time.Time) error {
	if st.Removed {
		if err := deleteParticipation(ctx, tx.Gorm, r.ID); err != nil {
			return err
		}
		return addCounts(ctx, tx.Gorm, r.PartnerID, r.EventID, countDeltas(*r, -1, map[[2]string]int64{}))
	}
	fields := map[string]any{"updated_at": at}
	fromStatus, fromDetail := r.Status, r.DetailedStatus
	if next := string(st.Next.Status); next != r.Status || string(st.Next.Detail) != r.DetailedStatus {
		fields["status"], fields["detailed_status"], fields["status_at"] = next, string(st.Next.Detail), at
		deltas := countDeltas(*r, -1, map[[2]string]int64{})
		r.Status, r.DetailedStatus, r.StatusAt = next, string(st.Next.Detail), at
		if err := addCounts(ctx, tx.Gorm, r.PartnerID, r.EventID, countDeltas(*r, 1, deltas)); err != nil {
			return err
		}
	}
	if st.Next.ChatTermsAccepted && r.ChatTermsAcceptedAt == nil {
		fields["chat_terms_accepted_at"] = at
		r.ChatTermsAcceptedAt = &at
	}
	if st.Next.ChatBlocked != r.ChatBlocked {
		fields["chat_blocked"] = st.Next.ChatBlocked
		r.ChatBlocked = st.Next.ChatBlocked
	}
	r.UpdatedAt = at
	if err := updateParticipation(ctx, tx.Gorm, r.ID, fields); err != nil {
		return err
	}
	if !st.Record {
		return nil
	}
	return insertHistory(ctx, tx.Gorm, []historyRecord{{PartnerID: r.PartnerID, ParticipationID: r.ID,
		FromStatus: strPtr(fromStatus), FromDetailedStatus: strPtr(fromDetail), ToStatus: r.Status, ToDetailedStatus: r.DetailedStatus,
		Cause: string(st.Cause), ActorKind: string(actor.Kind), ActorID: actor.ID, CreatedAt: at}})
}

// countDeltas adds the counters r counts in, times sign, to deltas: its
// status, its roles (every participation is an attendee), and its status
// among the speakers and among the moderators. Every write of
// participations moves the counters through it: -1 for the row as it was,
// +1 for the row as it is (what did not change cancels out).
func countDeltas(r participationRecord, sign int64, deltas map[[2]string]int64) map[[2]string]int64 {
	deltas[[2]string{dimStatus, r.Status}] += sign
	deltas[[2]string{dimRole, string(RoleAttendee)}] += sign
	role := func(role Role) {
		deltas[[2]string{dimRole, string(role)}] += sign
		deltas[[2]string{roleStatusDimension(role), r.Status}] += sign
	}
	if r.IsSpeaker {
		role(RoleSpeaker)
	}
	if r.IsModerator {
		role(RoleModerator)
	}
	return deltas
}

// The dimensions of participation_counters.
const (
	dimStatus = "status"
	dimRole   = "role"
)

// roleStatusDimension is the counters' dimension of the statuses of the
// speakers ("speaker_status") or of the moderators ("moderator_status").
func roleStatusDimension(role Role) string { return string(role) + "_status" }

// apply runs trigger t on r and stores the outcome.
func (s *Service) apply(ctx context.Context, tx database.Tx, r *participationRecord, e event.Event, t Trigger, actor Actor) (Step, error) {
	st, err := stateOf(ctx, tx, *r)
	if err != nil {
		return Step{}, err
	}
	step, err := Machine{Rules: rulesOf(e)}.Apply(st, t)
	if err != nil {
		return Step{}, err
	}
	if err := s.commitStep(ctx, tx, r, step, actor, s.Now()); err != nil {
		return step, err
	}
	// Whoever is blocked or unregistered can no longer use their links (a
	// removed participation takes its links with it).
	if !step.Removed && (step.Next.Status == StatusBlocked || step.Next.Status == StatusUnregistered) {
		if _, err := logintoken.RevokeParticipationTx(ctx, tx, r.PartnerID, r.ID, s.Now()); err != nil {
			return step, err
		}
	}
	return step, nil
}

// load returns a participation of the principal's partner in an event, with the event.
func (s *Service) load(ctx context.Context, tx database.Tx, p auth.Principal, eventID, id int64) (participationRecord, event.Event, error) {
	e, err := event.GetTx(ctx, tx, p.PartnerID, eventID)
	if err != nil {
		return participationRecord{}, e, err
	}
	r, err := byID(ctx, tx.Gorm, p.PartnerID, eventID, id)
	if database.IsNotFound(err) {
		return r, e, apperr.NotFound("This person is not in the event (any more).")
	}
	return r, e, err
}

// offered refuses an action the action matrix does not offer on r.
func offered(r participationRecord, e event.Event, a Action) error {
	if Offers(r.domain(), e, a) {
		return nil
	}
	return apperr.Conflict("%s is not available for this person: they are %s.", a.Label(), Status(r.Status).Label())
}

func (s *Service) auditTx(ctx context.Context, tx database.Tx, p auth.Principal, action string, id int64, before, after any) error {
	return audit.RecordTx(ctx, tx, audit.Entry{PartnerID: &p.PartnerID, ActorKind: audit.ActorStaff,
		ActorID: strconv.FormatInt(p.StaffID, 10), ActorLabel: p.Email, Action: action, TargetKind: "participation",
		TargetID: strconv.FormatInt(id, 10), Before: before, After: after})
}

// withPeople fills the Person of each participation.
func (s *Service) withPeople(ctx context.Context, tx database.Tx, partnerID int64, rs []participationRecord) ([]Participation, error) {
	ids := make([]int64, len(rs))
	for i, r := range rs {
		ids[i] = r.PersonID
	}
	ps, err := people.ListByIDsTx(ctx, tx, partnerID, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Participation, len(rs))
	for i, r := range rs {
		out[i] = r.domain()
		out[i].Person = ps[r.PersonID]
	}
	return out, nil
}

func (s *Service) one(ctx context.Context, tx database.Tx, partnerID int64, r participationRecord) (Participation, error) {
	ps, err := s.withPeople(ctx, tx, partnerID, []participationRecord{r})
	if err != nil {
		return Participation{}, err
	}
	if err := withLinks(ctx, tx, partnerID, ps); err != nil {
		return Participation{}, err
	}
	return ps[0], nil
}

// Get returns one participant with their event.
func (s *Service) Get(ctx context.Context, p auth.Principal, eventID, id int64) (Participation, event.Event, error) {
	if err := p.Require(auth.PermEventsView); err != nil {
		return Participation{}, event.Event{}, err
	}
	tx := s.db.Conn(ctx)
	r, e, err := s.load(ctx, tx, p, eventID, id)
	if err != nil {
		return Participation{}, e, err
	}
	out, err := s.one(ctx, tx, p.PartnerID, r)
	return out, e, err
}

// ---- emails ----

// sendTx issues the link of an email, queues the email in the person's
// language, and marks the participation's delivery state.
func (s *Service) sendTx(ctx context.Context, tx database.Tx, r *participationRecord, e event.Event, person people.Person,
	kind EmailKind, createdBy *int64) error {
	if s.compose == nil || s.mail == nil {
		return fmt.Errorf("participation: no mailer configured")
	}
	purpose, ttl := logintoken.PurposeLogin, LoginLinkTTL
	switch kind {
	case EmailInvitation:
		purpose, ttl = logintoken.PurposeInvitation, InvitationTTL
	case EmailConfirmEmail:
		purpose, ttl = logintoken.PurposeConfirmEmail, InvitationTTL
	}
	now := s.Now()
	if until := e.EndsAt.Sub(now); kind == EmailInvitation && until > ttl {
		ttl = until // an invitation works until the event ends
	}
	raw, tok, err := logintoken.IssueTx(ctx, tx, logintoken.Issue{PartnerID: r.PartnerID, PersonID: r.PersonID, EventID: &r.EventID,
		ParticipationID: &r.ID, Purpose: purpose, TTL: ttl, CreatedByStaffID: createdBy}, now)
	if err != nil {
		return err
	}
	org, err := partner.GetTx(ctx, tx, r.PartnerID)
	if err != nil {
		return err
	}
	lang := i18n.Get(r.Language)
	subject, text, html, err := s.compose.Compose(ctx, kind, EmailData{Lang: lang.Code, RTL: lang.RTL, PersonName: person.FirstName,
		EventName: e.Name, Organisation: org.Name, StartsAt: e.StartsAt, EndsAt: e.EndsAt, TimeZone: e.TimeZone,
		Link: s.baseURL + "/l/" + raw, LinkExpires: tok.ExpiresAt, Speaker: r.IsSpeaker, Moderator: r.IsModerator})
	if err != nil {
		return fmt.Errorf("participation: compose %s: %w", kind, err)
	}
	emailID, err := s.mail.QueueTx(ctx, tx, mail.Message{PartnerID: &r.PartnerID,
		CauseKey: fmt.Sprintf("participation.%s:%d:%d", kind, r.ID, tok.ID), To: person.Email, Subject: subject,
		Text: text, HTML: html, Language: lang.Code})
	if err != nil {
		return err
	}
	r.DeliveryState, r.EmailSentAt, r.LastEmailID = string(DeliveryQueued), &now, &emailID
	return updateParticipation(ctx, tx.Gorm, r.ID, map[string]any{"delivery_state": r.DeliveryState, "email_sent_at": now,
		"last_email_id": emailID})
}

// DeliveryChanged follows an email's delivery onto the participation it was
// last sent to (called by the mail worker).
func (s *Service) DeliveryChanged(ctx context.Context, emailID int64, st mail.Status) error {
	d := map[mail.Status]Delivery{mail.StatusQueued: DeliveryQueued, mail.StatusSent: DeliverySent,
		mail.StatusDeferred: DeliveryDeferred, mail.StatusBounced: DeliveryBounced, mail.StatusFailed: DeliveryBounced}[st]
	if d == "" {
		return nil
	}
	return setDeliveryByEmail(ctx, s.db.Gorm, emailID, string(d))
}
