package mail

import (
	"context"
	"strings"
	"time"

	"roster/internal/database"

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
	MessageID string     `gorm:"column:message_id"`
	// SendingAttempt is the River attempt inside the SMTP transaction, if any.
	SendingAttempt *int `gorm:"column:sending_attempt"`
}

func (emailRecord) TableName() string { return "emails" }

// Records lists the GORM records of this package (for the schema test).
func Records() []any { return []any{emailRecord{}} }

func (r emailRecord) domain() Email {
	return Email{ID: r.ID, PartnerID: r.PartnerID, CauseKey: r.CauseKey, To: r.ToAddress, Subject: r.Subject,
		Text: r.TextBody, HTML: r.HTMLBody, Language: r.Language, Status: Status(r.Status), Attempts: r.Attempts,
		LastError: r.LastError, CreatedAt: r.CreatedAt, SentAt: r.SentAt, MessageID: r.MessageID, SendingAttempt: r.SendingAttempt}
}

// insertEmail inserts m unless its cause already has an email; created is
// false (and id the existing email's) when it had.
func insertEmail(ctx context.Context, g *gorm.DB, m Message, messageID string, now time.Time) (id int64, created bool, err error) {
	rec := emailRecord{PartnerID: m.PartnerID, CauseKey: m.CauseKey, ToAddress: m.To, Subject: m.Subject,
		TextBody: m.Text, HTMLBody: m.HTML, Language: m.Language, Status: string(StatusQueued), CreatedAt: now,
		MessageID: messageID}
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

// getOutgoing reads an email with its partner's sender identity.
func getOutgoing(ctx context.Context, g *gorm.DB, id int64) (Email, error) {
	var r struct {
		Email        emailRecord `gorm:"embedded"`
		MailFromName string      `gorm:"column:mail_from_name"`
		MailReplyTo  string      `gorm:"column:mail_reply_to"`
		PartnerName  string      `gorm:"column:partner_name"`
	}
	err := g.WithContext(ctx).Table("emails").
		Select("emails.*, partners.mail_from_name, partners.mail_reply_to, partners.name AS partner_name").
		Joins("LEFT JOIN partners ON partners.id = emails.partner_id").Where("emails.id = ?", id).Take(&r).Error
	e := r.Email.domain()
	e.FromName, e.ReplyTo = r.MailFromName, r.MailReplyTo
	if e.FromName == "" {
		e.FromName = r.PartnerName
	}
	return e, err
}

// claimEmail records that attempt is entering the SMTP transaction of an
// email still to send; false when the email is no longer to send or another
// attempt holds it.
func claimEmail(ctx context.Context, g *gorm.DB, id int64, attempt int) (bool, error) {
	res := g.WithContext(ctx).Model(&emailRecord{}).
		Where("id = ? AND sending_attempt IS NULL AND status IN ?", id, []string{string(StatusQueued), string(StatusDeferred)}).
		Updates(map[string]any{"sending_attempt": attempt, "attempts": gorm.Expr("attempts + 1")})
	return res.RowsAffected == 1, res.Error
}

// finishEmail records the outcome of a delivery attempt and releases the claim.
func finishEmail(ctx context.Context, g *gorm.DB, id int64, st Status, lastErr string, sentAt *time.Time) error {
	return g.WithContext(ctx).Model(&emailRecord{}).Where("id = ?", id).Updates(map[string]any{
		"status": string(st), "last_error": lastErr, "sent_at": sentAt, "sending_attempt": nil,
	}).Error
}

// failUnconfirmed marks an email failed if the claim of attempt still
// stands (the attempt died inside the SMTP transaction).
func failUnconfirmed(ctx context.Context, g *gorm.DB, id int64, attempt int, reason string) (bool, error) {
	res := g.WithContext(ctx).Model(&emailRecord{}).
		Where("id = ? AND sending_attempt = ? AND status IN ?", id, attempt, []string{string(StatusQueued), string(StatusDeferred)}).
		Updates(map[string]any{"status": string(StatusFailed), "last_error": reason, "sending_attempt": nil})
	return res.RowsAffected == 1, res.Error
}

func cancelEmails(ctx context.Context, g *gorm.DB, ids []int64, reason string) (int, error) {
	res := g.WithContext(ctx).Model(&emailRecord{}).
		Where("id IN ? AND sending_attempt IS NULL AND status IN ?", ids, []string{string(StatusQueued), string(StatusDeferred)}).
		Updates(map[string]any{"status": string(StatusFailed), "last_error": reason})
	return int(res.RowsAffected), res.Error
}

// bounceByMessageID marks a sent email bounced; it returns the email's id
// (0 when no email has that Message-ID).
func bounceByMessageID(ctx context.Context, g *gorm.DB, messageID, reason string) (int64, error) {
	var r emailRecord
	err := g.WithContext(ctx).Where("message_id = ?", messageID).Take(&r).Error
	if database.IsNotFound(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return r.ID, g.WithContext(ctx).Model(&emailRecord{}).Where("id = ?", r.ID).Updates(map[string]any{
		"status": string(StatusBounced), "last_error": reason}).Error
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

func listEmails(ctx context.Context, g *gorm.DB, partnerID int64, f Filter) ([]Email, error) {
	q := g.WithContext(ctx).Where("partner_id = ?", partnerID)
	if f.Query != "" {
		like := database.ContainsPattern(strings.ToLower(f.Query))
		q = q.Where("(LOWER(to_address) LIKE ? ESCAPE '\\' OR LOWER(subject) LIKE ? ESCAPE '\\')", like, like)
	}
	if f.Status != "" {
		q = q.Where("status = ?", string(f.Status))
	}
	if f.Before > 0 {
		q = q.Where("id < ?", f.Before)
	}
	var rs []emailRecord
	err := q.Order("id DESC").Limit(f.Limit).Find(&rs).Error
	out := make([]Email, len(rs))
	for i, r := range rs {
		out[i] = r.domain()
	}
	return out, err
}
