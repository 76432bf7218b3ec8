package participation_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"
	"time"

	"roster/internal/apperr"
	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/jobs"
	"roster/internal/mail"
	"roster/internal/media"
	"roster/internal/participation"
	"roster/internal/partner"
	"roster/internal/people"
)

type composer struct{}

func (composer) Compose(_ context.Context, kind participation.EmailKind, d participation.EmailData) (string, string, string, error) {
	return string(kind) + ": " + d.EventName, "Open " + d.Link, "<a href=\"" + d.Link + "\">open</a>", nil
}

type fixture struct {
	svc     *participation.Service
	db      *database.DB
	admin   auth.Principal
	support auth.Principal
	other   auth.Principal
	eventID int64
	now     time.Time
}

func insertEvent(t *testing.T, db *database.DB, partnerID int64, name, login string, start, end time.Time, form, confirm bool) int64 {
	t.Helper()
	var id int64
	err := db.Gorm.Raw(`INSERT INTO events (partner_id, name, time_zone, starts_at, ends_at, login_method, registration_form_required,
		email_confirmation_required, closed, default_language, outside_groups_allowed, created_at, updated_at)
		VALUES (?, ?, 'Europe/Berlin', ?, ?, ?, ?, ?, false, 'en', true, ?, ?) RETURNING id`,
		partnerID, name, start, end, login, form, confirm, start, start).Scan(&id).Error
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func setup(t *testing.T, db *database.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	var mine, theirs partner.Partner
	err := db.InTx(ctx, func(tx database.Tx) error {
		var err error
		if mine, err = partner.CreateTx(ctx, tx, "Acme"); err != nil {
			return err
		}
		theirs, err = partner.CreateTx(ctx, tx, "Other")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	jc, err := jobs.New(db, nil, jobs.Options{}) // insert-only: the jobs stay queued
	if err != nil {
		t.Fatal(err)
	}
	images := media.NewStore(db)
	f := &fixture{db: db, now: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
	f.svc = participation.NewService(participation.Deps{DB: db, Mail: mail.NewService(db, jc), Compose: composer{},
		Media: images, BaseURL: "http://roster.test"})
	f.svc.Now = func() time.Time { return f.now }
	f.admin = auth.Principal{StaffID: 0, PartnerID: mine.ID, Role: auth.RoleAdmin, Email: "admin@acme.test"}
	f.support = auth.Principal{PartnerID: mine.ID, Role: auth.RoleSupport}
	f.other = auth.Principal{PartnerID: theirs.ID, Role: auth.RoleOwner}
	// Staff ids are foreign keys: make real staff rows.
	for _, p := range []*auth.Principal{&f.admin, &f.support, &f.other} {
		err := db.InTx(ctx, func(tx database.Tx) error {
			st, err := auth.CreateStaffTx(ctx, tx, auth.NewStaff{PartnerID: p.PartnerID, Email: fmt.Sprintf("%s-%d@example.com", p.Role, p.PartnerID),
				Name: "Staff", Role: p.Role, Password: "long enough password"})
			p.StaffID = st.ID
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	f.eventID = insertEvent(t, db, mine.ID, "Noël Summit", "magic_link", f.now.Add(48*time.Hour), f.now.Add(72*time.Hour), false, false)
	return f
}

func (f *fixture) invite(t *testing.T, email, first, last string, send bool) participation.Participation {
	t.Helper()
	p, err := f.svc.Invite(context.Background(), f.admin, f.eventID, participation.InviteInput{
		Profile: people.Profile{Email: email, FirstName: first, LastName: last, Language: "de"}, SendEmail: send})
	if err != nil {
		t.Fatalf("invite %s: %v", email, err)
	}
	return p
}

// counters must always equal what count(*) says.
func (f *fixture) checkCounters(t *testing.T) {
	t.Helper()
	c, err := f.svc.Counts(context.Background(), f.admin, f.eventID)
	if err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		Status string
		N      int64
	}
	f.db.Gorm.Raw(`SELECT status, count(*) AS n FROM participations WHERE event_id = ? GROUP BY status`, f.eventID).Scan(&rows)
	var total int64
	for _, r := range rows {
		total += r.N
		if c.ByStatus[participation.Status(r.Status)] != r.N {
			t.Fatalf("counter %s = %d, count(*) = %d", r.Status, c.ByStatus[participation.Status(r.Status)], r.N)
		}
	}
	var speakers int64
	f.db.Gorm.Raw(`SELECT count(*) FROM participations WHERE event_id = ? AND is_speaker`, f.eventID).Scan(&speakers)
	if c.Total != total || c.ByRole[participation.RoleAttendee] != total || c.ByRole[participation.RoleSpeaker] != speakers {
		t.Fatalf("counters %+v, total %d, speakers %d", c, total, speakers)
	}
	// The speakers and the moderators per status.
	for role, col := range map[participation.Role]string{participation.RoleSpeaker: "is_speaker", participation.RoleModerator: "is_moderator"} {
		var rows []struct {
			Status string
			N      int64
		}
		f.db.Gorm.Raw(`SELECT status, count(*) AS n FROM participations WHERE event_id = ? AND `+col+` GROUP BY status`, f.eventID).Scan(&rows)
		want := map[participation.Status]int64{}
		for _, r := range rows {
			want[participation.Status(r.Status)] = r.N
		}
		for _, st := range participation.Statuses {
			if got := c.ByRoleStatus[role][st]; got != want[st] {
				t.Fatalf("%s counter %s = %d, count(*) = %d", role, st, got, want[st])
			}
		}
	}
}

func pngBytes() []byte {
	var b bytes.Buffer
	_ = png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 20, 20)))
	return b.Bytes()
}

func TestInviteValidatesReusesAndRefusesDuplicates(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		f := setup(t, db)
		ctx := context.Background()
		_, err := f.svc.Invite(ctx, f.admin, f.eventID, participation.InviteInput{Profile: people.Profile{Email: "Noël@example.com",
			Language: "xx", Bio: strings.Repeat("b", 2501)}, Speaker: true, Image: []byte("GIF89a not allowed")})
		ae, ok := apperr.As(err)
		if !ok || ae.Code != apperr.CodeInvalid {
			t.Fatalf("want field errors, got %v", err)
		}
		for _, field := range []string{"email", "first_name", "last_name", "language", "bio", "image"} {
			if ae.Fields[field] == "" {
				t.Errorf("no message for %s: %v", field, ae.Fields)
			}
		}
		var n int64
		db.Gorm.Raw(`SELECT count(*) FROM persons`).Scan(&n)
		if n != 0 {
			t.Fatal("a refused invite wrote a person")
		}
		// A speaker with an image and profile, invited with the email.
		sp, err := f.svc.Invite(ctx, f.admin, f.eventID, participation.InviteInput{Profile: people.Profile{Email: "zoe@example.com",
			FirstName: "Zoë", LastName: "Åström", Language: "pt-BR", Title: "CTO", Company: "Contoso", Bio: "Builds things."},
			Speaker: true, Image: pngBytes(), SendEmail: true})
		if err != nil {
			t.Fatal(err)
		}
		if sp.Status != participation.StatusInvited || sp.Detail != participation.DetailInvited || sp.Delivery != participation.DeliveryQueued ||
			sp.Person.ImagePath == "" || sp.Person.Title != "CTO" || sp.Language != "pt-BR" {
			t.Fatalf("speaker: %+v", sp)
		}
		var emails int64
		db.Gorm.Raw(`SELECT count(*) FROM emails WHERE to_address = 'zoe@example.com' AND subject LIKE 'invitation:%'`).Scan(&emails)
		var jobsN int64
		db.Gorm.Raw(`SELECT count(*) FROM river_job WHERE kind = 'mail.send'`).Scan(&jobsN)
		if emails != 1 || jobsN != 1 {
			t.Fatalf("the invitation email and its job are queued with the invite: %d emails, %d jobs", emails, jobsN)
		}
		// Without email: no email, delivery "none".
		quiet := f.invite(t, "quiet@example.com", "Quiet", "Person", false)
		if quiet.Delivery != participation.DeliveryNone || quiet.EmailSentAt != nil {
			t.Fatalf("invite without email sent one: %+v", quiet)
		}
		// Already in the event: a clear error naming the email, nothing written.
		_, err = f.svc.Invite(ctx, f.admin, f.eventID, participation.InviteInput{Profile: people.Profile{Email: "ZOE@example.com",
			FirstName: "Z", LastName: "Z"}})
		if ae, ok := apperr.As(err); !ok || ae.Code != apperr.CodeConflict || !strings.Contains(ae.Fields["email"], "already in this event") {
			t.Fatalf("duplicate: %v", err)
		}
		// The same person in a second event is reused, not duplicated.
		second := insertEvent(t, db, f.admin.PartnerID, "Second", "password", f.now.Add(time.Hour), f.now.Add(2*time.Hour), true, false)
		again, err := f.svc.Invite(ctx, f.admin, second, participation.InviteInput{Profile: people.Profile{Email: "zoe@EXAMPLE.com",
			FirstName: "Other", LastName: "Name"}})
		if err != nil {
			t.Fatal(err)
		}
		if again.PersonID != sp.PersonID || again.Person.FirstName != "Zoë" || again.Detail != participation.DetailInvitedToRegister {
			t.Fatalf("reuse: %+v", again)
		}
		db.Gorm.Raw(`SELECT count(*) FROM persons`).Scan(&n)
		if n != 2 {
			t.Fatalf("%d persons, want 2", n)
		}
		// Roles and tenancy.
		if _, err := f.svc.Invite(ctx, f.support, f.eventID, participation.InviteInput{}); !apperr.Is(err, apperr.CodeForbidden) {
			t.Fatalf("support may not invite: %v", err)
		}
		if _, err := f.svc.Invite(ctx, f.other, f.eventID, participation.InviteInput{Profile: people.Profile{Email: "x@example.com",
			FirstName: "X", LastName: "Y"}}); !apperr.Is(err, apperr.CodeNotFound) {
			t.Fatalf("another partner's event must not be found: %v", err)
		}
		f.checkCounters(t)
	})
}

func TestRowActionsFollowTheMatrix(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		f := setup(t, db)
		ctx := context.Background()
		jane := f.invite(t, "jane@example.com", "Jane", "Doe", false)
		// Invited: resend sends the invitation and records it.
		r, err := f.svc.Resend(ctx, f.admin, f.eventID, jane.ID)
		if err != nil || r.Delivery != participation.DeliveryQueued {
			t.Fatalf("resend: %v %+v", err, r)
		}
		// Analytics is not offered to Invited people: refused on the server.
		if _, err := f.svc.Analytics(ctx, f.admin, f.eventID, jane.ID); !apperr.Is(err, apperr.CodeConflict) {
			t.Fatalf("analytics for Invited: %v", err)
		}
		// Chat blocking needs an attendee who accepted the terms.
		if _, err := f.svc.SetChatBlocked(ctx, f.admin, f.eventID, jane.ID, true); !apperr.Is(err, apperr.CodeConflict) {
			t.Fatalf("chat block for Invited: %v", err)
		}
		// A login link: only its hash is stored; the landing spends nothing; entering does, once.
		link, _, err := f.svc.GenerateLoginLink(ctx, f.admin, f.eventID, jane.ID)
		if err != nil || !strings.HasPrefix(link.URL, "http://roster.test/l/") || !link.ExpiresAt.After(f.now) {
			t.Fatalf("login link: %v %+v", err, link)
		}
		raw := strings.TrimPrefix(link.URL, "http://roster.test/l/")
		var stored int64
		db.Gorm.Raw(`SELECT count(*) FROM login_tokens WHERE token_hash = ?`, raw).Scan(&stored)
		if stored != 0 {
			t.Fatal("a raw token is stored")
		}
		for range 2 {
			l, err := f.svc.Landing(ctx, raw)
			if err != nil || l.MaskedEmail != "jane@…" || l.EventName != "Noël Summit" {
				t.Fatalf("landing: %v %+v", err, l)
			}
		}
		att, err := f.svc.Enter(ctx, raw, "10.1.1.1", "test-browser")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Enter(ctx, raw, "10.1.1.1", "test-browser"); !apperr.Is(err, apperr.CodeGone) {
			t.Fatalf("a link works once: %v", err)
		}
		lobby, err := f.svc.Lobby(ctx, att)
		if err != nil || lobby.Status != participation.StatusAttended || lobby.Person.Email != "jane@example.com" {
			t.Fatalf("lobby: %v %+v", err, lobby)
		}
		// Now Attended (pre-event visit): analytics shows the visit and the history.
		a, err := f.svc.Analytics(ctx, f.admin, f.eventID, jane.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.Visits != 1 || a.PreEvent != 1 || a.FirstVisit == nil || len(a.History) != 3 ||
			a.History[0].Cause != participation.CauseInvite || a.History[1].Cause != participation.CauseReinvite ||
			a.History[2].ToDetail != participation.DetailPreEventVisit || a.History[2].Actor.Kind != participation.ActorPerson {
			t.Fatalf("analytics: %+v", a)
		}
		// Resend and login links are not offered to Attended people.
		if _, err := f.svc.Resend(ctx, f.admin, f.eventID, jane.ID); !apperr.Is(err, apperr.CodeConflict) {
			t.Fatalf("resend for Attended: %v", err)
		}
		if _, _, err := f.svc.GenerateLoginLink(ctx, f.admin, f.eventID, jane.ID); !apperr.Is(err, apperr.CodeConflict) {
			t.Fatalf("login link for Attended: %v", err)
		}
		// Edit: person fields, roles (counters follow), language.
		edited, err := f.svc.Update(ctx, f.admin, f.eventID, jane.ID, participation.EditInput{Profile: people.Profile{
			Email: "jane.doe@example.com", FirstName: "Jane", LastName: "Doé", Language: "fr", Bio: "Hi"}, Moderator: true})
		if err != nil || !edited.IsModerator || edited.Person.Email != "jane.doe@example.com" || edited.Language != "fr" {
			t.Fatalf("edit: %v %+v", err, edited)
		}
		f.checkCounters(t)
		// Support can read but not change.
		if err := f.svc.Remove(ctx, f.support, f.eventID, jane.ID); !apperr.Is(err, apperr.CodeForbidden) {
			t.Fatalf("support remove: %v", err)
		}
		// Another partner cannot touch it.
		if err := f.svc.Remove(ctx, f.other, f.eventID, jane.ID); !apperr.Is(err, apperr.CodeNotFound) {
			t.Fatalf("other partner remove: %v", err)
		}
		if err := f.svc.Remove(ctx, f.admin, f.eventID, jane.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.svc.Get(ctx, f.admin, f.eventID, jane.ID); !apperr.Is(err, apperr.CodeNotFound) {
			t.Fatalf("removed: %v", err)
		}
		var persons int64
		db.Gorm.Raw(`SELECT count(*) FROM persons WHERE email = 'jane.doe@example.com'`).Scan(&persons)
		if persons != 1 {
			t.Fatal("remove keeps the person")
		}
		f.checkCounters(t)
	})
}

func TestListPagesSortsSearchesAndExports(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		f := setup(t, db)
		ctx := context.Background()
		names := []string{"Noël", "Zoë", "Åsa", "Liam", "=cmd|' /C calc'!A0", "Olivia", "Emma"}
		for i := range 23 {
			n := names[i%len(names)]
			f.now = f.now.Add(time.Minute)
			f.invite(t, fmt.Sprintf("p%02d@example.com", i), n, fmt.Sprintf("Person%02d", i), false)
		}
		// Every sort, both directions: pages of 5 cover all 23 rows exactly once, forwards and back.
		for _, sort := range []participation.Sort{participation.SortCreated, participation.SortName, participation.SortEmail, participation.SortStatus} {
			for _, desc := range []bool{false, true} {
				flt := participation.ListFilter{EventID: f.eventID, Sort: sort, Desc: desc, Limit: 5}
				var seen []int64
				var cursors []string
				cursor := ""
				for {
					flt.Cursor = cursor
					page, err := f.svc.List(ctx, f.admin, flt)
					if err != nil {
						t.Fatal(err)
					}
					if page.Total != 23 || page.From != int64(len(seen))+1 {
						t.Fatalf("%s desc=%v: from %d of %d after %d rows", sort, desc, page.From, page.Total, len(seen))
					}
					for _, r := range page.Rows {
						seen = append(seen, r.ID)
					}
					cursors = append(cursors, cursor)
					if page.Next == "" {
						break
					}
					cursor = page.Next
				}
				if len(seen) != 23 {
					t.Fatalf("%s desc=%v: %d rows", sort, desc, len(seen))
				}
				// Back from the last page reproduces the earlier pages.
				flt.Cursor = cursors[len(cursors)-1]
				last, _ := f.svc.List(ctx, f.admin, flt)
				flt.Cursor = last.Prev
				prev, err := f.svc.List(ctx, f.admin, flt)
				if err != nil || !last.HasPrev || prev.From != 16 || prev.Rows[0].ID != seen[15] {
					t.Fatalf("%s desc=%v prev: %v from %d", sort, desc, err, prev.From)
				}
			}
		}
		// Accent-insensitive substring search, with a count.
		page, err := f.svc.List(ctx, f.admin, participation.ListFilter{EventID: f.eventID, Query: "NOEL"})
		if err != nil || page.Total != 4 || len(page.Rows) != 4 {
			t.Fatalf("search: %v total %d", err, page.Total)
		}
		if page, _ := f.svc.List(ctx, f.admin, participation.ListFilter{EventID: f.eventID, Query: "100%"}); page.Total != 0 {
			t.Fatal("wildcards are literal")
		}
		// Filters and bad input.
		if page, _ := f.svc.List(ctx, f.admin, participation.ListFilter{EventID: f.eventID, Status: participation.StatusAttended}); page.Total != 0 {
			t.Fatal("status filter")
		}
		if _, err := f.svc.List(ctx, f.admin, participation.ListFilter{EventID: f.eventID, Cursor: "garbage"}); !apperr.Is(err, apperr.CodeInvalid) {
			t.Fatalf("bad cursor: %v", err)
		}
		if _, err := f.svc.List(ctx, f.admin, participation.ListFilter{EventID: f.eventID, Status: "nope"}); !apperr.Is(err, apperr.CodeInvalid) {
			t.Fatalf("bad status: %v", err)
		}
		if _, err := f.svc.List(ctx, f.other, participation.ListFilter{EventID: f.eventID}); !apperr.Is(err, apperr.CodeNotFound) {
			t.Fatalf("another partner's list: %v", err)
		}
		// CSV: every row, formula cells neutralised.
		var buf bytes.Buffer
		if err := f.svc.Export(ctx, f.support, participation.ListFilter{EventID: f.eventID, Sort: participation.SortName}, &buf); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil || len(recs) != 24 || recs[0][0] != "first_name" {
			t.Fatalf("csv: %v %d", err, len(recs))
		}
		for _, rec := range recs[1:] {
			for _, cell := range rec {
				if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
					t.Fatalf("formula cell %q", cell)
				}
			}
		}
		// Bulk: resend to all, remove some; skips are reported.
		all, _ := f.svc.List(ctx, f.admin, participation.ListFilter{EventID: f.eventID, Limit: 100})
		ids := make([]int64, len(all.Rows))
		for i, r := range all.Rows {
			ids[i] = r.ID
		}
		res, err := f.svc.ResendMany(ctx, f.admin, f.eventID, ids)
		if err != nil || res.Done != 23 {
			t.Fatalf("bulk resend: %v %+v", err, res)
		}
		res, err = f.svc.RemoveMany(ctx, f.admin, f.eventID, ids[:10])
		if err != nil || res.Done != 10 {
			t.Fatalf("bulk remove: %v %+v", err, res)
		}
		res, err = f.svc.RemoveMany(ctx, f.admin, f.eventID, append(ids[:12:12], 987654, 987655))
		if err != nil || res.Done != 2 || len(res.Skipped) != 12 {
			t.Fatalf("bulk remove of removed and unknown ids: %v %+v", err, res)
		}
		if _, err := f.svc.RemoveMany(ctx, f.admin, f.eventID, nil); !apperr.Is(err, apperr.CodeInvalid) {
			t.Fatal("an empty selection is refused")
		}
		f.checkCounters(t)
	})
}

func TestDeliveryStateFollowsTheEmail(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		f := setup(t, db)
		p := f.invite(t, "d@example.com", "D", "E", true)
		var emailID int64
		db.Gorm.Raw(`SELECT last_email_id FROM participations WHERE id = ?`, p.ID).Scan(&emailID)
		for _, st := range []mail.Status{mail.StatusDeferred, mail.StatusSent, mail.StatusBounced} {
			if err := f.svc.DeliveryChanged(context.Background(), emailID, st); err != nil {
				t.Fatal(err)
			}
			got, _, _ := f.svc.Get(context.Background(), f.admin, f.eventID, p.ID)
			if string(got.Delivery) != string(st) {
				t.Fatalf("delivery %s, want %s", got.Delivery, st)
			}
		}
	})
}
