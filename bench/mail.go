package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
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
	var peakRSS, peakHeap uint64
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
		var stop atomic.Bool
		done := make(chan struct{})
		go func() { // sample memory while sending
			defer close(done)
			for !stop.Load() {
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peakHeap = max(peakHeap, ms.HeapInuse)
				peakRSS = max(peakRSS, rss())
				time.Sleep(100 * time.Millisecond)
			}
		}()
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
		stop.Store(true)
		<-done
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		_ = jc.Stop(sctx)
		cancel()
		sender.Close()
		rate.xs = append(rate.xs, float64(n)/elapsed.Seconds())
		fmt.Printf("# run %d: %d emails in %s\n", run+1, n, elapsed.Round(time.Millisecond))
	}
	rate.print()
	fmt.Printf("%-44s %10d %10d %10d  %-6s %d\n", "mail: peak Go heap in use while sending", peakHeap>>20, peakHeap>>20, peakHeap>>20, "MB", runs)
	fmt.Printf("%-44s %10d %10d %10d  %-6s %d\n", "mail: peak RSS of the process", peakRSS>>20, peakRSS>>20, peakRSS>>20, "MB", runs)
	return nil
}

// rss is the resident set size of this process (Linux), 0 elsewhere.
func rss() uint64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseUint(f[1], 10, 64)
	return pages * uint64(os.Getpagesize())
}
