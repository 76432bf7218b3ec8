package overview

import (
	"context"

	"gorm.io/gorm"
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
