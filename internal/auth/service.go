package auth

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"roster/internal/apperr"
	"roster/internal/audit"
	"roster/internal/database"
	rmail "roster/internal/mail"
	"roster/internal/partner"
	"roster/internal/people"
)

// Session and token lifetimes.
const (
	SessionIdle     = 12 * time.Hour
	SessionAbsolute = 7 * 24 * time.Hour
	InviteTTL       = 7 * 24 * time.Hour
	SetupTTL        = 24 * time.Hour
	throttleWindow  = 15 * time.Minute
	maxFailsAccount = 5
	maxFailsIP      = 20
	touchEvery      = time.Minute
)

// Mailer queues an email inside a transaction (implemented by mail.Service).
type Mailer interface {
	QueueTx(ctx context.Context, tx database.Tx, m rmail.Message) (int64, error)
}

// StaffInvite is what the staff invitation email says.
type StaffInvite struct {
	Organisation, InviterName, Name string
	Role                            Role
	Link                            string
	Expires                         time.Time
}

// Composer writes the staff emails (implemented in web with views/emails:
// domain packages do not render).
type Composer interface {
	StaffInvite(ctx context.Context, lang string, in StaffInvite) (subject, text, html string, err error)
}

// Service is the staff and session service.
type Service struct {
	db      *database.DB
	mail    Mailer
	baseURL string
	log     *slog.Logger
	// Now is the clock (tests move it).
	Now func() time.Time
	// Compose writes the emails to staff; it must be set before staff are invited.
	Compose Composer
}

// NewService builds the service. baseURL prefixes every link it hands out.
func NewService(db *database.DB, mailer Mailer, baseURL string, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{db: db, mail: mailer, baseURL: strings.TrimRight(baseURL, "/"), log: log,
		Now: func() time.Time { return time.Now().UTC() }}
}

// Client describes the browser making a request.
type Client struct{ IP, UserAgent string }

// NormalizeEmail validates an email address (the one rule of people.ValidateEmail) and returns it trimmed.
func NormalizeEmail(s string) (string, error) {
	email, msg := people.ValidateEmail(s)
	if msg != "" {
		return "", apperr.Invalid("%s", msg)
	}
	return email, nil
}

func validateName(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", apperr.Invalid("The name is required.")
	}
	if utf8.RuneCountInString(s) > 120 {
		return "", apperr.Invalid("The name is longer than 120 characters.")
	}
	return s, nil
}

// NewStaff describes a staff account to create.
type NewStaff struct {
	PartnerID int64
	Email     string
	Name      string
	Role      Role
	// Password makes the account active; empty leaves it invited.
	Password string
}

// CreateStaffTx creates a staff account inside tx (setup, CLI, demo data, invitations).
func CreateStaffTx(ctx context.Context, tx database.Tx, in NewStaff) (Staff, error) {
	fields := map[string]string{}
	email, err := NormalizeEmail(in.Email)
	if err != nil {
		fields["email"] = err.(*apperr.Error).Message
	}
	name, err := validateName(in.Name)
	if err != nil {
		fields["name"] = err.(*apperr.Error).Message
	}
	if !in.Role.Valid() {
		fields["role"] = "Choose a role."
	}
	status, hash := StaffInvited, ""
	if in.Password != "" {
		if err := ValidatePassword(in.Password); err != nil {
			fields["password"] = err.(*apperr.Error).Message
		} else if hash, err = HashPassword(in.Password); err != nil {
			return Staff{}, fmt.Errorf("auth: hash: %w", err)
		}
		status = StaffActive
	}
	if len(fields) > 0 {
		return Staff{}, apperr.InvalidFields(fields)
	}
	now := time.Now().UTC()
	r := staffRecord{PartnerID: in.PartnerID, Email: email, Name: name, Role: string(in.Role), PasswordHash: hash,
		Status: string(status), CreatedAt: now, UpdatedAt: now}
	if err := insertStaff(ctx, tx.Gorm, &r); err != nil {
		if database.IsDuplicate(err) {
			return Staff{}, &apperr.Error{Code: apperr.CodeConflict, Message: "A staff account with this email already exists.",
				Fields: map[string]string{"email": "A staff account with this email already exists."}}
		}
		return Staff{}, fmt.Errorf("auth: create staff: %w", err)
	}
	return r.domain(), nil
}

// CreateAdmin creates an active staff account from the command line: the
// partner is created when missing, and its first staff member is its owner.
func (s *Service) CreateAdmin(ctx context.Context, partnerName, email, password string) (Staff, partner.Partner, error) {
	var st Staff
	var p partner.Partner
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		var err error
		if partnerName == "" {
			ps, err := partner.ListTx(ctx, tx)
			if err != nil {
				return err
			}
			switch len(ps) {
			case 0:
				partnerName = "Default"
			case 1:
				partnerName = ps[0].Name
			default:
				return apperr.Invalid("There are %d organisations: name one with --partner.", len(ps))
			}
		}
		p, _, err = partner.EnsureTx(ctx, tx, partnerName)
		if err != nil {
			return err
		}
		role := RoleAdmin
		var owners int64
		if err := tx.Gorm.Model(&staffRecord{}).Where("partner_id = ? AND role = ?", p.ID, string(RoleOwner)).Count(&owners).Error; err != nil {
			return err
		}
		if owners == 0 {
			role = RoleOwner
		}
		st, err = CreateStaffTx(ctx, tx, NewStaff{PartnerID: p.ID, Email: email, Name: nameFromEmail(email), Role: role, Password: password})
		if err != nil {
			return err
		}
		return audit.RecordTx(ctx, tx, audit.Entry{PartnerID: &p.ID, ActorKind: audit.ActorSystem, ActorLabel: "command line",
			Action: "staff.create", TargetKind: "staff", TargetID: strconv.FormatInt(st.ID, 10),
			After: map[string]any{"email": st.Email, "role": st.Role}})
	})
	return st, p, err
}

func nameFromEmail(email string) string {
	local, _, _ := strings.Cut(email, "@")
	if local == "" {
		return "Admin"
	}
	return local
}

// ---- login, sessions ----

// Login checks credentials with throttling per account and per IP, and
// opens a new session (a fresh id: login rotates the session).
func (s *Service) Login(ctx context.Context, email, password string, c Client) (token string, p Principal, err error) {
	now := s.Now()
	emailLower := strings.ToLower(strings.TrimSpace(email))
	if emailLower == "" || password == "" {
		return "", Principal{}, apperr.Invalid("Enter your email and password.")
	}
	since := now.Add(-throttleWindow)
	nAcc, err := countFailures(ctx, s.db.Gorm, "email_lower", emailLower, since)
	if err != nil {
		return "", Principal{}, fmt.Errorf("auth: throttle: %w", err)
	}
	nIP, err := countFailures(ctx, s.db.Gorm, "ip", c.IP, since)
	if err != nil {
		return "", Principal{}, fmt.Errorf("auth: throttle: %w", err)
	}
	if nAcc >= maxFailsAccount || nIP >= maxFailsIP {
		return "", Principal{}, apperr.TooMany("Too many failed sign-in attempts. Wait 15 minutes and try again.")
	}
	rec, lookupErr := staffByEmail(ctx, s.db.Gorm, emailLower)
	hash := rec.PasswordHash
	if lookupErr != nil || hash == "" {
		hash = dummyHash
	}
	ok := CheckPassword(hash, password) && lookupErr == nil && rec.PasswordHash != ""
	if lookupErr != nil && !database.IsNotFound(lookupErr) {
		return "", Principal{}, fmt.Errorf("auth: login: %w", lookupErr)
	}
	if !ok || rec.Status != string(StaffActive) {
		_ = insertAttempt(ctx, s.db.Gorm, loginAttemptRecord{EmailLower: emailLower, IP: c.IP, Succeeded: false, CreatedAt: now})
		if ok && rec.Status == string(StaffDisabled) {
			return "", Principal{}, apperr.Unauthorized("This account is disabled. Ask an administrator of your organisation.")
		}
		return "", Principal{}, apperr.Unauthorized("The email or password is not correct.")
	}
	err = s.db.InTx(ctx, func(tx database.Tx) error {
		if err := insertAttempt(ctx, tx.Gorm, loginAttemptRecord{EmailLower: emailLower, IP: c.IP, Succeeded: true, CreatedAt: now}); err != nil {
			return err
		}
		if err := updateStaff(ctx, tx.Gorm, rec.ID, map[string]any{"last_login_at": now}); err != nil {
			return err
		}
		token, err = s.openSessionTx(ctx, tx, rec.ID, c)
		if err != nil {
			return err
		}
		return audit.RecordTx(ctx, tx, audit.Entry{PartnerID: &rec.PartnerID, ActorKind: audit.ActorStaff,
			ActorID: strconv.FormatInt(rec.ID, 10), ActorLabel: rec.Email, Action: "staff.login", IP: c.IP})
	})
	if err != nil {
		return "", Principal{}, fmt.Errorf("auth: login: %w", err)
	}
	p, err = s.Authenticate(ctx, token)
	return token, p, err
}

func (s *Service) openSessionTx(ctx context.Context, tx database.Tx, staffID int64, c Client) (string, error) {
	now := s.Now()
	raw, hash := NewToken()
	ua := c.UserAgent
	if len(ua) > 300 {
		ua = ua[:300]
	}
	err := insertSession(ctx, tx.Gorm, sessionRecord{ID: hash, StaffID: staffID, CreatedAt: now, LastSeenAt: now,
		ExpiresAt: now.Add(SessionAbsolute), IP: c.IP, UserAgent: ua})
	return raw, err
}

// Authenticate returns the principal of a session token; revoked, expired,
// idle, or disabled-staff sessions are refused.
func (s *Service) Authenticate(ctx context.Context, token string) (Principal, error) {
	if token == "" {
		return Principal{}, apperr.Unauthorized("Please sign in.")
	}
	now := s.Now()
	id := HashToken(token)
	sess, st, pname, err := sessionPrincipal(ctx, s.db.Gorm, id, now)
	if database.IsNotFound(err) {
		return Principal{}, apperr.Unauthorized("Your session has ended. Please sign in again.")
	}
	if err != nil {
		return Principal{}, fmt.Errorf("auth: session: %w", err)
	}
	if now.Sub(sess.LastSeenAt) > SessionIdle {
		_ = revokeSession(ctx, s.db.Gorm, id, now)
		return Principal{}, apperr.Unauthorized("Your session has ended after a period of inactivity. Please sign in again.")
	}
	if now.Sub(sess.LastSeenAt) > touchEvery {
		if err := touchSession(ctx, s.db.Gorm, id, now); err != nil {
			s.log.WarnContext(ctx, "session touch failed", "err", err)
		}
	}
	return Principal{StaffID: st.ID, PartnerID: st.PartnerID, PartnerName: pname, Name: st.Name, Email: st.Email,
		Role: Role(st.Role), SessionID: id}, nil
}

// Logout revokes the session of token.
func (s *Service) Logout(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	if err := revokeSession(ctx, s.db.Gorm, HashToken(token), s.Now()); err != nil {
		return fmt.Errorf("auth: logout: %w", err)
	}
	return nil
}

// Sessions lists the principal's live sessions.
func (s *Service) Sessions(ctx context.Context, p Principal) ([]Session, error) {
	rs, err := listSessions(ctx, s.db.Gorm, p.StaffID, s.Now())
	if err != nil {
		return nil, fmt.Errorf("auth: sessions: %w", err)
	}
	out := make([]Session, len(rs))
	for i, r := range rs {
		out[i] = Session{ID: r.ID, StaffID: r.StaffID, CreatedAt: r.CreatedAt, LastSeenAt: r.LastSeenAt, ExpiresAt: r.ExpiresAt, IP: r.IP, UserAgent: r.UserAgent}
	}
	return out, nil
}

// RevokeOtherSessions signs the principal out everywhere but here.
func (s *Service) RevokeOtherSessions(ctx context.Context, p Principal) error {
	return s.db.InTx(ctx, func(tx database.Tx) error {
		if err := revokeSessions(ctx, tx.Gorm, p.StaffID, p.SessionID, s.Now()); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, p, "staff.sessions_revoked", "staff", p.StaffID, nil, nil)
	})
}

// ChangePassword changes the principal's password and signs out their other sessions.
func (s *Service) ChangePassword(ctx context.Context, p Principal, current, next, confirm string) error {
	fields := map[string]string{}
	rec, err := staffByID(ctx, s.db.Gorm, p.PartnerID, p.StaffID)
	if err != nil {
		return fmt.Errorf("auth: change password: %w", err)
	}
	if !CheckPassword(rec.PasswordHash, current) {
		fields["current"] = "The current password is not correct."
	}
	if err := ValidatePassword(next); err != nil {
		fields["password"] = err.(*apperr.Error).Message
	} else if next != confirm {
		fields["confirm"] = "The two passwords differ."
	}
	if len(fields) > 0 {
		return apperr.InvalidFields(fields)
	}
	hash, err := HashPassword(next)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx database.Tx) error {
		if err := updateStaff(ctx, tx.Gorm, p.StaffID, map[string]any{"password_hash": hash, "updated_at": s.Now()}); err != nil {
			return err
		}
		if err := revokeSessions(ctx, tx.Gorm, p.StaffID, p.SessionID, s.Now()); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, p, "staff.password_changed", "staff", p.StaffID, nil, nil)
	})
}

func (s *Service) auditTx(ctx context.Context, tx database.Tx, p Principal, action, kind string, id int64, before, after any) error {
	return audit.RecordTx(ctx, tx, audit.Entry{PartnerID: &p.PartnerID, ActorKind: audit.ActorStaff,
		ActorID: strconv.FormatInt(p.StaffID, 10), ActorLabel: p.Email, Action: action, TargetKind: kind,
		TargetID: strconv.FormatInt(id, 10), Before: before, After: after})
}
