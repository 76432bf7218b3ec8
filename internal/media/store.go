package media

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// imageRecord is one variant of a stored profile image (images).
type imageRecord struct {
	Name        string    `gorm:"column:name;primaryKey"`
	Variant     string    `gorm:"column:variant;primaryKey"`
	PartnerID   int64     `gorm:"column:partner_id"`
	ContentType string    `gorm:"column:content_type"`
	Data        []byte    `gorm:"column:data"`
	SHA256      string    `gorm:"column:sha256"`
	CreatedAt   time.Time `gorm:"column:created_at"`
}

func (imageRecord) TableName() string { return "images" }

// Records lists the GORM records of this package (for the schema test).
func Records() []any { return []any{imageRecord{}} }

func insertImages(ctx context.Context, g *gorm.DB, rs []imageRecord) error {
	return g.WithContext(ctx).Create(&rs).Error
}

func deleteImages(ctx context.Context, g *gorm.DB, partnerID int64, name string) error {
	return g.WithContext(ctx).Where("partner_id = ? AND name = ?", partnerID, name).Delete(&imageRecord{}).Error
}

func getImage(ctx context.Context, g *gorm.DB, partnerID int64, name, variant string) (imageRecord, error) {
	var r imageRecord
	err := g.WithContext(ctx).Where("partner_id = ? AND name = ? AND variant = ?", partnerID, name, variant).Take(&r).Error
	return r, err
}
