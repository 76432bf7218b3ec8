package people

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// personRecord is a row of persons.
type personRecord struct {
	ID           int64     `gorm:"column:id;primaryKey"`
	PartnerID    int64     `gorm:"column:partner_id"`
	ExternalID   string    `gorm:"column:external_id"`
	Email        string    `gorm:"column:email"`
	FirstName    string    `gorm:"column:first_name"`
	LastName     string    `gorm:"column:last_name"`
	Title        string    `gorm:"column:title"`
	Company      string    `gorm:"column:company"`
	Bio          string    `gorm:"column:bio"`
	ImagePath    string    `gorm:"column:image_path"`
	Language     string    `gorm:"column:language"`
	Status       string    `gorm:"column:status"`
	LoginEnabled bool      `gorm:"column:login_enabled"`
	PasswordHash string    `gorm:"column:password_hash"`
	SearchText   string    `gorm:"column:search_text"`
	CreatedAt    time.Time `gorm:"column:created_at"`
	UpdatedAt    time.Time `gorm:"column:updated_at"`
}

func (personRecord) TableName() string { return "persons" }

// Records lists the GORM records of this package (for the schema test).
func Records() []any { return []any{personRecord{}} }

func (r personRecord) domain() Person {
	return Person{ID: r.ID, PartnerID: r.PartnerID, ExternalID: r.ExternalID, Email: r.Email, FirstName: r.FirstName,
		LastName: r.LastName, Title: r.Title, Company: r.Company, Bio: r.Bio, ImagePath: r.ImagePath, Language: r.Language,
		Status: Status(r.Status), CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func byEmail(ctx context.Context, g *gorm.DB, partnerID int64, emailLower string) (personRecord, error) {
	var r personRecord
	err := g.WithContext(ctx).Where("partner_id = ? AND lower(email) = ?", partnerID, emailLower).Take(&r).Error
	return r, err
}

func byEmails(ctx context.Context, g *gorm.DB, partnerID int64, emailsLower []string) ([]personRecord, error) {
	var rs []personRecord
	if len(emailsLower) == 0 {
		return nil, nil
	}
	err := g.WithContext(ctx).Where("partner_id = ? AND lower(email) IN ?", partnerID, emailsLower).Find(&rs).Error
	return rs, err
}

func byID(ctx context.Context, g *gorm.DB, partnerID, id int64) (personRecord, error) {
	var r personRecord
	err := g.WithContext(ctx).Where("partner_id = ? AND id = ?", partnerID, id).Take(&r).Error
	return r, err
}

// domainColumns are the columns of a Person: lists read no password hash
// and no search text.
const domainColumns = `id, partner_id, external_id, email, first_name, last_name, title, company, bio, image_path, language,
	status, created_at, updated_at`

func byIDs(ctx context.Context, g *gorm.DB, partnerID int64, ids []int64) ([]personRecord, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rs := make([]personRecord, 0, len(ids))
	// By primary key alone, then the partner check: a partner filter in SQL
	// lets a planner with stale statistics scan the partner's whole index
	// (seen during bulk loads).
	if err := g.WithContext(ctx).Select(domainColumns).Where("id IN ?", ids).Find(&rs).Error; err != nil {
		return nil, err
	}
	out := rs[:0]
	for _, r := range rs {
		if r.PartnerID == partnerID {
			out = append(out, r)
		}
	}
	return out, nil
}

func insert(ctx context.Context, g *gorm.DB, r *personRecord) error {
	return g.WithContext(ctx).Create(r).Error
}

func update(ctx context.Context, g *gorm.DB, partnerID, id int64, fields map[string]any) error {
	return g.WithContext(ctx).Model(&personRecord{}).Where("partner_id = ? AND id = ?", partnerID, id).Updates(fields).Error
}

func countImage(ctx context.Context, g *gorm.DB, partnerID int64, name string) (int64, error) {
	var n int64
	err := g.WithContext(ctx).Model(&personRecord{}).Where("partner_id = ? AND image_path = ?", partnerID, name).Count(&n).Error
	return n, err
}

func insertMany(ctx context.Context, g *gorm.DB, rs []personRecord) error {
	if len(rs) == 0 {
		return nil
	}
	return g.WithContext(ctx).CreateInBatches(&rs, 1000).Error
}
