package logintoken

import "time"

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
