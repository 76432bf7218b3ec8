package directory

import (
	"context"

	"time"

	"gorm.io/gorm"

	"roster/internal/audit"
	"roster/internal/database"
)

type personRow struct {
	ID                                              int64
	Email, FirstName, LastName, Company, Title, Bio string
	ImagePath, Language, Status                     string
	LoginEnabled                                    bool
	CreatedAt, UpdatedAt                            time.Time
}

const personColumns = `p.id, p.email, p.first_name, p.last_name, p.company, p.title, p.bio, p.image_path, p.language,
	p.status, p.login_enabled, p.created_at, p.updated_at`

func listPeople(ctx context.Context, g *gorm.DB, partnerID int64, like string, st State, before *Cursor, limit int) ([]personRow, error) {
	q := g.WithContext(ctx).Table("persons p").Select(personColumns).Where("p.partner_id = ? AND p.status <> 'deleted'", partnerID)
	if like != "" {
		// search_text holds the folded email too (people.SearchText): one
		// condition, which the trigram index answers.
		q = q.Where(`p.search_text LIKE ? ESCAPE '\'`, like)
	}
	switch st {
	case StateActive:
		q = q.Where("p.status = 'active' AND p.login_enabled")
	case StateBlocked:
		q = q.Where("p.status = 'blocked'")
	case StateDeactivated:
		q = q.Where("p.status = 'active' AND NOT p.login_enabled")
	}
	if before != nil {
		q = q.Where("(p.created_at < ? OR (p.created_at = ? AND p.id < ?))", before.CreatedAt, before.CreatedAt, before.ID)
	}
	var rs []personRow
	err := q.Order("p.created_at DESC, p.id DESC").Limit(limit).Scan(&rs).Error
	return rs, err
}

// eventNames lists the names of each person's events (newest event first).
func eventNames(ctx context.Context, g *gorm.DB, partnerID int64, personIDs []int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	if len(personIDs) == 0 {
		return out, nil
	}
	var rs []struct {
		PersonID int64
		Name     string
	}
	err := g.WithContext(ctx).Raw(`SELECT x.person_id, e.name FROM participations x JOIN events e ON e.id = x.event_id
		WHERE x.partner_id = ? AND x.person_id IN ? ORDER BY e.starts_at DESC, e.id DESC`, partnerID, personIDs).Scan(&rs).Error
	for _, r := range rs {
		out[r.PersonID] = append(out[r.PersonID], r.Name)
	}
	return out, err
}

// courseNames lists the names of each person's courses.
func courseNames(ctx context.Context, g *gorm.DB, partnerID int64, personIDs []int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	if len(personIDs) == 0 {
		return out, nil
	}
	var rs []struct {
		PersonID int64
		Name     string
	}
	err := g.WithContext(ctx).Raw(`SELECT en.person_id, c.name FROM enrollments en JOIN courses c ON c.id = en.course_id
		WHERE en.partner_id = ? AND en.person_id IN ? ORDER BY c.name, c.id`, partnerID, personIDs).Scan(&rs).Error
	for _, r := range rs {
		out[r.PersonID] = append(out[r.PersonID], r.Name)
	}
	return out, err
}

func personByID(ctx context.Context, g *gorm.DB, partnerID, id int64) (personRow, error) {
	var r personRow
	res := g.WithContext(ctx).Table("persons p").Select(personColumns).
		Where("p.partner_id = ? AND p.id = ? AND p.status <> 'deleted'", partnerID, id).Limit(1).Scan(&r)
	if res.Error == nil && res.RowsAffected == 0 {
		return r, gorm.ErrRecordNotFound
	}
	return r, res.Error
}

func participationsOf(ctx context.Context, g *gorm.DB, partnerID, personID int64) ([]Participation, error) {
	var rs []struct {
		ID, EventID            int64
		EventName              string
		EventStartsAt          time.Time
		Status, DetailedStatus string
		IsSpeaker, IsModerator bool
		InvitedAt              *time.Time
		DeliveryState          string
		LastVisit              database.NullTime
	}
	err := g.WithContext(ctx).Raw(`SELECT x.id, x.event_id, e.name AS event_name, e.starts_at AS event_starts_at, x.status,
		x.detailed_status, x.is_speaker, x.is_moderator, x.invited_at, x.delivery_state,
		(SELECT max(v.created_at) FROM visits v WHERE v.participation_id = x.id) AS last_visit
		FROM participations x JOIN events e ON e.id = x.event_id
		WHERE x.partner_id = ? AND x.person_id = ? ORDER BY e.starts_at DESC, e.id DESC`, partnerID, personID).Scan(&rs).Error
	out := make([]Participation, len(rs))
	for i, r := range rs {
		out[i] = Participation{ID: r.ID, EventID: r.EventID, EventName: r.EventName, EventStartsAt: r.EventStartsAt,
			Status: r.Status, Detail: r.DetailedStatus, Speaker: r.IsSpeaker, Moderator: r.IsModerator, InvitedAt: r.InvitedAt,
			Delivery: r.DeliveryState, LastVisit: r.LastVisit.Ptr()}
	}
	return out, err
}

func enrollmentsOf(ctx context.Context, g *gorm.DB, partnerID, personID int64) ([]Enrollment, error) {
	var rs []Enrollment
	err := g.WithContext(ctx).Raw(`SELECT c.id AS course_id, c.name AS course_name, en.created_at AS since
		FROM enrollments en JOIN courses c ON c.id = en.course_id
		WHERE en.partner_id = ? AND en.person_id = ? ORDER BY c.name, c.id`, partnerID, personID).Scan(&rs).Error
	return rs, err
}

func loginOf(ctx context.Context, g *gorm.DB, partnerID, personID int64, now time.Time) (Login, error) {
	var l Login
	var m struct{ Role, Status string }
	if err := g.WithContext(ctx).Raw(`SELECT role, status FROM classroom_memberships WHERE partner_id = ? AND person_id = ?`,
		partnerID, personID).Scan(&m).Error; err != nil {
		return l, err
	}
	l.ClassroomRole, l.ClassroomStatus = m.Role, m.Status
	var last struct {
		LastUsedAt database.NullTime
		LastUsedUA string
	}
	if err := g.WithContext(ctx).Raw(`SELECT last_used_at, last_used_ua FROM login_tokens
		WHERE partner_id = ? AND person_id = ? AND last_used_at IS NOT NULL ORDER BY last_used_at DESC LIMIT 1`,
		partnerID, personID).Scan(&last).Error; err != nil {
		return l, err
	}
	l.LastLinkUsed, l.LastLinkDevice = last.LastUsedAt.Ptr(), last.LastUsedUA
	var n int64
	err := g.WithContext(ctx).Raw(`SELECT count(*) FROM login_tokens WHERE partner_id = ? AND person_id = ?
		AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?`, partnerID, personID, now).Scan(&n).Error
	l.ActiveLinks = int(n)
	return l, err
}

// auditOf reads the audit entries about a person or their participations.
func auditOf(ctx context.Context, g *gorm.DB, partnerID int64, personID string, participationIDs []string, limit int) ([]audit.Entry, error) {
	var rs []struct {
		ID                                                 int64
		ActorKind, ActorID, ActorLabel, Action, TargetKind string
		TargetID, BeforeJSON, AfterJSON, RequestID, IP     string
		CreatedAt                                          time.Time
	}
	q := g.WithContext(ctx).Table("audit_log").Where("partner_id = ?", partnerID)
	if len(participationIDs) > 0 {
		q = q.Where("((target_kind = 'person' AND target_id = ?) OR (target_kind = 'participation' AND target_id IN ?))",
			personID, participationIDs)
	} else {
		q = q.Where("target_kind = 'person' AND target_id = ?", personID)
	}
	err := q.Order("created_at DESC, id DESC").Limit(limit).Scan(&rs).Error
	out := make([]audit.Entry, len(rs))
	for i, r := range rs {
		out[i] = audit.Entry{ID: r.ID, ActorKind: audit.ActorKind(r.ActorKind), ActorID: r.ActorID, ActorLabel: r.ActorLabel,
			Action: r.Action, TargetKind: r.TargetKind, TargetID: r.TargetID, BeforeJSON: r.BeforeJSON, AfterJSON: r.AfterJSON,
			RequestID: r.RequestID, IP: r.IP, CreatedAt: r.CreatedAt}
	}
	return out, err
}
