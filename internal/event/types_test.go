package event

import (
	"testing"
	"time"
)

func TestParseLocal(t *testing.T) {
	t.Parallel()
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	utc := func(s string) time.Time {
		t.Helper()
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		name, value string
		loc         *time.Location
		want        time.Time
	}{
		{"winter in Paris (UTC+1)", "2026-12-01T09:30", paris, utc("2026-12-01T08:30:00Z")},
		{"summer in Paris (UTC+2)", "2026-07-01T09:30", paris, utc("2026-07-01T07:30:00Z")},
		{"with seconds", "2026-07-01T09:30:15", paris, utc("2026-07-01T07:30:15Z")},
		{"just before the clocks go forward", "2026-03-29T01:59", paris, utc("2026-03-29T00:59:00Z")},
		{"just after the clocks go forward", "2026-03-29T03:00", paris, utc("2026-03-29T01:00:00Z")},
		// 02:30 does not exist on that night: it moves forward by the hour skipped.
		{"in the skipped hour", "2026-03-29T02:30", paris, utc("2026-03-29T01:30:00Z")},
		// 02:30 happens twice when the clocks go back: the later one.
		{"in the repeated hour", "2026-10-25T02:30", paris, utc("2026-10-25T01:30:00Z")},
		{"New York before DST", "2026-03-08T01:30", ny, utc("2026-03-08T06:30:00Z")},
		{"New York after DST", "2026-03-08T03:30", ny, utc("2026-03-08T07:30:00Z")},
		{"UTC", " 2026-01-01T00:00 ", time.UTC, utc("2026-01-01T00:00:00Z")},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseLocal(c.value, c.loc)
			if err != nil || !got.Equal(c.want) || got.Location() != time.UTC {
				t.Fatalf("ParseLocal(%q) = %v, %v; want %v", c.value, got, err, c.want)
			}
		})
	}
	for _, bad := range []string{"", "2026-12-01", "01/12/2026 09:30", "2026-13-01T09:30", "2026-12-01T25:00"} {
		if _, err := ParseLocal(bad, paris); err == nil {
			t.Errorf("ParseLocal(%q) accepted", bad)
		}
	}
}

func TestFormatLocalRoundTrip(t *testing.T) {
	t.Parallel()
	paris := LocationOf("Europe/Paris")
	for _, v := range []string{"2026-12-01T09:30", "2026-07-01T23:59", "2026-10-25T03:00"} {
		at, err := ParseLocal(v, paris)
		if err != nil {
			t.Fatal(err)
		}
		if got := FormatLocal(at, paris); got != v {
			t.Errorf("FormatLocal(ParseLocal(%q)) = %q", v, got)
		}
	}
	if FormatLocal(time.Time{}, paris) != "" {
		t.Error("the zero time formats as empty")
	}
}

func TestValidTimeZone(t *testing.T) {
	t.Parallel()
	for tz, want := range map[string]bool{
		"UTC": true, "Europe/Paris": true, "America/Argentina/Buenos_Aires": true, "Asia/Kolkata": true,
		"": false, "Local": false, "utc": false, "europe/paris": false, "Mars/Olympus": false, " UTC": false,
		"../etc/passwd": false, "/etc/localtime": false,
	} {
		if got := ValidTimeZone(tz); got != want {
			t.Errorf("ValidTimeZone(%q) = %v", tz, got)
		}
	}
	for _, tz := range TimeZones {
		if !ValidTimeZone(tz) {
			t.Errorf("suggested zone %q is not valid", tz)
		}
	}
	if LocationOf("nope") != time.UTC {
		t.Error("an invalid zone falls back to UTC")
	}
}

func TestCursor(t *testing.T) {
	t.Parallel()
	c := Cursor{StartsAt: time.Date(2026, 12, 1, 8, 30, 0, 123456000, time.UTC), ID: 42}
	got, err := ParseCursor(c.String())
	if err != nil || !got.StartsAt.Equal(c.StartsAt) || got.ID != 42 {
		t.Fatalf("round trip: %+v %v", got, err)
	}
	for _, bad := range []string{"", "!!", "bm9wZQ", "MjAyNi0xMi0wMVQwODozMDowMFp8MA", "MjAyNi0xMi0wMVQwODozMDowMFp8eA"} {
		if _, err := ParseCursor(bad); err == nil {
			t.Errorf("ParseCursor(%q) accepted", bad)
		}
	}
}

func TestNextPage(t *testing.T) {
	t.Parallel()
	evs := []Event{{ID: 3}, {ID: 2}, {ID: 1}}
	page, next := NextPage(evs, 2)
	if len(page) != 2 || next == nil || next.ID != 2 {
		t.Fatalf("NextPage: %v %v", page, next)
	}
	if page, next := NextPage(evs, 3); len(page) != 3 || next != nil {
		t.Fatalf("last page: %v %v", page, next)
	}
}

func TestLoginMethods(t *testing.T) {
	t.Parallel()
	for _, m := range LoginMethods {
		if !m.Valid() || m.Label() == "" || m.Description() == "" {
			t.Errorf("%q", m)
		}
	}
	if LoginMethod("x").Valid() || LoginMethod("").Valid() {
		t.Error("unknown methods are valid")
	}
}
