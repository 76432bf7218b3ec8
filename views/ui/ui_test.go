package ui

import (
	"testing"
	"time"
)

func TestRelativeTime(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 3, 12, 15, 0, 0, 0, time.UTC)
	cases := []struct {
		ago  time.Duration
		want string
	}{
		{10 * time.Second, "Just now"},
		{5 * time.Minute, "5 min ago"},
		{90 * time.Minute, "1 hour ago"},
		{5 * time.Hour, "5 hours ago"},
		{30 * time.Hour, "Yesterday"},
		{4 * 24 * time.Hour, "4 days ago"},
		{20 * 24 * time.Hour, "20 Feb 2025"},
		{-time.Hour, "12 Mar 2025"},
	}
	for _, c := range cases {
		if got := RelativeTime(now.Add(-c.ago), now); got != c.want {
			t.Errorf("RelativeTime(-%s) = %q, want %q", c.ago, got, c.want)
		}
	}
	if got := RelativeTime(time.Time{}, now); got != "Never" {
		t.Errorf("zero = %q", got)
	}
}

func TestLookupsFallBack(t *testing.T) {
	t.Parallel()
	if BadgeClass("nope") != badgeClasses[KindNeutral] {
		t.Error("unknown badge kind")
	}
	if alertStyleFor("nope") != alertStyles[AlertInfo] {
		t.Error("unknown alert kind")
	}
	if iconPath("nope") != iconPaths["squares"] {
		t.Error("unknown icon")
	}
	for _, k := range []string{KindNeutral, KindGreen, KindAmber, KindRed, KindIndigo, KindBlue} {
		if badgeClasses[k] == "" || badgeDots[k] == "" {
			t.Errorf("kind %q has no classes", k)
		}
	}
}
