package demo

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// The demo writes rows of other packages' tables directly, in bulk; these
// records mirror those tables (the schema test checks them too).

type personRow struct {
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

func (personRow) TableName() string { return "persons" }

type eventRow struct {
	ID                        int64     `gorm:"column:id;primaryKey"`
	PartnerID                 int64     `gorm:"column:partner_id"`
	Name                      string    `gorm:"column:name"`
	TimeZone                  string    `gorm:"column:time_zone"`
	StartsAt                  time.Time `gorm:"column:starts_at"`
	EndsAt                    time.Time `gorm:"column:ends_at"`
	LoginMethod               string    `gorm:"column:login_method"`
	RegistrationFormRequired  bool      `gorm:"column:registration_form_required"`
	EmailConfirmationRequired bool      `gorm:"column:email_confirmation_required"`
	Closed                    bool      `gorm:"column:closed"`
	DefaultLanguage           string    `gorm:"column:default_language"`
	OutsideGroupsAllowed      bool      `gorm:"column:outside_groups_allowed"`
	CreatedAt                 time.Time `gorm:"column:created_at"`
	UpdatedAt                 time.Time `gorm:"column:updated_at"`
}

func (eventRow) TableName() string { return "events" }

type sessionRow struct {
	ID        int64     `gorm:"column:id;primaryKey"`
	PartnerID int64     `gorm:"column:partner_id"`
	EventID   int64     `gorm:"column:event_id"`
	Name      string    `gorm:"column:name"`
	StartsAt  time.Time `gorm:"column:starts_at"`
	EndsAt    time.Time `gorm:"column:ends_at"`
	CreatedAt time.Time `gorm:"column:created_at"`
	UpdatedAt time.Time `gorm:"column:updated_at"`
}

func (sessionRow) TableName() string { return "event_sessions" }

type bulkJobRow struct {
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
	ReportJSON       string     `gorm:"column:report_json"`
}

func (bulkJobRow) TableName() string { return "bulk_jobs" }

type groupRow struct {
	ID          int64     `gorm:"column:id;primaryKey"`
	PartnerID   int64     `gorm:"column:partner_id"`
	ExternalID  string    `gorm:"column:external_id"`
	DisplayName string    `gorm:"column:display_name"`
	CreatedAt   time.Time `gorm:"column:created_at"`
	UpdatedAt   time.Time `gorm:"column:updated_at"`
}

func (groupRow) TableName() string { return "idp_groups" }

type memberRow struct {
	PartnerID int64     `gorm:"column:partner_id"`
	GroupID   int64     `gorm:"column:group_id;primaryKey;autoIncrement:false"`
	PersonID  int64     `gorm:"column:person_id;primaryKey;autoIncrement:false"`
	CreatedAt time.Time `gorm:"column:created_at"`
}

func (memberRow) TableName() string { return "idp_group_members" }

type grantRow struct {
	PartnerID        int64     `gorm:"column:partner_id"`
	EventID          int64     `gorm:"column:event_id;primaryKey;autoIncrement:false"`
	GroupID          int64     `gorm:"column:group_id;primaryKey;autoIncrement:false"`
	GrantedByStaffID *int64    `gorm:"column:granted_by_staff_id"`
	CreatedAt        time.Time `gorm:"column:created_at"`
}

func (grantRow) TableName() string { return "event_group_access" }

type courseRow struct {
	ID          int64      `gorm:"column:id;primaryKey"`
	PartnerID   int64      `gorm:"column:partner_id"`
	Name        string     `gorm:"column:name"`
	Description string     `gorm:"column:description"`
	SearchText  string     `gorm:"column:search_text"`
	ArchivedAt  *time.Time `gorm:"column:archived_at"`
	CreatedAt   time.Time  `gorm:"column:created_at"`
	UpdatedAt   time.Time  `gorm:"column:updated_at"`
}

func (courseRow) TableName() string { return "courses" }

type planRow struct {
	ID        int64     `gorm:"column:id;primaryKey"`
	PartnerID int64     `gorm:"column:partner_id"`
	CourseID  int64     `gorm:"column:course_id"`
	StartsAt  time.Time `gorm:"column:starts_at"`
	EndsAt    time.Time `gorm:"column:ends_at"`
	CreatedAt time.Time `gorm:"column:created_at"`
}

func (planRow) TableName() string { return "course_plans" }

type membershipRow struct {
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

func (membershipRow) TableName() string { return "classroom_memberships" }

type enrollmentRow struct {
	PartnerID int64     `gorm:"column:partner_id"`
	CourseID  int64     `gorm:"column:course_id;primaryKey;autoIncrement:false"`
	PersonID  int64     `gorm:"column:person_id;primaryKey;autoIncrement:false"`
	CreatedAt time.Time `gorm:"column:created_at"`
}

func (enrollmentRow) TableName() string { return "enrollments" }

type deletionRequestRow struct {
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

func (deletionRequestRow) TableName() string { return "deletion_requests" }

// Records lists the rows this package writes (for the schema test).
func Records() []any {
	return []any{
		personRow{}, eventRow{}, sessionRow{}, bulkJobRow{}, groupRow{}, memberRow{}, grantRow{}, courseRow{}, planRow{}, membershipRow{}, enrollmentRow{},
		deletionRequestRow{},
	}
}

// batchSize keeps each multi-row INSERT well under both dialects' limits
// on bound parameters.
const batchSize = 500

// insertAll inserts rows in batches, filling in generated ids.
func insertAll[T any](ctx context.Context, g *gorm.DB, rows []T) error {
	if len(rows) == 0 {
		return nil
	}
	return g.WithContext(ctx).CreateInBatches(rows, batchSize).Error
}

// hasDemoEvent reports whether the partner already has one of the demo
// events (the open one is named after its year, hence the prefix).
func hasDemoEvent(ctx context.Context, g *gorm.DB, partnerID int64, openPrefix, closedName string) (bool, error) {
	var n int64
	err := g.WithContext(ctx).Model(&eventRow{}).
		Where("partner_id = ? AND (name = ? OR name LIKE ?)", partnerID, closedName, openPrefix+"%").
		Count(&n).Error
	return n > 0, err
}
