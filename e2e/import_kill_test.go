package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"roster/internal/auth"
	"roster/internal/bulk"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/event"
	"roster/internal/jobs"
	"roster/internal/mail"
	"roster/internal/mailtest"
	"roster/internal/media"
	"roster/internal/participation"
	"roster/internal/partner"
	"roster/web"
)

// A server killed (SIGKILL) in the middle of a bulk invite resumes it on
// restart and finishes with every row invited exactly once and no
// invitation emailed twice.
func TestKilledImportResumesExactlyOnce(t *testing.T) {
	t.Parallel()
	const rows = 3000
	smtpd := mailtest.Start(t, "", "")
	smtpd.Discard()
	dbURL := dbtest.NewPostgresDatabase(t)
	env := append(os.Environ(), "ROSTER_DATABASE_URL="+dbURL, "ROSTER_DATA_DIR="+t.TempDir(), "ROSTER_LOG_LEVEL=warn",
		"ROSTER_SMTP_URL=smtp://"+smtpd.Addr+"?tls=none", "ROSTER_JOB_RESCUE_AFTER=5s")
	migrate := exec.Command(binary(t), "migrate", "up")
	migrate.Env = env
	if out, err := migrate.CombinedOutput(); err != nil {
		t.Fatalf("migrate: %v\n%s", err, out)
	}

	// An organiser checks a file and starts it, as the console does.
	ctx := context.Background()
	db, err := database.Open(ctx, dbURL, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var p auth.Principal
	if err := db.InTx(ctx, func(tx database.Tx) error {
		pt, err := partner.CreateTx(ctx, tx, "Import Co")
		if err != nil {
			return err
		}
		st, err := auth.CreateStaffTx(ctx, tx, auth.NewStaff{PartnerID: pt.ID, Email: "org@import.example.com", Name: "Org",
			Role: auth.RoleOrganizer, Password: "a long enough password"})
		p = auth.Principal{StaffID: st.ID, PartnerID: pt.ID, Role: auth.RoleOrganizer, Email: st.Email}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	start := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Hour)
	e, err := event.NewService(db).Create(ctx, p, event.Input{Name: "Big Summit", TimeZone: "UTC", StartsAt: start,
		EndsAt: start.Add(time.Hour), LoginMethod: event.LoginMagicLink, DefaultLanguage: "en"})
	if err != nil {
		t.Fatal(err)
	}
	ins, err := jobs.New(db, nil, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mailer := mail.NewService(db, ins)
	images := media.NewStore(db)
	parts := participation.NewService(participation.Deps{DB: db, Mail: mailer, Compose: web.EmailComposer{}, Media: images,
		BaseURL: "http://roster.example.com"})
	svc := bulk.NewService(bulk.Deps{DB: db, Jobs: ins, Participants: parts, Mail: mailer})
	var file bytes.Buffer
	file.WriteString("email,first_name,last_name\n")
	for i := range rows {
		fmt.Fprintf(&file, "person%d@example.com,Person,Number %d\n", i, i)
	}
	b, err := svc.Check(ctx, p, e.ID, "big.csv", &file)
	if err != nil {
		t.Fatal(err)
	}
	if b.Report.WillInvite != rows {
		t.Fatalf("the check plans %+v", b.Report.Plan)
	}
	if _, err := svc.Start(ctx, p, e.ID, b.ID, true); err != nil {
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
	progress := func() bulk.Batch {
		got, err := svc.Get(ctx, p, e.ID, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	first := serve()
	deadline := time.Now().Add(90 * time.Second)
	for progress().Processed == 0 {
		if time.Now().After(deadline) {
			_ = first.Process.Kill()
			t.Fatal("the import did not start")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	atKill := progress()
	if atKill.Status != bulk.StatusRunning || atKill.Processed >= rows {
		t.Fatalf("the kill came too late: %s, %d of %d", atKill.Status, atKill.Processed, rows)
	}
	t.Logf("killed after %d of %d rows", atKill.Processed, rows)

	second := serve()
	t.Cleanup(func() {
		_ = second.Process.Signal(os.Interrupt)
		_ = second.Wait()
	})
	deadline = time.Now().Add(180 * time.Second)
	for progress().Status != bulk.StatusDone {
		if time.Now().After(deadline) {
			t.Fatalf("after the restart: %+v", progress())
		}
		time.Sleep(100 * time.Millisecond)
	}
	done := progress()
	if done.Invited != rows || done.Skipped != 0 || done.Failed != 0 {
		t.Fatalf("counts: %d invited, %d skipped, %d failed", done.Invited, done.Skipped, done.Failed)
	}
	var parts2, persons, emails, dupEmails int64
	db.Gorm.Raw(`SELECT count(*) FROM participations WHERE event_id = ? AND import_batch_id = ?`, e.ID, b.ID).Scan(&parts2)
	db.Gorm.Raw(`SELECT count(*) FROM persons WHERE partner_id = ?`, p.PartnerID).Scan(&persons)
	db.Gorm.Raw(`SELECT count(*) FROM emails WHERE partner_id = ?`, p.PartnerID).Scan(&emails)
	db.Gorm.Raw(`SELECT count(*) FROM (SELECT to_address FROM emails GROUP BY to_address HAVING count(*) > 1) d`).Scan(&dupEmails)
	if parts2 != rows || persons != rows || emails != rows || dupEmails != 0 {
		t.Fatalf("%d participations, %d persons, %d emails (%d addresses twice), want %d each", parts2, persons, emails, dupEmails, rows)
	}
	// The invitations leave too, each once.
	deadline = time.Now().Add(120 * time.Second)
	for smtpd.Count() < rows {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d invitations sent", smtpd.Count(), rows)
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	if n := smtpd.Count(); n != rows {
		t.Fatalf("the SMTP server received %d messages for %d invitations", n, rows)
	}
}
