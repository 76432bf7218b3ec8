package partner

import (
	"context"
	"time"

	"gorm.io/gorm"
)

type partnerRecord struct {
	ID          int64  `gorm:"column:id;primaryKey"`
	Name        string `gorm:"column:name"`
	AdminSecret string `gorm:"column:admin_secret"`
	UserSecret  string `gorm:"column:user_secret"`
	// The sender identity of the partner's emails.
	MailFromName string    `gorm:"column:mail_from_name"`
	MailReplyTo  string    `gorm:"column:mail_reply_to"`
	CreatedAt    time.Time `gorm:"column:created_at"`
	UpdatedAt    time.Time `gorm:"column:updated_at"`
}

func (partnerRecord) TableName() string { return "partners" }

// Records lists the GORM records of this package (for the schema test).
func Records() []any { return []any{partnerRecord{}} }

func (r partnerRecord) domain() Partner {
	return Partner{ID: r.ID, Name: r.Name, CreatedAt: r.CreatedAt, MailFromName: r.MailFromName, MailReplyTo: r.MailReplyTo}
}

func insert(ctx context.Context, g *gorm.DB, name, adminSecret, userSecret string, now time.Time) (Partner, error) {
	r := partnerRecord{Name: name, AdminSecret: adminSecret, UserSecret: userSecret, CreatedAt: now, UpdatedAt: now}
	err := g.WithContext(ctx).Create(&r).Error
	return r.domain(), err
}

func byName(ctx context.Context, g *gorm.DB, name string) (Partner, error) {
	var r partnerRecord
	err := g.WithContext(ctx).Where("name = ?", name).Take(&r).Error
	return r.domain(), err
}

func byID(ctx context.Context, g *gorm.DB, id int64) (Partner, error) {
	var r partnerRecord
	err := g.WithContext(ctx).Where("id = ?", id).Take(&r).Error
	return r.domain(), err
}

func all(ctx context.Context, g *gorm.DB) ([]Partner, error) {
	var rs []partnerRecord
	if err := g.WithContext(ctx).Order("name").Find(&rs).Error; err != nil {
		return nil, err
	}
	out := make([]Partner, len(rs))
	for i, r := range rs {
		out[i] = r.domain()
	}
	return out, nil
}

func rename(ctx context.Context, g *gorm.DB, id int64, name string, now time.Time) error {
	res := g.WithContext(ctx).Model(&partnerRecord{}).Where("id = ?", id).Updates(map[string]any{"name": name, "updated_at": now})
	if res.Error == nil && res.RowsAffected == 0 {
		return gorm.ErrRecordNotFound
	}
	return res.Error
}

func setMailIdentity(ctx context.Context, g *gorm.DB, id int64, fromName, replyTo string, now time.Time) error {
	res := g.WithContext(ctx).Model(&partnerRecord{}).Where("id = ?", id).
		Updates(map[string]any{"mail_from_name": fromName, "mail_reply_to": replyTo, "updated_at": now})
	if res.Error == nil && res.RowsAffected == 0 {
		return gorm.ErrRecordNotFound
	}
	return res.Error
}
