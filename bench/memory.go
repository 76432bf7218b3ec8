package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// memPeak samples the Go heap in use and the process's RSS while work runs.
type memPeak struct {
	mu        sync.Mutex
	heap, rss uint64
	stop      atomic.Bool
	done      chan struct{}
}

// start samples every interval until end is called.
func (m *memPeak) start(interval time.Duration) {
	m.stop.Store(false)
	m.done = make(chan struct{})
	go func() {
		defer close(m.done)
		for !m.stop.Load() {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			m.mu.Lock()
			m.heap, m.rss = max(m.heap, ms.HeapInuse), max(m.rss, rss())
			m.mu.Unlock()
			time.Sleep(interval)
		}
	}()
}

// end stops the sampling.
func (m *memPeak) end() {
	m.stop.Store(true)
	<-m.done
}

// print writes the two peak figures.
func (m *memPeak) print(prefix string, runs int) {
	for _, f := range []struct {
		name string
		v    uint64
	}{{prefix + "peak Go heap in use", m.heap >> 20}, {prefix + "peak RSS of the process", m.rss >> 20}} {
		fmt.Printf("%-44s %10d %10d %10d  %-6s %d\n", f.name, f.v, f.v, f.v, "MB", runs)
	}
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
