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

func countRecent(ctx context.Context, g *gorm.DB, participationID int64, purpose string, since time.Time) (int64, error) {
	var n int64
	err := g.WithContext(ctx).Model(&tokenRecord{}).Where("participation_id = ? AND purpose = ? AND created_by_staff_id IS NULL AND created_at > ?",
		participationID, purpose, since).Count(&n).Error
	return n, err
}

func forParticipation(ctx context.Context, g *gorm.DB, partnerID, participationID int64, limit int) ([]tokenRecord, error) {
	var rs []tokenRecord
	err := g.WithContext(ctx).Where("partner_id = ? AND participation_id = ?", partnerID, participationID).
		Order("created_at DESC, id DESC").Limit(limit).Find(&rs).Error
	return rs, err
}

func byParticipationID(ctx context.Context, g *gorm.DB, partnerID, participationID, id int64) (tokenRecord, error) {
	var r tokenRecord
	err := g.WithContext(ctx).Where("id = ? AND partner_id = ? AND participation_id = ?", id, partnerID, participationID).Take(&r).Error
	return r, err
}

// lastUsed reads the used links of some participations (a page of rows:
// the participation index finds them).
func lastUsed(ctx context.Context, g *gorm.DB, partnerID int64, participationIDs []int64) ([]tokenRecord, error) {
	var rs []tokenRecord
	err := g.WithContext(ctx).Select("participation_id", "last_used_at", "last_used_ua").
		Where("participation_id IN ? AND partner_id = ? AND last_used_at IS NOT NULL", participationIDs, partnerID).Find(&rs).Error
	return rs, err
}

// revokeWhere revokes the live links matching a condition: those used,
// revoked or expired already keep their state.
func revokeWhere(ctx context.Context, g *gorm.DB, now time.Time, cond string, args ...any) (int64, error) {
	res := g.WithContext(ctx).Model(&tokenRecord{}).Where(cond, args...).
		Where("used_at IS NULL AND revoked_at IS NULL AND expires_at > ?", now).Update("revoked_at", now)
	return res.RowsAffected, res.Error
}

func countLiveEvent(ctx context.Context, g *gorm.DB, partnerID, eventID int64, now time.Time) (int64, error) {
	var n int64
	err := g.WithContext(ctx).Model(&tokenRecord{}).
		Where("event_id = ? AND partner_id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?", eventID, partnerID, now).
		Count(&n).Error
	return n, err
}
