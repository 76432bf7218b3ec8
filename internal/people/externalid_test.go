package people

import (
	"regexp"
	"testing"
)

// Generated ids have one shape, never repeat and grow with time, also when
// the clock stands still or goes back.
func TestNewExternalIDGrows(t *testing.T) {
	shape := regexp.MustCompile(`^rst_[0-9a-f]{20}$`)
	clock := extIDs.clock
	defer func() { extIDs.clock = clock }()
	now := uint64(1_800_000_000_000)
	extIDs.clock = func() uint64 { return now }
	prev := ""
	for i := range 3000 {
		switch i {
		case 1000:
			now++ // the next millisecond
		case 2000:
			now -= 5 // the clock went back
		}
		id := newExternalID()
		if !shape.MatchString(id) {
			t.Fatalf("id %q", id)
		}
		if id <= prev {
			t.Fatalf("id %d: %q after %q", i, id, prev)
		}
		prev = id
	}
}
