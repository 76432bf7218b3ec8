package classroom_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"roster/internal/apperr"
	"roster/internal/auth"
	"roster/internal/classroom"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/jobs"
	"roster/internal/mail"
	"roster/internal/partner"
)

// TestMatrix is the role × course state × membership × act table: each
// cell says what the classroom side allows.
func TestMatrix(t *testing.T) {
	t.Parallel()
	type cell struct {
		role   classroom.Role
		state  classroom.CourseState
		member bool
	}
	// want lists the acts allowed; every other act is refused.
	want := map[cell][]classroom.Act{}
	all := classroom.Acts
	for _, st := range []classroom.CourseState{classroom.CourseActive, classroom.CourseInactive, classroom.CourseArchived} {
		for _, m := range []bool{true, false} {
			want[cell{classroom.RoleAdmin, st, m}] = all
			want[cell{classroom.RoleInstructor, st, m}] = nil
			want[cell{classroom.RoleStudent, st, m}] = nil
		}
	}
	want[cell{classroom.RoleInstructor, classroom.CourseActive, true}] = all
	want[cell{classroom.RoleInstructor, classroom.CourseInactive, true}] = all
	want[cell{classroom.RoleStudent, classroom.CourseActive, true}] = []classroom.Act{classroom.ActEnter, classroom.ActReadFiles}
	for c, allowed := range want {
		for _, act := range all {
			exp := false
			for _, a := range allowed {
				exp = exp || a == act
			}
			name := fmt.Sprintf("%s/%s/member=%v/%s", c.role, c.state, c.member, act)
			t.Run(name, func(t *testing.T) {
				if got := classroom.Allowed(c.role, c.state, c.member, act); got != exp {
					t.Errorf("Allowed = %v, want %v", got, exp)
				}
			})
		}
	}
	if classroom.Allowed("root", classroom.CourseActive, true, classroom.ActEnter) {
		t.Error("an unknown role is allowed")
	}
}

func TestSplitName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string][2]string{
		"Mary Ann  Smith": {"Mary Ann", "Smith"},
		"Cher":            {"Cher", ""},
		"  Jo   Lee ":     {"Jo", "Lee"},
		"":                {"", ""},
	} {
		if f, l := classroom.SplitName(in); f != want[0] || l != want[1] {
			t.Errorf("SplitName(%q) = %q, %q; want %q", in, f, l, want)
		}
	}
}

type composer struct{}

func (composer) ClassroomInvite(_ context.Context, d classroom.InviteEmail) (string, string, string, error) {
	return "Classroom: " + d.Organisation, "Hello " + d.PersonName + ", courses " + strings.Join(d.Courses, ", ") + ": " + d.Link,
		"<a href=\"" + d.Link + "\">It's me</a>", nil
}

type fixture struct {
	svc          *classroom.Service
	db           *database.DB
	admin, other auth.Principal
	support      auth.Principal
	now          time.Time
}

func setup(t *testing.T, db *database.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: db, now: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
	var mine, theirs partner.Partner
	if err := db.InTx(ctx, func(tx database.Tx) (err error) {
		if mine, err = partner.CreateTx(ctx, tx, "Acme"); err != nil {
			return err
		}
		theirs, err = partner.CreateTx(ctx, tx, "Other")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	jc, err := jobs.New(db, nil, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.svc = classroom.NewService(classroom.Deps{DB: db, Mail: mail.NewService(db, jc), Compose: composer{}, BaseURL: "http://roster.test"})
	f.svc.Now = func() time.Time { return f.now }
	f.admin = auth.Principal{PartnerID: mine.ID, Role: auth.RoleClassroomAdmin, Email: "ca@acme.test"}
	f.support = auth.Principal{PartnerID: mine.ID, Role: auth.RoleSupport}
	f.other = auth.Principal{PartnerID: theirs.ID, Role: auth.RoleOwner}
	for _, p := range []*auth.Principal{&f.admin, &f.support, &f.other} {
		if err := db.InTx(ctx, func(tx database.Tx) error {
			st, err := auth.CreateStaffTx(ctx, tx, auth.NewStaff{PartnerID: p.PartnerID, Email: fmt.Sprintf("%s-%d@example.com", p.Role, p.PartnerID),
				Name: "Staff", Role: p.Role, Password: "long enough password"})
			p.StaffID = st.ID
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func (f *fixture) course(t *testing.T, name string, active bool) classroom.Course {
	t.Helper()
	in := classroom.CourseInput{Name: name}
	if active {
		from, until := f.now.Add(-24*time.Hour), f.now.Add(30*24*time.Hour)
		in.ActiveFrom, in.ActiveUntil = &from, &until
	}
	c, err := f.svc.CreateCourse(context.Background(), f.admin, in)
	if err != nil {
		t.Fatalf("create course %s: %v", name, err)
	}
	return c
}

func (f *fixture) invite(t *testing.T, name, email string, role classroom.Role, courses ...int64) classroom.User {
	t.Helper()
	u, err := f.svc.Invite(context.Background(), f.admin, classroom.InviteInput{FullName: name, Email: email, Role: role, CourseIDs: courses})
	if err != nil {
		t.Fatalf("invite %s: %v", email, err)
	}
	return u
}

var linkRe = regexp.MustCompile(`/c/claim/([A-Za-z0-9_-]+)`)

// lastLink reads the claim link of the newest invitation emailed to addr.
func (f *fixture) lastLink(t *testing.T, addr string) string {
	t.Helper()
	var body string
	if err := f.db.Gorm.Raw(`SELECT text_body FROM emails WHERE to_address = ? ORDER BY id DESC LIMIT 1`, addr).Scan(&body).Error; err != nil {
		t.Fatal(err)
	}
	m := linkRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no claim link in %q", body)
	}
	return m[1]
}

func code(err error) apperr.Code {
	if ae, ok := apperr.As(err); ok {
		return ae.Code
	}
	return ""
}

func TestInviteClaimAndSignIn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		f := setup(t, db)
		bio := f.course(t, "Biologie générale", true)
		u := f.invite(t, "Ann Invited", "ann@example.com", "", bio.ID)
		if u.Role != classroom.RoleStudent || u.Status != classroom.StatusPending || len(u.Courses) != 1 || u.Courses[0].Name != bio.Name {
			t.Fatalf("invited user = %+v", u)
		}
		// An email already a classroom user is a clear error.
		_, err := f.svc.Invite(ctx, f.admin, classroom.InviteInput{FullName: "Again", Email: "ANN@example.com"})
		if ae, ok := apperr.As(err); !ok || ae.Code != apperr.CodeConflict || !strings.Contains(ae.Fields["email"], "already a classroom user (Student, Pending)") {
			t.Fatalf("second invite: %v", err)
		}
		// Bad input names its field.
		_, err = f.svc.Invite(ctx, f.admin, classroom.InviteInput{FullName: " ", Email: "Noël@example.com", Role: "root"})
		if ae, ok := apperr.As(err); !ok || ae.Fields["full_name"] == "" || ae.Fields["email"] == "" || ae.Fields["role"] == "" {
			t.Fatalf("invalid invite: %v", err)
		}
		// Another partner's course cannot be chosen.
		theirs, err := f.svc.CreateCourse(ctx, f.other, classroom.CourseInput{Name: "Theirs"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Invite(ctx, f.admin, classroom.InviteInput{FullName: "Bo Bee", Email: "bo@example.com", CourseIDs: []int64{theirs.ID}})
		if ae, ok := apperr.As(err); !ok || ae.Fields["courses"] == "" {
			t.Fatalf("invite into another partner's course: %v", err)
		}
		// Support reads but cannot invite.
		if _, err := f.svc.Invite(ctx, f.support, classroom.InviteInput{FullName: "X", Email: "x@example.com"}); code(err) != apperr.CodeForbidden {
			t.Fatalf("support invite: %v", err)
		}

		raw := f.lastLink(t, "ann@example.com")
		// Opening the link spends nothing.
		for range 2 {
			c, err := f.svc.Landing(ctx, raw)
			if err != nil || c.MaskedEmail != "ann@…" || c.FullName != "Ann Invited" || c.HasPassword || c.Organisation != "Acme" {
				t.Fatalf("landing = %+v, %v", c, err)
			}
		}
		// A weak password is refused and spends nothing.
		_, err = f.svc.Claim(ctx, raw, classroom.ClaimInput{FullName: "Ann Real", Password: "short", Confirm: "short"}, "127.0.0.1", "test")
		if ae, ok := apperr.As(err); !ok || ae.Fields["password"] == "" {
			t.Fatalf("weak password: %v", err)
		}
		m, err := f.svc.Claim(ctx, raw, classroom.ClaimInput{FullName: "Ann  Real Name", Password: "a long enough secret", Confirm: "a long enough secret"}, "127.0.0.1", "test")
		if err != nil || m.Name != "Ann Real Name" || m.Role != classroom.RoleStudent {
			t.Fatalf("claim = %+v, %v", m, err)
		}
		if _, err := f.svc.Claim(ctx, raw, classroom.ClaimInput{FullName: "Again", Password: "a long enough secret", Confirm: "a long enough secret"}, "", ""); code(err) != apperr.CodeGone {
			t.Fatalf("second claim: %v", err)
		}
		got, err := f.svc.User(ctx, f.admin, u.PersonID)
		if err != nil || got.Status != classroom.StatusRegistered || got.Name() != "Ann Real Name" || got.RegisteredAt == nil {
			t.Fatalf("after claim = %+v, %v", got, err)
		}
		// Sign in: right password, wrong password, unknown email.
		if m, err := f.svc.Login(ctx, " Ann@Example.com ", "a long enough secret", "127.0.0.1"); err != nil || m.PersonID != u.PersonID {
			t.Fatalf("login = %+v, %v", m, err)
		}
		_, wrong := f.svc.Login(ctx, "ann@example.com", "not the secret at all", "127.0.0.1")
		_, unknown := f.svc.Login(ctx, "nobody@example.com", "not the secret at all", "127.0.0.1")
		if wrong == nil || unknown == nil || wrong.Error() != unknown.Error() {
			t.Fatalf("wrong password %v vs unknown email %v", wrong, unknown)
		}
		// Deleting the user signs them out and withdraws what is pending.
		if _, err := f.svc.DeleteUser(ctx, f.admin, u.PersonID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Member(ctx, m.PartnerID, m.PersonID); code(err) != apperr.CodeUnauthorized {
			t.Fatalf("member after delete: %v", err)
		}
	})
}

func TestResendWithdrawsTheEarlierLink(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		f := setup(t, db)
		u := f.invite(t, "Cy Dee", "cy@example.com", classroom.RoleInstructor)
		first := f.lastLink(t, "cy@example.com")
		f.now = f.now.Add(time.Hour)
		if _, err := f.svc.Resend(ctx, f.admin, u.PersonID); err != nil {
			t.Fatal(err)
		}
		second := f.lastLink(t, "cy@example.com")
		if first == second {
			t.Fatal("resend reused the link")
		}
		if _, err := f.svc.Landing(ctx, first); code(err) != apperr.CodeGone {
			t.Fatalf("first link after resend: %v", err)
		}
		// The invitation expires.
		f.now = f.now.Add(classroom.InvitationTTL + time.Minute)
		if _, err := f.svc.Landing(ctx, second); code(err) != apperr.CodeGone {
			t.Fatalf("expired link: %v", err)
		}
		got, _ := f.svc.User(ctx, f.admin, u.PersonID)
		if !got.InvitationExpired(f.now) {
			t.Fatal("the invitation does not show as expired")
		}
		// Another partner cannot resend, edit or delete it.
		if _, err := f.svc.Resend(ctx, f.other, u.PersonID); code(err) != apperr.CodeNotFound {
			t.Fatalf("other partner resend: %v", err)
		}
		if _, err := f.svc.UpdateUser(ctx, f.other, u.PersonID, classroom.UserPatch{Role: classroom.RoleAdmin}); code(err) != apperr.CodeNotFound {
			t.Fatalf("other partner update: %v", err)
		}
		if _, err := f.svc.DeleteUser(ctx, f.other, u.PersonID); code(err) != apperr.CodeNotFound {
			t.Fatalf("other partner delete: %v", err)
		}
	})
}

// claim registers a user invited with role into courses and returns them
// signed in.
func (f *fixture) member(t *testing.T, name, email string, role classroom.Role, courses ...int64) classroom.Member {
	t.Helper()
	f.invite(t, name, email, role, courses...)
	m, err := f.svc.Claim(context.Background(), f.lastLink(t, email), classroom.ClaimInput{FullName: name, Password: "a long enough secret", Confirm: "a long enough secret"}, "", "")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func names(cs []classroom.MemberCourse) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return strings.Join(out, ",")
}

func TestRolesOnTheClassroomSide(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		f := setup(t, db)
		active, inactive, other := f.course(t, "Active", true), f.course(t, "Inactive", false), f.course(t, "Other", true)
		archived := f.course(t, "Archived", true)
		student := f.member(t, "Stu Dent", "stu@example.com", classroom.RoleStudent, active.ID, inactive.ID, archived.ID)
		teacher := f.member(t, "Tea Cher", "tea@example.com", classroom.RoleInstructor, active.ID, inactive.ID, archived.ID)
		admin := f.member(t, "Ad Min", "adm@example.com", classroom.RoleAdmin)
		if _, err := f.svc.SetArchived(ctx, f.admin, archived.ID, true); err != nil {
			t.Fatal(err)
		}

		for _, tc := range []struct {
			m    classroom.Member
			want string
		}{
			{student, "Active"},
			{teacher, "Active,Inactive"},
			{admin, "Active,Archived,Inactive,Other"},
		} {
			cs, err := f.svc.MyCourses(ctx, tc.m)
			if err != nil || names(cs) != tc.want {
				t.Errorf("%s: my courses = %q, %v; want %q", tc.m.Role, names(cs), err, tc.want)
			}
		}

		// Files: the instructor uploads; the student reads; nobody else.
		pdf := append([]byte("%PDF-1.7\n"), make([]byte, 100)...)
		file, err := f.svc.Upload(ctx, teacher, active.ID, "../../Syllabus.pdf", pdf)
		if err != nil || file.Name != "Syllabus.pdf" || file.ContentType != "application/pdf" {
			t.Fatalf("upload = %+v, %v", file, err)
		}
		if _, err := f.svc.Upload(ctx, teacher, inactive.ID, "notes.txt", []byte("plain notes")); err != nil {
			t.Fatalf("instructor upload to an inactive course: %v", err)
		}
		if d, err := f.svc.Download(ctx, student, active.ID, file.ID); err != nil || len(d.Data) != len(pdf) {
			t.Fatalf("student download: %v", err)
		}
		for _, tc := range []struct {
			name string
			err  error
			want apperr.Code
		}{
			{"student opens inactive course", second(f.svc.OpenCourse(ctx, student, inactive.ID)), apperr.CodeForbidden},
			{"student lists inactive course files", second(f.svc.Files(ctx, student, inactive.ID)), apperr.CodeForbidden},
			{"student lists another course's files", second(f.svc.Files(ctx, student, other.ID)), apperr.CodeForbidden},
			{"student downloads through another course", second(f.svc.Download(ctx, student, other.ID, file.ID)), apperr.CodeForbidden},
			{"student uploads", second(f.svc.Upload(ctx, student, active.ID, "x.txt", []byte("x"))), apperr.CodeForbidden},
			{"student deletes", second(f.svc.DeleteFile(ctx, student, active.ID, file.ID)), apperr.CodeForbidden},
			{"instructor opens another course", second(f.svc.OpenCourse(ctx, teacher, other.ID)), apperr.CodeForbidden},
			{"instructor opens archived course", second(f.svc.OpenCourse(ctx, teacher, archived.ID)), apperr.CodeForbidden},
			{"file id of another course", second(f.svc.Download(ctx, admin, other.ID, file.ID)), apperr.CodeNotFound},
			{"a course that does not exist", second(f.svc.OpenCourse(ctx, admin, 999999)), apperr.CodeNotFound},
			{"a disguised file", second(f.svc.Upload(ctx, teacher, active.ID, "slides.pdf", []byte("<html><script>x</script>"))), apperr.CodeInvalid},
			{"an executable", second(f.svc.Upload(ctx, teacher, active.ID, "setup.exe", append([]byte("MZ"), make([]byte, 64)...))), apperr.CodeInvalid},
			{"an empty file", second(f.svc.Upload(ctx, teacher, active.ID, "empty.txt", nil)), apperr.CodeInvalid},
			{"a file too large", second(f.svc.Upload(ctx, teacher, active.ID, "big.txt", make([]byte, classroom.MaxFileSize+1))), apperr.CodeInvalid},
		} {
			if got := code(tc.err); got != tc.want {
				t.Errorf("%s: %v (code %q), want %q", tc.name, tc.err, got, tc.want)
			}
		}
		v, err := f.svc.OpenCourse(ctx, teacher, active.ID)
		if err != nil || !v.CanManage || len(v.Files) != 1 || v.Files[0].UploadedBy != "Tea Cher" {
			t.Fatalf("instructor course view = %+v, %v", v, err)
		}
		if _, err := f.svc.DeleteFile(ctx, admin, active.ID, file.ID); err != nil {
			t.Fatalf("admin deletes: %v", err)
		}
		// Another partner's member sees none of it.
		outsider := classroom.Member{PartnerID: f.other.PartnerID, PersonID: admin.PersonID, Role: classroom.RoleAdmin}
		if _, err := f.svc.OpenCourse(ctx, outsider, active.ID); code(err) != apperr.CodeNotFound {
			t.Fatalf("another partner opens a course: %v", err)
		}
	})
}

func second[T any](_ T, err error) error { return err }

func TestCoursesAndUsersLists(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		f := setup(t, db)
		for i := range 7 {
			f.course(t, fmt.Sprintf("Cours %02d", i), i%2 == 0)
		}
		f.course(t, "Économie", true)
		all, page, err := f.svc.Courses(ctx, f.admin, classroom.CourseFilter{Limit: 3})
		if err != nil || len(all) != 3 || page.From != 1 || page.To != 3 || page.Total != 8 || page.Next == "" || page.Prev != "" {
			t.Fatalf("first page = %d, %+v, %v", len(all), page, err)
		}
		c, _ := classroom.ParseCursor(page.Next)
		p2, page2, _ := f.svc.Courses(ctx, f.admin, classroom.CourseFilter{Limit: 3, Cursor: c})
		if page2.From != 4 || page2.To != 6 || p2[0].Name != "Cours 03" || page2.Prev == "" {
			t.Fatalf("second page = %+v", page2)
		}
		back, _ := classroom.ParseCursor(page2.Prev)
		p1, page1, _ := f.svc.Courses(ctx, f.admin, classroom.CourseFilter{Limit: 3, Cursor: back})
		if page1.From != 1 || p1[0].Name != "Cours 00" || page1.Prev != "" {
			t.Fatalf("back to the first page = %+v, %s", page1, p1[0].Name)
		}
		found, _, _ := f.svc.Courses(ctx, f.admin, classroom.CourseFilter{Query: "economie"})
		if len(found) != 1 || found[0].Name != "Économie" {
			t.Fatalf("accent-insensitive search = %+v", found)
		}
		inactive, pi, _ := f.svc.Courses(ctx, f.admin, classroom.CourseFilter{State: classroom.CourseInactive})
		if pi.Total != 3 || len(inactive) != 3 || inactive[0].State() != classroom.CourseInactive {
			t.Fatalf("inactive = %+v", pi)
		}
		if _, _, err := f.svc.Courses(ctx, f.other, classroom.CourseFilter{}); err != nil {
			t.Fatal(err)
		}
		theirs, _, _ := f.svc.Courses(ctx, f.other, classroom.CourseFilter{})
		if len(theirs) != 0 {
			t.Fatalf("another partner sees %d courses", len(theirs))
		}

		f.invite(t, "Ann One", "a1@example.com", classroom.RoleStudent)
		f.invite(t, "Ben Two", "b2@example.com", classroom.RoleInstructor)
		f.invite(t, "Cat Three", "c3@example.com", classroom.RoleAdmin)
		us, up, err := f.svc.Users(ctx, f.admin, classroom.UserFilter{})
		if err != nil || len(us) != 3 || up.From != 1 || up.To != 3 || up.Total != 3 {
			t.Fatalf("users = %d %+v %v", len(us), up, err)
		}
		ins, ip, _ := f.svc.Users(ctx, f.admin, classroom.UserFilter{Role: classroom.RoleInstructor})
		if len(ins) != 1 || ip.Total != 1 || ins[0].Email != "b2@example.com" {
			t.Fatalf("instructors = %+v", ins)
		}
		q, _, _ := f.svc.Users(ctx, f.admin, classroom.UserFilter{Query: "THREE"})
		if len(q) != 1 || q[0].Role != classroom.RoleAdmin {
			t.Fatalf("search = %+v", q)
		}
		if us, _, _ := f.svc.Users(ctx, f.other, classroom.UserFilter{}); len(us) != 0 {
			t.Fatalf("another partner sees %d users", len(us))
		}
	})
}

func TestEditUserAndCourse(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		f := setup(t, db)
		a, b := f.course(t, "A", true), f.course(t, "B", true)
		u := f.invite(t, "Ed It", "ed@example.com", classroom.RoleStudent, a.ID)
		got, err := f.svc.UpdateUser(ctx, f.admin, u.PersonID, classroom.UserPatch{Role: classroom.RoleInstructor, CourseIDs: []int64{b.ID}})
		if err != nil || got.Role != classroom.RoleInstructor || len(got.Courses) != 1 || got.Courses[0].ID != b.ID {
			t.Fatalf("update = %+v, %v", got, err)
		}
		cb, err := f.svc.Course(ctx, f.admin, b.ID)
		if err != nil || len(cb.Instructors) != 1 || cb.Instructors[0].Email != "ed@example.com" || len(cb.Roster) != 1 {
			t.Fatalf("course B = %+v, %v", cb, err)
		}
		// Admins keep no roster places.
		got, _ = f.svc.UpdateUser(ctx, f.admin, u.PersonID, classroom.UserPatch{Role: classroom.RoleAdmin, CourseIDs: []int64{a.ID}})
		if got.Role != classroom.RoleAdmin || len(got.Courses) != 0 {
			t.Fatalf("admin = %+v", got)
		}
		// Only instructors can be a course's instructors.
		_, err = f.svc.UpdateCourse(ctx, f.admin, a.ID, classroom.CourseInput{Name: "A", InstructorIDs: []int64{u.PersonID}})
		if ae, ok := apperr.As(err); !ok || ae.Fields["instructors"] == "" {
			t.Fatalf("admin as instructor: %v", err)
		}
		// Plans: removing the only plan makes the course inactive.
		d, _ := f.svc.Course(ctx, f.admin, a.ID)
		if d.State() != classroom.CourseActive || len(d.Plans) != 1 {
			t.Fatalf("course A = %+v", d)
		}
		if err := f.svc.RemovePlan(ctx, f.admin, a.ID, d.Plans[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.RemovePlan(ctx, f.other, a.ID, d.Plans[0].ID); code(err) != apperr.CodeNotFound {
			t.Fatalf("other partner removes a plan: %v", err)
		}
		d, _ = f.svc.Course(ctx, f.admin, a.ID)
		if d.State() != classroom.CourseInactive {
			t.Fatalf("without a plan: %s", d.State())
		}
		from, until := f.now.Add(24*time.Hour), f.now
		if _, err := f.svc.AddPlan(ctx, f.admin, a.ID, &from, &until); code(err) != apperr.CodeInvalid {
			t.Fatalf("a plan ending before it starts: %v", err)
		}
		from = f.now.Add(-time.Hour)
		until = f.now.Add(time.Hour)
		if _, err := f.svc.AddPlan(ctx, f.admin, a.ID, &from, &until); err != nil {
			t.Fatal(err)
		}
		d, _ = f.svc.Course(ctx, f.admin, a.ID)
		if d.State() != classroom.CourseActive || d.ActiveUntil == nil || !d.ActiveUntil.Equal(until) {
			t.Fatalf("with a new plan: %s %v", d.State(), d.ActiveUntil)
		}
		// Archived courses take no new enrollments.
		if _, err := f.svc.SetArchived(ctx, f.admin, b.ID, true); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Invite(ctx, f.admin, classroom.InviteInput{FullName: "New One", Email: "new@example.com", CourseIDs: []int64{b.ID}})
		if ae, ok := apperr.As(err); !ok || !strings.Contains(ae.Fields["courses"], "archived") {
			t.Fatalf("enrol into an archived course: %v", err)
		}
		if _, err := f.svc.SetArchived(ctx, f.support, b.ID, false); code(err) != apperr.CodeForbidden {
			t.Fatalf("support unarchives: %v", err)
		}
	})
}
