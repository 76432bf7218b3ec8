package eventview

import (
	"testing"
	"time"
)

func TestSpan(t *testing.T) {
	t.Parallel()
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		start, end string
		loc        *time.Location
		want       string
	}{
		{"2026-12-01T08:00:00Z", "2026-12-01T16:00:00Z", paris, "1 Dec 2026, 09:00 – 17:00"},
		{"2026-12-01T08:00:00Z", "2026-12-03T16:00:00Z", paris, "1 Dec 2026, 09:00 – 3 Dec 2026, 17:00"},
		// 23:30 UTC is already the next day in Paris.
		{"2026-12-01T23:30:00Z", "2026-12-02T01:00:00Z", paris, "2 Dec 2026, 00:30 – 02:00"},
		{"2026-12-01T23:30:00Z", "2026-12-02T01:00:00Z", nil, "1 Dec 2026, 23:30 – 2 Dec 2026, 01:00"},
		{"2026-12-31T20:00:00Z", "2027-01-01T02:00:00Z", time.UTC, "31 Dec 2026, 20:00 – 1 Jan 2027, 02:00"},
	} {
		if got := Span(at(c.start), at(c.end), c.loc); got != c.want {
			t.Errorf("Span(%s, %s) = %q, want %q", c.start, c.end, got, c.want)
		}
	}
	s, e := SessionTimes(at("2026-12-01T08:00:00Z"), at("2026-12-01T09:30:00Z"), paris)
	if s != "1 Dec 2026, 09:00" || e != "10:30" {
		t.Errorf("SessionTimes same day: %q %q", s, e)
	}
	s, e = SessionTimes(at("2026-12-01T08:00:00Z"), at("2026-12-02T09:30:00Z"), paris)
	if s != "1 Dec 2026, 09:00" || e != "2 Dec 2026, 10:30" {
		t.Errorf("SessionTimes across days: %q %q", s, e)
	}
}

func TestCountAndParticipants(t *testing.T) {
	t.Parallel()
	for n, want := range map[int64]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
	if Participants(1) != "1 participant" || Participants(0) != "0 participants" || Participants(12345) != "12,345 participants" {
		t.Error("Participants")
	}
}

func TestURLs(t *testing.T) {
	t.Parallel()
	if got := ListURL("", ""); got != "/events" {
		t.Errorf("ListURL = %q", got)
	}
	if got := ListURL("Noël & co", "abc"); got != "/events?after=abc&q=No%C3%ABl+%26+co" {
		t.Errorf("ListURL = %q", got)
	}
	r := RowVM{ID: 7}
	if r.UsersURL() != "/events/7/users" || r.EditURL() != "/events/7/edit" || r.DOMID() != "event-7" {
		t.Errorf("row urls: %s %s %s", r.UsersURL(), r.EditURL(), r.DOMID())
	}
	if (FormVM{}).Action() != "/events" || (FormVM{ID: 7}).Action() != "/events/7" || !(FormVM{}).IsNew() {
		t.Error("form action")
	}
	sr := SessionRowVM{ID: 3, EventID: 7, Name: "Keynote"}
	if sr.URL() != "/events/7/sessions/3" || sr.EditURL() != "/events/7/sessions/3/edit" ||
		sr.DeleteURL() != "/events/7/sessions/3/delete" || sr.DOMID() != "session-3" || sr.FormID() != "session-3-form" {
		t.Errorf("session urls: %s %s %s", sr.URL(), sr.EditURL(), sr.DeleteURL())
	}
	if (SessionFormVM{EventID: 7}).AddURL() != "/events/7/sessions" {
		t.Error("add url")
	}
}

func TestSessionsVMFillsRows(t *testing.T) {
	t.Parallel()
	vm := SessionsVM{EventID: 7, CSRFToken: "tok", CanManage: true,
		Rows: []SessionRowVM{{ID: 1}, {ID: 2, CSRFToken: "own"}}}
	rows := vm.rows()
	if rows[0].CSRFToken != "tok" || rows[1].CSRFToken != "own" || !rows[0].CanManage {
		t.Fatalf("rows: %+v", rows)
	}
	if vm.Rows[0].CSRFToken != "" {
		t.Fatal("rows() changed its input")
	}
	if a := vm.add(); a.EventID != 7 || a.CSRFToken != "tok" {
		t.Fatalf("add: %+v", a)
	}
}

func TestHelpers(t *testing.T) {
	t.Parallel()
	if PhaseKind("during") != "green" || PhaseKind("weird") != "neutral" {
		t.Error("PhaseKind")
	}
	if describedBy("x", "", true) != "x-hint" || describedBy("x", "bad", true) != "x-hint x-error" || describedBy("x", "bad", false) != "x-error" {
		t.Error("describedBy")
	}
	if inputClass("") == inputClass("bad") || selectClass("") == selectClass("bad") || cellInputClass("") == cellInputClass("bad") {
		t.Error("invalid fields look the same as valid ones")
	}
}
