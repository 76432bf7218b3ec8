package mail

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

type emailRecord struct {
	ID        int64      `gorm:"column:id;primaryKey"`
	PartnerID *int64     `gorm:"column:partner_id"`
	CauseKey  string     `gorm:"column:cause_key"`
	ToAddress string     `gorm:"column:to_address"`
	Subject   string     `gorm:"column:subject"`
	TextBody  string     `gorm:"column:text_body"`
	HTMLBody  string     `gorm:"column:html_body"`
	Language  string     `gorm:"column:language"`
	Status    string     `gorm:"column:status"`
	Attempts  int        `gorm:"column:attempts"`
	LastError string     `gorm:"column:last_error"`
	CreatedAt time.Time  `gorm:"column:created_at"`
	SentAt    *time.Time `gorm:"column:sent_at"`
}

func (emailRecord) TableName() string { return "emails" }

// Records lists the GORM records of this package (for the schema test).
func Records() []any { return []any{emailRecord{}} }

func (r emailRecord) domain() Email {
	return Email{ID: r.ID, PartnerID: r.PartnerID, CauseKey: r.CauseKey, To: r.ToAddress, Subject: r.Subject,
		Text: r.TextBody, HTML: r.HTMLBody, Language: r.Language, Status: Status(r.Status), Attempts: r.Attempts,
		LastError: r.LastError, CreatedAt: r.CreatedAt, SentAt: r.SentAt}
}

// insertEmail inserts m unless its cause already has an email; created is
// false (and id the existing email's) when it had.
func insertEmail(ctx context.Context, g *gorm.DB, m Message, now time.Time) (id int64, created bool, err error) {
	rec := emailRecord{PartnerID: m.PartnerID, CauseKey: m.CauseKey, ToAddress: m.To, Subject: m.Subject,
		TextBody: m.Text, HTMLBody: m.HTML, Language: m.Language, Status: string(StatusQueued), CreatedAt: now}
	res := g.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "cause_key"}}, DoNothing: true}).Create(&rec)
	if res.Error != nil {
		return 0, false, res.Error
	}
	if res.RowsAffected == 1 {
		return rec.ID, true, nil
	}
	var existing emailRecord
	if err := g.WithContext(ctx).Where("cause_key = ?", m.CauseKey).Take(&existing).Error; err != nil {
		return 0, false, err
	}
	return existing.ID, false, nil
}

func getEmail(ctx context.Context, g *gorm.DB, id int64) (Email, error) {
	var r emailRecord
	err := g.WithContext(ctx).Where("id = ?", id).Take(&r).Error
	return r.domain(), err
}

func getPartnerEmail(ctx context.Context, g *gorm.DB, partnerID, id int64) (Email, error) {
	var r emailRecord
	err := g.WithContext(ctx).Where("id = ? AND partner_id = ?", id, partnerID).Take(&r).Error
	return r.domain(), err
}

func markEmail(ctx context.Context, g *gorm.DB, id int64, st Status, lastErr string, sentAt *time.Time) error {
	return g.WithContext(ctx).Model(&emailRecord{}).Where("id = ?", id).Updates(map[string]any{
		"status": string(st), "last_error": lastErr, "sent_at": sentAt, "attempts": gorm.Expr("attempts + 1"),
	}).Error
}

func listEmails(ctx context.Context, g *gorm.DB, partnerID int64, limit int) ([]Email, error) {
	var rs []emailRecord
	err := g.WithContext(ctx).Where("partner_id = ?", partnerID).Order("created_at DESC, id DESC").Limit(limit).Find(&rs).Error
	out := make([]Email, len(rs))
	for i, r := range rs {
		out[i] = r.domain()
	}
	return out, err
}
