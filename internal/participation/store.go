package participation

import "time"

// participationRecord is a row of participations.
type participationRecord struct {
	ID                  int64      `gorm:"column:id;primaryKey"`
	PartnerID           int64      `gorm:"column:partner_id"`
	EventID             int64      `gorm:"column:event_id"`
	PersonID            int64      `gorm:"column:person_id"`
	IsSpeaker           bool       `gorm:"column:is_speaker"`
	IsModerator         bool       `gorm:"column:is_moderator"`
	Status              string     `gorm:"column:status"`
	DetailedStatus      string     `gorm:"column:detailed_status"`
	StatusAt            time.Time  `gorm:"column:status_at"`
	InvitedByStaffID    *int64     `gorm:"column:invited_by_staff_id"`
	InvitedAt           *time.Time `gorm:"column:invited_at"`
	EmailSentAt         *time.Time `gorm:"column:email_sent_at"`
	DeliveryState       string     `gorm:"column:delivery_state"`
	Language            string     `gorm:"column:language"`
	ChatTermsAcceptedAt *time.Time `gorm:"column:chat_terms_accepted_at"`
	ChatBlocked         bool       `gorm:"column:chat_blocked"`
	ImportBatchID       *int64     `gorm:"column:import_batch_id"`
	SearchText          string     `gorm:"column:search_text"`
	CreatedAt           time.Time  `gorm:"column:created_at"`
	UpdatedAt           time.Time  `gorm:"column:updated_at"`
	SortName            string     `gorm:"column:sort_name"`
	EmailLower          string     `gorm:"column:email_lower"`
	LastEmailID         *int64     `gorm:"column:last_email_id"`
}

func (participationRecord) TableName() string { return "participations" }

// historyRecord is a row of participation_history: one status transition.
// FromStatus and FromDetailedStatus are nil on the entry that created the
// participation.
type historyRecord struct {
	ID                 int64     `gorm:"column:id;primaryKey"`
	PartnerID          int64     `gorm:"column:partner_id"`
	ParticipationID    int64     `gorm:"column:participation_id"`
	FromStatus         *string   `gorm:"column:from_status"`
	FromDetailedStatus *string   `gorm:"column:from_detailed_status"`
	ToStatus           string    `gorm:"column:to_status"`
	ToDetailedStatus   string    `gorm:"column:to_detailed_status"`
	Cause              string    `gorm:"column:cause"`
	ActorKind          string    `gorm:"column:actor_kind"`
	ActorID            string    `gorm:"column:actor_id"`
	CreatedAt          time.Time `gorm:"column:created_at"`
}

func (historyRecord) TableName() string { return "participation_history" }

// counterRecord is a row of participation_counters: the number of an event's
// participations with one status (Dimension "status") or one role
// (Dimension "role": "attendee" counts them all, "speaker", "moderator").
type counterRecord struct {
	PartnerID int64  `gorm:"column:partner_id"`
	EventID   int64  `gorm:"column:event_id;primaryKey;autoIncrement:false"`
	Dimension string `gorm:"column:dimension;primaryKey"`
	Value     string `gorm:"column:value;primaryKey"`
	Count     int64  `gorm:"column:count"`
}

func (counterRecord) TableName() string { return "participation_counters" }

// visitRecord is a row of visits: a visit to the event site (pre_event,
// during_event) or a session join (session_join, with EventSessionID).
type visitRecord struct {
	ID              int64     `gorm:"column:id;primaryKey"`
	PartnerID       int64     `gorm:"column:partner_id"`
	ParticipationID int64     `gorm:"column:participation_id"`
	Kind            string    `gorm:"column:kind"`
	EventSessionID  *int64    `gorm:"column:event_session_id"`
	UserAgent       string    `gorm:"column:user_agent"`
	CreatedAt       time.Time `gorm:"column:created_at"`
}

func (visitRecord) TableName() string { return "visits" }

// Records lists the GORM records of this package (for the schema test).
func Records() []any {
	return []any{participationRecord{}, historyRecord{}, counterRecord{}, visitRecord{}}
}
