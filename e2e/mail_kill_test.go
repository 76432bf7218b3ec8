package e2e

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"roster/internal/database"
	"roster/internal/jobs"
	"roster/internal/mail"
	"roster/internal/mailtest"
	"roster/internal/partner"
)

// A server killed (SIGKILL) in the middle of a mailing sends nothing twice:
// after a restart every email is either delivered exactly once or, if the
// kill caught it inside its SMTP transaction, marked failed as unconfirmed
// (never resent blindly), and each message reached the server at most once.
func TestKilledMailingSendsNothingTwice(t *testing.T) {
	t.Parallel()
	const total = 600
	smtpd := mailtest.Start(t, "", "")
	smtpd.Slow(25 * time.Millisecond) // a mailing that lasts long enough to be cut
	data := t.TempDir()
	env := append(os.Environ(), "ROSTER_DATA_DIR="+data, "ROSTER_LOG_LEVEL=warn",
		"ROSTER_SMTP_URL=smtp://"+smtpd.Addr+"?tls=none", "ROSTER_JOB_RESCUE_AFTER=1s")

	migrate := exec.Command(binary(t), "migrate", "up")
	migrate.Env = env
	if out, err := migrate.CombinedOutput(); err != nil {
		t.Fatalf("migrate: %v\n%s", err, out)
	}

	// Queue the mailing as the console does: each email a row plus its job.
	ctx := context.Background()
	db, err := database.Open(ctx, "", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	jc, err := jobs.New(db, nil, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	svc := mail.NewService(db, jc)
	err = db.InTx(ctx, func(tx database.Tx) error {
		p, err := partner.CreateTx(ctx, tx, "Mailing Co")
		if err != nil {
			return err
		}
		for i := range total {
			if _, err := svc.QueueTx(ctx, tx, mail.Message{PartnerID: &p.ID, CauseKey: fmt.Sprintf("kill:%d", i),
				To: fmt.Sprintf("person%d@example.com", i), Subject: fmt.Sprintf("Invitation %d", i), Text: "Hello"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	serve := func() *exec.Cmd {
		cmd := exec.Command(binary(t), "serve")
		cmd.Env = append(env, "ROSTER_ADDR="+freeAddr(t))
		cmd.Stdout, cmd.Stderr = &logWriter{t: t}, &logWriter{t: t}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	first := serve()
	deadline := time.Now().Add(60 * time.Second)
	for smtpd.Count() < total/6 {
		if time.Now().After(deadline) {
			_ = first.Process.Kill()
			t.Fatalf("the mailing did not start: %d received", smtpd.Count())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	atKill := smtpd.Count()
	if atKill >= total {
		t.Fatalf("the whole mailing went out before the kill (%d)", atKill)
	}
	t.Logf("killed after %d of %d emails", atKill, total)

	second := serve()
	t.Cleanup(func() {
		_ = second.Process.Signal(os.Interrupt)
		_ = second.Wait()
	})
	type tally struct{ Status, LastError string }
	var rows []tally
	deadline = time.Now().Add(120 * time.Second)
	for {
		rows = nil
		if err := db.Gorm.Raw(`SELECT status, last_error FROM emails`).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		done := 0
		for _, r := range rows {
			if r.Status == string(mail.StatusSent) || r.Status == string(mail.StatusFailed) {
				done++
			}
		}
		if done == total {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the restart %d of %d emails are finished", done, total)
		}
		time.Sleep(200 * time.Millisecond)
	}
	_ = db.Close()

	// Each message reached the server at most once.
	seen := map[string]int{}
	for _, m := range smtpd.Messages() {
		id := header(t, m.Data, "Message-Id")
		seen[id]++
		if seen[id] > 1 {
			t.Fatalf("%s was sent twice", id)
		}
	}
	sent, unconfirmed := 0, 0
	for _, r := range rows {
		switch {
		case r.Status == string(mail.StatusSent):
			sent++
		case r.LastError == mail.ErrUnconfirmed.Error():
			unconfirmed++
		default:
			t.Fatalf("an email failed for another reason: %q", r.LastError)
		}
	}
	received := smtpd.Count()
	t.Logf("after the restart: %d sent, %d unconfirmed, %d received", sent, unconfirmed, received)
	// A sent email was received; an unconfirmed one may or may not have been.
	if received < sent || received > sent+unconfirmed {
		t.Fatalf("%d received for %d sent and %d unconfirmed", received, sent, unconfirmed)
	}
	// Only the transactions in flight at the kill can be unconfirmed.
	if unconfirmed > mail.PoolSize {
		t.Fatalf("%d unconfirmed emails: more than the %d in flight", unconfirmed, mail.PoolSize)
	}
}

// header returns one header of a raw message.
func header(t *testing.T, raw, name string) string {
	t.Helper()
	sc := bufio.NewScanner(strings.NewReader(raw))
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			break
		}
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(k, name) {
			return strings.TrimSpace(v)
		}
	}
	t.Fatalf("no %s header", name)
	return ""
}
