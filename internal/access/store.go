package access

import "time"

// groupRecord is a row of idp_groups.
type groupRecord struct {
	ID          int64     `gorm:"column:id;primaryKey"`
	PartnerID   int64     `gorm:"column:partner_id"`
	ExternalID  string    `gorm:"column:external_id"`
	DisplayName string    `gorm:"column:display_name"`
	CreatedAt   time.Time `gorm:"column:created_at"`
	UpdatedAt   time.Time `gorm:"column:updated_at"`
}

func (groupRecord) TableName() string { return "idp_groups" }

// memberRecord is a row of idp_group_members.
type memberRecord struct {
	PartnerID int64     `gorm:"column:partner_id"`
	GroupID   int64     `gorm:"column:group_id;primaryKey;autoIncrement:false"`
	PersonID  int64     `gorm:"column:person_id;primaryKey;autoIncrement:false"`
	CreatedAt time.Time `gorm:"column:created_at"`
}

func (memberRecord) TableName() string { return "idp_group_members" }

// grantRecord is a row of event_group_access: the group may enter the event.
type grantRecord struct {
	PartnerID        int64     `gorm:"column:partner_id"`
	EventID          int64     `gorm:"column:event_id;primaryKey;autoIncrement:false"`
	GroupID          int64     `gorm:"column:group_id;primaryKey;autoIncrement:false"`
	GrantedByStaffID *int64    `gorm:"column:granted_by_staff_id"`
	CreatedAt        time.Time `gorm:"column:created_at"`
}

func (grantRecord) TableName() string { return "event_group_access" }

// Records lists the GORM records of this package (for the schema test).
func Records() []any { return []any{groupRecord{}, memberRecord{}, grantRecord{}} }
