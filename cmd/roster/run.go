package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"roster/internal/apperr"
	"roster/internal/audit"
	"roster/internal/auth"
	"roster/internal/bulk"
	"roster/internal/classroom"
	"roster/internal/config"
	"roster/internal/database"
	"roster/internal/demo"
	"roster/internal/directory"
	"roster/internal/event"
	"roster/internal/jobs"
	"roster/internal/mail"
	"roster/internal/media"
	"roster/internal/overview"
	"roster/internal/participation"
	"roster/internal/searchindex"
	"roster/web"
)

// Version is set at build time with -ldflags "-X main.Version=…".
var Version = "dev"

// DemoPartner is the organisation that `serve --demo` and `seed-demo` fill.
const DemoPartner = "Demo Events"

const usage = `Roster — the people console for online events and virtual classrooms.

Usage:
  roster [serve] [--demo] [flags]      run the web console (migrates the database first)
  roster migrate [up|down|status]      apply, roll back one, or list migrations
  roster seed-demo [--partner NAME]    fill an organisation with realistic demo data
  roster create-admin --email E [--partner NAME] [--password-stdin]
                                       create a staff admin (prints a generated password
                                       alone on its last line unless --password-stdin)
  roster version                       print the version

`

type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// run parses the subcommand and its flags, builds everything, and returns the exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{getenv, stdin, stdout, stderr}
	cmd := "serve"
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		cmd, args = "help", args[1:]
	} else if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "serve":
		err = e.serve(ctx, args)
	case "migrate":
		err = e.migrate(ctx, args)
	case "seed-demo":
		err = e.seedDemo(ctx, args)
	case "create-admin":
		err = e.createAdmin(ctx, args)
	case "version":
		fmt.Fprintln(stdout, "roster", Version)
	case "help":
		fmt.Fprint(stdout, usage+config.Usage())
	default:
		fmt.Fprintf(stderr, "roster: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	var usageErr usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &usageErr):
		fmt.Fprintln(stderr, "roster:", err)
		return 2
	default:
		if ae, ok := apperr.As(err); ok && ae.Code != apperr.CodeInternal {
			fmt.Fprintln(stderr, "roster:", ae.Message)
			for k, v := range ae.Fields {
				fmt.Fprintf(stderr, "  %s: %s\n", k, v)
			}
			return 1
		}
		fmt.Fprintln(stderr, "roster:", err)
		return 1
	}
}

type usageError struct{ error }

// flags parses the common configuration flags plus extra ones, then loads the config.
func (e env) flags(name string, args []string, extra func(fs *flag.FlagSet)) (config.Config, *flag.FlagSet, error) {
	fs := flag.NewFlagSet("roster "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "%s\nFlags of %q:\n", usage, name)
		fs.PrintDefaults()
		fmt.Fprint(e.stderr, "\n"+config.Usage())
	}
	vals := config.RegisterFlags(fs)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		return config.Config{}, fs, err
	}
	cfg, err := config.Load(e.getenv, vals)
	if err != nil {
		return cfg, fs, usageError{err}
	}
	return cfg, fs, nil
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// open connects and migrates (Roster's schema, then River's).
func open(ctx context.Context, cfg config.Config, log *slog.Logger) (*database.DB, error) {
	db, err := database.Open(ctx, cfg.DatabaseURL, cfg.DataDir, log)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx, log); err != nil {
		db.Close()
		return nil, err
	}
	if err := jobs.Migrate(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func (e env) serve(ctx context.Context, args []string) error {
	var demoFlag bool
	cfg, _, err := e.flags("serve", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&demoFlag, "demo", false, "fill an empty database with demo data (and print its staff passwords)")
	})
	if err != nil {
		return err
	}
	cfg.Demo = demoFlag
	log := newLogger(cfg, e.stderr)
	if err := cfg.EnsureSessionKeys(); err != nil {
		return usageError{err}
	}
	started := time.Now()
	db, err := open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	log.Info("database ready", "database", database.Describe(cfg.DatabaseURL, cfg.DataDir), "took", time.Since(started).Round(time.Millisecond))
	if db.Dialect == database.Postgres && e.getenv("ROSTER_SESSION_KEYS") == "" && e.getenv("ROSTER_SESSION_KEYS_FILE") == "" {
		log.Warn("ROSTER_SESSION_KEYS is not set: the key generated in the data directory works for one replica only")
	}

	// Mail: SMTP when configured, else the outbox.
	host := strings.TrimPrefix(strings.TrimPrefix(cfg.BaseURL, "https://"), "http://")
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	var sender mail.Sender = mail.OutboxSender{}
	if cfg.SMTPURL != "" {
		smtpSender, err := mail.NewSMTPSender(cfg.SMTPURL, "roster@"+host)
		if err != nil {
			return usageError{err}
		}
		defer smtpSender.Close()
		sender = smtpSender
	}
	workers := river.NewWorkers()
	// The participation service hears delivery changes; it is built below.
	var participants *participation.Service
	deliveryChanged := func(ctx context.Context, id int64, st mail.Status) error {
		return participants.DeliveryChanged(ctx, id, st)
	}
	mail.Register(workers, db, sender, log, deliveryChanged)
	imports := bulk.NewService(bulk.Deps{DB: db, Log: log})
	bulk.Register(workers, imports)
	jc, err := jobs.New(db, log, jobs.Options{Workers: workers, Queues: map[string]int{mail.Queue: mail.PoolSize, searchindex.Queue: 1},
		RescueAfter: cfg.JobRescueAfter})
	if err != nil {
		return err
	}
	mailer := mail.NewService(db, jc)
	mailer.Domain, mailer.OnStatus = host, deliveryChanged
	imports.Jobs, imports.Mail = jc, mailer
	authSvc := auth.NewService(db, mailer, cfg.BaseURL, log)
	authSvc.Compose = web.EmailComposer{}
	images := media.NewStore(db)
	participants = participation.NewService(participation.Deps{DB: db, Mail: mailer, Compose: web.EmailComposer{},
		Media: images, BaseURL: cfg.BaseURL, Log: log})
	imports.Participants = participants

	if cfg.Demo {
		if err := e.ensureDemo(ctx, db, authSvc); err != nil {
			return err
		}
	}
	if needs, err := authSvc.NeedsSetup(ctx); err != nil {
		return err
	} else if needs {
		link, err := authSvc.IssueSetupToken(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "\nRoster is not set up yet. Open this one-time link to create your organisation and its owner\n(valid for 24 hours):\n\n  %s\n\n", link)
	}

	if err := jc.Start(ctx); err != nil {
		return err
	}
	srv := web.NewServer(web.Deps{
		Log: log, Auth: authSvc, Mail: mailer, Audit: audit.NewReader(db), Overview: overview.NewService(db), Events: event.NewService(db),
		Participants: participants, Imports: imports, Directory: directory.NewService(db),
		Classroom: classroom.NewService(classroom.Deps{DB: db, Mail: mailer, Compose: web.EmailComposer{}, BaseURL: cfg.BaseURL, Log: log}),
		Ready:     db.Ping, BaseURL: cfg.BaseURL, Secure: cfg.Secure(), SessionKeys: cfg.SessionKeys,
		MailCaptured: sender.Captures(), BounceToken: cfg.BounceToken, Version: Version, TrustedProxies: cfg.TrustedProxies,
	})
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return usageError{fmt.Errorf("ROSTER_ADDR: cannot listen on %s: %v", cfg.Addr, err)}
	}
	fmt.Fprintf(e.stdout, "Roster %s is listening on %s (open %s)\n", Version, ln.Addr(), cfg.BaseURL)
	errc := make(chan error, 1)
	go func() {
		srv.Listener = ln
		errc <- srv.Start("")
	}()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests and jobs in flight")
	sctx, cancel := context.WithTimeout(context.Background(), 25*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Error("http shutdown", "err", err)
	}
	if err := jc.Stop(sctx); err != nil {
		log.Error("job shutdown", "err", err)
	}
	return nil
}

// ensureDemo fills an empty database with demo data; when the demo is
// already there it gives its owner a new password so the printed
// credentials always work.
func (e env) ensureDemo(ctx context.Context, db *database.DB, authSvc *auth.Service) error {
	res, err := demo.Seed(ctx, db, demo.Options{PartnerName: DemoPartner, Now: time.Now().UTC(), Seed: 1})
	if err == nil {
		e.printDemo(res)
		return nil
	}
	if !apperr.Is(err, apperr.CodeConflict) {
		return err
	}
	owner := demo.OwnerEmail(DemoPartner)
	pw := auth.GeneratePassword()
	if err := authSvc.ResetPassword(ctx, owner, pw); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nDemo data is already loaded. Sign in as the demo owner with a fresh password:\n\n  %-32s %s\n\n", owner, pw)
	return nil
}

func (e env) printDemo(res demo.Result) {
	fmt.Fprintf(e.stdout, "\nDemo data loaded into %q: %d event participants. Staff accounts (passwords shown once):\n\n", res.PartnerName, res.Participants)
	for _, s := range res.Staff {
		fmt.Fprintf(e.stdout, "  %-16s %-36s %s\n", s.Role, s.Email, s.Password)
	}
	fmt.Fprintln(e.stdout)
}

func (e env) migrate(ctx context.Context, args []string) error {
	dir := "up"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		dir, args = args[0], args[1:]
	}
	cfg, _, err := e.flags("migrate", args, nil)
	if err != nil {
		return err
	}
	log := newLogger(cfg, e.stderr)
	db, err := database.Open(ctx, cfg.DatabaseURL, cfg.DataDir, log)
	if err != nil {
		return err
	}
	defer db.Close()
	switch dir {
	case "up":
		if err := db.Migrate(ctx, log); err != nil {
			return err
		}
		if err := jobs.Migrate(ctx, db); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, "migrations applied")
	case "down":
		if err := db.MigrateDown(ctx, log); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, "rolled back the newest migration")
	case "status":
		return db.MigrationStatus(ctx, e.stdout)
	default:
		return usageError{fmt.Errorf("migrate: unknown direction %q (use up, down or status)", dir)}
	}
	return nil
}

func (e env) seedDemo(ctx context.Context, args []string) error {
	var partnerName string
	cfg, _, err := e.flags("seed-demo", args, func(fs *flag.FlagSet) {
		fs.StringVar(&partnerName, "partner", DemoPartner, "organisation to fill (created when missing)")
	})
	if err != nil {
		return err
	}
	db, err := open(ctx, cfg, newLogger(cfg, e.stderr))
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := demo.Seed(ctx, db, demo.Options{PartnerName: partnerName, Now: time.Now().UTC(), Seed: 1})
	if err != nil {
		return err
	}
	e.printDemo(res)
	return nil
}

func (e env) createAdmin(ctx context.Context, args []string) error {
	var email, partnerName string
	var pwStdin bool
	cfg, _, err := e.flags("create-admin", args, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "email of the new admin (required)")
		fs.StringVar(&partnerName, "partner", "", "organisation (created when missing; required when there are several)")
		fs.BoolVar(&pwStdin, "password-stdin", false, "read the password from the first line of standard input")
	})
	if err != nil {
		return err
	}
	if email == "" {
		return usageError{errors.New("create-admin: --email is required")}
	}
	password := ""
	if pwStdin {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		password = strings.TrimRight(line, "\r\n")
		if password == "" {
			return usageError{errors.New("create-admin: --password-stdin read an empty password")}
		}
	} else {
		password = auth.GeneratePassword()
	}
	log := newLogger(cfg, e.stderr)
	db, err := open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := auth.NewService(db, nil, cfg.BaseURL, log)
	st, p, err := svc.CreateAdmin(ctx, partnerName, email, password)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Created %s %s in %q. Sign in at %s/login\n", st.Role.Label(), st.Email, p.Name, cfg.BaseURL)
	if !pwStdin {
		fmt.Fprintln(e.stdout, "Password:")
		fmt.Fprintln(e.stdout, password)
	}
	return nil
}
