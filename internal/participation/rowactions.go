package participation

import (
	"context"
	"strings"
	"time"

	"roster/internal/apperr"
	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/event"
	"roster/internal/logintoken"
	"roster/internal/people"
)

// Resend emails the invitation again (Invited) or the registration
// confirmation with a sign-in link (Registered).
func (s *Service) Resend(ctx context.Context, p auth.Principal, eventID, id int64) (Participation, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return Participation{}, err
	}
	var out Participation
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		r, e, err := s.load(ctx, tx, p, eventID, id)
		if err != nil {
			return err
		}
		if err := s.resendTx(ctx, tx, p, &r, e); err != nil {
			return err
		}
		out, err = s.one(ctx, tx, p.PartnerID, r)
		return err
	})
	return out, err
}

func (s *Service) resendTx(ctx context.Context, tx database.Tx, p auth.Principal, r *participationRecord, e event.Event) error {
	person, err := people.GetTx(ctx, tx, p.PartnerID, r.PersonID)
	if err != nil {
		return err
	}
	staffID := p.StaffID
	kind := EmailRegistration
	switch {
	case Offers(r.domain(), e, ActResendInvitation):
		if _, err := s.apply(ctx, tx, r, e, TrSendInvitation, staffActor(p)); err != nil {
			return err
		}
		kind = EmailInvitation
	case Offers(r.domain(), e, ActResendRegistration):
	default:
		return offered(*r, e, ActResendInvitation)
	}
	if err := s.sendTx(ctx, tx, r, e, person, kind, &staffID); err != nil {
		return err
	}
	return s.auditTx(ctx, tx, p, "participant.email_resent", r.ID, nil, map[string]any{"email": string(kind)})
}

// loadEditable loads a participation the principal may edit, with its event and person.
func (s *Service) loadEditable(ctx context.Context, tx database.Tx, p auth.Principal, eventID, id int64) (participationRecord, event.Event, people.Person, error) {
	r, e, err := s.load(ctx, tx, p, eventID, id)
	if err != nil {
		return r, e, people.Person{}, err
	}
	if err := offered(r, e, ActEdit); err != nil {
		return r, e, people.Person{}, err
	}
	person, err := people.GetTx(ctx, tx, p.PartnerID, r.PersonID)
	return r, e, person, err
}

// FixEmailAndResend corrects the email address of a participant whose
// last email bounced and sends that email again, in one step: the address
// changes for the person everywhere (it is the person's), the new email goes
// to the new address, and both are audited.
func (s *Service) FixEmailAndResend(ctx context.Context, p auth.Principal, eventID, id int64, email string) (Participation, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return Participation{}, err
	}
	email, msg := people.ValidateEmail(email)
	if msg != "" {
		return Participation{}, apperr.InvalidFields(map[string]string{"email": msg})
	}
	var out Participation
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		r, e, before, err := s.loadEditable(ctx, tx, p, eventID, id)
		if err != nil {
			return err
		}
		if before.Email != email {
			person, err := people.UpdateTx(ctx, tx, p.PartnerID, r.PersonID, people.Patch{Email: &email}, s.Now())
			if ae, ok := apperr.As(err); ok && ae.Code == apperr.CodeConflict {
				return apperr.InvalidFields(map[string]string{"email": ae.Message})
			}
			if err != nil {
				return err
			}
			if err := updatePersonCopies(ctx, tx.Gorm, p.PartnerID, person.ID, person.SortName(), strings.ToLower(person.Email),
				people.SearchText(person.FirstName, person.LastName, person.Email)); err != nil {
				return err
			}
			if err := s.auditTx(ctx, tx, p, "participant.email_fixed", r.ID, map[string]any{"email": before.Email},
				map[string]any{"email": person.Email}); err != nil {
				return err
			}
		}
		if err := s.resendTx(ctx, tx, p, &r, e); err != nil {
			return err
		}
		out, err = s.one(ctx, tx, p.PartnerID, r)
		return err
	})
	return out, err
}

// Remove takes the person out of this event only (their person, other
// events and courses stay), with their participation's history and links.
func (s *Service) Remove(ctx context.Context, p auth.Principal, eventID, id int64) error {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx database.Tx) error {
		r, e, err := s.load(ctx, tx, p, eventID, id)
		if err != nil {
			return err
		}
		return s.removeTx(ctx, tx, p, r, e)
	})
}

func (s *Service) removeTx(ctx context.Context, tx database.Tx, p auth.Principal, r participationRecord, e event.Event) error {
	if err := offered(r, e, ActRemove); err != nil {
		return err
	}
	if _, err := s.apply(ctx, tx, &r, e, TrRemove, staffActor(p)); err != nil {
		return err
	}
	return s.auditTx(ctx, tx, p, "participant.removed", r.ID, map[string]any{"event": e.ID, "person": r.PersonID,
		"status": r.Status}, nil)
}

// EditInput is the Edit dialog: the person's fields (partner-wide), this
// participation's roles and language, and the profile image.
type EditInput struct {
	Profile            people.Profile
	Speaker, Moderator bool
	Image              []byte
	RemoveImage        bool
}

// Update edits a participant.
func (s *Service) Update(ctx context.Context, p auth.Principal, eventID, id int64, in EditInput) (Participation, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return Participation{}, err
	}
	prof, errs := in.Profile.Validate()
	thumbs, err := processImage(in.Image)
	if errs, err = addImageError(errs, err); err != nil {
		return Participation{}, err
	}
	if len(errs) > 0 {
		return Participation{}, apperr.InvalidFields(errs)
	}
	var out Participation
	err = s.db.InTx(ctx, func(tx database.Tx) error {
		r, _, before, err := s.loadEditable(ctx, tx, p, eventID, id)
		if err != nil {
			return err
		}
		now := s.Now()
		patch := people.Patch{Email: &prof.Email, FirstName: &prof.FirstName, LastName: &prof.LastName, Title: &prof.Title,
			Company: &prof.Company, Bio: &prof.Bio, Language: &prof.Language}
		imageName, err := s.storeImageTx(ctx, tx, p.PartnerID, thumbs)
		if err != nil {
			return err
		}
		switch {
		case imageName != "":
			patch.ImagePath = &imageName
		case in.RemoveImage:
			empty := ""
			patch.ImagePath = &empty
		}
		person, err := people.UpdateTx(ctx, tx, p.PartnerID, r.PersonID, patch, now)
		if err != nil {
			return err
		}
		// The replaced image goes with the change that replaced it.
		if err := s.dropImageTx(ctx, tx, p.PartnerID, before.ImagePath, person.ImagePath); err != nil {
			return err
		}
		if err := updatePersonCopies(ctx, tx.Gorm, p.PartnerID, person.ID, person.SortName(), strings.ToLower(person.Email),
			people.SearchText(person.FirstName, person.LastName, person.Email)); err != nil {
			return err
		}
		deltas := countDeltas(r, -1, map[[2]string]int64{})
		r.IsSpeaker, r.IsModerator, r.Language = in.Speaker, in.Moderator, prof.Language
		deltas = countDeltas(r, 1, deltas)
		if err := addCounts(ctx, tx.Gorm, p.PartnerID, eventID, deltas); err != nil {
			return err
		}
		if err := updateParticipation(ctx, tx.Gorm, r.ID, map[string]any{"is_speaker": r.IsSpeaker, "is_moderator": r.IsModerator,
			"language": r.Language, "updated_at": now}); err != nil {
			return err
		}
		r.UpdatedAt = now
		one := []Participation{r.domain()}
		one[0].Person = person
		if err := withLinks(ctx, tx, p.PartnerID, one); err != nil {
			return err
		}
		out = one[0]
		return s.auditTx(ctx, tx, p, "participant.edited", r.ID,
			map[string]any{"email": before.Email, "first_name": before.FirstName, "last_name": before.LastName},
			map[string]any{"email": person.Email, "first_name": person.FirstName, "last_name": person.LastName,
				"speaker": r.IsSpeaker, "moderator": r.IsModerator, "language": r.Language})
	})
	return out, err
}

// SetChatBlocked blocks (or unblocks) an attendee from the chat.
func (s *Service) SetChatBlocked(ctx context.Context, p auth.Principal, eventID, id int64, blocked bool) (Participation, error) {
	if blocked {
		return s.staffTransition(ctx, p, eventID, id, ActChatBlock, TrChatBlock, "participant.chat_blocked")
	}
	return s.staffTransition(ctx, p, eventID, id, ActChatUnblock, TrChatUnblock, "participant.chat_unblocked")
}

// LoginLink is a generated single-use sign-in link.
type LoginLink struct {
	URL       string
	ExpiresAt time.Time
}

// GenerateLoginLink makes a sign-in link for the organiser to hand over
// (magic-link events, Invited or Registered people). Only its hash is stored.
func (s *Service) GenerateLoginLink(ctx context.Context, p auth.Principal, eventID, id int64) (LoginLink, Participation, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return LoginLink{}, Participation{}, err
	}
	var link LoginLink
	var out Participation
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		r, e, err := s.load(ctx, tx, p, eventID, id)
		if err != nil {
			return err
		}
		if err := offered(r, e, ActLoginLink); err != nil {
			return err
		}
		staffID := p.StaffID
		raw, tok, err := logintoken.IssueTx(ctx, tx, logintoken.Issue{PartnerID: p.PartnerID, PersonID: r.PersonID, EventID: &eventID,
			ParticipationID: &r.ID, Purpose: logintoken.PurposeLogin, TTL: LoginLinkTTL, CreatedByStaffID: &staffID}, s.Now())
		if err != nil {
			return err
		}
		link = LoginLink{URL: s.baseURL + "/l/" + raw, ExpiresAt: tok.ExpiresAt}
		if out, err = s.one(ctx, tx, p.PartnerID, r); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, p, "participant.login_link_generated", r.ID, nil, map[string]any{"expires_at": tok.ExpiresAt})
	})
	return link, out, err
}

// Analytics is what View analytics shows.
type Analytics struct {
	Participation Participation
	Visits        int
	PreEvent      int
	DuringEvent   int
	FirstVisit    *time.Time
	LastVisit     *time.Time
	Sessions      []SessionJoin
	History       []HistoryEntry
}

// SessionJoin is one session the person joined.
type SessionJoin struct {
	Name string
	At   time.Time
}

// Analytics returns a participant's visits, sessions joined and history.
func (s *Service) Analytics(ctx context.Context, p auth.Principal, eventID, id int64) (Analytics, error) {
	if err := p.Require(auth.PermEventsView); err != nil {
		return Analytics{}, err
	}
	tx := s.db.Conn(ctx)
	r, e, err := s.load(ctx, tx, p, eventID, id)
	if err != nil {
		return Analytics{}, err
	}
	if err := offered(r, e, ActViewAnalytics); err != nil {
		return Analytics{}, err
	}
	var a Analytics
	if a.Participation, err = s.one(ctx, tx, p.PartnerID, r); err != nil {
		return a, err
	}
	vs, err := visits(ctx, tx.Gorm, p.PartnerID, r.ID)
	if err != nil {
		return a, err
	}
	var sessionIDs []int64
	for _, v := range vs {
		if v.EventSessionID != nil {
			sessionIDs = append(sessionIDs, *v.EventSessionID)
		}
	}
	names, err := sessionNames(ctx, tx.Gorm, p.PartnerID, sessionIDs)
	if err != nil {
		return a, err
	}
	for _, v := range vs {
		switch v.Kind {
		case "pre_event", "during_event":
			at := v.CreatedAt
			a.Visits++
			if v.Kind == "pre_event" {
				a.PreEvent++
			} else {
				a.DuringEvent++
			}
			if a.FirstVisit == nil {
				a.FirstVisit = &at
			}
			a.LastVisit = &at
		case "session_join":
			a.Sessions = append(a.Sessions, SessionJoin{Name: names[*v.EventSessionID], At: v.CreatedAt})
		}
	}
	hs, err := history(ctx, tx.Gorm, p.PartnerID, r.ID)
	if err != nil {
		return a, err
	}
	for _, h := range hs {
		e := HistoryEntry{ToStatus: Status(h.ToStatus), ToDetail: Detail(h.ToDetailedStatus), Cause: Cause(h.Cause),
			Actor: Actor{Kind: ActorKind(h.ActorKind), ID: h.ActorID}, At: h.CreatedAt}
		if h.FromStatus != nil {
			fs, fd := Status(*h.FromStatus), Detail(*h.FromDetailedStatus)
			e.FromStatus, e.FromDetail = &fs, &fd
		}
		a.History = append(a.History, e)
	}
	return a, nil
}

// BulkResult reports a bulk action: how many were done, and each skipped
// person with the reason.
type BulkResult struct {
	Done    int
	Skipped []Skipped
}

// Skipped is a participant a bulk action left alone, and why.
type Skipped struct {
	ID     int64
	Email  string
	Reason string
}

// MaxBulk is the largest selection a bulk action takes.
const MaxBulk = 1000

// bulk runs fn on each selected participant in one transaction; a row the
// action matrix offers none of actions is skipped with its reason, anything
// else aborts all.
func (s *Service) bulk(ctx context.Context, p auth.Principal, eventID int64, ids []int64, actions []Action,
	fn func(tx database.Tx, r participationRecord, e event.Event) error) (BulkResult, error) {
	var res BulkResult
	if err := p.Require(auth.PermEventsManage); err != nil {
		return res, err
	}
	switch {
	case len(ids) == 0:
		return res, apperr.Invalid("Select at least one person.")
	case len(ids) > MaxBulk:
		return res, apperr.Invalid("Select at most %d people at a time.", MaxBulk)
	}
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		res = BulkResult{}
		e, err := event.GetTx(ctx, tx, p.PartnerID, eventID)
		if err != nil {
			return err
		}
		f := ListFilter{EventID: eventID, IDs: ids, Sort: SortCreated}
		if err := f.normalize(); err != nil {
			return err
		}
		var rows []participationRecord
		if err := eachRow(ctx, tx.Gorm, p.PartnerID, f, func(rs []participationRecord) error {
			rows = append(rows, rs...)
			return nil
		}); err != nil {
			return err
		}
		for _, r := range rows {
			ok := false
			for _, a := range actions {
				ok = ok || Offers(r.domain(), e, a)
			}
			if !ok {
				res.Skipped = append(res.Skipped, Skipped{ID: r.ID, Email: r.EmailLower, Reason: Status(r.Status).Label()})
				continue
			}
			if err := fn(tx, r, e); err != nil {
				return err
			}
			res.Done++
		}
		found := make(map[int64]bool, len(rows))
		for _, r := range rows {
			found[r.ID] = true
		}
		for _, id := range ids {
			if !found[id] {
				found[id] = true // once per id, even if selected twice
				res.Skipped = append(res.Skipped, Skipped{ID: id, Reason: "no longer in the event"})
			}
		}
		return nil
	})
	return res, err
}

// ResendMany resends the email of each selected participant that offers it.
func (s *Service) ResendMany(ctx context.Context, p auth.Principal, eventID int64, ids []int64) (BulkResult, error) {
	return s.bulk(ctx, p, eventID, ids, []Action{ActResendInvitation, ActResendRegistration}, func(tx database.Tx, r participationRecord, e event.Event) error {
		return s.resendTx(ctx, tx, p, &r, e)
	})
}

// RemoveMany removes each selected participant that may be removed.
func (s *Service) RemoveMany(ctx context.Context, p auth.Principal, eventID int64, ids []int64) (BulkResult, error) {
	return s.bulk(ctx, p, eventID, ids, []Action{ActRemove}, func(tx database.Tx, r participationRecord, e event.Event) error {
		return s.removeTx(ctx, tx, p, r, e)
	})
}
