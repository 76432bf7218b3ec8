package logintoken

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// tokenRecord is a row of login_tokens.
type tokenRecord struct {
	ID               int64      `gorm:"column:id;primaryKey"`
	PartnerID        int64      `gorm:"column:partner_id"`
	PersonID         int64      `gorm:"column:person_id"`
	EventID          *int64     `gorm:"column:event_id"`
	ParticipationID  *int64     `gorm:"column:participation_id"`
	Purpose          string     `gorm:"column:purpose"`
	TokenHash        string     `gorm:"column:token_hash"`
	ExpiresAt        time.Time  `gorm:"column:expires_at"`
	UsedAt           *time.Time `gorm:"column:used_at"`
	RevokedAt        *time.Time `gorm:"column:revoked_at"`
	LastUsedAt       *time.Time `gorm:"column:last_used_at"`
	LastUsedIP       string     `gorm:"column:last_used_ip"`
	LastUsedUA       string     `gorm:"column:last_used_ua"`
	CreatedByStaffID *int64     `gorm:"column:created_by_staff_id"`
	CreatedAt        time.Time  `gorm:"column:created_at"`
}

func (tokenRecord) TableName() string { return "login_tokens" }

// Records lists the GORM records of this package (for the schema test).
func Records() []any { return []any{tokenRecord{}} }

func (r tokenRecord) domain() Token {
	return Token{ID: r.ID, PartnerID: r.PartnerID, PersonID: r.PersonID, EventID: r.EventID, ParticipationID: r.ParticipationID,
		Purpose: Purpose(r.Purpose), ExpiresAt: r.ExpiresAt, UsedAt: r.UsedAt, RevokedAt: r.RevokedAt, LastUsedAt: r.LastUsedAt,
		LastUsedIP: r.LastUsedIP, LastUsedUA: r.LastUsedUA, CreatedByStaffID: r.CreatedByStaffID, CreatedAt: r.CreatedAt}
}

func insert(ctx context.Context, g *gorm.DB, r *tokenRecord) error {
	return g.WithContext(ctx).Create(r).Error
}

func live(ctx context.Context, g *gorm.DB, hash string, now time.Time) (tokenRecord, error) {
	var r tokenRecord
	err := g.WithContext(ctx).Where("token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?", hash, now).Take(&r).Error
	return r, err
}

func byHash(ctx context.Context, g *gorm.DB, hash string) (tokenRecord, error) {
	var r tokenRecord
	err := g.WithContext(ctx).Where("token_hash = ?", hash).Take(&r).Error
	return r, err
}

// spend marks the token used unless it was used, revoked or expired: one
// statement, so two concurrent requests cannot both spend it.
func spend(ctx context.Context, g *gorm.DB, hash, ip, ua string, now time.Time) (bool, error) {
	res := g.WithContext(ctx).Model(&tokenRecord{}).
		Where("token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?", hash, now).
		Updates(map[string]any{"used_at": now, "last_used_at": now, "last_used_ip": ip, "last_used_ua": ua})
	return res.RowsAffected == 1, res.Error
}

func revokeParticipation(ctx context.Context, g *gorm.DB, partnerID, participationID int64, now time.Time) error {
	return g.WithContext(ctx).Model(&tokenRecord{}).
		Where("partner_id = ? AND participation_id = ? AND used_at IS NULL AND revoked_at IS NULL", partnerID, participationID).
		Update("revoked_at", now).Error
}

func countRecent(ctx context.Context, g *gorm.DB, participationID int64, purpose string, since time.Time) (int64, error) {
	var n int64
	err := g.WithContext(ctx).Model(&tokenRecord{}).Where("participation_id = ? AND purpose = ? AND created_by_staff_id IS NULL AND created_at > ?",
		participationID, purpose, since).Count(&n).Error
	return n, err
}

func revokePersonPurpose(ctx context.Context, g *gorm.DB, partnerID, personID int64, purpose string, now time.Time) error {
	return g.WithContext(ctx).Model(&tokenRecord{}).
		Where("partner_id = ? AND person_id = ? AND purpose = ? AND used_at IS NULL AND revoked_at IS NULL", partnerID, personID, purpose).
		Update("revoked_at", now).Error
}
