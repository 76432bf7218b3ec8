package participation

import (
	"context"
	"database/sql"
	"time"

	"roster/internal/sqlbatch"
)

// The set-based writes of bulk imports (see people/importstore.go): the
// participations of a batch and their first history entry, inside the
// caller's transaction.

// importedEntry is what every participation of one import batch shares.
type importedEntry struct {
	PartnerID, EventID int64
	Status, Detail     string
	StaffID, BatchID   *int64
	Cause              string // of the history entry
	ActorKind, ActorID string
	At                 time.Time
}

// insertImportedPG inserts the participations, skipping persons already in
// the event, each with its history entry, and returns the new ids by person id.
func insertImportedPG(ctx context.Context, tx *sql.Tx, c importedEntry, rs []participationRecord) (map[int64]int64, error) {
	personIDs := make([]int64, len(rs))
	speaker, moderator := make([]bool, len(rs)), make([]bool, len(rs))
	lang, search, sortName, email := make([]string, len(rs)), make([]string, len(rs)), make([]string, len(rs)), make([]string, len(rs))
	for i, r := range rs {
		personIDs[i], speaker[i], moderator[i] = r.PersonID, r.IsSpeaker, r.IsModerator
		lang[i], search[i], sortName[i], email[i] = r.Language, r.SearchText, r.SortName, r.EmailLower
	}
	rows, err := tx.QueryContext(ctx, `WITH ins AS (
		INSERT INTO participations (partner_id, event_id, person_id, is_speaker, is_moderator, status, detailed_status, status_at,
			invited_by_staff_id, invited_at, delivery_state, language, import_batch_id, search_text, sort_name, email_lower, created_at, updated_at)
		SELECT $1, $2, x.person_id, x.speaker, x.moderator, $3, $4, $5, $6, $5, 'none', x.language, $7, x.search_text, x.sort_name,
			x.email_lower, $5, $5
		FROM unnest($8::bigint[], $9::boolean[], $10::boolean[], $11::text[], $12::text[], $13::text[], $14::text[])
			AS x(person_id, speaker, moderator, language, search_text, sort_name, email_lower)
		ON CONFLICT (person_id, event_id) DO NOTHING
		RETURNING id, person_id
	), hist AS (
		INSERT INTO participation_history (partner_id, participation_id, to_status, to_detailed_status, cause, actor_kind, actor_id, created_at)
		SELECT $1, id, $3, $4, $15, $16, $17, $5 FROM ins
	)
	SELECT id, person_id FROM ins`,
		c.PartnerID, c.EventID, c.Status, c.Detail, c.At, c.StaffID, c.BatchID,
		personIDs, speaker, moderator, lang, search, sortName, email, c.Cause, c.ActorKind, c.ActorID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]int64, len(rs))
	for rows.Next() {
		var id, person int64
		if err := rows.Scan(&id, &person); err != nil {
			return nil, err
		}
		out[person] = id
	}
	return out, rows.Err()
}

// sqliteChunk is how many rows one multi-row statement writes on SQLite.
const sqliteChunk = 1500

// insertImportedSQLite is insertImportedPG for SQLite.
func insertImportedSQLite(ctx context.Context, tx *sql.Tx, c importedEntry, rs []participationRecord) (map[int64]int64, error) {
	out := make(map[int64]int64, len(rs))
	err := sqlbatch.Each(ctx, tx, len(rs), sqliteChunk, func(n int) string {
		return `INSERT INTO participations (partner_id, event_id, person_id, is_speaker, is_moderator, status, detailed_status, status_at,
			invited_by_staff_id, invited_at, delivery_state, language, import_batch_id, search_text, sort_name, email_lower, created_at, updated_at)
			VALUES ` + sqlbatch.Tuples(n, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'none', ?, ?, ?, ?, ?, ?, ?)") + `
			ON CONFLICT (person_id, event_id) DO NOTHING RETURNING id, person_id`
	}, func(start, end int, args []any) []any {
		for _, r := range rs[start:end] {
			args = append(args, c.PartnerID, c.EventID, r.PersonID, r.IsSpeaker, r.IsModerator, c.Status, c.Detail, c.At, c.StaffID, c.At,
				r.Language, c.BatchID, r.SearchText, r.SortName, r.EmailLower, c.At, c.At)
		}
		return args
	}, func(rows *sql.Rows) error {
		var id, person int64
		if err := rows.Scan(&id, &person); err != nil {
			return err
		}
		out[person] = id
		return nil
	})
	if err != nil || len(out) == 0 {
		return out, err
	}
	ids := make([]int64, 0, len(out))
	for _, r := range rs {
		if id, ok := out[r.PersonID]; ok {
			ids = append(ids, id)
		}
	}
	err = sqlbatch.Each(ctx, tx, len(ids), sqliteChunk, func(n int) string {
		return `INSERT INTO participation_history (partner_id, participation_id, to_status, to_detailed_status, cause, actor_kind, actor_id,
			created_at) VALUES ` + sqlbatch.Tuples(n, "(?, ?, ?, ?, ?, ?, ?, ?)")
	}, func(start, end int, args []any) []any {
		for _, id := range ids[start:end] {
			args = append(args, c.PartnerID, id, c.Status, c.Detail, c.Cause, c.ActorKind, c.ActorID, c.At)
		}
		return args
	}, nil)
	return out, err
}
