package overview

import (
	"context"
	"time"

	"gorm.io/gorm"

	"roster/internal/database"
)

func counts(ctx context.Context, g *gorm.DB, partnerID int64) (Counts, error) {
	var c Counts
	err := g.WithContext(ctx).Raw(`SELECT
		(SELECT count(*) FROM events WHERE partner_id = @p) AS events,
		(SELECT coalesce(sum(count), 0) FROM participation_counters WHERE partner_id = @p AND dimension = 'status') AS participants,
		(SELECT count(*) FROM persons WHERE partner_id = @p AND status <> 'deleted') AS people,
		(SELECT count(*) FROM courses WHERE partner_id = @p) AS courses,
		(SELECT count(*) FROM classroom_memberships WHERE partner_id = @p) AS classroom_users,
		(SELECT count(*) FROM staff WHERE partner_id = @p) AS staff,
		(SELECT count(*) FROM idp_groups WHERE partner_id = @p) AS groups`, map[string]any{"p": partnerID}).Scan(&c).Error
	return c, err
}

func courses(ctx context.Context, g *gorm.DB, partnerID int64, like string, now time.Time) ([]CourseRow, error) {
	// max() loses the column type on SQLite: scan through database.NullTime.
	var rs []struct {
		CourseRow
		ActiveUntil database.NullTime
	}
	q := `SELECT c.id, c.name,
		(SELECT max(cp.ends_at) FROM course_plans cp WHERE cp.course_id = c.id AND cp.partner_id = c.partner_id AND cp.starts_at <= @now AND cp.ends_at > @now) AS active_until,
		(SELECT count(*) FROM enrollments e JOIN classroom_memberships m ON m.partner_id = e.partner_id AND m.person_id = e.person_id
			WHERE e.course_id = c.id AND e.partner_id = c.partner_id AND m.role = 'student') AS students,
		(SELECT count(*) FROM enrollments e JOIN classroom_memberships m ON m.partner_id = e.partner_id AND m.person_id = e.person_id
			WHERE e.course_id = c.id AND e.partner_id = c.partner_id AND m.role = 'instructor') AS instructors
		FROM courses c WHERE c.partner_id = @p AND (@like = '' OR lower(c.name) LIKE @like ESCAPE '\')
		ORDER BY c.name, c.id LIMIT @limit`
	if err := g.WithContext(ctx).Raw(q, map[string]any{"p": partnerID, "like": like, "limit": Limit, "now": now}).Scan(&rs).Error; err != nil {
		return nil, err
	}
	out := make([]CourseRow, len(rs))
	for i, r := range rs {
		out[i] = r.CourseRow
		out[i].ActiveUntil = r.ActiveUntil.Ptr()
	}
	return out, nil
}

func classroomUsers(ctx context.Context, g *gorm.DB, partnerID int64, like string) ([]ClassroomUserRow, error) {
	var rs []ClassroomUserRow
	q := `SELECT p.id AS person_id, p.first_name, p.last_name, p.email, m.role, m.status,
		(SELECT count(*) FROM enrollments e WHERE e.person_id = p.id AND e.partner_id = p.partner_id) AS courses
		FROM classroom_memberships m JOIN persons p ON p.partner_id = m.partner_id AND p.id = m.person_id
		WHERE m.partner_id = @p AND (@like = '' OR p.search_text LIKE @like ESCAPE '\' OR lower(p.email) LIKE @like ESCAPE '\')
		ORDER BY lower(p.last_name), lower(p.first_name), p.id LIMIT @limit`
	err := g.WithContext(ctx).Raw(q, map[string]any{"p": partnerID, "like": like, "limit": Limit}).Scan(&rs).Error
	return rs, err
}

func groups(ctx context.Context, g *gorm.DB, partnerID int64, like string) ([]GroupRow, error) {
	var rs []GroupRow
	q := `SELECT gr.id, gr.display_name AS name,
		(SELECT count(*) FROM idp_group_members m WHERE m.group_id = gr.id AND m.partner_id = gr.partner_id) AS members,
		(SELECT count(*) FROM event_group_access a WHERE a.group_id = gr.id AND a.partner_id = gr.partner_id) AS granted_events
		FROM idp_groups gr WHERE gr.partner_id = @p AND (@like = '' OR lower(gr.display_name) LIKE @like ESCAPE '\')
		ORDER BY lower(gr.display_name), gr.id LIMIT @limit`
	err := g.WithContext(ctx).Raw(q, map[string]any{"p": partnerID, "like": like, "limit": Limit}).Scan(&rs).Error
	return rs, err
}
