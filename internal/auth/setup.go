package auth

import (
	"context"
	"fmt"
	"strconv"

	"roster/internal/apperr"
	"roster/internal/audit"
	"roster/internal/database"
	"roster/internal/partner"
)

// NeedsSetup reports whether the database has no staff at all (first run).
func (s *Service) NeedsSetup(ctx context.Context) (bool, error) {
	n, err := countStaff(ctx, s.db.Gorm)
	if err != nil {
		return false, fmt.Errorf("auth: count staff: %w", err)
	}
	return n == 0, nil
}

// IssueSetupToken returns a one-time setup URL, replacing earlier ones.
func (s *Service) IssueSetupToken(ctx context.Context) (string, error) {
	raw, hash := NewToken()
	now := s.Now()
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		if err := expireSetupTokens(ctx, tx.Gorm, now); err != nil {
			return err
		}
		return insertSetupToken(ctx, tx.Gorm, setupTokenRecord{TokenHash: hash, CreatedAt: now, ExpiresAt: now.Add(SetupTTL)})
	})
	if err != nil {
		return "", fmt.Errorf("auth: setup token: %w", err)
	}
	return s.baseURL + "/setup?token=" + raw, nil
}

// CheckSetupToken reports whether token can still set Roster up.
func (s *Service) CheckSetupToken(ctx context.Context, token string) error {
	ok, err := liveSetupToken(ctx, s.db.Gorm, HashToken(token), s.Now())
	if err != nil {
		return fmt.Errorf("auth: setup token: %w", err)
	}
	if !ok {
		return apperr.Gone("This setup link has expired or was already used. Restart Roster on an empty database for a new one, or sign in.")
	}
	return nil
}

// SetupInput is the first-run form.
type SetupInput struct {
	Token, PartnerName, Name, Email, Password string
}

// CompleteSetup creates the first partner and its owner, spends the token,
// and signs the owner in.
func (s *Service) CompleteSetup(ctx context.Context, in SetupInput, c Client) (string, Principal, error) {
	if err := s.CheckSetupToken(ctx, in.Token); err != nil {
		return "", Principal{}, err
	}
	fields := map[string]string{}
	if _, err := partner.ValidateName(in.PartnerName); err != nil {
		fields["partner_name"] = err.(*apperr.Error).Message
	}
	if _, err := NormalizeEmail(in.Email); err != nil {
		fields["email"] = err.(*apperr.Error).Message
	}
	if _, err := validateName(in.Name); err != nil {
		fields["name"] = err.(*apperr.Error).Message
	}
	if err := ValidatePassword(in.Password); err != nil {
		fields["password"] = err.(*apperr.Error).Message
	}
	if len(fields) > 0 {
		return "", Principal{}, apperr.InvalidFields(fields)
	}
	var token string
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		ok, err := spendSetupToken(ctx, tx.Gorm, HashToken(in.Token), s.Now())
		if err != nil {
			return err
		}
		if !ok {
			return apperr.Gone("This setup link has expired or was already used.")
		}
		p, err := partner.CreateTx(ctx, tx, in.PartnerName)
		if err != nil {
			return err
		}
		st, err := CreateStaffTx(ctx, tx, NewStaff{PartnerID: p.ID, Email: in.Email, Name: in.Name, Role: RoleOwner, Password: in.Password})
		if err != nil {
			return err
		}
		if token, err = s.openSessionTx(ctx, tx, st.ID, c); err != nil {
			return err
		}
		return audit.RecordTx(ctx, tx, audit.Entry{PartnerID: &p.ID, ActorKind: audit.ActorStaff, ActorID: strconv.FormatInt(st.ID, 10),
			ActorLabel: st.Email, Action: "setup.completed", TargetKind: "partner", TargetID: strconv.FormatInt(p.ID, 10),
			After: map[string]any{"partner": p.Name, "owner": st.Email}, IP: c.IP})
	})
	if err != nil {
		return "", Principal{}, err
	}
	p, err := s.Authenticate(ctx, token)
	return token, p, err
}

// RenamePartner renames the principal's organisation (settings).
func (s *Service) RenamePartner(ctx context.Context, p Principal, name string) (partner.Partner, error) {
	if err := p.Require(PermSettingsManage); err != nil {
		return partner.Partner{}, err
	}
	var out partner.Partner
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		var err error
		if out, err = partner.RenameTx(ctx, tx, p.PartnerID, name); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, p, "partner.renamed", "partner", p.PartnerID, map[string]any{"name": p.PartnerName}, map[string]any{"name": out.Name})
	})
	return out, err
}

// SetMailIdentity sets the sender name and reply-to address of the
// principal's organisation's emails (settings).
func (s *Service) SetMailIdentity(ctx context.Context, p Principal, fromName, replyTo string) (partner.Partner, error) {
	if err := p.Require(PermSettingsManage); err != nil {
		return partner.Partner{}, err
	}
	var out partner.Partner
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		before, err := partner.GetTx(ctx, tx, p.PartnerID)
		if err != nil {
			return err
		}
		if out, err = partner.SetMailIdentityTx(ctx, tx, p.PartnerID, fromName, replyTo); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, p, "partner.mail_identity", "partner", p.PartnerID,
			map[string]any{"from_name": before.MailFromName, "reply_to": before.MailReplyTo},
			map[string]any{"from_name": out.MailFromName, "reply_to": out.MailReplyTo})
	})
	return out, err
}

// Partner returns the principal's organisation.
func (s *Service) Partner(ctx context.Context, p Principal) (partner.Partner, error) {
	var out partner.Partner
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		var err error
		out, err = partner.GetTx(ctx, tx, p.PartnerID)
		return err
	})
	return out, err
}

// ResetPassword sets a staff member's password from the command line (demo
// mode), activating an invited account and revoking every session.
func (s *Service) ResetPassword(ctx context.Context, email, password string) error {
	if err := ValidatePassword(password); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx database.Tx) error {
		rec, err := staffByEmail(ctx, tx.Gorm, email)
		if database.IsNotFound(err) {
			return apperr.NotFound("No staff account has the email %s.", email)
		}
		if err != nil {
			return err
		}
		now := s.Now()
		if err := updateStaff(ctx, tx.Gorm, rec.ID, map[string]any{"password_hash": hash, "status": string(StaffActive), "updated_at": now}); err != nil {
			return err
		}
		if err := revokeSessions(ctx, tx.Gorm, rec.ID, "", now); err != nil {
			return err
		}
		return audit.RecordTx(ctx, tx, audit.Entry{PartnerID: &rec.PartnerID, ActorKind: audit.ActorSystem, ActorLabel: "command line",
			Action: "staff.password_reset", TargetKind: "staff", TargetID: strconv.FormatInt(rec.ID, 10)})
	})
}
