package classroom

import "time"

// courseRecord is a row of courses.
type courseRecord struct {
	ID          int64     `gorm:"column:id;primaryKey"`
	PartnerID   int64     `gorm:"column:partner_id"`
	Name        string    `gorm:"column:name"`
	Description string    `gorm:"column:description"`
	CreatedAt   time.Time `gorm:"column:created_at"`
	UpdatedAt   time.Time `gorm:"column:updated_at"`
}

func (courseRecord) TableName() string { return "courses" }

// planRecord is a row of course_plans: the course is active from StartsAt
// until EndsAt.
type planRecord struct {
	ID        int64     `gorm:"column:id;primaryKey"`
	PartnerID int64     `gorm:"column:partner_id"`
	CourseID  int64     `gorm:"column:course_id"`
	StartsAt  time.Time `gorm:"column:starts_at"`
	EndsAt    time.Time `gorm:"column:ends_at"`
	CreatedAt time.Time `gorm:"column:created_at"`
}

func (planRecord) TableName() string { return "course_plans" }

// membershipRecord is a row of classroom_memberships: a person's classroom
// role and invitation status (one per person and partner).
type membershipRecord struct {
	ID               int64      `gorm:"column:id;primaryKey"`
	PartnerID        int64      `gorm:"column:partner_id"`
	PersonID         int64      `gorm:"column:person_id"`
	Role             string     `gorm:"column:role"`
	Status           string     `gorm:"column:status"`
	InvitedByStaffID *int64     `gorm:"column:invited_by_staff_id"`
	InvitedAt        *time.Time `gorm:"column:invited_at"`
	RegisteredAt     *time.Time `gorm:"column:registered_at"`
	CreatedAt        time.Time  `gorm:"column:created_at"`
	UpdatedAt        time.Time  `gorm:"column:updated_at"`
}

func (membershipRecord) TableName() string { return "classroom_memberships" }

// enrollmentRecord is a row of enrollments: a classroom user on a course's roster.
type enrollmentRecord struct {
	PartnerID int64     `gorm:"column:partner_id"`
	CourseID  int64     `gorm:"column:course_id;primaryKey;autoIncrement:false"`
	PersonID  int64     `gorm:"column:person_id;primaryKey;autoIncrement:false"`
	CreatedAt time.Time `gorm:"column:created_at"`
}

func (enrollmentRecord) TableName() string { return "enrollments" }

// Records lists the GORM records of this package (for the schema test).
func Records() []any {
	return []any{courseRecord{}, planRecord{}, membershipRecord{}, enrollmentRecord{}}
}
