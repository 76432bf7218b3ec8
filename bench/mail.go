package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"roster/internal/database"
	"roster/internal/jobs"
	"roster/internal/mail"
	"roster/internal/mailtest"
	"roster/internal/partner"
)

// benchMail measures sustained email delivery (BENCHMARKS.md: ≥ 300
// emails/s to a local SMTP sink, bounded memory): each run queues n
// invitation-sized emails as the console does (a row and a job per email,
// 1,000 per transaction), then starts the workers and times until the sink
// has received every one. Peak memory is sampled during the sends.
func benchMail(ctx context.Context, db *database.DB, n, runs int) error {
	sink, err := mailtest.Listen("", "")
	if err != nil {
		return err
	}
	defer sink.Close()
	sink.Discard()
	var pid int64
	if err := db.InTx(ctx, func(tx database.Tx) error {
		p, _, err := partner.EnsureTx(ctx, tx, "Mail Bench")
		pid = p.ID
		return err
	}); err != nil {
		return err
	}
	html := "<!DOCTYPE html><html><body>" + strings.Repeat("<p>An invitation paragraph of ordinary length, with a link.</p>", 40) + "</body></html>"
	text := strings.Repeat("An invitation paragraph of ordinary length, with a link.\n", 40)
	rate := figure{name: fmt.Sprintf("mail: sustained sends (%d per run)", n), unit: "mail/s"}
	var mem memPeak
	for run := range runs {
		ins, err := jobs.New(db, nil, jobs.Options{})
		if err != nil {
			return err
		}
		svc := mail.NewService(db, ins)
		for from := 0; from < n; from += 1000 {
			if err := db.InTx(ctx, func(tx database.Tx) error {
				for i := from; i < min(from+1000, n); i++ {
					if _, err := svc.QueueTx(ctx, tx, mail.Message{PartnerID: &pid, CauseKey: fmt.Sprintf("bench:%d:%d:%d", time.Now().UnixNano(), run, i),
						To: fmt.Sprintf("person%d@example.com", i), Subject: "You are invited to Product Summit 2026", Text: text, HTML: html}); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				return err
			}
		}
		sender, err := mail.NewSMTPSender("smtp://"+sink.Addr+"?tls=none", "roster@example.com")
		if err != nil {
			return err
		}
		workers := river.NewWorkers()
		mail.Register(workers, db, sender, nil, nil)
		jc, err := jobs.New(db, nil, jobs.Options{Workers: workers, Queues: map[string]int{mail.Queue: mail.PoolSize}})
		if err != nil {
			return err
		}
		before := sink.Count()
		mem.start(100 * time.Millisecond) // memory while sending
		start := time.Now()
		if err := jc.Start(ctx); err != nil {
			return err
		}
		deadline := start.Add(10 * time.Minute)
		for sink.Count()-before < n {
			if time.Now().After(deadline) {
				return fmt.Errorf("mail: %d of %d sent after 10 minutes", sink.Count()-before, n)
			}
			time.Sleep(5 * time.Millisecond)
		}
		elapsed := time.Since(start)
		mem.end()
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		_ = jc.Stop(sctx)
		cancel()
		sender.Close()
		rate.xs = append(rate.xs, float64(n)/elapsed.Seconds())
		fmt.Printf("# run %d: %d emails in %s\n", run+1, n, elapsed.Round(time.Millisecond))
	}
	rate.print()
	mem.print("mail: ", runs)
	return nil
}
