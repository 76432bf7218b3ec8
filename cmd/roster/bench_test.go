package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"slices"
	"testing"
	"time"
)

// BenchmarkColdStartToReady measures `roster serve` on a new, empty SQLite
// database (migrations applied, job queue started) until /readyz answers 200.
// Target (BENCHMARKS.md): ≤ 300 ms. Reports the median and the maximum.
func BenchmarkColdStartToReady(b *testing.B) {
	var took []time.Duration
	client := &http.Client{Timeout: time.Second}
	for b.Loop() {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		env := map[string]string{"ROSTER_DATA_DIR": b.TempDir(), "ROSTER_ADDR": addr, "ROSTER_LOG_LEVEL": "error"}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan int)
		start := time.Now()
		go func() {
			done <- run(ctx, []string{"serve"}, func(k string) string { return env[k] }, nil, io.Discard, io.Discard)
		}()
		for {
			res, err := client.Get("http://" + addr + "/readyz")
			if err == nil {
				res.Body.Close()
				if res.StatusCode == http.StatusOK {
					break
				}
			}
			if time.Since(start) > 30*time.Second {
				b.Fatal("not ready after 30 s")
			}
			time.Sleep(2 * time.Millisecond)
		}
		took = append(took, time.Since(start))
		cancel()
		<-done
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "ms-max")
}
