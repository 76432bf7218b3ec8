package event

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"roster/internal/people"
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
	return Event{ID: r.ID, PartnerID: r.PartnerID, Name: r.Name, TimeZone: r.TimeZone, StartsAt: r.StartsAt.UTC(), EndsAt: r.EndsAt.UTC(),
		LoginMethod: LoginMethod(r.LoginMethod), RegistrationFormRequired: r.RegistrationFormRequired,
		EmailConfirmationRequired: r.EmailConfirmationRequired, Closed: r.Closed, DefaultLanguage: r.DefaultLanguage,
		OutsideGroupsAllowed: r.OutsideGroupsAllowed, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

func eventByID(ctx context.Context, g *gorm.DB, partnerID, id int64) (eventRecord, error) {
	var r eventRecord
	err := g.WithContext(ctx).Where("id = ? AND partner_id = ?", id, partnerID).Take(&r).Error
	return r, err
}

func eventByIDAnyPartner(ctx context.Context, g *gorm.DB, id int64) (eventRecord, error) {
	var r eventRecord
	err := g.WithContext(ctx).Where("id = ?", id).Take(&r).Error
	return r, err
}

func (r sessionRecord) domain() Session {
	return Session{ID: r.ID, EventID: r.EventID, Name: r.Name, StartsAt: r.StartsAt.UTC(), EndsAt: r.EndsAt.UTC()}
}

// eventRow is an event with its participant count.
type eventRow struct {
	// Record is exported (with an unexported type) so that GORM can fill it.
	Record       eventRecord `gorm:"embedded"`
	Participants int64       `gorm:"column:participants"`
}

func (r eventRow) domain() Event {
	e := r.Record.domain()
	e.Participants = r.Participants
	return e
}

// participantsSQL sums the per-status counters of an event: every
// participation holds exactly one status.
const participantsSQL = `CAST(coalesce((SELECT sum(c.count) FROM participation_counters c
	WHERE c.event_id = events.id AND c.partner_id = events.partner_id AND c.dimension = 'status'), 0) AS bigint) AS participants`

func withParticipants(g *gorm.DB) *gorm.DB {
	return g.Model(&eventRecord{}).Select("events.*, " + participantsSQL)
}

// afterCursor continues a newest-first listing after c.
func afterCursor(g *gorm.DB, c *Cursor) *gorm.DB {
	if c == nil {
		return g
	}
	return g.Where("(events.starts_at < ? OR (events.starts_at = ? AND events.id < ?))", c.StartsAt, c.StartsAt, c.ID)
}

func eventRowByID(ctx context.Context, g *gorm.DB, partnerID, id int64) (eventRow, error) {
	var r eventRow
	err := withParticipants(g.WithContext(ctx)).Where("events.id = ? AND events.partner_id = ?", id, partnerID).Take(&r).Error
	return r, err
}

// eventForUpdate reads an event and locks it until the transaction ends
// (SQLite ignores the lock: its writers are serialised already).
func eventForUpdate(ctx context.Context, g *gorm.DB, partnerID, id int64) (eventRecord, error) {
	var r eventRecord
	err := g.WithContext(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).
		Where("id = ? AND partner_id = ?", id, partnerID).Take(&r).Error
	return r, err
}

// listEvents returns up to limit events of a partner, newest start first.
func listEvents(ctx context.Context, g *gorm.DB, partnerID int64, after *Cursor, limit int) ([]eventRow, error) {
	var rs []eventRow
	q := afterCursor(withParticipants(g.WithContext(ctx)).Where("events.partner_id = ?", partnerID), after)
	err := q.Order("events.starts_at DESC, events.id DESC").Limit(limit).Find(&rs).Error
	return rs, err
}

// searchBatch is how many names searchEvents folds per query.
const searchBatch = 500

// searchEvents returns up to limit events of a partner whose folded name
// contains folded, newest start first. Event names have no stored folded
// column, so the names are folded here (people.Fold, the same folding as
// the query), a batch at a time, and only the matches are loaded in full.
func searchEvents(ctx context.Context, g *gorm.DB, partnerID int64, folded string, after *Cursor, limit int) ([]eventRow, error) {
	var ids []int64
	cur := after
	for len(ids) < limit {
		var batch []struct {
			ID       int64     `gorm:"column:id"`
			Name     string    `gorm:"column:name"`
			StartsAt time.Time `gorm:"column:starts_at"`
		}
		q := afterCursor(g.WithContext(ctx).Model(&eventRecord{}).Select("events.id, events.name, events.starts_at").
			Where("events.partner_id = ?", partnerID), cur)
		if err := q.Order("events.starts_at DESC, events.id DESC").Limit(searchBatch).Find(&batch).Error; err != nil {
			return nil, err
		}
		for _, r := range batch {
			if strings.Contains(people.Fold(r.Name), folded) {
				ids = append(ids, r.ID)
				if len(ids) == limit {
					break
				}
			}
		}
		if len(batch) < searchBatch {
			break
		}
		last := batch[len(batch)-1]
		cur = &Cursor{StartsAt: last.StartsAt, ID: last.ID}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	var rs []eventRow
	err := withParticipants(g.WithContext(ctx)).Where("events.partner_id = ? AND events.id IN ?", partnerID, ids).
		Order("events.starts_at DESC, events.id DESC").Find(&rs).Error
	return rs, err
}

func insertEvent(ctx context.Context, g *gorm.DB, r *eventRecord) error {
	return g.WithContext(ctx).Create(r).Error
}

// updateEvent writes the editable columns of r.
func updateEvent(ctx context.Context, g *gorm.DB, r eventRecord) error {
	return g.WithContext(ctx).Model(&eventRecord{}).Where("id = ? AND partner_id = ?", r.ID, r.PartnerID).
		Updates(map[string]any{
			"name": r.Name, "time_zone": r.TimeZone, "starts_at": r.StartsAt, "ends_at": r.EndsAt,
			"login_method": r.LoginMethod, "registration_form_required": r.RegistrationFormRequired,
			"email_confirmation_required": r.EmailConfirmationRequired, "closed": r.Closed,
			"default_language": r.DefaultLanguage, "updated_at": r.UpdatedAt,
		}).Error
}

// listSessions returns an event's sessions in order of start.
func listSessions(ctx context.Context, g *gorm.DB, partnerID, eventID int64) ([]sessionRecord, error) {
	var rs []sessionRecord
	err := g.WithContext(ctx).Where("partner_id = ? AND event_id = ?", partnerID, eventID).
		Order("starts_at, ends_at, id").Find(&rs).Error
	return rs, err
}

func sessionByID(ctx context.Context, g *gorm.DB, partnerID, eventID, id int64) (sessionRecord, error) {
	var r sessionRecord
	err := g.WithContext(ctx).Where("id = ? AND partner_id = ? AND event_id = ?", id, partnerID, eventID).Take(&r).Error
	return r, err
}

// countSessionsOutside counts an event's sessions that do not fit
// between start and end.
func countSessionsOutside(ctx context.Context, g *gorm.DB, partnerID, eventID int64, start, end time.Time) (int64, error) {
	var n int64
	err := g.WithContext(ctx).Model(&sessionRecord{}).Where("partner_id = ? AND event_id = ?", partnerID, eventID).
		Where("(starts_at < ? OR ends_at > ?)", start, end).Count(&n).Error
	return n, err
}

func insertSession(ctx context.Context, g *gorm.DB, r *sessionRecord) error {
	return g.WithContext(ctx).Create(r).Error
}

func updateSession(ctx context.Context, g *gorm.DB, r sessionRecord) error {
	return g.WithContext(ctx).Model(&sessionRecord{}).Where("id = ? AND partner_id = ? AND event_id = ?", r.ID, r.PartnerID, r.EventID).
		Updates(map[string]any{"name": r.Name, "starts_at": r.StartsAt, "ends_at": r.EndsAt, "updated_at": r.UpdatedAt}).Error
}

func deleteSession(ctx context.Context, g *gorm.DB, partnerID, eventID, id int64) error {
	return g.WithContext(ctx).Where("id = ? AND partner_id = ? AND event_id = ?", id, partnerID, eventID).
		Delete(&sessionRecord{}).Error
}
