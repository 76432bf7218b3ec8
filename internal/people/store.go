package people

import "time"

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
