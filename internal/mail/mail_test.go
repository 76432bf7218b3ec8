package mail_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
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
	w := mail.Register(workers, db, sender, nil, nil)
	w.Backoff = func(int) time.Duration { return 100 * time.Millisecond }
	jc, err := jobs.New(db, nil, jobs.Options{Workers: workers, PollInterval: 50 * time.Millisecond,
		Queues: map[string]int{mail.Queue: mail.PoolSize}})
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

func (failing) Send(context.Context, mail.Email, func(context.Context) error) error {
	return errors.New("connection refused")
}
func (failing) Captures() bool { return false }

func queue(t *testing.T, db *database.DB, svc *mail.Service, m mail.Message) int64 {
	t.Helper()
	var id int64
	ctx := context.Background()
	if err := db.InTx(ctx, func(tx database.Tx) error {
		var err error
		id, err = svc.QueueTx(ctx, tx, m)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return id
}

func smtpSender(t *testing.T, smtpd *mailtest.Server) *mail.SMTPSender {
	t.Helper()
	sender, err := mail.NewSMTPSender("smtp://"+smtpd.Addr+"?tls=none", "roster@example.com")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sender.Close)
	return sender
}

// The MIME message carries the partner's sender name and reply-to, the
// Message-ID recorded on the email, the language, and the headers of a
// transactional email — and no List-Unsubscribe.
func TestHeadersOfASentEmail(t *testing.T) {
	t.Parallel()
	db := dbtest.SQLite(t)
	smtpd := mailtest.Start(t, "", "")
	svc, _ := startWorkers(t, db, smtpSender(t, smtpd))
	svc.Domain = "console.example.org"
	pid := partnerID(t, db)
	if err := db.Gorm.Exec(`UPDATE partners SET mail_from_name = 'Acme Events', mail_reply_to = 'events@acme.example' WHERE id = ?`, pid).Error; err != nil {
		t.Fatal(err)
	}
	id := queue(t, db, svc, mail.Message{PartnerID: &pid, CauseKey: "hdr:1", To: "jane@example.com", Subject: "Einladung: Sommerfest",
		Text: "Hallo https://console.example.org/l/abc", HTML: "<p>Hallo</p>", Language: "de"})
	e := waitStatus(t, svc, pid, id, mail.StatusSent)
	msgs := smtpd.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages", len(msgs))
	}
	p, err := msgs[0].Parse()
	if err != nil {
		t.Fatal(err)
	}
	h := p.Header
	checks := map[string]string{
		"From":             `"Acme Events" <roster@example.com>`,
		"Reply-To":         "<events@acme.example>",
		"Message-Id":       e.MessageID,
		"Content-Language": "de",
		"Auto-Submitted":   "auto-generated",
	}
	for k, want := range checks {
		if got := h.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	if !strings.HasSuffix(e.MessageID, "@console.example.org>") {
		t.Errorf("Message-ID %q", e.MessageID)
	}
	if h.Get("List-Unsubscribe") != "" {
		t.Error("a transactional email has no List-Unsubscribe")
	}
	if p.Subject != "Einladung: Sommerfest" || p.Text == "" || p.HTML != "<p>Hallo</p>" {
		t.Errorf("parsed: %+v", p)
	}
	if len(p.Parts) != 2 || p.Parts[0] != "text/plain" || p.Parts[1] != "text/html" {
		t.Errorf("parts %v, want text/plain then text/html", p.Parts)
	}
}

// A temporary refusal (4xx) defers the email and the retry delivers it, once.
func TestTemporaryRefusalIsRetried(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		smtpd := mailtest.Start(t, "", "")
		smtpd.Reject(func(_ string, try int) *smtp.SMTPError {
			if try == 1 {
				return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
			}
			return nil
		})
		var heard []mail.Status
		var mu sync.Mutex
		workers := river.NewWorkers()
		w := mail.Register(workers, db, smtpSender(t, smtpd), nil, func(_ context.Context, _ int64, st mail.Status) error {
			mu.Lock()
			heard = append(heard, st)
			mu.Unlock()
			return nil
		})
		w.Backoff = func(int) time.Duration { return 200 * time.Millisecond }
		jc, err := jobs.New(db, nil, jobs.Options{Workers: workers, PollInterval: 50 * time.Millisecond, Queues: map[string]int{mail.Queue: 2}})
		if err != nil {
			t.Fatal(err)
		}
		if err := jc.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = jc.Stop(context.Background()) })
		svc := mail.NewService(db, jc)
		pid := partnerID(t, db)
		id := queue(t, db, svc, mail.Message{PartnerID: &pid, CauseKey: "tmp:1", To: "busy@example.com", Subject: "S", Text: "T"})
		e := waitStatus(t, svc, pid, id, mail.StatusSent)
		if e.Attempts != 2 || e.LastError != "" {
			t.Fatalf("after a 451 then a success: attempts %d, last error %q", e.Attempts, e.LastError)
		}
		if n := smtpd.Count(); n != 1 {
			t.Fatalf("received %d messages, want 1", n)
		}
		mu.Lock()
		defer mu.Unlock()
		if len(heard) != 2 || heard[0] != mail.StatusDeferred || heard[1] != mail.StatusSent {
			t.Fatalf("listeners heard %v, want deferred then sent", heard)
		}
	})
}

// A permanent refusal (5xx) bounces the email at once: no retry.
func TestPermanentRefusalBouncesWithoutRetry(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		smtpd := mailtest.Start(t, "", "")
		smtpd.Reject(func(rcpt string, _ int) *smtp.SMTPError {
			if rcpt == "nobody@example.com" {
				return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
			}
			return nil
		})
		svc, jc := startWorkers(t, db, smtpSender(t, smtpd))
		pid := partnerID(t, db)
		id := queue(t, db, svc, mail.Message{PartnerID: &pid, CauseKey: "perm:1", To: "nobody@example.com", Subject: "S", Text: "T"})
		ok := queue(t, db, svc, mail.Message{PartnerID: &pid, CauseKey: "perm:2", To: "somebody@example.com", Subject: "S", Text: "T"})
		e := waitStatus(t, svc, pid, id, mail.StatusBounced)
		waitStatus(t, svc, pid, ok, mail.StatusSent)
		if !strings.Contains(e.LastError, "550") || e.Attempts != 1 {
			t.Fatalf("bounced: attempts %d, error %q", e.Attempts, e.LastError)
		}
		time.Sleep(500 * time.Millisecond) // a retry would come after 100 ms
		if e, _ = svc.Get(context.Background(), pid, id); e.Attempts != 1 || e.Status != mail.StatusBounced {
			t.Fatalf("a 5xx was retried: %+v", e)
		}
		res, err := jc.River.JobList(context.Background(), river.NewJobListParams().Kinds("mail.send").States(rivertype.JobStateCancelled))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Jobs) != 1 {
			t.Fatalf("%d cancelled jobs, want the bounced one", len(res.Jobs))
		}
		if smtpd.Count() != 1 {
			t.Fatalf("received %d, want only the accepted one", smtpd.Count())
		}
	})
}

// An attempt that finds an earlier attempt's claim (that attempt died in the
// SMTP transaction) does not send again: the email is marked failed,
// unconfirmed. A claim released meanwhile is left alone.
func TestUnconfirmedDeliveryIsNotRepeated(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		smtpd := mailtest.Start(t, "", "")
		jc, err := jobs.New(db, nil, jobs.Options{})
		if err != nil {
			t.Fatal(err)
		}
		svc := mail.NewService(db, jc)
		pid := partnerID(t, db)
		id := queue(t, db, svc, mail.Message{PartnerID: &pid, CauseKey: "unc:1", To: "a@example.com", Subject: "S", Text: "T"})
		if err := db.Gorm.Exec(`UPDATE emails SET sending_attempt = 1, attempts = 1 WHERE id = ?`, id).Error; err != nil {
			t.Fatal(err)
		}
		var heard []mail.Status
		w := &mail.SendWorker{DB: db, Sender: smtpSender(t, smtpd), OnStatus: func(_ context.Context, _ int64, st mail.Status) error {
			heard = append(heard, st)
			return nil
		}}
		job := &river.Job[mail.SendArgs]{JobRow: &rivertype.JobRow{Attempt: 2, MaxAttempts: 12}, Args: mail.SendArgs{EmailID: id}}
		if err := w.Work(ctx, job); err != nil {
			t.Fatal(err)
		}
		e, _ := svc.Get(ctx, pid, id)
		if e.Status != mail.StatusFailed || e.LastError != mail.ErrUnconfirmed.Error() || e.SendingAttempt != nil {
			t.Fatalf("after an unfinished claim: %+v", e)
		}
		if smtpd.Count() != 0 || len(heard) != 1 || heard[0] != mail.StatusFailed {
			t.Fatalf("sent %d, heard %v", smtpd.Count(), heard)
		}
		// Running again changes nothing.
		job.Attempt = 3
		if err := w.Work(ctx, job); err != nil || smtpd.Count() != 0 {
			t.Fatalf("rerun: %v, %d sent", err, smtpd.Count())
		}
	})
}

// Many emails go over a few reused connections, each delivered once.
func TestConnectionsAreReused(t *testing.T) {
	t.Parallel()
	db := dbtest.SQLite(t)
	smtpd := mailtest.Start(t, "", "")
	svc, _ := startWorkers(t, db, smtpSender(t, smtpd))
	pid := partnerID(t, db)
	const n = 60
	var ids []int64
	for i := range n {
		ids = append(ids, queue(t, db, svc, mail.Message{PartnerID: &pid, CauseKey: fmt.Sprintf("reuse:%d", i),
			To: fmt.Sprintf("p%d@example.com", i), Subject: "S", Text: "T"}))
	}
	for _, id := range ids {
		waitStatus(t, svc, pid, id, mail.StatusSent)
	}
	if got := smtpd.Count(); got != n {
		t.Fatalf("received %d, want %d", got, n)
	}
	if c := smtpd.Connections(); c > mail.PoolSize {
		t.Fatalf("%d connections for %d emails: connections are not reused", c, n)
	}
}

// The outbox lists a partner's emails newest first, searches the recipient
// and the subject (wildcards taken literally), filters by state, and pages.
func TestOutboxListSearchAndPages(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		jc, err := jobs.New(db, nil, jobs.Options{})
		if err != nil {
			t.Fatal(err)
		}
		svc := mail.NewService(db, jc)
		pid := partnerID(t, db)
		for i := range 7 {
			queue(t, db, svc, mail.Message{PartnerID: &pid, CauseKey: fmt.Sprintf("o:%d", i), To: fmt.Sprintf("person%d@example.com", i),
				Subject: fmt.Sprintf("Invitation %d", i), Text: "T"})
		}
		queue(t, db, svc, mail.Message{PartnerID: &pid, CauseKey: "o:pct", To: "x@example.com", Subject: "100% off_", Text: "T"})
		p, err := svc.List(ctx, pid, mail.Filter{Limit: 3})
		if err != nil || len(p.Emails) != 3 || p.Next == 0 || p.Emails[0].Subject != "100% off_" {
			t.Fatalf("first page: %+v %v", p, err)
		}
		p2, _ := svc.List(ctx, pid, mail.Filter{Limit: 3, Before: p.Next})
		if len(p2.Emails) != 3 || p2.Emails[0].ID >= p.Emails[2].ID {
			t.Fatalf("second page: %+v", p2)
		}
		if got, _ := svc.List(ctx, pid, mail.Filter{Query: "PERSON3"}); len(got.Emails) != 1 || got.Emails[0].To != "person3@example.com" {
			t.Fatalf("search by recipient: %+v", got)
		}
		if got, _ := svc.List(ctx, pid, mail.Filter{Query: "%"}); len(got.Emails) != 1 {
			t.Fatalf("a %% is literal: %d results", len(got.Emails))
		}
		if got, _ := svc.List(ctx, pid, mail.Filter{Status: mail.StatusSent}); len(got.Emails) != 0 {
			t.Fatalf("status filter: %d", len(got.Emails))
		}
		otherID := partnerID2(t, db)
		if got, _ := svc.List(ctx, otherID, mail.Filter{}); len(got.Emails) != 0 {
			t.Fatalf("another partner sees %d emails", len(got.Emails))
		}
	})
}

func partnerID2(t *testing.T, db *database.DB) int64 {
	t.Helper()
	var id int64
	if err := db.Gorm.Raw(`INSERT INTO partners (name, created_at, updated_at) VALUES ('Other Co', ?, ?) RETURNING id`,
		time.Now().UTC(), time.Now().UTC()).Scan(&id).Error; err != nil {
		t.Fatal(err)
	}
	return id
}

// A bounce reported later by Message-ID marks the sent email bounced and is
// heard by the listeners.
func TestReportBounce(t *testing.T) {
	t.Parallel()
	db := dbtest.SQLite(t)
	ctx := context.Background()
	jc, err := jobs.New(db, nil, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	svc := mail.NewService(db, jc)
	var heard []mail.Status
	svc.OnStatus = func(_ context.Context, _ int64, st mail.Status) error { heard = append(heard, st); return nil }
	pid := partnerID(t, db)
	id := queue(t, db, svc, mail.Message{PartnerID: &pid, CauseKey: "b:1", To: "gone@example.com", Subject: "S", Text: "T"})
	e, _ := svc.Get(ctx, pid, id)
	found, err := svc.ReportBounce(ctx, strings.Trim(e.MessageID, "<>"), "550 5.1.1 mailbox gone")
	if err != nil || !found {
		t.Fatalf("report: %v %v", found, err)
	}
	if e, _ = svc.Get(ctx, pid, id); e.Status != mail.StatusBounced || e.LastError != "550 5.1.1 mailbox gone" {
		t.Fatalf("after the report: %+v", e)
	}
	if found, _ := svc.ReportBounce(ctx, "<unknown@x>", ""); found {
		t.Fatal("an unknown Message-ID was found")
	}
	if len(heard) != 1 || heard[0] != mail.StatusBounced {
		t.Fatalf("heard %v", heard)
	}
}

// The SMTP URL forms of the documentation parse; others are refused.
func TestSMTPURL(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"smtps://u:p@mail.example.com:465", "smtp://u:p@mail.example.com:587", "smtp://relay:25?tls=none",
		"smtp://mail.example.com?from=events@example.com"} {
		if _, err := mail.NewSMTPSender(ok, "roster@example.com"); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"http://mail.example.com", "smtps://h?tls=none", "smtp://h?tls=maybe", "smtp://h:port"} {
		if _, err := mail.NewSMTPSender(bad, "roster@example.com"); err == nil {
			t.Errorf("%s was accepted", bad)
		}
	}
}

// smtp:// requires STARTTLS: a server that does not offer it is refused and
// nothing is sent in clear text.
func TestSTARTTLSIsRequired(t *testing.T) {
	t.Parallel()
	db := dbtest.SQLite(t)
	smtpd := mailtest.Start(t, "", "") // offers no STARTTLS
	sender, err := mail.NewSMTPSender("smtp://"+smtpd.Addr, "roster@example.com")
	if err != nil {
		t.Fatal(err)
	}
	svc, _ := startWorkers(t, db, sender)
	pid := partnerID(t, db)
	id := queue(t, db, svc, mail.Message{PartnerID: &pid, CauseKey: "tls:1", To: "a@example.com", Subject: "S", Text: "T"})
	e := waitStatus(t, svc, pid, id, mail.StatusDeferred)
	if smtpd.Count() != 0 || !strings.Contains(strings.ToLower(e.LastError), "tls") {
		t.Fatalf("sent %d in clear text; error %q", smtpd.Count(), e.LastError)
	}
}
