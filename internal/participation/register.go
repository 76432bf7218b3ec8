package participation

import (
	"context"
	"strings"
	"unicode/utf8"

	"roster/internal/apperr"
	"roster/internal/database"
	"roster/internal/event"
	"roster/internal/i18n"
	"roster/internal/people"
)

// stage is where an invited person is on the way into an event.
type stage int

const (
	stageIn                   stage = iota // may enter
	stageMustSetPassword                   // a password event: the person sets their password first
	stageMustRegister                      // the event's registration form comes first
	stageAwaitingConfirmation              // registered; the email confirmation link comes first
)

// stageTx says whether a person must still set their password (password
// events), or, Invited, register or confirm their email (events with a
// registration form), before entering.
func (s *Service) stageTx(ctx context.Context, tx database.Tx, r participationRecord, e event.Event) (stage, error) {
	if e.LoginMethod == event.LoginPassword {
		hash, err := people.PasswordHashTx(ctx, tx, r.PartnerID, r.PersonID)
		if err != nil {
			return stageIn, err
		}
		if hash == "" {
			return stageMustSetPassword, nil
		}
	}
	if !e.RegistrationFormRequired || r.Status != string(StatusInvited) {
		return stageIn, nil
	}
	done, err := hasRegistered(ctx, tx.Gorm, r.ID)
	if err != nil {
		return stageIn, err
	}
	if !done {
		return stageMustRegister, nil
	}
	if e.EmailConfirmationRequired {
		return stageAwaitingConfirmation, nil
	}
	return stageIn, nil
}

// Registration is the event's registration form, as the attendee filled it.
type Registration struct {
	FirstName, LastName, Title, Company, Language string
	Consent                                       bool
}

// RegistrationResult says what comes after registering.
type RegistrationResult struct {
	// ConfirmEmail: a confirmation link was emailed; the person enters once they use it.
	ConfirmEmail bool
	Email        string
}

// Register records the attendee's registration through the machine: their
// names and details are saved; when the event asks for email confirmation a
// confirmation link is emailed (the person stays Invited until they use it),
// otherwise they are Registered and enter (the visit is recorded).
func (s *Service) Register(ctx context.Context, a Attendee, in Registration, ua string) (RegistrationResult, error) {
	errs := map[string]string{}
	in.FirstName, in.LastName = strings.TrimSpace(in.FirstName), strings.TrimSpace(in.LastName)
	in.Title, in.Company = strings.TrimSpace(in.Title), strings.TrimSpace(in.Company)
	if in.FirstName == "" {
		errs["first_name"] = "Your first name is required."
	}
	if in.LastName == "" {
		errs["last_name"] = "Your last name is required."
	}
	for field, v := range map[string]string{"first_name": in.FirstName, "last_name": in.LastName, "title": in.Title, "company": in.Company} {
		if utf8.RuneCountInString(v) > 200 {
			errs[field] = "At most 200 characters."
		}
	}
	if in.Language != "" && !i18n.Valid(in.Language) {
		errs["language"] = "Choose a language from the list."
	}
	if !in.Consent {
		errs["consent"] = "Tick the box to agree: the organisers need it to register you."
	}
	if len(errs) > 0 {
		return RegistrationResult{}, apperr.InvalidFields(errs)
	}
	var res RegistrationResult
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		r, e, actor, err := s.attendeeTx(ctx, tx, a)
		if err != nil {
			return err
		}
		st, err := s.stageTx(ctx, tx, r, e)
		if err != nil {
			return err
		}
		if st == stageMustSetPassword {
			return apperr.Conflict("Choose your password first.")
		}
		if st != stageMustRegister {
			return apperr.Conflict("You are already registered for this event.")
		}
		person, err := people.UpdateTx(ctx, tx, r.PartnerID, r.PersonID, people.Patch{FirstName: &in.FirstName, LastName: &in.LastName,
			Title: &in.Title, Company: &in.Company}, s.Now())
		if err != nil {
			return err
		}
		if err := updatePersonCopies(ctx, tx.Gorm, r.PartnerID, person.ID, person.SortName(), strings.ToLower(person.Email),
			people.SearchText(person.FirstName, person.LastName, person.Email)); err != nil {
			return err
		}
		if in.Language != "" && in.Language != r.Language {
			r.Language = in.Language
			if err := updateParticipation(ctx, tx.Gorm, r.ID, map[string]any{"language": r.Language}); err != nil {
				return err
			}
		}
		if _, err := s.apply(ctx, tx, &r, e, TrRegister, actor); err != nil {
			return err
		}
		res.Email = person.Email
		if e.EmailConfirmationRequired {
			res.ConfirmEmail = true
			if err := s.sendTx(ctx, tx, &r, e, person, EmailConfirmEmail, nil); err != nil {
				return err
			}
		} else if trig, kind, ok := visitTrigger(e, s.Now()); ok {
			if _, err := s.apply(ctx, tx, &r, e, trig, actor); err != nil {
				return err
			}
			if err := insertVisit(ctx, tx.Gorm, visitRecord{PartnerID: r.PartnerID, ParticipationID: r.ID, Kind: kind,
				UserAgent: clip(ua, 300), CreatedAt: s.Now()}); err != nil {
				return err
			}
		}
		return s.attendeeAuditTx(ctx, tx, r, actor, "attendee.registered")
	})
	return res, err
}
