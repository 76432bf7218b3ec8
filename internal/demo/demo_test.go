package demo

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	"roster/internal/apperr"
	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/people"
)

var testNow = time.Date(2026, 3, 10, 11, 30, 0, 0, time.UTC)

func TestPlanIsDeterministic(t *testing.T) {
	t.Parallel()
	opts := Options{PartnerName: "Acme Events", Now: testNow, Seed: 7}
	a, b := newPlanner(opts).plan(), newPlanner(opts).plan()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two plans from the same seed differ")
	}
	c := newPlanner(Options{PartnerName: "Acme Events", Now: testNow, Seed: 8}).plan()
	if reflect.DeepEqual(a.persons, c.persons) {
		t.Fatal("plans from different seeds are equal")
	}
}

func TestFoldAndSlug(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Noël  Lefèvre Noel@X.example": "noel lefevre noel@x.example",
		"Åsa Lindström":                "asa lindstrom",
		"Søren Kierkegård":             "soren kierkegard",
		"Łukasz Straße":                "lukasz strasse",
		"李 雷":                          "李 雷",
		"Дмитрий":                      "дмитрии", // й is и with a breve, like unaccent
	} {
		if got := people.Fold(in); got != want {
			t.Errorf("people.Fold(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"Acme Events": "acme-events", "Café Noël GmbH & Co.": "cafe-noel-gmbh-co", "李雷": "demo"} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSeed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		start := time.Now()
		res, err := Seed(ctx, db, Options{PartnerName: "Acme Events", Now: testNow, Seed: 42})
		if err != nil {
			t.Fatalf("seed: %v", err)
		}
		t.Logf("seeded in %v: %+v", time.Since(start).Round(time.Millisecond), summary(res))
		g := db.Gorm
		pid := res.PartnerID

		claims := []struct {
			what  string
			claim int
			sql   string
		}{
			{"persons", res.Persons, `SELECT count(*) FROM persons WHERE partner_id = ?`},
			{"events", res.Events, `SELECT count(*) FROM events WHERE partner_id = ?`},
			{"participants", res.Participants, `SELECT count(*) FROM participations WHERE partner_id = ?`},
			{"groups", res.Groups, `SELECT count(*) FROM idp_groups WHERE partner_id = ?`},
			{"granted groups", res.GrantedGroups, `SELECT count(*) FROM event_group_access WHERE partner_id = ?`},
			{"group members", res.GroupMembers, `SELECT count(*) FROM idp_group_members WHERE partner_id = ?`},
			{"courses", res.Courses, `SELECT count(*) FROM courses WHERE partner_id = ?`},
			{"classroom users", res.ClassroomUsers, `SELECT count(*) FROM classroom_memberships WHERE partner_id = ?`},
			{"enrollments", res.Enrollments, `SELECT count(*) FROM enrollments WHERE partner_id = ?`},
			{"import batches", res.ImportBatches, `SELECT count(*) FROM bulk_jobs WHERE partner_id = ?`},
			{"deletion requests", res.DeletionRequests, `SELECT count(*) FROM deletion_requests WHERE partner_id = ?`},
			{"staff", len(res.Staff), `SELECT count(*) FROM staff WHERE partner_id = ?`},
		}
		for _, c := range claims {
			if got := count(t, db, c.sql, pid); got != c.claim {
				t.Errorf("%s: %d in the database, result says %d", c.what, got, c.claim)
			}
		}
		if got := count(t, db, `SELECT count(*) FROM participations WHERE event_id = ?`, res.OpenEventID); got != res.OpenEventParticipants || got < 1900 {
			t.Errorf("open event: %d participants, result says %d (want about 2,000)", got, res.OpenEventParticipants)
		}
		if got := count(t, db, `SELECT count(*) FROM participations WHERE event_id = ?`, res.ClosedEventID); got != res.ClosedEventParticipants || got < 100 {
			t.Errorf("closed event: %d participants, result says %d", got, res.ClosedEventParticipants)
		}
		if res.Groups != 12 || res.GrantedGroups < 2 || res.Courses != 6 || res.ActiveCourses != 4 || res.ClassroomUsers < 70 {
			t.Errorf("unexpected sizes: %+v", summary(res))
		}
		if n := count(t, db, `SELECT count(DISTINCT course_id) FROM course_plans WHERE partner_id = ? AND starts_at <= ? AND ends_at > ?`, pid, testNow, testNow); n != res.ActiveCourses {
			t.Errorf("%d courses with a current plan, result says %d active", n, res.ActiveCourses)
		}

		// One staff account per role, each able to log in with its password.
		roles := map[auth.Role]bool{}
		for _, s := range res.Staff {
			roles[s.Role] = true
			if s.Email != staffEmail(s.Role, "Acme Events") || len(s.Password) < auth.MinPasswordLen {
				t.Errorf("staff credential %+v", s)
			}
		}
		if OwnerEmail("Acme Events") != "owner@acme-events.example" {
			t.Errorf("OwnerEmail = %q", OwnerEmail("Acme Events"))
		}
		if len(roles) != len(auth.Roles) {
			t.Errorf("staff roles %v, want all of %v", roles, auth.Roles)
		}
		var hash string
		if err := g.Raw(`SELECT password_hash FROM staff WHERE email = ?`, res.Staff[0].Email).Scan(&hash).Error; err != nil ||
			!auth.CheckPassword(hash, res.Staff[0].Password) {
			t.Errorf("owner password does not match its hash (err %v)", err)
		}

		checkCounters(t, db, pid)
		checkStatuses(t, db, res)
		checkHistory(t, db, pid)
		checkPeople(t, db, res)

		// A second seed of the same partner is refused and writes nothing.
		before := tableCounts(t, db)
		_, err = Seed(ctx, db, Options{PartnerName: "Acme Events", Now: testNow.Add(time.Hour), Seed: 43})
		if !apperr.Is(err, apperr.CodeConflict) {
			t.Fatalf("second seed: err %v, want a conflict", err)
		}
		if after := tableCounts(t, db); !reflect.DeepEqual(before, after) {
			t.Errorf("second seed wrote rows:\nbefore %v\nafter  %v", before, after)
		}
	})
}

func summary(r Result) Result { r.Staff = nil; return r }

func checkCounters(t *testing.T, db *database.DB, pid int64) {
	t.Helper()
	type row struct {
		EventID int64
		Dim     string
		Value   string
		N       int64
	}
	var counters, actual []row
	if err := db.Gorm.Raw(`SELECT event_id, dimension AS dim, value, count AS n FROM participation_counters WHERE partner_id = ? ORDER BY event_id, dimension, value`, pid).
		Scan(&counters).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Gorm.Raw(`
		SELECT event_id, dim, value, n FROM (
			SELECT event_id, 'status' AS dim, status AS value, count(*) AS n FROM participations WHERE partner_id = ? GROUP BY event_id, status
			UNION ALL SELECT event_id, 'role', 'attendee', count(*) FROM participations WHERE partner_id = ? GROUP BY event_id
			UNION ALL SELECT event_id, 'role', 'speaker', count(*) FROM participations WHERE partner_id = ? AND is_speaker = ? GROUP BY event_id
			UNION ALL SELECT event_id, 'role', 'moderator', count(*) FROM participations WHERE partner_id = ? AND is_moderator = ? GROUP BY event_id
			UNION ALL SELECT event_id, 'speaker_status', status, count(*) FROM participations WHERE partner_id = ? AND is_speaker = ? GROUP BY event_id, status
			UNION ALL SELECT event_id, 'moderator_status', status, count(*) FROM participations WHERE partner_id = ? AND is_moderator = ? GROUP BY event_id, status
		) x ORDER BY event_id, dim, value`, pid, pid, pid, true, pid, true, pid, true, pid, true).Scan(&actual).Error; err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(counters, actual) {
		t.Errorf("counters do not match the participations:\ncounters %v\nactual   %v", counters, actual)
	}
}

func checkStatuses(t *testing.T, db *database.DB, res Result) {
	t.Helper()
	type row struct {
		Status, DetailedStatus string
		N                      int
	}
	var rows []row
	if err := db.Gorm.Raw(`SELECT status, detailed_status, count(*) AS n FROM participations WHERE partner_id = ? GROUP BY status, detailed_status`, res.PartnerID).
		Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, r := range rows {
		seen[r.Status+"/"+r.DetailedStatus] = r.N
	}
	for _, want := range []string{
		"invited/invited_by_team_member", "invited/invited_by_team_member_to_register",
		"registered/confirmed_email", "registered/registered_no_confirmation_required",
		"attended/pre_event_visit", "attended/during_event_visit",
		"sso_login/sso_login", "unregistered/unregistered", "blocked/blocked",
	} {
		if seen[want] == 0 {
			t.Errorf("no participation is %s (have %v)", want, seen)
		}
	}
	// Realistic proportions in the open event: most invited or registered.
	var open []row
	if err := db.Gorm.Raw(`SELECT status, count(*) AS n FROM participations WHERE event_id = ? GROUP BY status`, res.OpenEventID).Scan(&open).Error; err != nil {
		t.Fatal(err)
	}
	by := map[string]int{}
	for _, r := range open {
		by[r.Status] = r.N
	}
	if by["invited"]+by["registered"] < res.OpenEventParticipants/2 || by["blocked"] > by["attended"] {
		t.Errorf("open event statuses look unrealistic: %v", by)
	}
	// Delivery states, and chat flags only for people who accepted the terms.
	if n := count(t, db, `SELECT count(DISTINCT delivery_state) FROM participations WHERE partner_id = ?`, res.PartnerID); n < 4 {
		t.Errorf("only %d delivery states used", n)
	}
	if n := count(t, db, `SELECT count(*) FROM participations WHERE partner_id = ? AND chat_blocked = ? AND chat_terms_accepted_at IS NULL`, res.PartnerID, true); n != 0 {
		t.Errorf("%d chat-blocked participants never accepted the chat terms", n)
	}
	if n := count(t, db, `SELECT count(*) FROM participations WHERE partner_id = ? AND chat_blocked = ?`, res.PartnerID, true); n == 0 {
		t.Error("nobody is blocked from chat")
	}
	// Every attended participant visited; nobody who never attended did.
	if n := count(t, db, `SELECT count(*) FROM participations p WHERE p.partner_id = ? AND p.status = 'attended'
		AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.participation_id = p.id)`, res.PartnerID); n != 0 {
		t.Errorf("%d attended participants have no visit", n)
	}
	if n := count(t, db, `SELECT count(*) FROM visits v JOIN participations p ON p.id = v.participation_id
		WHERE p.partner_id = ? AND p.status NOT IN ('attended', 'blocked')`, res.PartnerID); n != 0 {
		t.Errorf("%d visits by participants who never attended", n)
	}
	if n := count(t, db, `SELECT count(*) FROM visits WHERE partner_id = ? AND kind = 'session_join'`, res.PartnerID); n == 0 {
		t.Error("no session joins")
	}
	if n := count(t, db, `SELECT count(*) FROM visits WHERE partner_id = ? AND created_at > ?`, res.PartnerID, testNow); n != 0 {
		t.Errorf("%d visits in the future", n)
	}
	// Speakers and moderators: about 10%, with a profile.
	sp := count(t, db, `SELECT count(*) FROM participations WHERE event_id = ? AND (is_speaker = ? OR is_moderator = ?)`, res.OpenEventID, true, true)
	if sp < res.OpenEventParticipants/20 || sp > res.OpenEventParticipants/6 {
		t.Errorf("%d speakers or moderators of %d", sp, res.OpenEventParticipants)
	}
	if n := count(t, db, `SELECT count(*) FROM participations p JOIN persons s ON s.id = p.person_id
		WHERE p.event_id = ? AND (p.is_speaker = ? OR p.is_moderator = ?) AND (s.bio = '' OR s.title = '' OR s.company = '')`,
		res.OpenEventID, true, true); n != 0 {
		t.Errorf("%d speakers or moderators without title, company and bio", n)
	}
}

func checkHistory(t *testing.T, db *database.DB, pid int64) {
	t.Helper()
	var parts []struct {
		ID                     int64
		Status, DetailedStatus string
		StatusAt, CreatedAt    time.Time
	}
	if err := db.Gorm.Table("participations").Where("partner_id = ?", pid).Order("id").Find(&parts).Error; err != nil {
		t.Fatal(err)
	}
	type histRow struct {
		ParticipationID                int64
		FromStatus, FromDetailedStatus *string
		ToStatus, ToDetailedStatus     string
		CreatedAt                      time.Time
	}
	var hist []histRow
	if err := db.Gorm.Table("participation_history").Where("partner_id = ?", pid).Order("participation_id, created_at, id").Find(&hist).Error; err != nil {
		t.Fatal(err)
	}
	byPart := map[int64][]histRow{}
	for _, h := range hist {
		byPart[h.ParticipationID] = append(byPart[h.ParticipationID], h)
	}
	bad := 0
	for _, p := range parts {
		hs := byPart[p.ID]
		if len(hs) == 0 {
			t.Errorf("participation %d has no history", p.ID)
			bad++
			continue
		}
		if hs[0].FromStatus != nil || !hs[0].CreatedAt.Equal(p.CreatedAt) {
			t.Errorf("participation %d: first history entry %+v (created %v)", p.ID, hs[0], p.CreatedAt)
			bad++
		}
		for i := 1; i < len(hs); i++ {
			if hs[i].FromStatus == nil || *hs[i].FromStatus != hs[i-1].ToStatus || *hs[i].FromDetailedStatus != hs[i-1].ToDetailedStatus ||
				hs[i].CreatedAt.Before(hs[i-1].CreatedAt) {
				t.Errorf("participation %d: history %d does not follow %d", p.ID, i, i-1)
				bad++
			}
		}
		last := hs[len(hs)-1]
		if last.ToStatus != p.Status || last.ToDetailedStatus != p.DetailedStatus || !last.CreatedAt.Equal(p.StatusAt) {
			t.Errorf("participation %d is %s/%s at %v, history ends %s/%s at %v", p.ID, p.Status, p.DetailedStatus, p.StatusAt,
				last.ToStatus, last.ToDetailedStatus, last.CreatedAt)
			bad++
		}
		if p.StatusAt.After(testNow) || p.CreatedAt.After(testNow) {
			t.Errorf("participation %d: times %v / %v", p.ID, p.CreatedAt, p.StatusAt)
			bad++
		}
		if bad > 10 {
			t.Fatal("too many history errors")
		}
	}
}

func checkPeople(t *testing.T, db *database.DB, res Result) {
	t.Helper()
	var persons []personRow
	if err := db.Gorm.Where("partner_id = ?", res.PartnerID).Find(&persons).Error; err != nil {
		t.Fatal(err)
	}
	nonASCII, langs := 0, map[string]bool{}
	for _, p := range persons {
		langs[p.Language] = true
		if strings.IndexFunc(p.FirstName+p.LastName, func(r rune) bool { return r > unicode.MaxASCII }) >= 0 {
			nonASCII++
		}
		if strings.IndexFunc(p.Email, func(r rune) bool { return r > unicode.MaxASCII }) >= 0 {
			t.Errorf("person %d: non-ASCII email %q", p.ID, p.Email)
		}
		if want := people.SearchText(p.FirstName, p.LastName, p.Email); p.SearchText != want {
			t.Errorf("person %d: search_text %q, want %q", p.ID, p.SearchText, want)
		}
		if len([]rune(p.Bio)) > 2500 {
			t.Errorf("person %d: bio too long", p.ID)
		}
	}
	if share := float64(nonASCII) / float64(len(persons)); share < 0.02 || share > 0.1 {
		t.Errorf("%.1f%% of names are non-ASCII, want about 5%%", 100*share)
	}
	if len(langs) < 12 {
		t.Errorf("only %d languages: %v", len(langs), langs)
	}
	if n := count(t, db, `SELECT count(*) FROM participations p JOIN persons s ON s.id = p.person_id WHERE p.partner_id = ? AND p.search_text <> s.search_text`, res.PartnerID); n != 0 {
		t.Errorf("%d participations whose search_text differs from their person's", n)
	}
	if n := count(t, db, `SELECT count(*) FROM persons WHERE partner_id = ? AND search_text LIKE ?`, res.PartnerID, "%noel%"); n == 0 {
		t.Log("no Noël among the persons (the seed decides)")
	}
}

func count(t *testing.T, db *database.DB, sql string, args ...any) int {
	t.Helper()
	var n int64
	if err := db.Gorm.Raw(sql, args...).Scan(&n).Error; err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return int(n)
}

// tableCounts counts the rows of every table the demo (or its partner and
// staff) writes.
func tableCounts(t *testing.T, db *database.DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, tbl := range []string{"partners", "staff", "audit_log", "persons", "events", "event_sessions", "bulk_jobs",
		"participations", "participation_history", "participation_counters", "visits", "idp_groups", "idp_group_members",
		"event_group_access", "courses", "course_plans", "classroom_memberships", "enrollments", "deletion_requests"} {
		out[tbl] = count(t, db, `SELECT count(*) FROM `+tbl)
	}
	return out
}
