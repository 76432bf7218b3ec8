package event_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"roster/internal/apperr"
	"roster/internal/audit"
	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/event"
	"roster/internal/partner"
)

// fixture is a partner with an admin, and a second partner with its own admin.
type fixture struct {
	db           *database.DB
	svc          *event.Service
	mine, theirs auth.Principal
}

func newFixture(t *testing.T, db *database.DB) fixture {
	t.Helper()
	ctx := context.Background()
	var a, b partner.Partner
	err := db.InTx(ctx, func(tx database.Tx) error {
		var err error
		if a, err = partner.CreateTx(ctx, tx, "Mine"); err != nil {
			return err
		}
		b, err = partner.CreateTx(ctx, tx, "Theirs")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fixture{db: db, svc: event.NewService(db),
		mine:   auth.Principal{StaffID: 1, PartnerID: a.ID, Role: auth.RoleAdmin, Email: "admin@mine.test"},
		theirs: auth.Principal{StaffID: 2, PartnerID: b.ID, Role: auth.RoleAdmin, Email: "admin@theirs.test"}}
}

var day = time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)

func input(name string) event.Input {
	return event.Input{Name: name, TimeZone: "Europe/Paris", StartsAt: day, EndsAt: day.Add(48 * time.Hour),
		LoginMethod: event.LoginMagicLink, DefaultLanguage: "en"}
}

func (f fixture) create(t *testing.T, p auth.Principal, in event.Input) event.Event {
	t.Helper()
	e, err := f.svc.Create(context.Background(), p, in)
	if err != nil {
		t.Fatalf("create %q: %v", in.Name, err)
	}
	return e
}

func fieldsOf(t *testing.T, err error) map[string]string {
	t.Helper()
	ae, ok := apperr.As(err)
	if !ok || ae.Code != apperr.CodeInvalid {
		t.Fatalf("want a validation error, got %v", err)
	}
	return ae.Fields
}

func TestCreateGetUpdate(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		in := input("  Noël Summit  ")
		in.StartsAt = day.Add(1500 * time.Millisecond) // kept to the second
		in.RegistrationFormRequired, in.EmailConfirmationRequired = true, true
		e := f.create(t, f.mine, in)
		if e.ID == 0 || e.Name != "Noël Summit" || e.PartnerID != f.mine.PartnerID || !e.StartsAt.Equal(day.Add(time.Second)) ||
			!e.RegistrationFormRequired || !e.EmailConfirmationRequired || e.Closed || !e.OutsideGroupsAllowed {
			t.Fatalf("created %+v", e)
		}
		got, sessions, err := f.svc.Get(ctx, f.mine, e.ID)
		if err != nil || got.Name != e.Name || !got.StartsAt.Equal(e.StartsAt) || !got.EndsAt.Equal(e.EndsAt) ||
			got.TimeZone != "Europe/Paris" || got.LoginMethod != event.LoginMagicLink || len(sessions) != 0 || got.Participants != 0 {
			t.Fatalf("get %+v %v %v", got, sessions, err)
		}

		up := input("Noël Summit 2026")
		up.LoginMethod, up.Closed, up.DefaultLanguage, up.TimeZone = event.LoginSSO, true, "it", "America/New_York"
		e2, err := f.svc.Update(ctx, f.mine, e.ID, up)
		if err != nil || e2.Name != "Noël Summit 2026" || !e2.Closed || e2.LoginMethod != event.LoginSSO || e2.DefaultLanguage != "it" ||
			e2.TimeZone != "America/New_York" || e2.RegistrationFormRequired {
			t.Fatalf("update %+v %v", e2, err)
		}
		// A closed event cannot leave SSO while closed…
		down := up
		down.LoginMethod = event.LoginPassword
		fields := fieldsOf(t, func() error { _, err := f.svc.Update(ctx, f.mine, e.ID, down); return err }())
		if !strings.Contains(fields["login_method"], "Only SSO events can be closed") || fields["closed"] != "" {
			t.Fatalf("leaving SSO while closed: %v", fields)
		}
		// …but opening it and changing the method together is fine.
		down.Closed = false
		if e3, err := f.svc.Update(ctx, f.mine, e.ID, down); err != nil || e3.Closed || e3.LoginMethod != event.LoginPassword {
			t.Fatalf("open and leave SSO: %+v %v", e3, err)
		}

		// Each change is audited in its transaction, with what changed.
		es, _, err := audit.NewReader(db).List(ctx, audit.Filter{PartnerID: f.mine.PartnerID})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, a := range es {
			actions = append(actions, a.Action)
			if a.TargetKind != "event" || a.TargetID != fmt.Sprint(e.ID) || a.ActorLabel != "admin@mine.test" {
				t.Errorf("audit entry %+v", a)
			}
		}
		if strings.Join(actions, ",") != "event.updated,event.updated,event.created" {
			t.Fatalf("audit actions %v", actions)
		}
		if !strings.Contains(es[1].AfterJSON, `"closed":true`) || !strings.Contains(es[1].BeforeJSON, `"closed":false`) ||
			strings.Contains(es[1].AfterJSON, "ends_at") {
			t.Fatalf("update audit: %s → %s", es[1].BeforeJSON, es[1].AfterJSON)
		}
		// Saving without changes writes no entry.
		if _, err := f.svc.Update(ctx, f.mine, e.ID, down); err != nil {
			t.Fatal(err)
		}
		if es2, _, _ := audit.NewReader(db).List(ctx, audit.Filter{PartnerID: f.mine.PartnerID}); len(es2) != len(es) {
			t.Fatalf("a no-op update was audited: %d entries, had %d", len(es2), len(es))
		}
	})
}

func TestEventValidation(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		cases := []struct {
			name  string
			edit  func(*event.Input)
			field string
			want  string
		}{
			{"name missing", func(in *event.Input) { in.Name = "   " }, "name", "Enter the event's name."},
			{"name too long", func(in *event.Input) { in.Name = strings.Repeat("é", 201) }, "name", "at most 200 characters"},
			{"zone unknown", func(in *event.Input) { in.TimeZone = "Mars/Olympus" }, "time_zone", "Choose a time zone"},
			{"zone local", func(in *event.Input) { in.TimeZone = "Local" }, "time_zone", "Choose a time zone"},
			{"zone empty", func(in *event.Input) { in.TimeZone = "" }, "time_zone", "Choose a time zone"},
			{"start missing", func(in *event.Input) { in.StartsAt = time.Time{} }, "starts_at", "Enter when the event starts."},
			{"end missing", func(in *event.Input) { in.EndsAt = time.Time{} }, "ends_at", "Enter when the event ends."},
			{"end before start", func(in *event.Input) { in.EndsAt = in.StartsAt.Add(-time.Hour) }, "ends_at", "The event must end after it starts."},
			{"end at start", func(in *event.Input) { in.EndsAt = in.StartsAt }, "ends_at", "The event must end after it starts."},
			{"login method", func(in *event.Input) { in.LoginMethod = "carrier_pigeon" }, "login_method", "Choose how attendees sign in."},
			{"closed without SSO", func(in *event.Input) { in.Closed = true }, "closed", "Only SSO events can be closed."},
			{"language", func(in *event.Input) { in.DefaultLanguage = "xx" }, "default_language", "Choose one of the supported languages."},
		}
		for _, c := range cases {
			in := input("Valid")
			c.edit(&in)
			_, err := f.svc.Create(ctx, f.mine, in)
			fields := fieldsOf(t, err)
			if !strings.Contains(fields[c.field], c.want) || len(fields) != 1 {
				t.Errorf("%s: fields %v, want %s: %q", c.name, fields, c.field, c.want)
			}
		}
		if evs, _ := f.svc.List(ctx, f.mine, event.ListFilter{}); len(evs) != 0 {
			t.Fatalf("refused events were written: %v", evs)
		}
		// Closed SSO events are fine; every language of the list is accepted.
		in := input("Closed")
		in.LoginMethod, in.Closed, in.DefaultLanguage = event.LoginSSO, true, "sr"
		f.create(t, f.mine, in)
	})
}

func TestSessions(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		e := f.create(t, f.mine, input("Summit")) // 1 Dec 08:00 UTC → 3 Dec 08:00 UTC
		add := func(name string, from, to time.Duration) (event.Session, error) {
			return f.svc.AddSession(ctx, f.mine, e.ID, event.SessionInput{Name: name, StartsAt: day.Add(from), EndsAt: day.Add(to)})
		}
		late, err := add("Closing", 30*time.Hour, 32*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		early, err := add(" Keynote ", time.Hour, 2*time.Hour)
		if err != nil || early.Name != "Keynote" || early.EventID != e.ID {
			t.Fatalf("add: %+v %v", early, err)
		}
		if _, err := add("Whole event", 0, 48*time.Hour); err != nil {
			t.Fatalf("a session as long as the event: %v", err)
		}
		_, ss, err := f.svc.Get(ctx, f.mine, e.ID)
		if err != nil || len(ss) != 3 || ss[0].Name != "Whole event" || ss[1].Name != "Keynote" || ss[2].Name != "Closing" {
			t.Fatalf("sessions are ordered by start: %+v %v", ss, err)
		}

		for _, c := range []struct {
			name     string
			from, to time.Duration
			field    string
			want     string
		}{
			{"", time.Hour, 2 * time.Hour, "name", "Enter the session's name."},
			{"Before", -time.Hour, time.Hour, "starts_at", "Sessions must fall within the event (1 Dec 2026, 09:00 – 3 Dec 2026, 09:00, Europe/Paris)."},
			{"After", 47 * time.Hour, 49 * time.Hour, "ends_at", "Sessions must fall within the event"},
			{"Backwards", 3 * time.Hour, 2 * time.Hour, "ends_at", "The session must end after it starts."},
		} {
			_, err := add(c.name, c.from, c.to)
			if fields := fieldsOf(t, err); fields[c.field] != c.want && !strings.Contains(fields[c.field], c.want) {
				t.Errorf("session %q: %v, want %s: %q", c.name, fields, c.field, c.want)
			}
		}
		_, err = f.svc.AddSession(ctx, f.mine, e.ID, event.SessionInput{Name: "No times"})
		if fields := fieldsOf(t, err); fields["starts_at"] != "Enter when the session starts." || fields["ends_at"] != "Enter when the session ends." {
			t.Errorf("no times: %v", fields)
		}

		// Moving a session first reorders the list.
		moved, err := f.svc.UpdateSession(ctx, f.mine, e.ID, late.ID, event.SessionInput{Name: "Opening", StartsAt: day, EndsAt: day.Add(30 * time.Minute)})
		if err != nil || moved.Name != "Opening" {
			t.Fatalf("update session: %+v %v", moved, err)
		}
		_, ss, _ = f.svc.Get(ctx, f.mine, e.ID)
		if ss[0].Name != "Opening" || ss[0].ID != late.ID {
			t.Fatalf("after the move: %+v", ss)
		}
		_, err = f.svc.UpdateSession(ctx, f.mine, e.ID, late.ID, event.SessionInput{Name: "Opening", StartsAt: day.Add(-time.Minute), EndsAt: day})
		if fields := fieldsOf(t, err); !strings.Contains(fields["starts_at"], "Sessions must fall within the event") {
			t.Errorf("moving outside: %v", fields)
		}

		// The event cannot shrink away from its sessions.
		shrink := input("Summit")
		shrink.EndsAt = day.Add(20 * time.Hour)
		_, err = f.svc.Update(ctx, f.mine, e.ID, shrink)
		if fields := fieldsOf(t, err); fields["ends_at"] != "1 session falls outside these times. Sessions must fall within the event: move or delete it first." {
			t.Errorf("shrinking: %v", fields)
		}

		if gone, err := f.svc.DeleteSession(ctx, f.mine, e.ID, early.ID); err != nil || gone.Name != "Keynote" {
			t.Fatalf("delete: %+v %v", gone, err)
		}
		if _, err := f.svc.DeleteSession(ctx, f.mine, e.ID, early.ID); !apperr.Is(err, apperr.CodeNotFound) {
			t.Fatalf("deleting twice: %v", err)
		}
		_, ss, _ = f.svc.Get(ctx, f.mine, e.ID)
		if len(ss) != 2 {
			t.Fatalf("after delete: %+v", ss)
		}

		es, _, _ := audit.NewReader(db).List(ctx, audit.Filter{PartnerID: f.mine.PartnerID, Query: "event.session"})
		var actions []string
		for _, a := range es {
			actions = append(actions, a.Action)
		}
		if strings.Join(actions, ",") != "event.session_deleted,event.session_updated,event.session_added,event.session_added,event.session_added" {
			t.Fatalf("session audit: %v", actions)
		}
		if !strings.Contains(es[0].BeforeJSON, `"name":"Keynote"`) || es[0].AfterJSON != "" {
			t.Fatalf("delete audit: %q → %q", es[0].BeforeJSON, es[0].AfterJSON)
		}
	})
}

func TestTenancyAndPermissions(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		theirs := f.create(t, f.theirs, input("Their Summit"))
		s, err := f.svc.AddSession(ctx, f.theirs, theirs.ID, event.SessionInput{Name: "Theirs", StartsAt: day, EndsAt: day.Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		notFound := func(what string, err error) {
			t.Helper()
			if !apperr.Is(err, apperr.CodeNotFound) {
				t.Errorf("%s of another partner: %v, want NotFound", what, err)
			}
		}
		_, _, err = f.svc.Get(ctx, f.mine, theirs.ID)
		notFound("get", err)
		_, err = f.svc.Update(ctx, f.mine, theirs.ID, input("Stolen"))
		notFound("update", err)
		_, err = f.svc.AddSession(ctx, f.mine, theirs.ID, event.SessionInput{Name: "X", StartsAt: day, EndsAt: day.Add(time.Hour)})
		notFound("add session", err)
		_, err = f.svc.UpdateSession(ctx, f.mine, theirs.ID, s.ID, event.SessionInput{Name: "X", StartsAt: day, EndsAt: day.Add(time.Hour)})
		notFound("update session", err)
		_, err = f.svc.DeleteSession(ctx, f.mine, theirs.ID, s.ID)
		notFound("delete session", err)
		_, _, err = f.svc.GetSession(ctx, f.mine, theirs.ID, s.ID)
		notFound("get session", err)
		if e, got, err := f.svc.GetSession(ctx, f.theirs, theirs.ID, s.ID); err != nil || got.Name != "Theirs" || e.ID != theirs.ID {
			t.Fatalf("get own session: %+v %+v %v", e, got, err)
		}
		// A session id of another event, even of the same partner, is not found either.
		mine := f.create(t, f.mine, input("My Summit"))
		_, err = f.svc.UpdateSession(ctx, f.mine, mine.ID, s.ID, event.SessionInput{Name: "X", StartsAt: day, EndsAt: day.Add(time.Hour)})
		notFound("update session through my event", err)
		_, err = f.svc.DeleteSession(ctx, f.mine, mine.ID, s.ID)
		notFound("delete session through my event", err)
		_, _, err = f.svc.GetSession(ctx, f.mine, mine.ID, s.ID)
		notFound("get session through my event", err)
		if evs, _ := f.svc.List(ctx, f.mine, event.ListFilter{}); len(evs) != 1 || evs[0].ID != mine.ID {
			t.Fatalf("list leaks: %+v", evs)
		}
		if _, ss, _ := f.svc.Get(ctx, f.theirs, theirs.ID); len(ss) != 1 || ss[0].Name != "Theirs" {
			t.Fatalf("their session changed: %+v", ss)
		}

		support := auth.Principal{StaffID: 3, PartnerID: f.mine.PartnerID, Role: auth.RoleSupport}
		if _, err := f.svc.List(ctx, support, event.ListFilter{}); err != nil {
			t.Fatalf("support lists events: %v", err)
		}
		if _, _, err := f.svc.Get(ctx, support, mine.ID); err != nil {
			t.Fatalf("support reads an event: %v", err)
		}
		forbidden := func(what string, err error) {
			t.Helper()
			if !apperr.Is(err, apperr.CodeForbidden) {
				t.Errorf("%s: %v, want Forbidden", what, err)
			}
		}
		_, err = f.svc.Create(ctx, support, input("No"))
		forbidden("support creates", err)
		_, err = f.svc.Update(ctx, support, mine.ID, input("No"))
		forbidden("support updates", err)
		_, err = f.svc.AddSession(ctx, support, mine.ID, event.SessionInput{})
		forbidden("support adds a session", err)
		_, err = f.svc.DeleteSession(ctx, support, mine.ID, 1)
		forbidden("support deletes a session", err)
		classroom := auth.Principal{StaffID: 4, PartnerID: f.mine.PartnerID, Role: auth.RoleClassroomAdmin}
		_, err = f.svc.List(ctx, classroom, event.ListFilter{})
		forbidden("classroom admin lists", err)
		_, _, err = f.svc.Get(ctx, classroom, mine.ID)
		forbidden("classroom admin reads", err)
		organizer := auth.Principal{StaffID: 5, PartnerID: f.mine.PartnerID, Role: auth.RoleOrganizer}
		if _, err := f.svc.Create(ctx, organizer, input("Organised")); err != nil {
			t.Fatalf("organizers create events: %v", err)
		}
	})
}

func TestListSearchPagesAndCounts(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		noel := input("Noël Summit")
		noel.StartsAt, noel.EndsAt = day.Add(-24*time.Hour), day.Add(-23*time.Hour)
		noelEvent := f.create(t, f.mine, noel)
		for i := range 7 {
			in := input(fmt.Sprintf("Meetup %d", i))
			// Two events start at the same time: the id breaks the tie.
			in.StartsAt = day.Add(time.Duration(i/2) * time.Hour)
			in.EndsAt = in.StartsAt.Add(time.Hour)
			f.create(t, f.mine, in)
		}
		f.create(t, f.theirs, input("Noël Party"))
		// Participants come from the counters (one row per status).
		err := db.Gorm.Exec(`INSERT INTO participation_counters (partner_id, event_id, dimension, value, count) VALUES
			(?, ?, 'status', 'invited', 3), (?, ?, 'status', 'attended', 4), (?, ?, 'role', 'speaker', 2)`,
			f.mine.PartnerID, noelEvent.ID, f.mine.PartnerID, noelEvent.ID, f.mine.PartnerID, noelEvent.ID).Error
		if err != nil {
			t.Fatal(err)
		}

		for _, q := range []string{"noel", "NOËL", " Noel  summit", "oël"} {
			evs, err := f.svc.List(ctx, f.mine, event.ListFilter{Query: q})
			if err != nil || len(evs) != 1 || evs[0].Name != "Noël Summit" || evs[0].Participants != 7 {
				t.Errorf("search %q: %+v %v", q, evs, err)
			}
		}
		if evs, _ := f.svc.List(ctx, f.mine, event.ListFilter{Query: "%"}); len(evs) != 0 {
			t.Errorf("%% is literal: %+v", evs)
		}
		if got, _, err := f.svc.Get(ctx, f.mine, noelEvent.ID); err != nil || got.Participants != 7 {
			t.Errorf("get participants %d %v", got.Participants, err)
		}

		// Newest start first, in pages that neither repeat nor skip.
		var names []string
		var after *event.Cursor
		for page := 0; page < 10; page++ {
			evs, err := f.svc.List(ctx, f.mine, event.ListFilter{Limit: 3 + 1, After: after})
			if err != nil {
				t.Fatal(err)
			}
			evs, next := event.NextPage(evs, 3)
			for _, e := range evs {
				names = append(names, e.Name)
			}
			if next == nil {
				break
			}
			c, err := event.ParseCursor(next.String())
			if err != nil {
				t.Fatal(err)
			}
			after = &c
		}
		want := "Meetup 6,Meetup 5,Meetup 4,Meetup 3,Meetup 2,Meetup 1,Meetup 0,Noël Summit"
		if strings.Join(names, ",") != want {
			t.Fatalf("pages: %v", names)
		}
		// Search pages too.
		evs, _ := f.svc.List(ctx, f.mine, event.ListFilter{Query: "meetup", Limit: 2})
		if len(evs) != 2 || evs[0].Name != "Meetup 6" {
			t.Fatalf("search page 1: %+v", evs)
		}
		c := event.CursorOf(evs[1])
		evs, _ = f.svc.List(ctx, f.mine, event.ListFilter{Query: "meetup", Limit: 10, After: &c})
		if len(evs) != 5 || evs[0].Name != "Meetup 4" {
			t.Fatalf("search page 2: %+v", evs)
		}
	})
}
