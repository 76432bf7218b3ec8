package deletion

import "time"

// requestRecord is a row of deletion_requests. PersonID becomes nil once the
// person is erased.
type requestRecord struct {
	ID                 int64      `gorm:"column:id;primaryKey"`
	PartnerID          int64      `gorm:"column:partner_id"`
	PersonID           *int64     `gorm:"column:person_id"`
	FullName           string     `gorm:"column:full_name"`
	Email              string     `gorm:"column:email"`
	Origin             string     `gorm:"column:origin"`
	Reason             string     `gorm:"column:reason"`
	RequestedByStaffID *int64     `gorm:"column:requested_by_staff_id"`
	Status             string     `gorm:"column:status"`
	DecidedByStaffID   *int64     `gorm:"column:decided_by_staff_id"`
	DecidedAt          *time.Time `gorm:"column:decided_at"`
	CreatedAt          time.Time  `gorm:"column:created_at"`
}

func (requestRecord) TableName() string { return "deletion_requests" }

// Records lists the GORM records of this package (for the schema test).
func Records() []any { return []any{requestRecord{}} }
