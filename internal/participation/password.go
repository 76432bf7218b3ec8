package participation

import (
	"context"
	"strconv"
	"strings"

	"roster/internal/apperr"
	"roster/internal/audit"
	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/event"
	"roster/internal/people"
)

// maxPasswordInput bounds what a sign-in form may send as a password
// (longer is simply wrong: it is never hashed).
const maxPasswordInput = 1024

// SetPassword sets the initial password of a person of a password event,
// signed in by their invitation link, and lets them in (the form or the
// email confirmation may still come first); or, signed in by an emailed
// sign-in link (a.Reset), replaces a forgotten one. The password is the
// person's: it signs them in to each of the organisation's password events.
func (s *Service) SetPassword(ctx context.Context, a Attendee, pw, confirm, ip, ua string) (Attendee, error) {
	// Checked and hashed (argon2id, tens of milliseconds) before the
	// transaction, which then holds no lock while hashing.
	conn := s.db.Conn(ctx)
	r, e, _, err := s.attendeeTx(ctx, conn, a)
	if err != nil {
		return Attendee{}, err
	}
	if e.LoginMethod != event.LoginPassword {
		return Attendee{}, apperr.Conflict("This event signs people in with links sent by email, not with a password.")
	}
	person, err := people.GetTx(ctx, conn, r.PartnerID, r.PersonID)
	if err != nil {
		return Attendee{}, err
	}
	if errs := auth.CheckNewPassword(pw, confirm, person.Email); errs != nil {
		return Attendee{}, apperr.InvalidFields(errs)
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return Attendee{}, err
	}
	var out Attendee
	var refused error
	err = s.db.InTx(ctx, func(tx database.Tx) error {
		r, e, actor, err := s.attendeeTx(ctx, tx, a)
		if err != nil {
			return err
		}
		cur, err := people.PasswordHashTx(ctx, tx, r.PartnerID, r.PersonID)
		if err != nil {
			return err
		}
		if cur != "" && !a.Reset {
			return apperr.Conflict("You have a password already: sign in with it.")
		}
		if err := people.SetPasswordHashTx(ctx, tx, r.PartnerID, r.PersonID, hash, s.Now()); err != nil {
			return err
		}
		action := "attendee.password_set"
		if cur != "" {
			action = "attendee.password_reset"
		}
		if err := audit.RecordTx(ctx, tx, audit.Entry{PartnerID: &r.PartnerID, ActorKind: audit.ActorPerson, ActorID: actor.ID,
			Action: action, TargetKind: "participation", TargetID: strconv.FormatInt(r.ID, 10), IP: ip}); err != nil {
			return err
		}
		out, refused, err = s.enterTx(ctx, tx, &r, e, actor, ua)
		return err
	})
	if err != nil {
		return Attendee{}, err
	}
	if refused != nil {
		return Attendee{}, refused
	}
	return out, nil
}

// errWrongPassword is the one answer to an unknown address, a person not in
// the event, a person without a password and a wrong password alike.
func errWrongPassword() error {
	return apperr.Unauthorized("The email address or the password is not correct.")
}

// PasswordSignIn signs a person in to a password event with their email
// address and password. Failed attempts are throttled per address and per
// client (auth's login_attempts); every failure gets the same answer, in
// about the same time. A blocked or unregistered person who gives the
// right password is refused with the reason.
func (s *Service) PasswordSignIn(ctx context.Context, eventID int64, email, pw, ip, ua string) (Attendee, error) {
	emailLower := strings.ToLower(strings.TrimSpace(email))
	if emailLower == "" || pw == "" {
		return Attendee{}, apperr.InvalidFields(map[string]string{"form": "Enter your email address and your password."})
	}
	// Read and check outside the transaction: the hash takes tens of
	// milliseconds and no lock is held meanwhile.
	conn := s.db.Conn(ctx)
	e, err := event.PublicTx(ctx, conn, eventID)
	if err != nil {
		return Attendee{}, err
	}
	if e.LoginMethod != event.LoginPassword {
		return Attendee{}, apperr.Conflict("This event signs people in with links sent by email, not with a password.")
	}
	account := auth.AttendeeAccount(e.PartnerID, emailLower)
	if err := auth.ThrottledTx(ctx, conn, account, ip, s.Now()); err != nil {
		return Attendee{}, err
	}
	var hash string
	var r participationRecord
	person, found, err := people.FindByEmailTx(ctx, conn, e.PartnerID, emailLower)
	if err != nil {
		return Attendee{}, err
	}
	if found {
		if r, err = byEventPerson(ctx, conn.Gorm, e.PartnerID, e.ID, person.ID); database.IsNotFound(err) {
			found = false
		} else if err != nil {
			return Attendee{}, err
		}
	}
	if found {
		if hash, err = people.PasswordHashTx(ctx, conn, e.PartnerID, person.ID); err != nil {
			return Attendee{}, err
		}
	}
	ok := len(pw) <= maxPasswordInput && auth.VerifyPassword(hash, pw) && found
	var a Attendee
	var refused error
	err = s.db.InTx(ctx, func(tx database.Tx) error {
		now := s.Now()
		if err := auth.RecordAttemptTx(ctx, tx, account, ip, ok, now); err != nil || !ok {
			return err // a failure is committed: it counts
		}
		cur, err := byID(ctx, tx.Gorm, e.PartnerID, e.ID, r.ID)
		if err != nil {
			return err
		}
		actor := Actor{Kind: ActorPerson, ID: strconv.FormatInt(cur.PersonID, 10)}
		if a, refused, err = s.enterTx(ctx, tx, &cur, e, actor, ua); err != nil || refused != nil {
			return err
		}
		return audit.RecordTx(ctx, tx, audit.Entry{PartnerID: &cur.PartnerID, ActorKind: audit.ActorPerson, ActorID: actor.ID,
			Action: "attendee.signed_in", TargetKind: "participation", TargetID: strconv.FormatInt(cur.ID, 10), IP: ip,
			After: map[string]any{"password": true}})
	})
	switch {
	case err != nil:
		return Attendee{}, err
	case !ok:
		return Attendee{}, errWrongPassword()
	case refused != nil:
		return Attendee{}, refused
	}
	return a, nil
}
