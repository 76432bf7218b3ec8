// Command bench builds the benchmark dataset (one event with up to 1,000,000
// participants, deterministic) and prints the figures of BENCHMARKS.md that
// exist so far, one line each: name  median  min  max  unit  n.
//
//	go run ./bench                        # PostgreSQL at 127.0.0.1, 1,000,000 participants
//	go run ./bench -sqlite -participants 100000
//
// The dataset is kept between runs (a database per size) unless -fresh.
// It exits non-zero only when it cannot run, never because a target is missed.
package main

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"roster/internal/audit"
	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/directory"
	"roster/internal/event"
	"roster/internal/i18n"
	"roster/internal/jobs"
	"roster/internal/mail"
	"roster/internal/media"
	"roster/internal/overview"
	"roster/internal/participation"
	"roster/internal/partner"
	"roster/internal/people"
	"roster/web"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

const password = "bench password 1"

func run() error {
	n := flag.Int("participants", 1_000_000, "participants in the event")
	useSQLite := flag.Bool("sqlite", false, "measure the embedded SQLite instead of PostgreSQL")
	admin := flag.String("postgres", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "PostgreSQL server (admin URL)")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "roster-bench"), "where the SQLite dataset lives")
	runs := flag.Int("runs", 30, "measurements per figure")
	fresh := flag.Bool("fresh", false, "rebuild the dataset")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the measurements to this file")
	memProfile := flag.String("memprofile", "", "write a profile of what the measurements allocated to this file")
	skipExport := flag.Bool("skip-export", false, "skip the CSV export figure")
	mailN := flag.Int("mail", 0, "measure email delivery instead: emails per run (on a fresh database)")
	importN := flag.Int("import", 0, "measure the bulk invite instead: rows per file (on a fresh database)")
	flag.Parse()
	ctx := context.Background()
	tag := strconv.Itoa(*n)
	if *mailN > 0 {
		tag, *fresh = "mail", true
	}
	if *importN > 0 {
		tag, *fresh = "import", true
	}

	var dbURL string
	if *useSQLite {
		if err := os.MkdirAll(*dir, 0o755); err != nil {
			return err
		}
		path := filepath.Join(*dir, "bench-"+tag+".db")
		if *fresh {
			os.Remove(path)
		}
		dbURL = "sqlite://" + path
	} else {
		name := "roster_bench_" + tag
		a, err := sql.Open("pgx", *admin)
		if err != nil {
			return err
		}
		if *fresh {
			a.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		}
		a.ExecContext(ctx, "CREATE DATABASE "+name) // fails harmlessly when it exists
		a.Close()
		u, _ := url.Parse(*admin)
		u.Path = "/" + name
		dbURL = u.String()
	}
	db, err := database.Open(ctx, dbURL, "", nil)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx, nil); err != nil {
		return err
	}
	if err := jobs.Migrate(ctx, db); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *memProfile != "" {
		runtime.MemProfileRate = 64 << 10
		defer func() {
			if f, err := os.Create(*memProfile); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	if *importN > 0 {
		fmt.Printf("# %s, bulk invite of %d new people\n", db.Dialect, *importN)
		return benchImport(ctx, db, *importN, min(*runs, 5))
	}
	if *mailN > 0 {
		fmt.Printf("# %s, email delivery to a local SMTP sink\n", db.Dialect)
		return benchMail(ctx, db, *mailN, min(*runs, 5))
	}
	ds, err := dataset(ctx, db, *n)
	if err != nil {
		return err
	}
	fmt.Printf("# %s, %d participants in event %d\n", db.Dialect, *n, ds.eventID)
	return measure(ctx, db, ds, *runs, *skipExport)
}

type data struct {
	eventID int64
	p       auth.Principal
	email   string
}

var firstNames = []string{"Olivia", "Liam", "Emma", "Noah", "Ava", "Oliver", "Sophia", "Elijah", "Isabella", "James",
	"Mia", "Lucas", "Amelia", "Mason", "Harper", "Ethan", "Evelyn", "Logan", "Abigail", "Jacob", "Emily", "Michael"}
var lastNames = []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
	"Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
	"Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson"}
var domains = []string{"example.com", "contoso.example", "fabrikam.example", "northwind.example", "tailspin.example",
	"wingtip.example", "adatum.example", "litware.example", "proseware.example", "fourthcoffee.example", "mail.example",
	"lucerne.example", "wideworld.example", "margie.example", "trey.example", "alpine.example", "blueyonder.example",
	"cohovineyard.example", "humongous.example", "woodgrove.example"}

// asciiOf is an email-safe form of a name.
func asciiOf(s string) string {
	var b strings.Builder
	for _, r := range people.Fold(s) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

var unicodeNames = [][2]string{{"Noël", "Lefèvre"}, {"Zoë", "Müller"}, {"李", "雷"}, {"Åsa", "Lindqvist"}, {"Søren", "Ødegård"},
	{"José", "Peña"}, {"Łukasz", "Wiśniewski"}, {"Dmitrij", "Ивановa"}}

// dataset returns the benchmark event, building it when missing.
func dataset(ctx context.Context, db *database.DB, n int) (data, error) {
	var d data
	var eventID int64
	db.Gorm.Raw(`SELECT id FROM events WHERE name = 'Bench Summit'`).Scan(&eventID)
	var have int64
	if eventID != 0 {
		db.Gorm.Raw(`SELECT coalesce(sum(count), 0) FROM participation_counters WHERE event_id = ? AND dimension = 'status'`, eventID).Scan(&have)
	}
	if eventID != 0 && have == int64(n) {
		var staff struct {
			ID, PartnerID int64
			Email         string
		}
		db.Gorm.Raw(`SELECT id, partner_id, email FROM staff WHERE email = 'bench@example.com'`).Scan(&staff)
		return data{eventID: eventID, email: staff.Email,
			p: auth.Principal{StaffID: staff.ID, PartnerID: staff.PartnerID, Role: auth.RoleAdmin, Email: staff.Email}}, nil
	}
	if eventID != 0 {
		return d, fmt.Errorf("a partial dataset exists (%d of %d participants): rerun with -fresh", have, n)
	}
	start := time.Now()
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	var e event.Event
	err := db.InTx(ctx, func(tx database.Tx) error {
		p, err := partner.CreateTx(ctx, tx, "Bench")
		if err != nil {
			return err
		}
		st, err := auth.CreateStaffTx(ctx, tx, auth.NewStaff{PartnerID: p.ID, Email: "bench@example.com", Name: "Bench",
			Role: auth.RoleAdmin, Password: password})
		if err != nil {
			return err
		}
		d.p = auth.Principal{StaffID: st.ID, PartnerID: p.ID, Role: auth.RoleAdmin, Email: st.Email}
		d.email = st.Email
		return tx.Gorm.Raw(`INSERT INTO events (partner_id, name, time_zone, starts_at, ends_at, login_method, registration_form_required,
			email_confirmation_required, closed, default_language, outside_groups_allowed, created_at, updated_at)
			VALUES (?, 'Bench Summit', 'Europe/Berlin', ?, ?, 'magic_link', false, false, false, 'en', true, ?, ?) RETURNING id`,
			p.ID, now.Add(30*24*time.Hour), now.Add(32*24*time.Hour), now, now).Scan(&d.eventID).Error
	})
	if err != nil {
		return d, err
	}
	e, err = event.GetTx(ctx, db.Conn(ctx), d.p.PartnerID, d.eventID)
	if err != nil {
		return d, err
	}
	// Bulk load: build the trigram indexes once at the end instead of
	// updating them row by row (the schema is restored exactly below).
	if db.Dialect == database.Postgres {
		for _, idx := range []string{"participations_search_trgm_idx", "persons_search_trgm_idx"} {
			if err := db.Gorm.Exec("DROP INDEX IF EXISTS " + idx).Error; err != nil {
				return d, err
			}
		}
	}
	r := rand.New(rand.NewPCG(42, 7))
	staffActor := participation.Actor{Kind: participation.ActorStaff, ID: fmt.Sprint(d.p.StaffID)}
	const chunk = 5000
	for base := 0; base < n; base += chunk {
		size := min(chunk, n-base)
		profiles := make([]people.Profile, size)
		for i := range profiles {
			k := base + i
			first, last := firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
			if r.IntN(100) < 5 {
				u := unicodeNames[r.IntN(len(unicodeNames))]
				first, last = u[0], u[1]
			}
			// Realistic, unique addresses: first.last + a number, at one of many domains.
			local := strings.ToLower(asciiOf(first) + "." + asciiOf(last))
			profiles[i] = people.Profile{Email: fmt.Sprintf("%s%d@%s", local, k, domains[k%len(domains)]),
				FirstName: first, LastName: last, Language: i18n.Languages[r.IntN(len(i18n.Languages))].Code}
		}
		err := db.InTx(ctx, func(tx database.Tx) error {
			ps, err := people.CreateManyTx(ctx, tx, d.p.PartnerID, profiles, now)
			if err != nil {
				return err
			}
			seeds := make([]participation.Seed, size)
			for i, p := range ps {
				created := now.Add(-time.Duration(r.IntN(90*24*3600)) * time.Second)
				person := participation.Actor{Kind: participation.ActorPerson, ID: fmt.Sprint(p.ID)}
				steps := []participation.SeedStep{{Trigger: participation.TrInvite, At: created, Actor: staffActor}}
				next := func(t participation.Trigger, who participation.Actor) {
					steps = append(steps, participation.SeedStep{Trigger: t, At: steps[len(steps)-1].At.Add(time.Duration(1+r.IntN(3600)) * time.Second), Actor: who})
				}
				switch x := r.IntN(100); {
				case x < 45: // invited
				case x < 78:
					next(participation.TrRegister, person)
				case x < 93:
					next(participation.TrRegister, person)
					next(participation.TrVisitBefore, person)
				case x < 98:
					next(participation.TrUnregister, person)
				default:
					next(participation.TrBlock, staffActor)
				}
				seeds[i] = participation.Seed{PersonID: p.ID, IsSpeaker: r.IntN(100) < 6, IsModerator: r.IntN(100) < 4,
					Language: p.Language, Delivery: participation.DeliverySent, Steps: steps}
			}
			_, err = participation.SeedTx(ctx, tx, d.p.PartnerID, e, seeds)
			return err
		})
		if err != nil {
			return d, err
		}
		if done := base + size; done%100000 == 0 || done == n {
			fmt.Fprintf(os.Stderr, "# built %d/%d participants in %s\n", done, n, time.Since(start).Round(time.Second))
		}
	}
	if db.Dialect == database.Postgres {
		for _, stmt := range []string{
			"CREATE INDEX persons_search_trgm_idx ON persons USING gin (search_text gin_trgm_ops)",
			"CREATE INDEX participations_search_trgm_idx ON participations USING gin (search_text gin_trgm_ops)",
			"ANALYZE",
		} {
			if err := db.Gorm.Exec(stmt).Error; err != nil {
				return d, err
			}
		}
		fmt.Fprintf(os.Stderr, "# indexes rebuilt in %s\n", time.Since(start).Round(time.Second))
	}
	return d, nil
}

type figure struct {
	name string
	unit string
	xs   []float64
}

func (f figure) print() {
	slices.Sort(f.xs)
	fmt.Printf("%-44s %10.3f %10.3f %10.3f  %-6s %d\n", f.name, f.xs[len(f.xs)/2], f.xs[0], f.xs[len(f.xs)-1], f.unit, len(f.xs))
}

func timeIt(name string, runs int, fn func() error) (figure, error) {
	fs, err := timeInterleaved([]string{name}, runs, []func() error{fn})
	if err != nil {
		return figure{name: name, unit: "ms"}, err
	}
	return fs[0], nil
}

// timeInterleaved times several figures in turns (one run of each, then
// the next round), so that none of them takes the machine's state after a
// different workload on its own: timed one after another, the first figure
// of the handler series measured 30-50% slower whichever page it was.
func timeInterleaved(names []string, runs int, fns []func() error) ([]figure, error) {
	figs := make([]figure, len(names))
	for i, name := range names {
		figs[i] = figure{name: name, unit: "ms"}
		if err := fns[i](); err != nil { // warm-up
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	for range runs {
		for i, fn := range fns {
			start := time.Now()
			if err := fn(); err != nil {
				return nil, fmt.Errorf("%s: %w", names[i], err)
			}
			figs[i].xs = append(figs[i].xs, float64(time.Since(start).Microseconds())/1000)
		}
	}
	return figs, nil
}

func measure(ctx context.Context, db *database.DB, d data, runs int, skipExport bool) error {
	jc, err := jobs.New(db, nil, jobs.Options{})
	if err != nil {
		return err
	}
	images := media.NewStore(db)
	mailer := mail.NewService(db, jc)
	svc := participation.NewService(participation.Deps{DB: db, Mail: mailer, Compose: web.EmailComposer{}, Media: images,
		BaseURL: "http://bench.test"})
	list := func(f participation.ListFilter) func() error {
		f.EventID = d.eventID
		return func() error { _, err := svc.List(ctx, d.p, f); return err }
	}
	// A deep cursor: walk to row 500,000 (or the middle) once.
	var deep string
	var total int64
	{
		page, err := svc.List(ctx, d.p, participation.ListFilter{EventID: d.eventID, Limit: 1000})
		if err != nil {
			return err
		}
		total = page.Total
		for page.To < total/2 && page.Next != "" {
			deep = page.Next
			if page, err = svc.List(ctx, d.p, participation.ListFilter{EventID: d.eventID, Limit: 1000, Cursor: page.Next}); err != nil {
				return err
			}
		}
	}
	// A rare term: the local part of one participant's address.
	var rare string
	db.Gorm.Raw(`SELECT email FROM persons ORDER BY id LIMIT 1 OFFSET ?`, total*7/9).Scan(&rare)
	rare, _, _ = strings.Cut(rare, "@")
	var figs []figure
	add := func(name string, fn func() error) error {
		f, err := timeIt(name, runs, fn)
		if err != nil {
			return err
		}
		figs = append(figs, f)
		f.print()
		return nil
	}
	steps := []struct {
		name string
		fn   func() error
	}{
		{"service: first page of 50", list(participation.ListFilter{})},
		{fmt.Sprintf("service: deep page (row %d) of 50", total/2), list(participation.ListFilter{Cursor: deep})},
		{"service: sort by name, first page", list(participation.ListFilter{Sort: participation.SortName})},
		{"service: search common term (smith)", list(participation.ListFilter{Query: "smith"})},
		{"service: search rare term (one person's address)", list(participation.ListFilter{Query: rare})},
		{"service: status filter (attended)", list(participation.ListFilter{Status: participation.StatusAttended})},
		{"service: role filter (speakers)", list(participation.ListFilter{Role: participation.RoleSpeaker})},
		{"service: status chip counts", func() error { _, err := svc.Counts(ctx, d.p, d.eventID); return err }},
	}
	for _, s := range steps {
		if err := add(s.name, s.fn); err != nil {
			return err
		}
	}
	// The whole handler, rendering included, through the real server.
	srv, client, err := server(ctx, db, svc, mailer, d)
	if err != nil {
		return err
	}
	defer srv.Close()
	base := fmt.Sprintf("%s/events/%d/users", srv.URL, d.eventID)
	get := func(u string) func() error {
		return func() error {
			res, err := client.Get(u)
			if err != nil {
				return err
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			if res.StatusCode != http.StatusOK {
				return fmt.Errorf("GET %s: %d %s", u, res.StatusCode, firstLine(b))
			}
			lastSize = len(b)
			return nil
		}
	}
	if err := get(base)(); err != nil {
		fmt.Printf("# the All users page is not served yet (%v): handler figures skipped\n", err)
	} else {
		var names []string
		var fns []func() error
		for _, s := range []struct{ name, q string }{
			{"handler: All users, first page of 50", ""},
			{"handler: All users, deep page", "?cursor=" + url.QueryEscape(deep)},
			{"handler: All users, search common term", "?q=smith"},
			{"handler: All users, search rare term", "?q=" + url.QueryEscape(rare)},
			{"handler: All users, status filter", "?status=attended"},
			{"handler: All users, role filter", "?role=speaker"},
			{"handler: People directory, first page", "/people"},
			{"handler: People directory, search common term", "/people?q=smith"},
			{"handler: People directory, search rare term", "/people?q=" + url.QueryEscape(rare)},
		} {
			u := base + s.q
			if strings.HasPrefix(s.q, "/") {
				u = srv.URL + s.q
			}
			names = append(names, s.name)
			fns = append(fns, get(u))
		}
		hf, err := timeInterleaved(names, runs, fns)
		if err != nil {
			return err
		}
		for _, f := range hf {
			figs = append(figs, f)
			f.print()
		}
		_ = get(base)()
		fmt.Printf("%-44s %10d %10d %10d  %-6s %d\n", "handler: HTML of one page of 50", lastSize/1024, lastSize/1024, lastSize/1024, "KB", 1)
		tp, errs := throughput(client, base, 64, 3, 5*time.Second)
		fmt.Printf("%-44s %10.0f %10.0f %10.0f  %-6s %d  (%d errors)\n", "handler: All users throughput, 64 connections",
			median(tp), slices.Min(tp), slices.Max(tp), "req/s", len(tp), errs)
	}
	if skipExport {
		return nil
	}
	// Streaming export of every participant.
	start := time.Now()
	var cw countWriter
	if err := svc.Export(ctx, d.p, participation.ListFilter{EventID: d.eventID}, &cw); err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Printf("%-44s %10.0f %10.0f %10.0f  %-6s %d  (%d rows, %.1f MB in %s)\n", "service: CSV export, rows/s",
		float64(total)/el.Seconds(), float64(total)/el.Seconds(), float64(total)/el.Seconds(), "rows/s", 1, total, float64(cw.n)/(1<<20), el.Round(time.Millisecond))
	return nil
}

var lastSize int

// throughput loads the page from conns connections at once (loopback, the
// signed-in client's session), rounds times for d each, and returns the
// requests per second of each round and the requests that failed (an error
// or a status other than 200).
func throughput(client *http.Client, page string, conns, rounds int, d time.Duration) ([]float64, int64) {
	tr := &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}
	defer tr.CloseIdleConnections()
	c := &http.Client{Jar: client.Jar, Transport: tr, CheckRedirect: client.CheckRedirect, Timeout: 30 * time.Second}
	var rates []float64
	var failed atomic.Int64
	for range rounds {
		var done atomic.Int64
		stop := time.Now().Add(d)
		start := time.Now()
		var wg sync.WaitGroup
		for range conns {
			wg.Go(func() {
				for time.Now().Before(stop) {
					res, err := c.Get(page)
					if err != nil {
						failed.Add(1)
						continue
					}
					_, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if err != nil || res.StatusCode != http.StatusOK {
						failed.Add(1)
						continue
					}
					done.Add(1)
				}
			})
		}
		wg.Wait()
		rates = append(rates, float64(done.Load())/time.Since(start).Seconds())
	}
	return rates, failed.Load()
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func firstLine(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	if len(b) > 200 {
		b = b[:200]
	}
	return string(b)
}

// server runs the real console on db and signs the bench admin in.
func server(ctx context.Context, db *database.DB, svc *participation.Service, mailer *mail.Service, d data) (*httptest.Server, *http.Client, error) {
	log := slog.New(slog.DiscardHandler)
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	authSvc := auth.NewService(db, mailer, base, log)
	srv.Config.Handler = web.NewServer(web.Deps{Log: log, Auth: authSvc, Mail: mailer, Audit: audit.NewReader(db),
		Overview: overview.NewService(db), Events: event.NewService(db), Participants: svc, Directory: directory.NewService(db), Ready: db.Ping, BaseURL: base,
		SessionKeys: [][]byte{[]byte(strings.Repeat("b", 32))}})
	srv.Start()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	// Sign in through the form, as a browser does.
	res, err := client.Get(base + "/login")
	if err != nil {
		return nil, nil, err
	}
	res.Body.Close()
	u, _ := url.Parse(base)
	var csrf string
	for _, k := range jar.Cookies(u) {
		if k.Name == "_csrf" {
			csrf = k.Value
		}
	}
	res, err = client.PostForm(base+"/login", url.Values{"email": {d.email}, "password": {password}, "_csrf": {csrf}})
	if err != nil {
		return nil, nil, err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return nil, nil, fmt.Errorf("bench login: %d", res.StatusCode)
	}
	return srv, client, nil
}
