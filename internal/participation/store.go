package participation

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

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
// participations with one status (Dimension "status"), one role (Dimension
// "role": "attendee" counts them all, "speaker", "moderator"), or one status
// among the speakers ("speaker_status") or the moderators
// ("moderator_status"); see countDeltas.
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

func (r participationRecord) domain() Participation {
	return Participation{ID: r.ID, PartnerID: r.PartnerID, EventID: r.EventID, PersonID: r.PersonID, IsSpeaker: r.IsSpeaker,
		IsModerator: r.IsModerator, Status: Status(r.Status), Detail: Detail(r.DetailedStatus), StatusAt: r.StatusAt,
		InvitedByStaffID: r.InvitedByStaffID, InvitedAt: r.InvitedAt, EmailSentAt: r.EmailSentAt, Delivery: Delivery(r.DeliveryState),
		Language: r.Language, ChatTermsAcceptedAt: r.ChatTermsAcceptedAt, ChatBlocked: r.ChatBlocked, CreatedAt: r.CreatedAt,
		UpdatedAt: r.UpdatedAt}
}

func insertParticipation(ctx context.Context, g *gorm.DB, r *participationRecord) error {
	return g.WithContext(ctx).Create(r).Error
}

func insertParticipations(ctx context.Context, g *gorm.DB, rs []participationRecord) error {
	if len(rs) == 0 {
		return nil
	}
	return g.WithContext(ctx).CreateInBatches(&rs, 500).Error
}

func byID(ctx context.Context, g *gorm.DB, partnerID, eventID, id int64) (participationRecord, error) {
	var r participationRecord
	err := g.WithContext(ctx).Where("id = ? AND partner_id = ? AND event_id = ?", id, partnerID, eventID).Take(&r).Error
	return r, err
}

func byEventPerson(ctx context.Context, g *gorm.DB, partnerID, eventID, personID int64) (participationRecord, error) {
	var r participationRecord
	err := g.WithContext(ctx).Where("partner_id = ? AND event_id = ? AND person_id = ?", partnerID, eventID, personID).Take(&r).Error
	return r, err
}

// personsInEvent says which of these persons already have a participation in the event.
func personsInEvent(ctx context.Context, g *gorm.DB, eventID int64, personIDs []int64) (map[int64]bool, error) {
	out := make(map[int64]bool, len(personIDs))
	for start := 0; start < len(personIDs); start += 1000 {
		var ids []int64
		if err := g.WithContext(ctx).Model(&participationRecord{}).Where("event_id = ? AND person_id IN ?", eventID,
			personIDs[start:min(start+1000, len(personIDs))]).Pluck("person_id", &ids).Error; err != nil {
			return nil, err
		}
		for _, id := range ids {
			out[id] = true
		}
	}
	return out, nil
}

// statusByEmail reads the status of the event's participations with these lower-cased emails.
func statusByEmail(ctx context.Context, g *gorm.DB, eventID int64, emailsLower []string) (map[string]string, error) {
	var rs []struct{ EmailLower, Status string }
	if err := g.WithContext(ctx).Model(&participationRecord{}).Select("email_lower, status").
		Where("event_id = ? AND email_lower IN ?", eventID, emailsLower).Scan(&rs).Error; err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rs))
	for _, r := range rs {
		out[r.EmailLower] = r.Status
	}
	return out, nil
}

// byBatch lists the participations an import batch created in an event.
func byBatch(ctx context.Context, g *gorm.DB, partnerID, eventID, batchID int64) ([]participationRecord, error) {
	var rs []participationRecord
	err := g.WithContext(ctx).Where("partner_id = ? AND event_id = ? AND import_batch_id = ?", partnerID, eventID, batchID).
		Order("id").Find(&rs).Error
	return rs, err
}

func updateParticipation(ctx context.Context, g *gorm.DB, id int64, fields map[string]any) error {
	return g.WithContext(ctx).Model(&participationRecord{}).Where("id = ?", id).Updates(fields).Error
}

// updatePersonCopies refreshes the person's name and email kept on each of
// their participations (sort keys and search text).
func updatePersonCopies(ctx context.Context, g *gorm.DB, partnerID, personID int64, sortName, emailLower, search string) error {
	return g.WithContext(ctx).Model(&participationRecord{}).Where("partner_id = ? AND person_id = ?", partnerID, personID).
		Updates(map[string]any{"sort_name": sortName, "email_lower": emailLower, "search_text": search}).Error
}

func deleteParticipation(ctx context.Context, g *gorm.DB, id int64) error {
	return g.WithContext(ctx).Where("id = ?", id).Delete(&participationRecord{}).Error
}

func insertHistory(ctx context.Context, g *gorm.DB, rs []historyRecord) error {
	if len(rs) == 0 {
		return nil
	}
	return g.WithContext(ctx).CreateInBatches(&rs, 500).Error
}

func history(ctx context.Context, g *gorm.DB, partnerID, participationID int64) ([]historyRecord, error) {
	var rs []historyRecord
	err := g.WithContext(ctx).Where("partner_id = ? AND participation_id = ?", partnerID, participationID).
		Order("created_at, id").Find(&rs).Error
	return rs, err
}

// beforeBlock is the detailed status a participation had when it was last blocked.
func beforeBlock(ctx context.Context, g *gorm.DB, participationID int64) (string, error) {
	var rs []historyRecord
	err := g.WithContext(ctx).Where("participation_id = ? AND to_status = ?", participationID, string(StatusBlocked)).
		Order("created_at DESC, id DESC").Limit(1).Find(&rs).Error
	if err != nil || len(rs) == 0 || rs[0].FromDetailedStatus == nil {
		return "", err
	}
	return *rs[0].FromDetailedStatus, nil
}

// addCounts applies deltas to the (event, dimension, value) counters, in
// the order of their keys: two transactions that move the same counters
// lock them in the same order, and so never wait for each other in a circle.
func addCounts(ctx context.Context, g *gorm.DB, partnerID, eventID int64, deltas map[[2]string]int64) error {
	keys := slices.SortedFunc(maps.Keys(deltas), func(a, b [2]string) int {
		return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1]))
	})
	for _, k := range keys {
		d := deltas[k]
		if d == 0 {
			continue
		}
		if d < 0 {
			res := g.WithContext(ctx).Model(&counterRecord{}).
				Where("event_id = ? AND dimension = ? AND value = ?", eventID, k[0], k[1]).
				Update("count", gorm.Expr("count + ?", d))
			if res.Error != nil {
				return res.Error
			}
			continue
		}
		r := counterRecord{PartnerID: partnerID, EventID: eventID, Dimension: k[0], Value: k[1], Count: d}
		err := g.WithContext(ctx).Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "event_id"}, {Name: "dimension"}, {Name: "value"}},
			DoUpdates: clause.Assignments(map[string]any{"count": gorm.Expr("participation_counters.count + excluded.count")}),
		}).Create(&r).Error
		if err != nil {
			return err
		}
	}
	return nil
}

func insertVisit(ctx context.Context, g *gorm.DB, r visitRecord) error {
	return g.WithContext(ctx).Create(&r).Error
}

func insertVisits(ctx context.Context, g *gorm.DB, rs []visitRecord) error {
	if len(rs) == 0 {
		return nil
	}
	return g.WithContext(ctx).CreateInBatches(&rs, 500).Error
}

func visits(ctx context.Context, g *gorm.DB, partnerID, participationID int64) ([]visitRecord, error) {
	var rs []visitRecord
	err := g.WithContext(ctx).Where("partner_id = ? AND participation_id = ?", partnerID, participationID).
		Order("created_at, id").Find(&rs).Error
	return rs, err
}

func sessionNames(ctx context.Context, g *gorm.DB, partnerID int64, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rs []struct {
		ID   int64
		Name string
	}
	err := g.WithContext(ctx).Table("event_sessions").Select("id, name").Where("partner_id = ? AND id IN ?", partnerID, ids).Scan(&rs).Error
	for _, r := range rs {
		out[r.ID] = r.Name
	}
	return out, err
}

func setDeliveryByEmail(ctx context.Context, g *gorm.DB, emailID int64, state string) error {
	return g.WithContext(ctx).Model(&participationRecord{}).Where("last_email_id = ?", emailID).
		Update("delivery_state", state).Error
}

// sortColumns are the keyset columns of each sort (the id last, as tie-break).
var sortColumns = map[Sort][]string{
	SortCreated: {"created_at", "id"},
	SortName:    {"sort_name", "id"},
	SortEmail:   {"email_lower", "id"},
	SortStatus:  {"status", "created_at", "id"},
}

// listQuery builds the filtered query of a listing (no order, no limit).
// Callers have checked that the event is the partner's (event.GetTx), and an
// event's participations all carry its partner (composite foreign key), so
// the event alone scopes the rows and the indexes need no partner column.
func listQuery(ctx context.Context, g *gorm.DB, _ int64, f ListFilter) *gorm.DB {
	q := g.WithContext(ctx).Model(&participationRecord{}).Where("event_id = ?", f.EventID)
	if f.Status != "" {
		q = q.Where("status = ?", string(f.Status))
	}
	switch f.Role {
	case RoleSpeaker:
		q = q.Where("is_speaker")
	case RoleModerator:
		q = q.Where("is_moderator")
	}
	if f.like != "" {
		q = q.Where(`search_text LIKE ? ESCAPE '\'`, f.like)
	}
	if len(f.IDs) > 0 {
		q = q.Where("id IN ?", f.IDs)
	}
	return q
}

// list returns up to limit rows after (or before) the cursor key.
func list(ctx context.Context, g *gorm.DB, partnerID int64, f ListFilter, c cursor, limit int) ([]participationRecord, error) {
	cols := sortColumns[f.Sort]
	q := listQuery(ctx, g, partnerID, f)
	desc := f.Desc
	if c.Back {
		desc = !desc
	}
	if len(c.Key) == len(cols) {
		op := ">"
		if desc {
			op = "<"
		}
		q = q.Where("("+strings.Join(cols, ", ")+") "+op+" ("+strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")+")", c.Key...)
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	for _, col := range cols {
		q = q.Order(col + dir)
	}
	// Sized for the page: GORM fills a slice with room as it is, rather
	// than growing one row at a time.
	rs := make([]participationRecord, 0, limit)
	if f.like == "" {
		if err := q.Limit(limit).Find(&rs).Error; err != nil {
			return nil, err
		}
	} else {
		// Searching: find the ids first, so that SQLite can answer from an
		// index that carries search_text (0003) instead of reading every row.
		var ids []int64
		if err := q.Limit(limit).Pluck("id", &ids).Error; err != nil {
			return nil, err
		}
		if len(ids) > 0 {
			if err := g.WithContext(ctx).Where("id IN ?", ids).Find(&rs).Error; err != nil {
				return nil, err
			}
			pos := make(map[int64]int, len(ids))
			for i, id := range ids {
				pos[id] = i
			}
			slices.SortFunc(rs, func(a, b participationRecord) int { return pos[a.ID] - pos[b.ID] })
		}
	}
	if c.Back {
		slices.Reverse(rs)
	}
	return rs, nil
}

// count counts the filtered rows, stopping at limit+1 (0: no limit) so that
// a search matching most of a huge event does not read all of it.
func count(ctx context.Context, g *gorm.DB, partnerID int64, f ListFilter, limit int) (int64, error) {
	var n int64
	if limit <= 0 {
		err := listQuery(ctx, g, partnerID, f).Count(&n).Error
		return n, err
	}
	sub := listQuery(ctx, g, partnerID, f).Select("1").Limit(limit + 1)
	err := g.WithContext(ctx).Table("(?) AS matches", sub).Count(&n).Error
	return n, err
}

// eachRow streams the filtered rows in the listing's order, in batches.
func eachRow(ctx context.Context, g *gorm.DB, partnerID int64, f ListFilter, fn func([]participationRecord) error) error {
	var c cursor
	for {
		rs, err := list(ctx, g, partnerID, f, c, 1000)
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return nil
		}
		if err := fn(rs); err != nil {
			return err
		}
		if len(rs) < 1000 {
			return nil
		}
		c = cursor{Key: keyOf(rs[len(rs)-1], f.Sort)}
	}
}

// keyOf returns a row's keyset values for a sort.
func keyOf(r participationRecord, s Sort) []any {
	switch s {
	case SortName:
		return []any{r.SortName, r.ID}
	case SortEmail:
		return []any{r.EmailLower, r.ID}
	case SortStatus:
		return []any{r.Status, r.CreatedAt, r.ID}
	}
	return []any{r.CreatedAt, r.ID}
}

// eventCounts checks that the event is the partner's and reads its counters,
// in one query (it runs on every page of the list). ok is false when the
// event is not the partner's.
func eventCounts(ctx context.Context, g *gorm.DB, partnerID, eventID int64) (rs []counterRecord, ok bool, err error) {
	var rows []struct {
		Dimension *string
		Value     *string
		Count     *int64
	}
	err = g.WithContext(ctx).Raw(`SELECT c.dimension, c.value, c.count FROM events e
		LEFT JOIN participation_counters c ON c.event_id = e.id AND c.partner_id = e.partner_id
		WHERE e.id = ? AND e.partner_id = ?`, eventID, partnerID).Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return nil, false, err
	}
	for _, r := range rows {
		if r.Dimension != nil {
			rs = append(rs, counterRecord{PartnerID: partnerID, EventID: eventID, Dimension: *r.Dimension, Value: *r.Value, Count: *r.Count})
		}
	}
	return rs, true, nil
}

// hasRegistered reports whether a participation's history holds a registration.
func hasRegistered(ctx context.Context, g *gorm.DB, participationID int64) (bool, error) {
	var n int64
	err := g.WithContext(ctx).Model(&historyRecord{}).Where("participation_id = ? AND cause = ?", participationID, string(CauseRegister)).
		Count(&n).Error
	return n > 0, err
}
