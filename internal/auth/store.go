package auth

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
)

type staffRecord struct {
	ID           int64      `gorm:"column:id;primaryKey"`
	PartnerID    int64      `gorm:"column:partner_id"`
	Email        string     `gorm:"column:email"`
	Name         string     `gorm:"column:name"`
	Role         string     `gorm:"column:role"`
	PasswordHash string     `gorm:"column:password_hash"`
	Status       string     `gorm:"column:status"`
	LastLoginAt  *time.Time `gorm:"column:last_login_at"`
	CreatedAt    time.Time  `gorm:"column:created_at"`
	UpdatedAt    time.Time  `gorm:"column:updated_at"`
}

func (staffRecord) TableName() string { return "staff" }

type sessionRecord struct {
	ID         string     `gorm:"column:id;primaryKey"`
	StaffID    int64      `gorm:"column:staff_id"`
	CreatedAt  time.Time  `gorm:"column:created_at"`
	LastSeenAt time.Time  `gorm:"column:last_seen_at"`
	ExpiresAt  time.Time  `gorm:"column:expires_at"`
	IP         string     `gorm:"column:ip"`
	UserAgent  string     `gorm:"column:user_agent"`
	RevokedAt  *time.Time `gorm:"column:revoked_at"`
}

func (sessionRecord) TableName() string { return "staff_sessions" }

type staffTokenRecord struct {
	ID        int64      `gorm:"column:id;primaryKey"`
	StaffID   int64      `gorm:"column:staff_id"`
	Purpose   string     `gorm:"column:purpose"`
	TokenHash string     `gorm:"column:token_hash"`
	ExpiresAt time.Time  `gorm:"column:expires_at"`
	UsedAt    *time.Time `gorm:"column:used_at"`
	CreatedAt time.Time  `gorm:"column:created_at"`
}

func (staffTokenRecord) TableName() string { return "staff_tokens" }

type setupTokenRecord struct {
	ID        int64      `gorm:"column:id;primaryKey"`
	TokenHash string     `gorm:"column:token_hash"`
	CreatedAt time.Time  `gorm:"column:created_at"`
	ExpiresAt time.Time  `gorm:"column:expires_at"`
	UsedAt    *time.Time `gorm:"column:used_at"`
}

func (setupTokenRecord) TableName() string { return "setup_tokens" }

type loginAttemptRecord struct {
	ID         int64     `gorm:"column:id;primaryKey"`
	EmailLower string    `gorm:"column:email_lower"`
	IP         string    `gorm:"column:ip"`
	Succeeded  bool      `gorm:"column:succeeded"`
	CreatedAt  time.Time `gorm:"column:created_at"`
}

func (loginAttemptRecord) TableName() string { return "login_attempts" }

// Records lists the GORM records of this package (for the schema test).
func Records() []any {
	return []any{staffRecord{}, sessionRecord{}, staffTokenRecord{}, setupTokenRecord{}, loginAttemptRecord{}}
}

func (r staffRecord) domain() Staff {
	return Staff{ID: r.ID, PartnerID: r.PartnerID, Email: r.Email, Name: r.Name, Role: Role(r.Role),
		Status: StaffStatus(r.Status), LastLoginAt: r.LastLoginAt, CreatedAt: r.CreatedAt}
}

func insertStaff(ctx context.Context, g *gorm.DB, r *staffRecord) error {
	return g.WithContext(ctx).Create(r).Error
}

func staffByEmail(ctx context.Context, g *gorm.DB, email string) (staffRecord, error) {
	var r staffRecord
	err := g.WithContext(ctx).Where("lower(email) = ?", strings.ToLower(email)).Take(&r).Error
	return r, err
}

func staffByID(ctx context.Context, g *gorm.DB, partnerID, id int64) (staffRecord, error) {
	var r staffRecord
	err := g.WithContext(ctx).Where("id = ? AND partner_id = ?", id, partnerID).Take(&r).Error
	return r, err
}

func listStaff(ctx context.Context, g *gorm.DB, partnerID int64) ([]staffRecord, error) {
	var rs []staffRecord
	err := g.WithContext(ctx).Where("partner_id = ?", partnerID).Order("lower(name), id").Find(&rs).Error
	return rs, err
}

func countStaff(ctx context.Context, g *gorm.DB) (int64, error) {
	var n int64
	err := g.WithContext(ctx).Model(&staffRecord{}).Count(&n).Error
	return n, err
}

func updateStaff(ctx context.Context, g *gorm.DB, id int64, fields map[string]any) error {
	return g.WithContext(ctx).Model(&staffRecord{}).Where("id = ?", id).Updates(fields).Error
}

func insertSession(ctx context.Context, g *gorm.DB, r sessionRecord) error {
	return g.WithContext(ctx).Create(&r).Error
}

// sessionPrincipal loads a live session, its active staff member and the
// partner's name, in one query (it runs on every request).
func sessionPrincipal(ctx context.Context, g *gorm.DB, id string, now time.Time) (sessionRecord, staffRecord, string, error) {
	var row struct {
		SessionLastSeen time.Time
		StaffID         int64
		PartnerID       int64
		Email, Name     string
		Role, Status    string
		PartnerName     string
	}
	res := g.WithContext(ctx).Raw(`SELECT s.last_seen_at AS session_last_seen, st.id AS staff_id, st.partner_id, st.email, st.name,
		st.role, st.status, p.name AS partner_name
		FROM staff_sessions s JOIN staff st ON st.id = s.staff_id JOIN partners p ON p.id = st.partner_id
		WHERE s.id = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND st.status = ?`, id, now, string(StaffActive)).Scan(&row)
	if res.Error != nil {
		return sessionRecord{}, staffRecord{}, "", res.Error
	}
	if res.RowsAffected == 0 {
		return sessionRecord{}, staffRecord{}, "", gorm.ErrRecordNotFound
	}
	return sessionRecord{ID: id, StaffID: row.StaffID, LastSeenAt: row.SessionLastSeen},
		staffRecord{ID: row.StaffID, PartnerID: row.PartnerID, Email: row.Email, Name: row.Name, Role: row.Role, Status: row.Status},
		row.PartnerName, nil
}

func touchSession(ctx context.Context, g *gorm.DB, id string, now time.Time) error {
	return g.WithContext(ctx).Model(&sessionRecord{}).Where("id = ?", id).Update("last_seen_at", now).Error
}

func revokeSessions(ctx context.Context, g *gorm.DB, staffID int64, exceptID string, now time.Time) error {
	q := g.WithContext(ctx).Model(&sessionRecord{}).Where("staff_id = ? AND revoked_at IS NULL", staffID)
	if exceptID != "" {
		q = q.Where("id <> ?", exceptID)
	}
	return q.Update("revoked_at", now).Error
}

func revokeSession(ctx context.Context, g *gorm.DB, id string, now time.Time) error {
	return g.WithContext(ctx).Model(&sessionRecord{}).Where("id = ? AND revoked_at IS NULL", id).Update("revoked_at", now).Error
}

func listSessions(ctx context.Context, g *gorm.DB, staffID int64, now time.Time) ([]sessionRecord, error) {
	var rs []sessionRecord
	err := g.WithContext(ctx).Where("staff_id = ? AND revoked_at IS NULL AND expires_at > ?", staffID, now).
		Order("last_seen_at DESC").Find(&rs).Error
	return rs, err
}

func insertAttempt(ctx context.Context, g *gorm.DB, r loginAttemptRecord) error {
	return g.WithContext(ctx).Create(&r).Error
}

func countFailures(ctx context.Context, g *gorm.DB, column, value string, since time.Time) (int64, error) {
	var n int64
	err := g.WithContext(ctx).Model(&loginAttemptRecord{}).
		Where(column+" = ? AND succeeded = ? AND created_at > ?", value, false, since).Count(&n).Error
	return n, err
}

func insertStaffToken(ctx context.Context, g *gorm.DB, r staffTokenRecord) error {
	return g.WithContext(ctx).Create(&r).Error
}

// liveStaffToken finds an unused, unexpired token.
func liveStaffToken(ctx context.Context, g *gorm.DB, hash, purpose string, now time.Time) (staffTokenRecord, error) {
	var r staffTokenRecord
	err := g.WithContext(ctx).Where("token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?", hash, purpose, now).Take(&r).Error
	return r, err
}

// spendStaffToken marks a token used, atomically: it reports false when it
// was already used or expired.
func spendStaffToken(ctx context.Context, g *gorm.DB, hash, purpose string, now time.Time) (staffTokenRecord, bool, error) {
	res := g.WithContext(ctx).Model(&staffTokenRecord{}).
		Where("token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?", hash, purpose, now).
		Update("used_at", now)
	if res.Error != nil || res.RowsAffected != 1 {
		return staffTokenRecord{}, false, res.Error
	}
	var r staffTokenRecord
	err := g.WithContext(ctx).Where("token_hash = ?", hash).Take(&r).Error
	return r, err == nil, err
}

func expireStaffTokens(ctx context.Context, g *gorm.DB, staffID int64, now time.Time) error {
	return g.WithContext(ctx).Model(&staffTokenRecord{}).Where("staff_id = ? AND used_at IS NULL", staffID).Update("expires_at", now).Error
}

func insertSetupToken(ctx context.Context, g *gorm.DB, r setupTokenRecord) error {
	return g.WithContext(ctx).Create(&r).Error
}

func liveSetupToken(ctx context.Context, g *gorm.DB, hash string, now time.Time) (bool, error) {
	var n int64
	err := g.WithContext(ctx).Model(&setupTokenRecord{}).Where("token_hash = ? AND used_at IS NULL AND expires_at > ?", hash, now).Count(&n).Error
	return n == 1, err
}

func spendSetupToken(ctx context.Context, g *gorm.DB, hash string, now time.Time) (bool, error) {
	res := g.WithContext(ctx).Model(&setupTokenRecord{}).Where("token_hash = ? AND used_at IS NULL AND expires_at > ?", hash, now).Update("used_at", now)
	return res.RowsAffected == 1, res.Error
}

func expireSetupTokens(ctx context.Context, g *gorm.DB, now time.Time) error {
	return g.WithContext(ctx).Model(&setupTokenRecord{}).Where("used_at IS NULL AND expires_at > ?", now).Update("expires_at", now).Error
}
