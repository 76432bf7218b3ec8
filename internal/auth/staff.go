package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"roster/internal/apperr"
	"roster/internal/database"
	rmail "roster/internal/mail"
)

// ListStaff returns the staff of the principal's partner.
func (s *Service) ListStaff(ctx context.Context, p Principal) ([]Staff, error) {
	if err := p.Require(PermStaffView); err != nil {
		return nil, err
	}
	rs, err := listStaff(ctx, s.db.Gorm, p.PartnerID)
	if err != nil {
		return nil, fmt.Errorf("auth: list staff: %w", err)
	}
	out := make([]Staff, len(rs))
	for i, r := range rs {
		out[i] = r.domain()
	}
	return out, nil
}

// InviteInput is the staff invitation form.
type InviteInput struct {
	Name, Email string
	Role        Role
}

// InviteStaff creates an invited staff account, emails the invitation, and
// returns the one-time link (shown once to the inviter).
func (s *Service) InviteStaff(ctx context.Context, p Principal, in InviteInput) (Staff, string, error) {
	if err := p.Require(PermStaffManage); err != nil {
		return Staff{}, "", err
	}
	if in.Role.Valid() && !p.CanAssign(in.Role) {
		return Staff{}, "", apperr.Forbidden("Only owners can make someone an owner.")
	}
	var st Staff
	raw, hash := NewToken()
	link := s.baseURL + "/accept?token=" + raw
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		var err error
		st, err = CreateStaffTx(ctx, tx, NewStaff{PartnerID: p.PartnerID, Email: in.Email, Name: in.Name, Role: in.Role})
		if err != nil {
			return err
		}
		now := s.Now()
		if err := insertStaffToken(ctx, tx.Gorm, staffTokenRecord{StaffID: st.ID, Purpose: "invite", TokenHash: hash,
			ExpiresAt: now.Add(InviteTTL), CreatedAt: now}); err != nil {
			return err
		}
		msg, err := s.inviteEmail(ctx, st, p, link, now.Add(InviteTTL))
		if err != nil {
			return err
		}
		msg.CauseKey = "staff.invite:" + hash[:16]
		msg.PartnerID = &p.PartnerID
		if _, err := s.mail.QueueTx(ctx, tx, msg); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, p, "staff.invite", "staff", st.ID, nil, map[string]any{"email": st.Email, "role": st.Role})
	})
	if err != nil {
		return Staff{}, "", err
	}
	return st, link, nil
}

func (s *Service) managedStaffTx(ctx context.Context, tx database.Tx, p Principal, id int64) (staffRecord, error) {
	if err := p.Require(PermStaffManage); err != nil {
		return staffRecord{}, err
	}
	if id == p.StaffID {
		return staffRecord{}, apperr.Conflict("You cannot change your own role or status; ask another administrator.")
	}
	rec, err := staffByID(ctx, tx.Gorm, p.PartnerID, id)
	if database.IsNotFound(err) {
		return rec, apperr.NotFound("This staff member does not exist.")
	}
	if err != nil {
		return rec, err
	}
	if Role(rec.Role) == RoleOwner && p.Role != RoleOwner {
		return rec, apperr.Forbidden("Only owners can change an owner.")
	}
	return rec, nil
}

// ChangeRole gives another staff member of the partner a new role.
func (s *Service) ChangeRole(ctx context.Context, p Principal, id int64, role Role) (Staff, error) {
	if !role.Valid() {
		return Staff{}, apperr.Invalid("Choose a role.")
	}
	if !p.CanAssign(role) {
		return Staff{}, apperr.Forbidden("Only owners can make someone an owner.")
	}
	var out Staff
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		rec, err := s.managedStaffTx(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if err := updateStaff(ctx, tx.Gorm, id, map[string]any{"role": string(role), "updated_at": s.Now()}); err != nil {
			return err
		}
		rec.Role = string(role)
		out = rec.domain()
		return s.auditTx(ctx, tx, p, "staff.role_changed", "staff", id, map[string]any{"role": rec.Role}, map[string]any{"role": role})
	})
	return out, err
}

// SetDisabled disables (revoking every session) or re-enables a staff member.
func (s *Service) SetDisabled(ctx context.Context, p Principal, id int64, disabled bool) (Staff, error) {
	var out Staff
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		rec, err := s.managedStaffTx(ctx, tx, p, id)
		if err != nil {
			return err
		}
		before := rec.Status
		now := s.Now()
		switch {
		case disabled && rec.Status == string(StaffDisabled), !disabled && rec.Status != string(StaffDisabled):
			out = rec.domain()
			return nil // already so: idempotent
		case disabled:
			rec.Status = string(StaffDisabled)
			if err := revokeSessions(ctx, tx.Gorm, id, "", now); err != nil {
				return err
			}
			if err := expireStaffTokens(ctx, tx.Gorm, id, now); err != nil {
				return err
			}
		case rec.PasswordHash == "":
			rec.Status = string(StaffInvited)
		default:
			rec.Status = string(StaffActive)
		}
		if err := updateStaff(ctx, tx.Gorm, id, map[string]any{"status": rec.Status, "updated_at": now}); err != nil {
			return err
		}
		out = rec.domain()
		action := "staff.enabled"
		if disabled {
			action = "staff.disabled"
		}
		return s.auditTx(ctx, tx, p, action, "staff", id, map[string]any{"status": before}, map[string]any{"status": rec.Status})
	})
	return out, err
}

// CheckInvite returns the invited staff member of a live invitation token.
func (s *Service) CheckInvite(ctx context.Context, token string) (Staff, error) {
	t, err := liveStaffToken(ctx, s.db.Gorm, HashToken(token), "invite", s.Now())
	if database.IsNotFound(err) {
		return Staff{}, apperr.Gone("This invitation link has expired or was already used. Ask your administrator for a new one.")
	}
	if err != nil {
		return Staff{}, fmt.Errorf("auth: invite: %w", err)
	}
	var rec staffRecord
	if err := s.db.Gorm.WithContext(ctx).Where("id = ?", t.StaffID).Take(&rec).Error; err != nil {
		return Staff{}, fmt.Errorf("auth: invite: %w", err)
	}
	if rec.Status != string(StaffInvited) {
		return Staff{}, apperr.Gone("This invitation is no longer valid.")
	}
	return rec.domain(), nil
}

// AcceptInvite sets the invited staff member's password (spending the token
// atomically) and signs them in.
func (s *Service) AcceptInvite(ctx context.Context, token, password, confirm string, c Client) (string, Principal, error) {
	if _, err := s.CheckInvite(ctx, token); err != nil {
		return "", Principal{}, err
	}
	if err := ValidatePassword(password); err != nil {
		return "", Principal{}, apperr.InvalidFields(map[string]string{"password": err.(*apperr.Error).Message})
	}
	if password != confirm {
		return "", Principal{}, apperr.InvalidFields(map[string]string{"confirm": "The two passwords differ."})
	}
	hash, err := HashPassword(password)
	if err != nil {
		return "", Principal{}, err
	}
	var session string
	err = s.db.InTx(ctx, func(tx database.Tx) error {
		t, ok, err := spendStaffToken(ctx, tx.Gorm, HashToken(token), "invite", s.Now())
		if err != nil {
			return err
		}
		if !ok {
			return apperr.Gone("This invitation link has expired or was already used.")
		}
		res := tx.Gorm.Model(&staffRecord{}).Where("id = ? AND status = ?", t.StaffID, string(StaffInvited)).
			Updates(map[string]any{"password_hash": hash, "status": string(StaffActive), "updated_at": s.Now()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return apperr.Gone("This invitation is no longer valid.")
		}
		var rec staffRecord
		if err := tx.Gorm.Where("id = ?", t.StaffID).Take(&rec).Error; err != nil {
			return err
		}
		if session, err = s.openSessionTx(ctx, tx, rec.ID, c); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, Principal{StaffID: rec.ID, PartnerID: rec.PartnerID, Email: rec.Email},
			"staff.invite_accepted", "staff", rec.ID, nil, nil)
	})
	if err != nil {
		return "", Principal{}, err
	}
	p, err := s.Authenticate(ctx, session)
	return session, p, err
}

func (s *Service) inviteEmail(ctx context.Context, st Staff, p Principal, link string, expires time.Time) (rmail.Message, error) {
	if s.Compose == nil {
		return rmail.Message{}, errors.New("auth: no email composer is set")
	}
	const lang = "en" // staff have no language of their own yet
	subject, text, html, err := s.Compose.StaffInvite(ctx, lang, StaffInvite{Organisation: p.PartnerName, InviterName: p.Name,
		Name: st.Name, Role: st.Role, Link: link, Expires: expires})
	if err != nil {
		return rmail.Message{}, fmt.Errorf("auth: compose the staff invitation: %w", err)
	}
	return rmail.Message{To: st.Email, Subject: subject, Text: text, HTML: html, Language: lang}, nil
}
