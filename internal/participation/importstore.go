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

// sqliteChunk is how many rows one multi-row statement stages on SQLite.
const sqliteChunk = 1500

// insertImportedSQLite is insertImportedPG for SQLite: the records are
// staged in a temporary table (sqlbatch.Stage), the participations written
// with one INSERT … SELECT, and the history entries of the new ones with
// another. The transaction holds SQLite's only write lock, so the
// participations it adds are exactly those with an id above the largest
// before.
func insertImportedSQLite(ctx context.Context, tx *sql.Tx, c importedEntry, rs []participationRecord) (map[int64]int64, error) {
	if err := sqlbatch.Stage(ctx, tx, "import_participations", `person_id INTEGER, speaker INTEGER, moderator INTEGER, language TEXT,
		search_text TEXT, sort_name TEXT, email_lower TEXT`, len(rs), sqliteChunk, func(start, end int, args []any) []any {
		for _, r := range rs[start:end] {
			args = append(args, r.PersonID, r.IsSpeaker, r.IsModerator, r.Language, r.SearchText, r.SortName, r.EmailLower)
		}
		return args
	}); err != nil {
		return nil, err
	}
	var before int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM participations`).Scan(&before); err != nil {
		return nil, err
	}
	// WHERE true: see people.insertNewSQLite.
	rows, err := tx.QueryContext(ctx, `INSERT INTO participations (partner_id, event_id, person_id, is_speaker, is_moderator, status,
			detailed_status, status_at, invited_by_staff_id, invited_at, delivery_state, language, import_batch_id, search_text, sort_name,
			email_lower, created_at, updated_at)
		SELECT ?1, ?2, person_id, speaker, moderator, ?3, ?4, ?5, ?6, ?5, 'none', language, ?7, search_text, sort_name, email_lower, ?5, ?5
		FROM temp.import_participations WHERE true ORDER BY n
		ON CONFLICT (person_id, event_id) DO NOTHING RETURNING id, person_id`,
		c.PartnerID, c.EventID, c.Status, c.Detail, c.At, c.StaffID, c.BatchID)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]int64, len(rs))
	for rows.Next() {
		var id, person int64
		if err := rows.Scan(&id, &person); err != nil {
			rows.Close()
			return nil, err
		}
		out[person] = id
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO participation_history (partner_id, participation_id, to_status, to_detailed_status, cause,
			actor_kind, actor_id, created_at)
		SELECT ?1, id, ?2, ?3, ?4, ?5, ?6, ?7 FROM participations WHERE id > ?8 ORDER BY id`,
		c.PartnerID, c.Status, c.Detail, c.Cause, c.ActorKind, c.ActorID, c.At, before)
	return out, err
}
