package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"roster/internal/auth"
	"roster/internal/config"
	"roster/internal/dbtest"
)

type result struct {
	code           int
	stdout, stderr string
}

func runCmd(t *testing.T, env map[string]string, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

func TestInvalidConfigurationStopsWithOneLineNamingTheVariable(t *testing.T) {
	t.Parallel()
	for name, env := range map[string]map[string]string{
		"ROSTER_ADDR":         {"ROSTER_ADDR": "not-an-address"},
		"ROSTER_DATABASE_URL": {"ROSTER_DATABASE_URL": "mysql://x"},
		"ROSTER_SESSION_KEYS": {"ROSTER_SESSION_KEYS": "tooshort"},
		"ROSTER_SMTP_URL":     {"ROSTER_SMTP_URL": "http://mail"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env["ROSTER_DATA_DIR"] = t.TempDir()
			r := runCmd(t, env, "", "serve")
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if r.code != 2 || len(lines) != 1 || !strings.Contains(lines[0], name+":") {
				t.Fatalf("code %d, stderr %q", r.code, r.stderr)
			}
		})
	}
}

func TestHelpAndVersion(t *testing.T) {
	t.Parallel()
	r := runCmd(t, nil, "", "--help")
	for _, v := range []string{"ROSTER_DATABASE_URL", "ROSTER_ADDR", "ROSTER_BASE_URL", "ROSTER_SESSION_KEYS", "ROSTER_SMTP_URL", "ROSTER_DATA_DIR", "create-admin", "seed-demo", "migrate"} {
		if !strings.Contains(r.stdout, v) {
			t.Errorf("--help lacks %s", v)
		}
	}
	if r := runCmd(t, nil, "", "version"); r.code != 0 || !strings.HasPrefix(r.stdout, "roster ") {
		t.Fatalf("version: %+v", r)
	}
	if r := runCmd(t, nil, "", "frobnicate"); r.code != 2 || !strings.Contains(r.stderr, "unknown command") {
		t.Fatalf("unknown command: %+v", r)
	}
}

// dbEnv returns the environment for a fresh database of each dialect.
func eachDB(t *testing.T, fn func(t *testing.T, env map[string]string)) {
	t.Run("sqlite", func(t *testing.T) {
		fn(t, map[string]string{"ROSTER_DATA_DIR": t.TempDir()})
	})
	t.Run("postgres", func(t *testing.T) {
		fn(t, map[string]string{"ROSTER_DATA_DIR": t.TempDir(), "ROSTER_DATABASE_URL": dbtest.NewPostgresDatabase(t)})
	})
}

func TestCreateAdminAndMigrate(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, env map[string]string) {
		r := runCmd(t, env, "", "create-admin", "--email", "ops@example.com", "--partner", "Zoë Events")
		if r.code != 0 {
			t.Fatalf("create-admin: %+v", r)
		}
		lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
		pw := lines[len(lines)-1]
		if len(pw) != 20 || strings.Contains(pw, " ") {
			t.Fatalf("the last line must be the password alone, got %q", pw)
		}
		if !strings.Contains(r.stdout, "Owner") {
			t.Fatalf("the first staff member of a new organisation is its owner: %s", r.stdout)
		}
		// From standard input; the partner exists, so this one is an admin.
		r = runCmd(t, env, "another good password\n", "create-admin", "--email", "ops2@example.com", "--partner", "Zoë Events", "--password-stdin")
		if r.code != 0 || strings.Contains(r.stdout, "another good password") || !strings.Contains(r.stdout, "Admin") {
			t.Fatalf("create-admin --password-stdin: %+v", r)
		}
		// Errors are plain and write nothing.
		r = runCmd(t, env, "", "create-admin", "--email", "OPS@example.com", "--partner", "Zoë Events")
		if r.code != 1 || !strings.Contains(r.stderr, "already exists") {
			t.Fatalf("duplicate: %+v", r)
		}
		r = runCmd(t, env, "short\n", "create-admin", "--email", "x@example.com", "--password-stdin")
		if r.code != 1 || !strings.Contains(r.stderr, "at least 12") {
			t.Fatalf("short password: %+v", r)
		}
		if r := runCmd(t, env, "", "create-admin"); r.code != 2 || !strings.Contains(r.stderr, "--email is required") {
			t.Fatalf("missing email: %+v", r)
		}

		r = runCmd(t, env, "", "migrate", "status")
		if r.code != 0 || !strings.Contains(r.stdout, "0001_core.sql") || !strings.Contains(r.stdout, "applied") {
			t.Fatalf("migrate status: %+v", r)
		}
		if r := runCmd(t, env, "", "migrate", "sideways"); r.code != 2 {
			t.Fatalf("bad direction: %+v", r)
		}
	})
}

func TestMigrateDownAndUpAgain(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, env map[string]string) {
		for _, dir := range []string{"up", "down", "up"} {
			if r := runCmd(t, env, "", "migrate", dir); r.code != 0 {
				t.Fatalf("migrate %s: %+v", dir, r)
			}
		}
		if r := runCmd(t, env, "", "migrate", "status"); strings.Contains(r.stdout, "pending") {
			t.Fatalf("after up everything is applied: %s", r.stdout)
		}
	})
}

func TestSeedDemoTwiceIsRefused(t *testing.T) {
	t.Parallel()
	env := map[string]string{"ROSTER_DATA_DIR": t.TempDir()}
	r := runCmd(t, env, "", "seed-demo", "--partner", "Åsa Demo")
	if r.code != 0 || !strings.Contains(r.stdout, "owner@") {
		t.Fatalf("seed-demo: %+v", r)
	}
	if r := runCmd(t, env, "", "seed-demo", "--partner", "Åsa Demo"); r.code != 1 || r.stderr == "" {
		t.Fatalf("second seed-demo must be refused clearly: %+v", r)
	}
}

// serve prints a setup link on an empty database, answers /readyz, and stops
// cleanly on cancel.
func TestServeFirstRun(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	env := map[string]string{"ROSTER_DATA_DIR": filepath.Join(t.TempDir(), "data"), "ROSTER_ADDR": addr, "ROSTER_LOG_LEVEL": "warn"}
	ctx, cancel := context.WithCancel(context.Background())
	var out safeBuffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve"}, func(k string) string { return env[k] }, nil, &out, io.Discard)
	}()
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get("http://" + addr + "/readyz")
		if err == nil && res.StatusCode == 200 {
			res.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not ready: %v\n%s", err, out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(out.String(), fmt.Sprintf("http://%s/setup?token=", addr)) {
		t.Fatalf("no setup link printed:\n%s", out.String())
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit code %d", code)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// serve --demo on a database that has the demo prints a fresh owner password that works.
func TestDemoAgainPrintsAWorkingPassword(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	var out bytes.Buffer
	e := env{getenv: func(string) string { return "" }, stdout: &out, stderr: io.Discard}
	db, err := open(ctx, config.Config{DataDir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := auth.NewService(db, nil, "http://roster.test", nil)
	for range 2 {
		out.Reset()
		if err := e.ensureDemo(ctx, db, svc); err != nil {
			t.Fatal(err)
		}
	}
	if !strings.Contains(out.String(), "already loaded") {
		t.Fatalf("second run: %s", out.String())
	}
	fields := strings.Fields(out.String())
	pw := fields[len(fields)-1]
	if _, _, err := svc.Login(ctx, "owner@demo-events.example", pw, auth.Client{IP: "127.0.0.1"}); err != nil {
		t.Fatalf("the printed password does not work: %v", err)
	}
}
