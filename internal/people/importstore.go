package people

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"roster/internal/database"
	"roster/internal/sqlbatch"
)

// The set-based writes of bulk imports: one statement per thousands of rows
// (arrays on PostgreSQL, prepared multi-row VALUES on SQLite), inside the
// caller's transaction. GORM's per-row reflection and batched INSERTs cost
// more than the rows themselves at this size.

// insertNewPG inserts the records whose email the partner does not have yet
// and returns the id of each inserted one by lower-cased email.
func insertNewPG(ctx context.Context, tx *sql.Tx, partnerID int64, rs []personRecord, now time.Time) (map[string]int64, error) {
	cols := make([][]string, 9)
	for i := range cols {
		cols[i] = make([]string, len(rs))
	}
	for i, r := range rs {
		cols[0][i], cols[1][i], cols[2][i], cols[3][i], cols[4][i] = r.ExternalID, r.Email, r.FirstName, r.LastName, r.Title
		cols[5][i], cols[6][i], cols[7][i], cols[8][i] = r.Company, r.Bio, r.Language, r.SearchText
	}
	rows, err := tx.QueryContext(ctx, `INSERT INTO persons (partner_id, external_id, email, first_name, last_name, title, company, bio,
		language, status, login_enabled, search_text, created_at, updated_at)
		SELECT $1, x.external_id, x.email, x.first_name, x.last_name, x.title, x.company, x.bio, x.language, 'active', true, x.search_text, $2, $2
		FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
			AS x(external_id, email, first_name, last_name, title, company, bio, language, search_text)
		ON CONFLICT (partner_id, lower(email)) DO NOTHING
		RETURNING id, lower(email)`,
		partnerID, now, cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7], cols[8])
	if err != nil {
		return nil, err
	}
	return scanIDs(rows, len(rs))
}

// sqliteChunk is how many rows one multi-row statement stages on SQLite
// (9 parameters a row, well under SQLite's 32,766).
const sqliteChunk = 1500

// insertNewSQLite is insertNewPG for SQLite, which has no array
// parameters: the records are staged in a temporary table of the
// connection (multi-row VALUES, no index, no WAL), then written with one
// INSERT … SELECT, so that SQLite does the per-row work of the real table
// in one statement.
func insertNewSQLite(ctx context.Context, tx *sql.Tx, partnerID int64, rs []personRecord, now time.Time) (map[string]int64, error) {
	if err := sqlbatch.Stage(ctx, tx, "import_persons", `external_id TEXT, email TEXT, first_name TEXT, last_name TEXT, title TEXT,
		company TEXT, bio TEXT, language TEXT, search_text TEXT`, len(rs), sqliteChunk, func(start, end int, args []any) []any {
		for _, r := range rs[start:end] {
			args = append(args, r.ExternalID, r.Email, r.FirstName, r.LastName, r.Title, r.Company, r.Bio, r.Language, r.SearchText)
		}
		return args
	}); err != nil {
		return nil, err
	}
	// WHERE true: an INSERT … SELECT with an upsert clause needs one
	// (https://sqlite.org/lang_upsert.html, parsing ambiguity).
	rows, err := tx.QueryContext(ctx, `INSERT INTO persons (partner_id, external_id, email, first_name, last_name, title, company, bio,
			language, status, login_enabled, search_text, created_at, updated_at)
		SELECT ?1, external_id, email, first_name, last_name, title, company, bio, language, 'active', 1, search_text, ?2, ?2
		FROM temp.import_persons WHERE true ORDER BY n
		ON CONFLICT (partner_id, lower(email)) DO NOTHING RETURNING id, lower(email)`, partnerID, now)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows, len(rs))
}

// byEmailsAny is byEmails for any number of emails, a thousand a query.
func byEmailsAny(ctx context.Context, tx database.Tx, partnerID int64, emailsLower []string) ([]personRecord, error) {
	var out []personRecord
	for start := 0; start < len(emailsLower); start += 1000 {
		rs, err := byEmails(ctx, tx.Gorm, partnerID, emailsLower[start:min(start+1000, len(emailsLower))])
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	return out, nil
}

func scanIDs(rows *sql.Rows, n int) (map[string]int64, error) {
	defer rows.Close()
	out := make(map[string]int64, n)
	for rows.Next() {
		var id int64
		var email string
		if err := rows.Scan(&id, &email); err != nil {
			return nil, err
		}
		out[strings.ToLower(email)] = id
	}
	return out, rows.Err()
}
