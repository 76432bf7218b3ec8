package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"roster/internal/auth"
	"roster/internal/classroom"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/web/webtest"
)

const csPassword = "a long enough secret"

// csStaff is a classroom admin of partnerID, as the service's principal.
func csStaff(t *testing.T, app *webtest.App, partnerID int64) auth.Principal {
	t.Helper()
	st := app.StaffIn(t, partnerID, auth.RoleClassroomAdmin)
	return auth.Principal{StaffID: st.ID, PartnerID: partnerID, Role: auth.RoleClassroomAdmin, Email: st.Email}
}

// csCourse creates a course, active for a month from yesterday or without a plan.
func csCourse(t *testing.T, app *webtest.App, p auth.Principal, name string, active bool) classroom.Course {
	t.Helper()
	in := classroom.CourseInput{Name: name, Description: "About " + name + ".\nSecond line."}
	if active {
		from, until := time.Now().Add(-24*time.Hour), time.Now().Add(30*24*time.Hour)
		in.ActiveFrom, in.ActiveUntil = &from, &until
	}
	c, err := app.Classroom.CreateCourse(context.Background(), p, in)
	if err != nil {
		t.Fatalf("create course %s: %v", name, err)
	}
	return c
}

var csClaimRe = regexp.MustCompile(`/c/claim/[A-Za-z0-9_-]+`)

// csInvite invites a classroom user and returns the claim link's path from
// the invitation email.
func csInvite(t *testing.T, app *webtest.App, p auth.Principal, name, email string, role classroom.Role, courses ...int64) string {
	t.Helper()
	if _, err := app.Classroom.Invite(context.Background(), p, classroom.InviteInput{FullName: name, Email: email, Role: role,
		CourseIDs: courses}); err != nil {
		t.Fatalf("invite %s: %v", email, err)
	}
	var body string
	if err := app.DB.Gorm.Raw(`SELECT text_body FROM emails WHERE to_address = ? ORDER BY id DESC LIMIT 1`, email).Scan(&body).Error; err != nil {
		t.Fatal(err)
	}
	link := csClaimRe.FindString(body)
	if link == "" {
		t.Fatalf("no claim link in the invitation to %s: %q", email, body)
	}
	return link
}

// csMember invites a classroom user, claims the invitation in a browser and
// returns that browser, signed in.
func csMember(t *testing.T, app *webtest.App, p auth.Principal, name, email string, role classroom.Role, courses ...int64) *webtest.Client {
	t.Helper()
	link := csInvite(t, app, p, name, email, role, courses...)
	c := app.Anonymous(t)
	r := c.PostForm(link, url.Values{"full_name": {name}, "password": {csPassword}, "confirm": {csPassword}})
	if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/c/courses" {
		t.Fatalf("claim as %s: %d %s", email, r.Status, r.Body)
	}
	return c
}

func csWantBody(t *testing.T, r *webtest.Response, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(r.Body, w) {
			t.Fatalf("the page lacks %q:\n%s", w, r.Body)
		}
	}
}

// csCourseNames lists the course cards of "My courses".
func csCourseNames(t *testing.T, c *webtest.Client) string {
	t.Helper()
	r := c.Get("/c/courses")
	wantStatus(t, r, http.StatusOK)
	var names []string
	r.Doc().Find(`[data-testid="course-card"]`).Each(func(_ int, s *goquery.Selection) {
		names = append(names, s.AttrOr("data-course", ""))
	})
	return strings.Join(names, ",")
}

func csCoursePath(id int64, rest string) string {
	return "/c/courses/" + strconv.FormatInt(id, 10) + rest
}

// csUpload posts a file to a course as the upload form does; chunked sends
// it without a Content-Length.
func csUpload(t *testing.T, c *webtest.Client, courseID int64, name string, data []byte, csrf bool, chunked bool) *webtest.Response {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if csrf {
		if err := w.WriteField("_csrf", c.CSRF()); err != nil {
			t.Fatal(err)
		}
	}
	part, err := w.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := part.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var body io.Reader = bytes.NewReader(buf.Bytes())
	if chunked {
		body = io.MultiReader(body) // hides the length: sent chunked
	}
	return c.Do(http.MethodPost, csCoursePath(courseID, "/files"), body, http.Header{"Content-Type": {w.FormDataContentType()}})
}

// The "It's me" page: opening the link spends nothing; the form checks the
// name and the two passwords, then registers the person, signs them in with
// the classroom cookie and leaves the token's address; a used, expired or
// unknown link is a 410 page; a person who already has a password may keep it.
func TestClassroomClaim(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		staff := csStaff(t, app, app.PartnerID)
		bio := csCourse(t, app, staff, "Biology 101", true)
		link := csInvite(t, app, staff, "Ann Invited", "ann@example.com", classroom.RoleStudent, bio.ID)

		guest := app.Anonymous(t)
		for range 2 { // a mail scanner, then the person
			r := guest.Get(link)
			wantStatus(t, r, http.StatusOK)
			if r.Header.Get("Referrer-Policy") != "no-referrer" || r.Header.Get("Cache-Control") != "no-store" {
				t.Fatalf("claim page headers %v", r.Header)
			}
			csWantBody(t, r, "Acme Events", "You are invited as", "Student", "Biology 101", "ann@…", "It&#39;s me")
			d := r.Doc()
			if d.Find(`[data-testid="claim-name"]`).AttrOr("value", "") != "Ann Invited" || d.Find(`[data-testid="claim-password"]`).Length() != 1 ||
				d.Find(`[data-testid="claim-confirm"]`).Length() != 1 || d.Find(`[data-testid="claim-has-password"]`).Length() != 0 {
				t.Fatal("the form: the invited name, and a password to choose")
			}
			if d.Find(`[data-testid="claim-form"]`).AttrOr("action", "") != link || d.Find(`[data-testid="shell"]`).Length() != 0 {
				t.Fatal("a small page posting to the link, outside the console")
			}
		}
		wantStatus(t, guest.PostNoCSRF(link, url.Values{"full_name": {"Ann"}, "password": {csPassword}, "confirm": {csPassword}}, nil),
			http.StatusForbidden)

		r := guest.PostForm(link, url.Values{"full_name": {"Ann Real"}, "password": {csPassword}, "confirm": {csPassword + "x"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if got := r.Doc().Find(`#claim-confirm-error`).Text(); got != "The two passwords differ." {
			t.Fatalf("confirm error %q", got)
		}
		r = guest.PostForm(link, url.Values{"full_name": {"  "}, "password": {"short"}, "confirm": {"short"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		d := r.Doc()
		if d.Find(`#claim-name-error`).Text() != "Enter your full name." || d.Find(`#claim-password-error`).Text() == "" {
			t.Fatalf("field errors: %s", d.Find(`[data-testid="claim-form"]`).Text())
		}
		u := csUserByEmail(t, app, staff, "ann@example.com")
		if u.Status != classroom.StatusPending {
			t.Fatalf("a refused form spent the invitation: %s", u.Status)
		}

		r = guest.PostForm(link, url.Values{"full_name": {"Ann  Real Name"}, "password": {csPassword}, "confirm": {csPassword}})
		wantStatus(t, r, http.StatusSeeOther)
		if r.Header.Get("Location") != "/c/courses" {
			t.Fatalf("claim redirects to %q", r.Header.Get("Location"))
		}
		var cookie string
		for _, k := range r.Header.Values("Set-Cookie") {
			if strings.HasPrefix(k, "roster-classroom=") {
				cookie = k
			}
		}
		for _, want := range []string{"HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=43200"} {
			if !strings.Contains(cookie, want) {
				t.Fatalf("classroom cookie %q lacks %s", cookie, want)
			}
		}
		if u := csUserByEmail(t, app, staff, "ann@example.com"); u.Status != classroom.StatusRegistered || u.Name() != "Ann Real Name" {
			t.Fatalf("after the claim: %+v", u)
		}
		r = guest.Get("/c/courses")
		wantStatus(t, r, http.StatusOK)
		csWantBody(t, r, "My courses", "Biology 101", "Ann Real Name", "Acme Events", "Sign out")
		if r.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("my courses Cache-Control %q", r.Header.Get("Cache-Control"))
		}
		// The console stays closed to a classroom user.
		if r := guest.Get("/"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
			t.Fatalf("console for a classroom user: %d %s", r.Status, r.Header.Get("Location"))
		}

		// Used: the link is gone, opened or posted.
		r = guest.Get(link)
		wantStatus(t, r, http.StatusGone)
		csWantBody(t, r, "expired or was already used")
		if r.Doc().Find(`[data-testid="classroom-problem"]`).Length() != 1 {
			t.Fatal("a used link: the classroom's own page")
		}
		wantStatus(t, guest.PostForm(link, url.Values{"full_name": {"Again"}, "password": {csPassword}, "confirm": {csPassword}}),
			http.StatusGone)
		wantStatus(t, app.Anonymous(t).Get("/c/claim/not-a-real-token"), http.StatusGone)

		// Deleted and invited again: the person keeps their password, or sets a new one.
		if _, err := app.Classroom.DeleteUser(context.Background(), staff, u.PersonID); err != nil {
			t.Fatal(err)
		}
		again := csInvite(t, app, staff, "Ann Again", "ann@example.com", classroom.RoleInstructor)
		other := app.Anonymous(t)
		r = other.Get(again)
		wantStatus(t, r, http.StatusOK)
		csWantBody(t, r, "You already have a password: keep it, or set a new one", "Instructor")
		if r.Doc().Find(`[data-testid="claim-password"][required]`).Length() != 0 {
			t.Fatal("the password is optional for a person who has one")
		}
		wantStatus(t, other.PostForm(again, url.Values{"full_name": {"Ann Again"}}), http.StatusSeeOther)
		wantStatus(t, app.Anonymous(t).PostForm("/c/login", url.Values{"email": {"ann@example.com"}, "password": {csPassword}}),
			http.StatusSeeOther)

		// Expired: a fortnight later the link is gone.
		late := csInvite(t, app, staff, "Cy Late", "cy@example.com", classroom.RoleStudent)
		wantStatus(t, app.Anonymous(t).Get(late), http.StatusOK)
		app.Classroom.Now = func() time.Time { return time.Now().Add(classroom.InvitationTTL + time.Hour) }
		t.Cleanup(func() { app.Classroom.Now = time.Now })
		r = app.Anonymous(t).Get(late)
		wantStatus(t, r, http.StatusGone)
		csWantBody(t, r, "expired or was already used")
	})
}

func csUserByEmail(t *testing.T, app *webtest.App, p auth.Principal, email string) classroom.User {
	t.Helper()
	us, _, err := app.Classroom.Users(context.Background(), p, classroom.UserFilter{Query: email})
	if err != nil || len(us) != 1 {
		t.Fatalf("user %s: %d, %v", email, len(us), err)
	}
	return us[0]
}

// The classroom side enforces the access matrix: what each role lists and
// opens, who reads and who manages files, with clear refusals; uploads are
// checked for type and size; downloads are attachments that are never
// sniffed or cached; another partner's course does not exist.
func TestClassroomRolesAndFiles(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		staff := csStaff(t, app, app.PartnerID)
		active, inactive, other := csCourse(t, app, staff, "Algebra", true), csCourse(t, app, staff, "Botany", false),
			csCourse(t, app, staff, "Chemistry", true)
		theirs := csCourse(t, app, csStaff(t, app, app.OtherPartner(t, "Other School")), "Theirs", true)
		dormant := csCourse(t, app, staff, "Dormant", true)
		student := csMember(t, app, staff, "Stu Dent", "stu@example.com", classroom.RoleStudent, active.ID, inactive.ID, dormant.ID)
		teacher := csMember(t, app, staff, "Tea Cher", "tea@example.com", classroom.RoleInstructor, active.ID, inactive.ID, dormant.ID)
		admin := csMember(t, app, staff, "Ad Min", "adm@example.com", classroom.RoleAdmin)
		if _, err := app.Classroom.SetArchived(context.Background(), staff, dormant.ID, true); err != nil {
			t.Fatal(err)
		}

		for _, tc := range []struct {
			who  string
			c    *webtest.Client
			want string
		}{
			{"student", student, "Algebra"},
			{"instructor", teacher, "Algebra,Botany"},
			{"admin", admin, "Algebra,Botany,Chemistry,Dormant"},
		} {
			if got := csCourseNames(t, tc.c); got != tc.want {
				t.Errorf("%s: my courses = %q, want %q", tc.who, got, tc.want)
			}
		}
		r := admin.Get("/c/courses")
		csWantBody(t, r, "you see every course", "Archived")
		r = admin.Get(csCoursePath(dormant.ID, ""))
		wantStatus(t, r, http.StatusOK)
		csWantBody(t, r, "The course is archived", "You are an admin")
		r = teacher.Get(csCoursePath(dormant.ID, ""))
		wantStatus(t, r, http.StatusForbidden)
		csWantBody(t, r, "This course is archived.")
		r = teacher.Get("/c/courses")
		csWantBody(t, r, "Active until", "Inactive", "With Tea Cher")
		if strings.Contains(student.Get("/c/courses").Body, "you see every course") {
			t.Fatal("the admin note is for admins")
		}

		// Refusals with the matrix's reasons, on the classroom's own page.
		r = student.Get(csCoursePath(inactive.ID, ""))
		wantStatus(t, r, http.StatusForbidden)
		csWantBody(t, r, "This course is not active at the moment.", "Back to my courses", "Stu Dent")
		r = student.Get(csCoursePath(other.ID, ""))
		wantStatus(t, r, http.StatusForbidden)
		csWantBody(t, r, "You are not on this course&#39;s roster.")
		wantStatus(t, admin.Get(csCoursePath(theirs.ID, "")), http.StatusNotFound)
		wantStatus(t, admin.Get(csCoursePath(999999, "")), http.StatusNotFound)
		wantStatus(t, admin.Get("/c/courses/abc"), http.StatusNotFound)

		// The instructor's course page: plan, description, instructors, an empty files list and the upload form.
		r = teacher.Get(csCoursePath(inactive.ID, ""))
		wantStatus(t, r, http.StatusOK)
		d := r.Doc()
		if d.Find(`[data-testid="course-upload-form"]`).AttrOr("enctype", "") != "multipart/form-data" ||
			d.Find(`[data-testid="course-files-empty"]`).Length() != 1 || !strings.Contains(r.Body, "No plan covers today: students cannot enter the course.") {
			t.Fatal("instructor's page of an inactive course")
		}
		csWantBody(t, r, "About Botany.", "Tea Cher", "up to 20 MB")

		// Upload: a PDF is kept; a disguised file, a student and a missing token are refused.
		pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("x"), 2000)...)
		r = csUpload(t, teacher, active.ID, "Syllabus.pdf", pdf, true, false)
		wantStatus(t, r, http.StatusSeeOther)
		if r.Header.Get("Location") != csCoursePath(active.ID, "?notice=uploaded") {
			t.Fatalf("upload redirects to %q", r.Header.Get("Location"))
		}
		for name, tc := range map[string]struct {
			data []byte
			want string
		}{
			"slides.pdf": {[]byte("<html><script>alert(1)</script></html>"), "slides.pdf is not a type course files may have"},
			"paper.pdf":  {[]byte("only some plain text"), "paper.pdf does not look like a pdf file: its content is text/plain."},
		} {
			r = csUpload(t, teacher, active.ID, name, tc.data, true, false)
			wantStatus(t, r, http.StatusUnprocessableEntity)
			if got := r.Doc().Find(`#course-upload-file-error`).Text(); !strings.Contains(got, tc.want) {
				t.Fatalf("disguised %s: message %q", name, got)
			}
		}
		r = csUpload(t, student, active.ID, "notes.txt", []byte("notes"), true, false)
		wantStatus(t, r, http.StatusForbidden)
		csWantBody(t, r, "Only the course&#39;s instructors manage its files.")
		wantStatus(t, csUpload(t, teacher, active.ID, "notes.txt", []byte("notes"), false, false), http.StatusForbidden)
		// Too large for the form, whether the length is announced or not.
		big := bytes.Repeat([]byte("a"), classroom.MaxFileSize+2<<20)
		for _, chunked := range []bool{false, true} {
			r = csUpload(t, teacher, active.ID, "big.txt", big, true, chunked)
			wantStatus(t, r, http.StatusRequestEntityTooLarge)
			csWantBody(t, r, "The file is too large: course files are at most 20 MB.")
		}
		// Just too large a file still fits in the form: the service explains.
		r = csUpload(t, teacher, active.ID, "big.txt", big[:classroom.MaxFileSize+1], true, false)
		wantStatus(t, r, http.StatusUnprocessableEntity)
		csWantBody(t, r, "big.txt is too large: course files are at most 20 MB.")
		wantStatus(t, csUpload(t, teacher, active.ID, "Résumé été.txt", []byte("plain notes"), true, false), http.StatusSeeOther)

		// The student sees the files and downloads them.
		r = student.Get(csCoursePath(active.ID, ""))
		wantStatus(t, r, http.StatusOK)
		d = r.Doc()
		files := d.Find(`[data-testid="course-file"]`)
		if files.Length() != 2 || d.Find(`[data-testid="course-upload-form"]`).Length() != 0 || d.Find(`[data-testid="course-file-delete"]`).Length() != 0 {
			t.Fatalf("student's files: %d files; upload or delete shown", files.Length())
		}
		csWantBody(t, r, "Syllabus.pdf", "2 KB", "Tea Cher", "You are enrolled in this course.")
		hrefs := map[string]string{}
		files.Each(func(_ int, s *goquery.Selection) {
			hrefs[s.AttrOr("data-file", "")] = s.Find(`[data-testid="course-file-download"]`).AttrOr("href", "")
		})
		syllabus := hrefs["Syllabus.pdf"]
		r = student.Get(syllabus)
		wantStatus(t, r, http.StatusOK)
		for k, want := range map[string]string{
			"Content-Type":           "application/pdf",
			"Content-Disposition":    `attachment; filename="Syllabus.pdf"`,
			"X-Content-Type-Options": "nosniff",
			"Cache-Control":          "private, no-store",
		} {
			if got := r.Header.Get(k); got != want {
				t.Errorf("download %s = %q, want %q", k, got, want)
			}
		}
		if r.Body != string(pdf) {
			t.Fatal("the download is not the uploaded file")
		}
		r = student.Get(hrefs["Résumé été.txt"])
		wantStatus(t, r, http.StatusOK)
		if got := r.Header.Get("Content-Disposition"); got != `attachment; filename="R_sum_ _t_.txt"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%C3%A9t%C3%A9.txt` {
			t.Fatalf("non-ASCII Content-Disposition %q", got)
		}
		if r.Header.Get("Content-Type") != "text/plain; charset=utf-8" {
			t.Fatalf("text Content-Type %q", r.Header.Get("Content-Type"))
		}
		// A file id through another course, or another partner's: refused / missing.
		fid := syllabus[strings.LastIndexByte(syllabus, '/')+1:]
		wantStatus(t, student.Get(csCoursePath(other.ID, "/files/"+fid)), http.StatusForbidden)
		wantStatus(t, student.Get(csCoursePath(inactive.ID, "/files/"+fid)), http.StatusForbidden)
		wantStatus(t, admin.Get(csCoursePath(other.ID, "/files/"+fid)), http.StatusNotFound)
		wantStatus(t, admin.Get(csCoursePath(theirs.ID, "/files/"+fid)), http.StatusNotFound)

		// Delete: not by the student; by the instructor, then gone.
		wantStatus(t, student.PostForm(csCoursePath(active.ID, "/files/"+fid+"/delete"), nil), http.StatusForbidden)
		wantStatus(t, teacher.PostNoCSRF(csCoursePath(active.ID, "/files/"+fid+"/delete"), url.Values{}, nil), http.StatusForbidden)
		r = teacher.Get(csCoursePath(active.ID, ""))
		if r.Doc().Find(`[data-testid="course-file-delete-form"]`).First().AttrOr("data-confirm", "") == "" {
			t.Fatal("delete asks for a confirmation")
		}
		r = teacher.PostForm(csCoursePath(active.ID, "/files/"+fid+"/delete"), nil)
		wantStatus(t, r, http.StatusSeeOther)
		r = teacher.Get(r.Header.Get("Location"))
		csWantBody(t, r, "The file was deleted.")
		if strings.Contains(r.Body, "Syllabus.pdf") {
			t.Fatal("the deleted file is still listed")
		}
		wantStatus(t, student.Get(syllabus), http.StatusNotFound)
		wantStatus(t, teacher.PostForm(csCoursePath(active.ID, "/files/"+fid+"/delete"), nil), http.StatusNotFound)
	})
}

// Sign-in by email and password: one answer for an unknown email and a
// wrong password; sign out; a deleted user is signed out at once; each
// client is limited.
func TestClassroomLogin(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		staff := csStaff(t, app, app.PartnerID)
		course := csCourse(t, app, staff, "Algebra", true)
		first := csMember(t, app, staff, "Stu Dent", "stu@example.com", classroom.RoleStudent, course.ID)

		// Signed out, the pages send to the sign-in page.
		guest := app.Anonymous(t)
		for _, p := range []string{"/c/courses", csCoursePath(course.ID, "")} {
			r := guest.Get(p)
			if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/c/login" {
				t.Fatalf("%s signed out: %d %q", p, r.Status, r.Header.Get("Location"))
			}
		}
		wantStatus(t, guest.PostForm(csCoursePath(course.ID, "/files/1/delete"), nil), http.StatusUnauthorized)

		r := guest.Get("/c/login")
		wantStatus(t, r, http.StatusOK)
		if r.Header.Get("Cache-Control") != "no-store" || r.Doc().Find(`[data-testid="classroom-login-form"]`).Length() != 1 {
			t.Fatal("sign-in page")
		}
		wrong := guest.PostForm("/c/login", url.Values{"email": {"stu@example.com"}, "password": {"not the secret at all"}})
		unknown := guest.PostForm("/c/login", url.Values{"email": {"nobody@example.com"}, "password": {"not the secret at all"}})
		wantStatus(t, wrong, http.StatusUnprocessableEntity)
		wantStatus(t, unknown, http.StatusUnprocessableEntity)
		msg := func(r *webtest.Response) string {
			return strings.TrimSpace(r.Doc().Find(`[data-testid="classroom-login-error"]`).Text())
		}
		if msg(wrong) == "" || msg(wrong) != msg(unknown) {
			t.Fatalf("wrong password %q vs unknown email %q", msg(wrong), msg(unknown))
		}
		if wrong.Doc().Find(`[data-testid="classroom-email"]`).AttrOr("value", "") != "stu@example.com" {
			t.Fatal("the email is kept")
		}
		wantStatus(t, guest.PostNoCSRF("/c/login", url.Values{"email": {"stu@example.com"}, "password": {csPassword}}, nil),
			http.StatusForbidden)
		r = guest.PostForm("/c/login", url.Values{"email": {" STU@example.com "}, "password": {csPassword}})
		wantStatus(t, r, http.StatusSeeOther)
		if r.Header.Get("Location") != "/c/courses" {
			t.Fatalf("login redirects to %q", r.Header.Get("Location"))
		}
		if csCourseNames(t, guest) != "Algebra" {
			t.Fatal("signed in by password")
		}

		// Sign out clears the cookie.
		r = guest.PostForm("/c/logout", nil)
		wantStatus(t, r, http.StatusSeeOther)
		if set := strings.Join(r.Header.Values("Set-Cookie"), ";"); !strings.Contains(set, "roster-classroom=") || !strings.Contains(set, "Max-Age=0") {
			t.Fatalf("logout cookie %q", set)
		}
		wantStatus(t, guest.Get("/c/courses"), http.StatusSeeOther)
		csWantBody(t, guest.Get("/c/login?signed_out=1"), "You are signed out.")

		// A deleted user is signed out on their next request.
		u := csUserByEmail(t, app, staff, "stu@example.com")
		if _, err := app.Classroom.DeleteUser(context.Background(), staff, u.PersonID); err != nil {
			t.Fatal(err)
		}
		r = first.Get("/c/courses")
		if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/c/login?signed_out=1" {
			t.Fatalf("deleted user: %d %q", r.Status, r.Header.Get("Location"))
		}
		wantStatus(t, first.Get("/c/courses"), http.StatusSeeOther)
		wantStatus(t, csUpload(t, first, course.ID, "notes.txt", []byte("notes"), true, false), http.StatusUnauthorized)

		// Each client may try 30 times a quarter of an hour: the three
		// sign-ins above counted (the one without a token did not).
		limited := app.Anonymous(t)
		for i := 3; i < 30; i++ {
			if r := limited.PostForm("/c/login", url.Values{"email": {"x@example.com"}}); r.Status != http.StatusUnprocessableEntity {
				t.Fatalf("attempt %d: %d", i+1, r.Status)
			}
		}
		r = limited.PostForm("/c/login", url.Values{"email": {"x@example.com"}, "password": {csPassword}})
		wantStatus(t, r, http.StatusTooManyRequests)
		csWantBody(t, r, "Too many sign-in attempts")
	})
}
