package participation

import (
	"context"
	"strings"

	"roster/internal/apperr"
	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/event"
	"roster/internal/media"
	"roster/internal/people"
)

// InviteInput is the "Invite one person" form.
type InviteInput struct {
	Profile            people.Profile
	Speaker, Moderator bool
	// Image is an optional profile image (speakers and moderators).
	Image []byte
	// SendEmail: Invite (true) or Invite without email (false).
	SendEmail bool
}

// processImage checks and re-encodes an optional image before the
// transaction (decoding holds no lock); the error carries the form field.
func processImage(img []byte) ([]media.Thumbnail, error) {
	if len(img) == 0 {
		return nil, nil
	}
	ts, err := media.Process(img)
	if err != nil {
		ae, ok := apperr.As(err)
		if !ok {
			return nil, err
		}
		return nil, &apperr.Error{Code: ae.Code, Message: ae.Message, Fields: map[string]string{"image": ae.Message}}
	}
	return ts, nil
}

// addImageError merges an image error into the form's field errors, or
// returns it when it is not the upload's fault.
func addImageError(errs map[string]string, err error) (map[string]string, error) {
	ae, ok := apperr.As(err)
	if !ok || ae.Fields["image"] == "" {
		return errs, err
	}
	if errs == nil {
		errs = map[string]string{}
	}
	errs["image"] = ae.Message
	return errs, nil
}

// storeImageTx stores the variants of a processed image for the partner in
// tx; it returns the new name ("" without an image).
func (s *Service) storeImageTx(ctx context.Context, tx database.Tx, partnerID int64, ts []media.Thumbnail) (string, error) {
	if len(ts) == 0 {
		return "", nil
	}
	return s.media.InsertTx(ctx, tx, partnerID, ts)
}

// dropImageTx removes a replaced image once no person of the partner uses
// it any more (in the same transaction as the replacement).
func (s *Service) dropImageTx(ctx context.Context, tx database.Tx, partnerID int64, old, current string) error {
	if old == "" || old == current {
		return nil
	}
	used, err := people.HasImageTx(ctx, tx, partnerID, old)
	if err != nil || used {
		return err
	}
	return s.media.RemoveTx(ctx, tx, partnerID, old)
}

// Invite adds one person to an event (reusing the partner's person with that
// email), optionally emailing the invitation, all in one transaction.
func (s *Service) Invite(ctx context.Context, p auth.Principal, eventID int64, in InviteInput) (Participation, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return Participation{}, err
	}
	prof, errs := in.Profile.Validate()
	if !in.Speaker && !in.Moderator {
		// The profile fields belong to speakers and moderators.
		prof.Title, prof.Company, prof.Bio = "", "", ""
		in.Image = nil
	}
	thumbs, err := processImage(in.Image)
	if errs, err = addImageError(errs, err); err != nil {
		return Participation{}, err
	}
	if len(errs) > 0 {
		return Participation{}, apperr.InvalidFields(errs)
	}
	var out Participation
	err = s.db.InTx(ctx, func(tx database.Tx) error {
		e, err := event.GetTx(ctx, tx, p.PartnerID, eventID)
		if err != nil {
			return err
		}
		imageName, err := s.storeImageTx(ctx, tx, p.PartnerID, thumbs)
		if err != nil {
			return err
		}
		now := s.Now()
		person, found, err := people.FindByEmailTx(ctx, tx, p.PartnerID, prof.Email)
		if err != nil {
			return err
		}
		if found {
			existing, err := byEventPerson(ctx, tx.Gorm, p.PartnerID, eventID, person.ID)
			if err == nil {
				msg := prof.Email + " is already in this event (" + Status(existing.Status).Label() + ")."
				return &apperr.Error{Code: apperr.CodeConflict, Message: msg, Fields: map[string]string{"email": msg}}
			}
			if !database.IsNotFound(err) {
				return err
			}
			// Reuse the person; fill what the form adds without overwriting names.
			patch := people.Patch{}
			if person.FirstName == "" {
				patch.FirstName = &prof.FirstName
			}
			if person.LastName == "" {
				patch.LastName = &prof.LastName
			}
			if prof.Title != "" {
				patch.Title = &prof.Title
			}
			if prof.Company != "" {
				patch.Company = &prof.Company
			}
			if prof.Bio != "" {
				patch.Bio = &prof.Bio
			}
			if imageName != "" {
				patch.ImagePath = &imageName
			}
			oldImage := person.ImagePath
			if person, err = people.UpdateTx(ctx, tx, p.PartnerID, person.ID, patch, now); err != nil {
				return err
			}
			if err := s.dropImageTx(ctx, tx, p.PartnerID, oldImage, person.ImagePath); err != nil {
				return err
			}
		} else {
			if person, err = people.CreateTx(ctx, tx, p.PartnerID, prof, now); err != nil {
				return err
			}
			if imageName != "" {
				if person, err = people.UpdateTx(ctx, tx, p.PartnerID, person.ID, people.Patch{ImagePath: &imageName}, now); err != nil {
					return err
				}
			}
		}
		step, err := Machine{Rules: rulesOf(e)}.Invite(State{})
		if err != nil {
			return err
		}
		staffID := p.StaffID
		r := participationRecord{PartnerID: p.PartnerID, EventID: eventID, PersonID: person.ID, IsSpeaker: in.Speaker,
			IsModerator: in.Moderator, Status: string(step.Next.Status), DetailedStatus: string(step.Next.Detail), StatusAt: now,
			InvitedByStaffID: &staffID, InvitedAt: &now, DeliveryState: string(DeliveryNone), Language: prof.Language,
			SearchText: people.SearchText(person.FirstName, person.LastName, person.Email), SortName: person.SortName(),
			EmailLower: strings.ToLower(person.Email), CreatedAt: now, UpdatedAt: now}
		if err := insertParticipation(ctx, tx.Gorm, &r); err != nil {
			return err
		}
		actor := staffActor(p)
		if err := insertHistory(ctx, tx.Gorm, []historyRecord{{PartnerID: p.PartnerID, ParticipationID: r.ID, ToStatus: r.Status,
			ToDetailedStatus: r.DetailedStatus, Cause: string(step.Cause), ActorKind: string(actor.Kind), ActorID: actor.ID, CreatedAt: now}}); err != nil {
			return err
		}
		if err := addCounts(ctx, tx.Gorm, p.PartnerID, eventID, countDeltas(r, 1, map[[2]string]int64{})); err != nil {
			return err
		}
		if in.SendEmail {
			if err := s.sendTx(ctx, tx, &r, e, person, EmailInvitation, &staffID); err != nil {
				return err
			}
		}
		out = r.domain()
		out.Person = person
		return s.auditTx(ctx, tx, p, "participant.invited", r.ID, nil, map[string]any{"email": person.Email,
			"event": eventID, "speaker": in.Speaker, "moderator": in.Moderator, "email_sent": in.SendEmail})
	})
	return out, err
}
