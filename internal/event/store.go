package event

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// eventRecord is a row of events.
type eventRecord struct {
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

func (eventRecord) TableName() string { return "events" }

// sessionRecord is a row of event_sessions.
type sessionRecord struct {
	ID        int64     `gorm:"column:id;primaryKey"`
	PartnerID int64     `gorm:"column:partner_id"`
	EventID   int64     `gorm:"column:event_id"`
	Name      string    `gorm:"column:name"`
	StartsAt  time.Time `gorm:"column:starts_at"`
	EndsAt    time.Time `gorm:"column:ends_at"`
	CreatedAt time.Time `gorm:"column:created_at"`
	UpdatedAt time.Time `gorm:"column:updated_at"`
}

func (sessionRecord) TableName() string { return "event_sessions" }

// Records lists the GORM records of this package (for the schema test).
func Records() []any { return []any{eventRecord{}, sessionRecord{}} }

func (r eventRecord) domain() Event {
	return Event{ID: r.ID, PartnerID: r.PartnerID, Name: r.Name, TimeZone: r.TimeZone, StartsAt: r.StartsAt, EndsAt: r.EndsAt,
		LoginMethod: LoginMethod(r.LoginMethod), RegistrationFormRequired: r.RegistrationFormRequired,
		EmailConfirmationRequired: r.EmailConfirmationRequired, Closed: r.Closed, DefaultLanguage: r.DefaultLanguage,
		OutsideGroupsAllowed: r.OutsideGroupsAllowed, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func eventByID(ctx context.Context, g *gorm.DB, partnerID, id int64) (eventRecord, error) {
	var r eventRecord
	err := g.WithContext(ctx).Where("id = ? AND partner_id = ?", id, partnerID).Take(&r).Error
	return r, err
}
