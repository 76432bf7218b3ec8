package auth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"roster/internal/apperr"
	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/mail"
	"roster/internal/partner"
)

type noMail struct{}

func (noMail) QueueTx(context.Context, database.Tx, mail.Message) (int64, error) { return 1, nil }

// plainComposer writes a minimal staff invitation (the real one lives in views/emails).
type plainComposer struct{}

func (plainComposer) StaffInvite(_ context.Context, _ string, in auth.StaffInvite) (string, string, string, error) {
	return "Join " + in.Organisation, in.Link, "", nil
}

func setup(t *testing.T, db *database.DB) (*auth.Service, auth.Staff, *time.Time) {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	svc := auth.NewService(db, noMail{}, "http://roster.test", nil)
	svc.Compose = plainComposer{}
	svc.Now = func() time.Time { return now }
	var st auth.Staff
	err := db.InTx(ctx, func(tx database.Tx) error {
		p, err := partner.CreateTx(ctx, tx, "Acme")
		if err != nil {
			return err
		}
		st, err = auth.CreateStaffTx(ctx, tx, auth.NewStaff{PartnerID: p.ID, Email: "Ann@Example.com", Name: "Ann", Role: auth.RoleAdmin, Password: "twelve chars ok"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return svc, st, &now
}

func TestSessionTimeouts(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		svc, _, now := setup(t, db)
		ctx := context.Background()
		tok, p, err := svc.Login(ctx, "ann@example.com", "twelve chars ok", auth.Client{IP: "10.0.0.1", UserAgent: "test"})
		if err != nil || p.Role != auth.RoleAdmin || p.PartnerName != "Acme" {
			t.Fatalf("login: %v %+v", err, p)
		}
		// Activity keeps the session alive past the idle timeout…
		for range 3 {
			*now = now.Add(auth.SessionIdle - time.Hour)
			if _, err := svc.Authenticate(ctx, tok); err != nil {
				t.Fatalf("an active session must live: %v", err)
			}
		}
		// …but idleness ends it.
		*now = now.Add(auth.SessionIdle + time.Minute)
		if _, err := svc.Authenticate(ctx, tok); !apperr.Is(err, apperr.CodeUnauthorized) {
			t.Fatalf("an idle session must end: %v", err)
		}
		// The absolute timeout ends even an active session.
		tok, _, err = svc.Login(ctx, "ann@example.com", "twelve chars ok", auth.Client{IP: "10.0.0.1"})
		if err != nil {
			t.Fatal(err)
		}
		start := *now
		for now.Sub(start) < auth.SessionAbsolute-6*time.Hour {
			*now = now.Add(6 * time.Hour)
			if _, err := svc.Authenticate(ctx, tok); err != nil {
				t.Fatalf("an active session within its lifetime must live: %v", err)
			}
		}
		*now = start.Add(auth.SessionAbsolute + time.Minute)
		if _, err := svc.Authenticate(ctx, tok); !apperr.Is(err, apperr.CodeUnauthorized) {
			t.Fatalf("a session past its absolute lifetime must end: %v", err)
		}
	})
}

func TestSignOutEverywhereElseAndPasswordChange(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		svc, _, _ := setup(t, db)
		ctx := context.Background()
		laptop, p, err := svc.Login(ctx, "ann@example.com", "twelve chars ok", auth.Client{IP: "10.0.0.1"})
		if err != nil {
			t.Fatal(err)
		}
		phone, _, err := svc.Login(ctx, "ann@example.com", "twelve chars ok", auth.Client{IP: "10.0.0.2"})
		if err != nil {
			t.Fatal(err)
		}
		if ss, _ := svc.Sessions(ctx, p); len(ss) != 2 {
			t.Fatalf("two sessions expected, got %d", len(ss))
		}
		if err := svc.RevokeOtherSessions(ctx, p); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Authenticate(ctx, phone); err == nil {
			t.Fatal("the other session must be revoked")
		}
		if _, err := svc.Authenticate(ctx, laptop); err != nil {
			t.Fatal("this session must stay")
		}
		err = svc.ChangePassword(ctx, p, "wrong", "a new password here", "a new password here")
		if ae, ok := apperr.As(err); !ok || ae.Fields["current"] == "" {
			t.Fatalf("a wrong current password is named: %v", err)
		}
		if err := svc.ChangePassword(ctx, p, "twelve chars ok", "a new password here", "a new password here"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Login(ctx, "ann@example.com", "twelve chars ok", auth.Client{IP: "10.0.0.3"}); err == nil {
			t.Fatal("the old password must stop working")
		}
		if _, _, err := svc.Login(ctx, "ann@example.com", "a new password here", auth.Client{IP: "10.0.0.3"}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestPasswordHashing(t *testing.T) {
	t.Parallel()
	h, err := auth.HashPassword("Zoë's long password")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$") || !auth.CheckPassword(h, "Zoë's long password") || auth.CheckPassword(h, "zoë's long password") {
		t.Fatalf("argon2id round trip failed: %s", h)
	}
	h2, _ := auth.HashPassword("Zoë's long password")
	if h == h2 {
		t.Fatal("hashes must be salted")
	}
	if auth.CheckPassword("garbage", "x") {
		t.Fatal("a malformed hash never matches")
	}
	seen := map[string]bool{}
	for range 50 {
		p := auth.GeneratePassword()
		if len(p) != 20 || seen[p] || auth.ValidatePassword(p) != nil {
			t.Fatalf("generated password %q", p)
		}
		seen[p] = true
	}
	raw, hash := auth.NewToken()
	if auth.HashToken(raw) != hash || strings.Contains(hash, raw) || len(raw) < 43 {
		t.Fatal("tokens are stored only as their SHA-256")
	}
}

func TestPolicyTable(t *testing.T) {
	t.Parallel()
	cases := []struct {
		role auth.Role
		perm auth.Permission
		want bool
	}{
		{auth.RoleOwner, auth.PermStaffManage, true},
		{auth.RoleAdmin, auth.PermSettingsManage, true},
		{auth.RoleOrganizer, auth.PermEventsManage, true},
		{auth.RoleOrganizer, auth.PermClassroomView, false},
		{auth.RoleOrganizer, auth.PermAuditView, false},
		{auth.RoleOrganizer, auth.PermPeopleDelete, false},
		{auth.RoleOrganizer, auth.PermDeletionRequest, true},
		{auth.RoleClassroomAdmin, auth.PermClassroomManage, true},
		{auth.RoleClassroomAdmin, auth.PermEventsView, false},
		{auth.RoleSupport, auth.PermEventsView, true},
		{auth.RoleSupport, auth.PermEventsManage, false},
		{auth.RoleSupport, auth.PermDeletionApprove, true},
		{auth.RoleSupport, auth.PermAuditView, true},
		{auth.RoleSupport, auth.PermStaffManage, false},
	}
	for _, c := range cases {
		if got := auth.RoleCan(c.role, c.perm); got != c.want {
			t.Errorf("%s %s: %v, want %v", c.role, c.perm, got, c.want)
		}
	}
	admin := auth.Principal{StaffID: 1, Role: auth.RoleAdmin}
	owner := auth.Principal{StaffID: 2, Role: auth.RoleOwner}
	if admin.CanAssign(auth.RoleOwner) || !owner.CanAssign(auth.RoleOwner) || !admin.CanAssign(auth.RoleSupport) {
		t.Fatal("only owners make owners")
	}
	if (auth.Principal{}).Can(auth.PermConsole) {
		t.Fatal("nobody signed in can do nothing")
	}
}
