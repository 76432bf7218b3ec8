package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/riverqueue/river"

	"roster/internal/auth"
	"roster/internal/bulk"
	"roster/internal/database"
	"roster/internal/event"
	"roster/internal/jobs"
	"roster/internal/mail"
	"roster/internal/media"
	"roster/internal/participation"
	"roster/internal/partner"
	"roster/internal/searchindex"
	"roster/internal/sqlbatch"
	"roster/web"
)

// benchImport measures the bulk invite (BENCHMARKS.md): the check step of
// an n-row CSV of new people, then its import (persons, participations,
// history, no emails) into a fresh event, and on PostgreSQL a plain COPY of
// the same rows into a bare table in the same run, with the ratio. Peak
// memory is sampled during the import.
func benchImport(ctx context.Context, db *database.DB, n, runs int) error {
	dir, err := os.MkdirTemp("", "roster-import-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "people.csv")
	if err := writeImportCSV(path, n); err != nil {
		return err
	}
	// Each run imports into a partner of its own: the file's people are new
	// to it (a second run into the same partner would only reuse them).
	newPrincipal := func(run int) (p auth.Principal, err error) {
		err = db.InTx(ctx, func(tx database.Tx) error {
			pt, _, err := partner.EnsureTx(ctx, tx, fmt.Sprintf("Import Bench %d-%d", time.Now().UnixNano(), run))
			if err != nil {
				return err
			}
			st, err := auth.CreateStaffTx(ctx, tx, auth.NewStaff{PartnerID: pt.ID, Email: fmt.Sprintf("import-%d@example.com", time.Now().UnixNano()),
				Name: "Import Bench", Role: auth.RoleAdmin, Password: password})
			p = auth.Principal{StaffID: st.ID, PartnerID: pt.ID, Role: auth.RoleAdmin, Email: st.Email}
			return err
		})
		return p, err
	}
	// River runs the import job and the search-index merges it enqueues (on
	// their own connections, while the import goes on), as the server does.
	workers := river.NewWorkers()
	svc := bulk.NewService(bulk.Deps{DB: db})
	bulk.Register(workers, svc)
	ins, err := jobs.New(db, nil, jobs.Options{Workers: workers, MaxWorkers: 2, PollInterval: 20 * time.Millisecond,
		Queues: map[string]int{searchindex.Queue: 1}})
	if err != nil {
		return err
	}
	mailer := mail.NewService(db, ins)
	images := media.NewStore(db)
	svc.Jobs, svc.Mail = ins, mailer
	svc.Participants = participation.NewService(participation.Deps{DB: db, Mail: mailer, Compose: web.EmailComposer{}, Media: images,
		BaseURL: "http://bench.example"})
	if err := ins.Start(ctx); err != nil {
		return err
	}
	defer func() {
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		_ = ins.Stop(sctx)
	}()

	check := figure{name: fmt.Sprintf("import: check step, %d rows", n), unit: "ms"}
	rate := figure{name: fmt.Sprintf("import: %d rows, no emails", n), unit: "rows/s"}
	mergedRate := figure{name: fmt.Sprintf("import: %d rows, search indexes merged", n), unit: "rows/s"}
	copyRate := figure{name: fmt.Sprintf("import: plain COPY of the same %d rows", n), unit: "rows/s"}
	floorRate := figure{name: fmt.Sprintf("import: %d rows by SQL alone, same tables", n), unit: "rows/s"}
	var mem memPeak
	for run := range runs {
		p, err := newPrincipal(run)
		if err != nil {
			return err
		}
		var e event.Event
		start := time.Now().Add(30 * 24 * time.Hour).Truncate(time.Hour)
		e, err = event.NewService(db).Create(ctx, p, event.Input{Name: fmt.Sprintf("Import bench %d-%d", time.Now().Unix(), run),
			TimeZone: "Europe/Berlin", StartsAt: start, EndsAt: start.Add(8 * time.Hour), LoginMethod: event.LoginMagicLink, DefaultLanguage: "en"})
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		t0 := time.Now()
		b, err := svc.Check(ctx, p, e.ID, "people.csv", f)
		f.Close()
		if err != nil {
			return err
		}
		check.xs = append(check.xs, float64(time.Since(t0).Microseconds())/1000)
		if b.Report.WillInvite != n {
			return fmt.Errorf("import: the check plans %d of %d rows: %+v", b.Report.WillInvite, n, b.Report.Plan)
		}
		if _, err := svc.Start(ctx, p, e.ID, b.ID, false); err != nil {
			return err
		}
		mem.start(50 * time.Millisecond)
		t0 = time.Now()
		// River runs the job (and the merges it enqueues) until the batch is done.
		for {
			got, err := svc.Get(ctx, p, e.ID, b.ID)
			if err != nil {
				mem.end()
				return err
			}
			if got.Status != bulk.StatusRunning {
				break
			}
			time.Sleep(20 * time.Millisecond) // as often as the import's progress bar, and more
		}
		elapsed := time.Since(t0)
		mem.end()
		got, err := svc.Get(ctx, p, e.ID, b.ID)
		if err != nil {
			return err
		}
		if got.Status != bulk.StatusDone || got.Invited != n {
			return fmt.Errorf("import: %s with %d invited of %d", got.Status, got.Invited, n)
		}
		rate.xs = append(rate.xs, float64(n)/elapsed.Seconds())
		// The search entries are searchable at once (from the pending
		// lists); the background merge ends later.
		if err := waitMerged(ctx, db); err != nil {
			return err
		}
		merged := time.Since(t0)
		mergedRate.xs = append(mergedRate.xs, float64(n)/merged.Seconds())
		fmt.Printf("# run %d: check %s, import %s, search indexes merged after %s\n", run+1,
			time.Duration(check.xs[len(check.xs)-1]*float64(time.Millisecond)).Round(time.Millisecond),
			elapsed.Round(time.Millisecond), merged.Round(time.Millisecond))
		if db.Dialect == database.Postgres {
			secs, err := plainCopy(ctx, db, path)
			if err != nil {
				return err
			}
			copyRate.xs = append(copyRate.xs, float64(n)/secs)
		}
		secs, err := sqlAlone(ctx, db, path, p.StaffID, run)
		if err != nil {
			return err
		}
		floorRate.xs = append(floorRate.xs, float64(n)/secs)
	}
	check.print()
	rate.print()
	if db.Dialect == database.Postgres {
		mergedRate.print()
	}
	if len(copyRate.xs) > 0 {
		copyRate.print()
		fmt.Printf("%-44s %10.2f %10s %10s  %-6s %d  (import median / COPY median)\n", "import: ratio to COPY", median(rate.xs)/median(copyRate.xs), "", "", "x", runs)
	}
	floorRate.print()
	fmt.Printf("%-44s %10.2f %10s %10s  %-6s %d  (import median / SQL-alone median)\n", "import: ratio to SQL alone",
		median(rate.xs)/median(floorRate.xs), "", "", "x", runs)
	mem.print("import: ", runs)
	return nil
}

// waitMerged waits until no search-index merge job is queued or running,
// then merges whatever is left (a merge that ran during the last
// transaction's commit may have missed its entries).
func waitMerged(ctx context.Context, db *database.DB) error {
	if db.Dialect != database.Postgres {
		return nil
	}
	deadline := time.Now().Add(10 * time.Minute)
	for {
		var n int
		if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM river_job WHERE kind = $1 AND state NOT IN ('completed', 'discarded', 'cancelled')`,
			searchindex.MergeArgs{}.Kind()).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			_, err := searchindex.Merge(ctx, db)
			return err
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("import: %d search-index merges still queued after 10 minutes", n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s[len(s)/2]
}

// writeImportCSV writes n rows of new, realistic people.
func writeImportCSV(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprint(w, "email,first_name,last_name,company,title,language,roles\r\n")
	langs := []string{"en", "de", "fr", "es-ES", "nl", "ja", "pt-BR", ""}
	stamp := time.Now().UnixNano()
	for i := range n {
		first, last := firstNames[i%len(firstNames)], lastNames[(i/len(firstNames))%len(lastNames)]
		if i%20 == 7 {
			u := unicodeNames[i%len(unicodeNames)]
			first, last = u[0], u[1]
		}
		role := ""
		if i%10 == 3 {
			role = "speaker"
		}
		fmt.Fprintf(w, "%s.%s.%d.%d@%s,%s,%s,Company %d,Title %d,%s,%s\r\n", asciiOf(first), asciiOf(last), i, stamp%100000,
			strings.Replace(domains[i%len(domains)], ".example", ".com", 1), first, last, i%500, i%40, langs[i%len(langs)], role)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// plainCopy times a COPY of the file's rows into a bare table with a unique
// email index: the physical limit the import is compared with.
func plainCopy(ctx context.Context, db *database.DB, path string) (float64, error) {
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `DROP TABLE IF EXISTS bench_people; CREATE TABLE bench_people (email text NOT NULL, first_name text, last_name text,
		company text, title text, language text, roles text, created_at timestamptz NOT NULL DEFAULT now());
		CREATE UNIQUE INDEX bench_people_email ON bench_people (lower(email))`); err != nil {
		return 0, err
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	start := time.Now()
	err = conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		_, err := pc.PgConn().CopyFrom(ctx, f, "COPY bench_people (email, first_name, last_name, company, title, language, roles) FROM STDIN WITH (FORMAT csv, HEADER true)")
		return err
	})
	secs := time.Since(start).Seconds()
	if err != nil {
		return 0, err
	}
	_, _ = conn.ExecContext(ctx, `DROP TABLE bench_people`)
	return secs, nil
}

// sqlAlone times what the database itself takes to write the file's rows
// into Roster's own tables, with all their indexes, constraints and the
// settings of a bulk write: the rows are loaded into a temporary table (not
// timed), then one INSERT … SELECT per table writes the persons,
// participations and history entries of a fresh partner's event in one
// transaction, and (PostgreSQL) the search entries are merged. Nothing is
// parsed, checked or sent over the wire: the floor this schema sets under
// any import, which the import is compared with besides the bare COPY.
func sqlAlone(ctx context.Context, db *database.DB, path string, staffID int64, run int) (float64, error) {
	pg := db.Dialect == database.Postgres
	// Numbered parameters: $N on PostgreSQL, ?N on SQLite.
	q := func(s string) string {
		if pg {
			return s
		}
		return strings.NewReplacer("$1", "?1", "$2", "?2", "$3", "?3", "$4", "?4", "$5", "?5").Replace(s)
	}
	// The import's own kind of connection and transaction settings
	// (sqlbatch.Writer, sqlbatch.Load).
	w, err := sqlbatch.NewWriter(ctx, db)
	if err != nil {
		return 0, err
	}
	defer w.Close()
	conn := w.Conn
	now := time.Now().UTC()
	var partnerID, eventID, batchID int64
	if err := conn.QueryRowContext(ctx, q(`INSERT INTO partners (name, created_at, updated_at) VALUES ($1, $2, $2) RETURNING id`),
		fmt.Sprintf("SQL alone %d-%d", now.UnixNano(), run), now).Scan(&partnerID); err != nil {
		return 0, err
	}
	if err := conn.QueryRowContext(ctx, q(`INSERT INTO events (partner_id, name, starts_at, ends_at, login_method, created_at, updated_at)
		VALUES ($1, 'SQL alone', $2, $2, 'magic_link', $2, $2) RETURNING id`), partnerID, now).Scan(&eventID); err != nil {
		return 0, err
	}
	if err := conn.QueryRowContext(ctx, q(`INSERT INTO bulk_jobs (partner_id, event_id, kind, status, created_at)
		VALUES ($1, $2, 'invite', 'running', $3) RETURNING id`), partnerID, eventID, now).Scan(&batchID); err != nil {
		return 0, err
	}
	if err := loadStage(ctx, conn, pg, path); err != nil {
		return 0, err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `DROP TABLE bench_stage`)
	externalID := `'rst_' || lpad(to_hex(n), 20, '0')`
	if !pg {
		externalID = `'rst_' || printf('%020x', n)`
	}
	steps := []struct {
		q    string
		args []any
	}{
		{`INSERT INTO persons (partner_id, external_id, email, first_name, last_name, title, company, language, status, login_enabled,
			search_text, created_at, updated_at)
		SELECT $1, ` + externalID + `, email, first_name, last_name, title, company, coalesce(nullif(language, ''), 'en'),
			'active', true, lower(first_name || ' ' || last_name || ' ' || email), $2, $2
		FROM bench_stage ORDER BY n`, []any{partnerID, now}},
		{`INSERT INTO participations (partner_id, event_id, person_id, is_speaker, is_moderator, status, detailed_status, status_at,
			invited_by_staff_id, invited_at, delivery_state, language, import_batch_id, search_text, sort_name, email_lower, created_at, updated_at)
		SELECT $1, $2, id, false, false, 'invited', 'invited_by_team_member', $5, $3, $5, 'none', language, $4, search_text,
			lower(first_name || ' ' || last_name), lower(email), $5, $5
		FROM persons WHERE partner_id = $1 ORDER BY id`, []any{partnerID, eventID, staffID, batchID, now}},
		{`INSERT INTO participation_history (partner_id, participation_id, to_status, to_detailed_status, cause, actor_kind, actor_id, created_at)
		SELECT $1, id, 'invited', 'invited_by_team_member', 'import', 'staff', $3, $4 FROM participations WHERE event_id = $2 ORDER BY id`,
			[]any{partnerID, eventID, fmt.Sprint(staffID), now}},
	}
	start := time.Now()
	var took []string
	if err := w.InTx(ctx, func(tx database.Tx) error {
		return sqlbatch.Load(ctx, tx, func() error {
			for _, st := range steps {
				t0 := time.Now()
				if _, err := tx.SQL().ExecContext(ctx, q(st.q), st.args...); err != nil {
					return fmt.Errorf("SQL alone: %w", err)
				}
				took = append(took, time.Since(t0).Round(time.Millisecond).String())
			}
			return nil
		})
	}); err != nil {
		return 0, err
	}
	t0 := time.Now()
	if _, err := searchindex.Merge(ctx, db); err != nil {
		return 0, err
	}
	if err := w.Checkpoint(ctx); err != nil { // as the import run does at its end
		return 0, err
	}
	secs := time.Since(start).Seconds()
	fmt.Printf("# SQL alone: persons %s, participations %s, history %s, search merge (or checkpoint) %s\n", took[0], took[1], took[2],
		time.Since(t0).Round(time.Millisecond))
	return secs, nil
}

// loadStage loads the file's rows into the temporary table bench_stage, in
// file order (n).
func loadStage(ctx context.Context, conn *sql.Conn, pg bool, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	cols := `email text, first_name text, last_name text, company text, title text, language text, roles text`
	if pg {
		if _, err := conn.ExecContext(ctx, `DROP TABLE IF EXISTS bench_stage; CREATE TEMP TABLE bench_stage (n bigint GENERATED ALWAYS AS IDENTITY, `+
			cols+`)`); err != nil {
			return err
		}
		return conn.Raw(func(dc any) error {
			_, err := dc.(*stdlib.Conn).Conn().PgConn().CopyFrom(ctx, f,
				"COPY bench_stage (email, first_name, last_name, company, title, language, roles) FROM STDIN WITH (FORMAT csv, HEADER true)")
			return err
		})
	}
	if _, err := conn.ExecContext(ctx, `DROP TABLE IF EXISTS temp.bench_stage`); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, `CREATE TEMP TABLE bench_stage (n INTEGER PRIMARY KEY, `+cols+`)`); err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO bench_stage (email, first_name, last_name, company, title, language, roles) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	r := csv.NewReader(bufio.NewReader(f))
	if _, err := r.Read(); err != nil { // the header
		return err
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if _, err := ins.ExecContext(ctx, rec[0], rec[1], rec[2], rec[3], rec[4], rec[5], rec[6]); err != nil {
			return err
		}
	}
	return tx.Commit()
}
