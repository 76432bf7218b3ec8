package bulk

import "time"

// jobRecord is a row of bulk_jobs.
type jobRecord struct {
	ID               int64      `gorm:"column:id;primaryKey"`
	PartnerID        int64      `gorm:"column:partner_id"`
	EventID          *int64     `gorm:"column:event_id"`
	Kind             string     `gorm:"column:kind"`
	Status           string     `gorm:"column:status"`
	CreatedByStaffID *int64     `gorm:"column:created_by_staff_id"`
	FileName         string     `gorm:"column:file_name"`
	FileSHA256       string     `gorm:"column:file_sha256"`
	OptionsJSON      string     `gorm:"column:options_json"`
	Total            int        `gorm:"column:total"`
	Processed        int        `gorm:"column:processed"`
	Invited          int        `gorm:"column:invited"`
	Skipped          int        `gorm:"column:skipped"`
	Failed           int        `gorm:"column:failed"`
	Error            string     `gorm:"column:error"`
	CreatedAt        time.Time  `gorm:"column:created_at"`
	StartedAt        *time.Time `gorm:"column:started_at"`
	FinishedAt       *time.Time `gorm:"column:finished_at"`
}

func (jobRecord) TableName() string { return "bulk_jobs" }

// Records lists the GORM records of this package (for the schema test).
func Records() []any { return []any{jobRecord{}} }
