package schematest

import (
	"strings"
	"testing"
	"time"

	"roster/internal/database"
	"roster/internal/dbtest"
)

// TestConstraintsAgree runs the same accepted and refused writes on both
// dialects, so the two schemas enforce the same rules.
func TestConstraintsAgree(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		g := db.Gorm
		mustExec := func(sql string, args ...any) {
			t.Helper()
			if err := g.Exec(sql, args...).Error; err != nil {
				t.Fatalf("%s: %v", sql, err)
			}
		}
		refused := func(what, sql string, args ...any) {
			t.Helper()
			if err := g.Exec(sql, args...).Error; err == nil {
				t.Errorf("%s: accepted, want refused", what)
			}
		}
		accepted := func(what, sql string, args ...any) {
			t.Helper()
			if err := g.Exec(sql, args...).Error; err != nil {
				t.Errorf("%s: refused: %v", what, err)
			}
		}

		mustExec(`INSERT INTO partners (id, name, created_at, updated_at) VALUES (1, 'A', ?, ?), (2, 'B', ?, ?)`, now, now, now, now)
		mustExec(`INSERT INTO staff (id, partner_id, email, name, role, status, created_at, updated_at) VALUES (1, 1, 'Owner@a.example', 'O', 'owner', 'active', ?, ?)`, now, now)
		refused("staff email unique case-insensitively across partners",
			`INSERT INTO staff (partner_id, email, name, role, status, created_at, updated_at) VALUES (2, 'owner@A.example', 'O', 'owner', 'active', ?, ?)`, now, now)
		refused("unknown staff role",
			`INSERT INTO staff (partner_id, email, name, role, status, created_at, updated_at) VALUES (1, 'x@a.example', 'X', 'root', 'active', ?, ?)`, now, now)

		person := `INSERT INTO persons (id, partner_id, external_id, email, bio, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`
		mustExec(person, 1, 1, "p1", "Jane@x.example", "", now, now)
		mustExec(person, 2, 2, "p1", "jane@x.example", "", now, now)
		refused("person email unique per partner, case-insensitively", person, 3, 1, "p3", "JANE@x.example", "", now, now)
		refused("person external id unique per partner", person, 3, 1, "p1", "other@x.example", "", now, now)
		accepted("bio of 2,500 characters", person, 4, 1, "p4", "p4@x.example", strings.Repeat("é", 2500), now, now)
		refused("bio over 2,500 characters", person, 5, 1, "p5", "p5@x.example", strings.Repeat("é", 2501), now, now)
		refused("unknown person status",
			`INSERT INTO persons (partner_id, external_id, email, status, created_at, updated_at) VALUES (1, 'p6', 'p6@x.example', 'gone', ?, ?)`, now, now)
		refused("boolean outside 0/1 (or not a boolean)",
			`INSERT INTO persons (partner_id, external_id, email, login_enabled, created_at, updated_at) VALUES (1, 'p7', 'p7@x.example', 2, ?, ?)`, now, now)

		event := `INSERT INTO events (id, partner_id, name, starts_at, ends_at, login_method, closed, created_at, updated_at) VALUES (?, ?, 'E', ?, ?, ?, ?, ?, ?)`
		mustExec(event, 1, 1, now, now.Add(time.Hour), "magic_link", false, now, now)
		mustExec(event, 2, 2, now, now.Add(time.Hour), "sso", true, now, now)
		refused("closed event without SSO", event, 3, 1, now, now.Add(time.Hour), "password", true, now, now)
		refused("event ending before it starts", event, 3, 1, now, now.Add(-time.Second), "sso", false, now, now)
		refused("unknown login method", event, 3, 1, now, now.Add(time.Hour), "ldap", false, now, now)

		part := `INSERT INTO participations (id, partner_id, event_id, person_id, status, detailed_status, status_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
		mustExec(part, 1, 1, 1, 1, "invited", "invited_by_team_member", now, now, now)
		refused("participation in another partner's event", part, 2, 1, 2, 1, "invited", "invited_by_team_member", now, now, now)
		refused("participation of another partner's person", part, 2, 1, 1, 2, "invited", "invited_by_team_member", now, now, now)
		refused("participation twice in one event", part, 2, 1, 1, 1, "invited", "invited_by_team_member", now, now, now)
		refused("detailed status of another status", part, 2, 1, 1, 4, "invited", "confirmed_email", now, now, now)
		refused("unknown status", part, 2, 1, 1, 4, "maybe", "maybe", now, now, now)
		accepted("sso_login with its detail", part, 3, 2, 2, 2, "sso_login", "sso_login", now, now, now)

		hist := `INSERT INTO participation_history (partner_id, participation_id, from_status, from_detailed_status, to_status, to_detailed_status, cause, actor_kind, created_at) VALUES (1, 1, ?, ?, ?, ?, ?, 'staff', ?)`
		accepted("first history entry", hist, nil, nil, "invited", "invited_by_team_member", "invite", now)
		accepted("transition", hist, "invited", "invited_by_team_member", "registered", "confirmed_email", "confirm_email", now)
		refused("from status without its detail", hist, "invited", nil, "registered", "confirmed_email", "register", now)
		refused("unknown cause", hist, "invited", "invited_by_team_member", "registered", "confirmed_email", "magic", now)
		refused("unknown status to", hist, "invited", "invited_by_team_member", "maybe", "confirmed_email", "register", now)
		refused("unknown status from", hist, "maybe", "invited_by_team_member", "registered", "confirmed_email", "register", now)
		refused("unknown actor kind", `INSERT INTO participation_history (partner_id, participation_id, to_status, to_detailed_status, cause, actor_kind, created_at)
			VALUES (1, 1, 'invited', 'invited_by_team_member', 'invite', 'robot', ?)`, now)
		refused("unknown delivery state", `UPDATE participations SET delivery_state = 'lost' WHERE id = 1`)
		accepted("known delivery state", `UPDATE participations SET delivery_state = 'queued' WHERE id = 1`)

		counter := `INSERT INTO participation_counters (partner_id, event_id, dimension, value, count) VALUES (?, ?, ?, ?, ?)`
		accepted("status counter", counter, 1, 1, "status", "invited", 1)
		accepted("role counter", counter, 1, 1, "role", "attendee", 1)
		refused("role value in the status dimension", counter, 1, 1, "status", "speaker", 0)
		accepted("speakers' status counter", counter, 1, 1, "speaker_status", "registered", 1)
		accepted("moderators' status counter", counter, 1, 1, "moderator_status", "blocked", 0)
		refused("role value in a role's status dimension", counter, 1, 1, "speaker_status", "moderator", 0)
		refused("unknown dimension", counter, 1, 1, "attendee_status", "invited", 0)
		refused("negative count", counter, 1, 1, "role", "speaker", -1)
		refused("counter under another partner's event", counter, 2, 1, "role", "moderator", 0)

		mustExec(`INSERT INTO event_sessions (id, partner_id, event_id, name, starts_at, ends_at, created_at, updated_at) VALUES (1, 1, 1, 'S', ?, ?, ?, ?)`, now, now.Add(time.Hour), now, now)
		visit := `INSERT INTO visits (partner_id, participation_id, kind, event_session_id, created_at) VALUES (1, 1, ?, ?, ?)`
		accepted("pre-event visit", visit, "pre_event", nil, now)
		accepted("session join", visit, "session_join", 1, now)
		refused("session join without a session", visit, "session_join", nil, now)
		refused("event visit with a session", visit, "during_event", 1, now)

		mustExec(`INSERT INTO idp_groups (id, partner_id, external_id, display_name, created_at, updated_at) VALUES (1, 2, 'g1', 'G', ?, ?)`, now, now)
		refused("group member from another partner",
			`INSERT INTO idp_group_members (partner_id, group_id, person_id, created_at) VALUES (1, 1, 1, ?)`, now)
		accepted("group member", `INSERT INTO idp_group_members (partner_id, group_id, person_id, created_at) VALUES (2, 1, 2, ?)`, now)
		accepted("grant", `INSERT INTO event_group_access (partner_id, event_id, group_id, created_at) VALUES (2, 2, 1, ?)`, now)

		mustExec(`INSERT INTO courses (id, partner_id, name, created_at, updated_at) VALUES (1, 1, 'C', ?, ?)`, now, now)
		refused("enrollment without classroom membership",
			`INSERT INTO enrollments (partner_id, course_id, person_id, created_at) VALUES (1, 1, 1, ?)`, now)
		mustExec(`INSERT INTO classroom_memberships (partner_id, person_id, role, status, created_at, updated_at) VALUES (1, 1, 'student', 'pending', ?, ?)`, now, now)
		accepted("enrollment", `INSERT INTO enrollments (partner_id, course_id, person_id, created_at) VALUES (1, 1, 1, ?)`, now)
		refused("unknown classroom role",
			`INSERT INTO classroom_memberships (partner_id, person_id, role, status, created_at, updated_at) VALUES (1, 4, 'dean', 'pending', ?, ?)`, now, now)

		mustExec(`INSERT INTO bulk_jobs (id, partner_id, event_id, kind, created_by_staff_id, created_at) VALUES (1, 1, 1, 'invite', 1, ?)`, now)
		refused("unknown batch status", `UPDATE bulk_jobs SET status = 'paused' WHERE id = 1`)
		refused("unknown batch kind", `UPDATE bulk_jobs SET kind = 'merge' WHERE id = 1`)
		mustExec(`UPDATE participations SET import_batch_id = 1, invited_by_staff_id = 1 WHERE id = 1`)
		mustExec(`INSERT INTO login_tokens (partner_id, person_id, event_id, participation_id, purpose, token_hash, expires_at, created_at) VALUES (1, 1, 1, 1, 'login', 'h1', ?, ?)`, now, now)
		refused("login token hash reused",
			`INSERT INTO login_tokens (partner_id, person_id, purpose, token_hash, expires_at, created_at) VALUES (1, 1, 'invitation', 'h1', ?, ?)`, now, now)
		mustExec(`INSERT INTO deletion_requests (partner_id, person_id, full_name, email, requested_by_staff_id, created_at) VALUES (1, 1, 'Jane', 'jane@x.example', 1, ?)`, now)

		count := func(sql string) int64 {
			t.Helper()
			var n int64
			if err := g.Raw(sql).Scan(&n).Error; err != nil {
				t.Fatalf("%s: %v", sql, err)
			}
			return n
		}
		// Deleting the batch keeps its participations; deleting staff keeps
		// what they did; deleting a person removes them everywhere but keeps
		// the deletion request.
		mustExec(`DELETE FROM bulk_jobs WHERE id = 1`)
		mustExec(`DELETE FROM staff WHERE id = 1`)
		if n := count(`SELECT count(*) FROM participations WHERE id = 1 AND import_batch_id IS NULL AND invited_by_staff_id IS NULL`); n != 1 {
			t.Errorf("participation after batch and staff deletion: %d rows, want 1", n)
		}
		mustExec(`DELETE FROM persons WHERE id = 1`)
		for _, tbl := range []string{"participations", "participation_history", "visits", "login_tokens", "classroom_memberships", "enrollments"} {
			if n := count(`SELECT count(*) FROM ` + tbl + ` WHERE partner_id = 1`); n != 0 {
				t.Errorf("%s: %d rows left after deleting the person", tbl, n)
			}
		}
		if n := count(`SELECT count(*) FROM deletion_requests WHERE person_id IS NULL`); n != 1 {
			t.Errorf("deletion request after the person's deletion: %d, want 1 with person_id NULL", n)
		}
		mustExec(`DELETE FROM partners WHERE id = 2`)
		for _, tbl := range []string{"persons", "events", "idp_groups", "idp_group_members", "event_group_access", "participations"} {
			if n := count(`SELECT count(*) FROM ` + tbl + ` WHERE partner_id = 2`); n != 0 {
				t.Errorf("%s: %d rows left after deleting the partner", tbl, n)
			}
		}
	})
}
