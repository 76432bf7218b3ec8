package mail_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/jobs"
	"roster/internal/mail"
	"roster/internal/mailtest"
)

func startWorkers(t *testing.T, db *database.DB, sender mail.Sender) (*mail.Service, *jobs.Client) {
	t.Helper()
	workers := river.NewWorkers()
	mail.Register(workers, db, sender, nil, nil)
	jc, err := jobs.New(db, nil, jobs.Options{Workers: workers, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := jc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = jc.Stop(ctx)
	})
	return mail.NewService(db, jc), jc
}

func waitStatus(t *testing.T, svc *mail.Service, partnerID, id int64, want mail.Status) mail.Email {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		e, err := svc.Get(context.Background(), partnerID, id)
		if err != nil {
			t.Fatal(err)
		}
		if e.Status == want {
			return e
		}
		if time.Now().After(deadline) {
			t.Fatalf("email %d is %s (%s), want %s", id, e.Status, e.LastError, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func partnerID(t *testing.T, db *database.DB) int64 {
	t.Helper()
	var id int64
	if err := db.Gorm.Raw(`INSERT INTO partners (name, created_at, updated_at) VALUES ('Mail Co', ?, ?) RETURNING id`,
		time.Now().UTC(), time.Now().UTC()).Scan(&id).Error; err != nil {
		t.Fatal(err)
	}
	return id
}

// An email queued in a committed transaction is delivered once over real
// SMTP (with AUTH), as HTML and plain text; queuing the same cause again sends nothing more.
func TestQueuedEmailIsDeliveredOnceOverSMTP(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		smtpd := mailtest.Start(t, "roster", "s3cret")
		sender, err := mail.NewSMTPSender("smtp://roster:s3cret@"+smtpd.Addr+"?tls=none&from=roster@example.com", "fallback@example.com")
		if err != nil {
			t.Fatal(err)
		}
		svc, _ := startWorkers(t, db, sender)
		pid := partnerID(t, db)
		msg := mail.Message{PartnerID: &pid, CauseKey: "test:1", To: "zoë-is-not-ascii-but-this-is@example.com", Subject: "Bienvenue, Noël",
			Text: "Hello in plain text", HTML: "<p>Hello in <b>HTML</b></p>"}
		msg.To = "noel@example.com"
		var id, again int64
		ctx := context.Background()
		if err := db.InTx(ctx, func(tx database.Tx) error { id, err = svc.QueueTx(ctx, tx, msg); return err }); err != nil {
			t.Fatal(err)
		}
		if err := db.InTx(ctx, func(tx database.Tx) error { again, err = svc.QueueTx(ctx, tx, msg); return err }); err != nil {
			t.Fatal(err)
		}
		if again != id {
			t.Fatalf("the same cause made a second email: %d vs %d", again, id)
		}
		e := waitStatus(t, svc, pid, id, mail.StatusSent)
		if e.SentAt == nil || e.Attempts != 1 {
			t.Fatalf("sent email: %+v", e)
		}
		time.Sleep(300 * time.Millisecond)
		msgs := smtpd.Messages()
		if len(msgs) != 1 {
			t.Fatalf("received %d messages, want exactly 1", len(msgs))
		}
		m := msgs[0]
		if m.From != "roster@example.com" || len(m.To) != 1 || m.To[0] != "noel@example.com" {
			t.Fatalf("envelope: %+v", m)
		}
		for _, want := range []string{"text/plain", "text/html", "Hello in plain text", "multipart/alternative"} {
			if !strings.Contains(m.Data, want) {
				t.Errorf("message lacks %q", want)
			}
		}
	})
}

// When the SMTP server is unreachable the email is deferred with the reason, not lost.
func TestUnreachableSMTPDefersTheEmail(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		sender, err := mail.NewSMTPSender("smtp://"+addr+"?tls=none", "roster@example.com")
		if err != nil {
			t.Fatal(err)
		}
		svc, _ := startWorkers(t, db, sender)
		pid := partnerID(t, db)
		ctx := context.Background()
		var id int64
		if err := db.InTx(ctx, func(tx database.Tx) error {
			id, err = svc.QueueTx(ctx, tx, mail.Message{PartnerID: &pid, CauseKey: "test:down", To: "a@example.com", Subject: "S", Text: "T"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		e := waitStatus(t, svc, pid, id, mail.StatusDeferred)
		if e.LastError == "" {
			t.Fatal("a deferred email says why")
		}
	})
}

// The last failed attempt marks the email failed (the participant's delivery
// then reads "bounced"); earlier failures leave it deferred.
func TestLastFailedAttemptMarksTheEmailFailed(t *testing.T) {
	t.Parallel()
	db := dbtest.SQLite(t)
	ctx := context.Background()
	svc, _ := startWorkers(t, db, mail.OutboxSender{})
	pid := partnerID(t, db)
	var id int64
	if err := db.InTx(ctx, func(tx database.Tx) error {
		var err error
		id, err = svc.QueueTx(ctx, tx, mail.Message{PartnerID: &pid, CauseKey: "test:fail", To: "a@example.com", Subject: "S", Text: "T"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, svc, pid, id, mail.StatusSent) // let the outbox worker take it, then replay failures by hand
	if err := db.Gorm.Exec(`UPDATE emails SET status = 'queued' WHERE id = ?`, id).Error; err != nil {
		t.Fatal(err)
	}
	var heard []mail.Status
	w := &mail.SendWorker{DB: db, Sender: failing{}, OnStatus: func(_ context.Context, _ int64, st mail.Status) error {
		heard = append(heard, st)
		return nil
	}}
	for _, step := range []struct {
		attempt int
		want    mail.Status
	}{{3, mail.StatusDeferred}, {25, mail.StatusFailed}} {
		attempt, want := step.attempt, step.want
		job := &river.Job[mail.SendArgs]{JobRow: &rivertype.JobRow{Attempt: attempt, MaxAttempts: 25}, Args: mail.SendArgs{EmailID: id}}
		if err := w.Work(ctx, job); err == nil {
			t.Fatal("a failed send is an error (River retries it)")
		}
		if e, _ := svc.Get(ctx, pid, id); e.Status != want {
			t.Fatalf("attempt %d: %s, want %s", attempt, e.Status, want)
		}
	}
	if len(heard) != 2 || heard[1] != mail.StatusFailed {
		t.Fatalf("listeners heard %v", heard)
	}
}

type failing struct{}

func (failing) Send(context.Context, mail.Email) error { return errors.New("550 mailbox unavailable") }
func (failing) Captures() bool                         { return false }
