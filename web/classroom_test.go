package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"roster/internal/auth"
	"roster/internal/classroom"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/web/webtest"
)

// crHXPost submits a form as htmx does from the page at current.
func crHXPost(c *webtest.Client, path, current string, v url.Values) *webtest.Response {
	return c.Do(http.MethodPost, path, strings.NewReader(v.Encode()), http.Header{
		"Content-Type": {"application/x-www-form-urlencoded"}, "Hx-Request": {"true"}, "X-Csrf-Token": {c.CSRF()},
		"Hx-Current-Url": {current}})
}

func crCourse(t *testing.T, app *webtest.App, p auth.Principal, name string) classroom.Course {
	t.Helper()
	c, err := app.Classroom.CreateCourse(t.Context(), p, classroom.CourseInput{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func crPrincipal(st auth.Staff, partnerID int64) auth.Principal {
	return auth.Principal{StaffID: st.ID, PartnerID: partnerID, Role: st.Role, Email: st.Email}
}

// Courses: a classroom admin creates one with a plan and an instructor,
// edits it, adds and removes plans, archives it; every refusal is clear.
func TestClassroomCourses(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		ca, st := app.LoginAs(t, auth.RoleClassroomAdmin)
		p := crPrincipal(st, app.PartnerID)
		teacher, err := app.Classroom.Invite(t.Context(), p, classroom.InviteInput{FullName: "Tea Cher", Email: "tea@example.com",
			Role: classroom.RoleInstructor})
		if err != nil {
			t.Fatal(err)
		}

		// The form, as a dialog for htmx.
		r := ca.HXGet("/classroom/courses/new")
		wantStatus(t, r, http.StatusOK)
		if r.Header.Get("Hx-Retarget") != "#modal-body" || ptTestID(r.Doc(), "course-form").Length() != 1 ||
			ptTestID(r.Doc(), "course-instructors-option").Length() != 1 {
			t.Fatalf("new course dialog: %s", r.Body)
		}
		// Refusals name their fields and write nothing.
		r = ca.HXPost("/classroom/courses", url.Values{"name": {" "}, "active_from": {"2026-12-01"}, "active_until": {"31/12/2026"}})
		wantStatus(t, r, http.StatusOK)
		body := r.Body
		if !strings.Contains(body, "Enter the course") && !strings.Contains(body, "Enter a date such as") {
			t.Fatalf("refused course: %s", body)
		}
		r = ca.HXPost("/classroom/courses", url.Values{"name": {"Biology"}, "active_from": {"2026-12-01"}, "active_until": {"2026-11-01"}})
		if !strings.Contains(r.Body, "The plan must end after it starts.") {
			t.Fatalf("plan backwards: %s", r.Body)
		}
		if cs, _, _ := app.Classroom.Courses(t.Context(), p, classroom.CourseFilter{}); len(cs) != 0 {
			t.Fatalf("refused forms wrote %d courses", len(cs))
		}

		r = ca.HXPost("/classroom/courses", url.Values{"name": {"Biologie générale"}, "description": {"Cells."},
			"active_from": {"2026-01-01"}, "active_until": {"2099-12-31"}, "instructor": {strconv.FormatInt(teacher.PersonID, 10)}})
		wantStatus(t, r, http.StatusOK)
		loc := r.Header.Get("Hx-Redirect")
		if !strings.HasPrefix(loc, "/classroom/courses/") {
			t.Fatalf("create: redirect %q, body %s", loc, r.Body)
		}
		page := ca.Get(loc)
		wantStatus(t, page, http.StatusOK)
		doc := page.Doc()
		if !strings.Contains(ptTestID(doc, "course-page-state").Text(), "Active until 31 Dec 2099") ||
			ptTestID(doc, "course-plan").Length() != 1 || ptTestID(doc, "roster-row").Length() != 1 {
			t.Fatalf("course page: %s", ptTestID(doc, "course-page").Text())
		}
		if !strings.Contains(ptTestID(doc, "toast").Text(), "Biologie générale is created.") {
			t.Fatalf("no toast after creating: %s", ptTestID(doc, "toast").Text())
		}
		// The list finds it without its accents.
		list := ca.Get("/classroom/courses?q=biologie+generale").Doc()
		if ptTestID(list, "course-row").Length() != 1 || !strings.Contains(ptTestID(list, "course-instructors").Text(), "Tea Cher") {
			t.Fatalf("list: %s", ptTestID(list, "courses-results").Text())
		}
		if n := ptTestID(ca.Get("/classroom/courses?state=inactive").Doc(), "course-row").Length(); n != 0 {
			t.Fatalf("inactive filter shows %d", n)
		}
		frag := ca.HXGet("/classroom/courses?state=active")
		if strings.Contains(frag.Body, "<html") || ptTestID(frag.Doc(), "course-row").Length() != 1 {
			t.Fatalf("list fragment: %s", frag.Body)
		}

		// Plans: a malformed date, then a plan, then its removal.
		r = ca.PostForm(loc+"/plans", url.Values{"active_from": {"2027-01-01"}, "active_until": {"soon"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, "Enter a date such as 2027-03-31.") {
			t.Fatalf("plan refused: %s", r.Body)
		}
		r = ca.PostForm(loc+"/plans", url.Values{"active_from": {"2027-01-01"}, "active_until": {"2027-06-30"}})
		wantStatus(t, r, http.StatusSeeOther)
		plans := ptTestID(ca.Get(loc).Doc(), "course-plan")
		if plans.Length() != 2 || !strings.Contains(plans.Text(), "1 Jan 2027 – 30 Jun 2027") {
			t.Fatalf("plans: %s", plans.Text())
		}
		id, _ := strconv.ParseInt(strings.TrimPrefix(loc, "/classroom/courses/"), 10, 64)
		d, _ := app.Classroom.Course(t.Context(), p, id)
		wantStatus(t, ca.PostForm(loc+"/plans/"+strconv.FormatInt(d.Plans[0].ID, 10)+"/remove", nil), http.StatusSeeOther)
		if n := ptTestID(ca.Get(loc).Doc(), "course-plan").Length(); n != 1 {
			t.Fatalf("after removing a plan: %d", n)
		}

		// Edit: the name, and the instructor taken off.
		r = ca.HXPost(loc, url.Values{"name": {"Biology"}, "description": {"Cells and more."}})
		if r.Header.Get("Hx-Redirect") != loc {
			t.Fatalf("update: %s", r.Body)
		}
		d, _ = app.Classroom.Course(t.Context(), p, id)
		if d.Name != "Biology" || len(d.Instructors) != 0 {
			t.Fatalf("after update: %+v", d.Course)
		}
		// Archive and bring back.
		wantStatus(t, ca.PostForm(loc+"/archive", nil), http.StatusSeeOther)
		if !strings.Contains(ptTestID(ca.Get(loc).Doc(), "course-page-state").Text(), "Archived") {
			t.Fatal("not archived")
		}
		wantStatus(t, ca.PostForm(loc+"/unarchive", nil), http.StatusSeeOther)

		// Roles: support reads but cannot change; an organizer cannot even read.
		sup, _ := app.LoginAs(t, auth.RoleSupport)
		wantStatus(t, sup.Get(loc), http.StatusOK)
		if ptTestID(sup.Get(loc).Doc(), "course-archive").Length() != 0 || ptTestID(sup.Get("/classroom/courses").Doc(), "course-new-open").Length() != 0 {
			t.Fatal("support is offered changes")
		}
		wantStatus(t, sup.PostForm(loc+"/archive", nil), http.StatusForbidden)
		wantStatus(t, sup.PostForm("/classroom/courses", url.Values{"name": {"X"}}), http.StatusForbidden)
		org, _ := app.LoginAs(t, auth.RoleOrganizer)
		wantStatus(t, org.Get("/classroom/courses"), http.StatusForbidden)
		// CSRF, and another partner.
		wantStatus(t, ca.PostNoCSRF(loc+"/archive", url.Values{}, nil), http.StatusForbidden)
		other := app.OtherPartner(t, "Other Org")
		oc := app.Login(t, app.StaffIn(t, other, auth.RoleOwner).Email, webtest.Password)
		wantStatus(t, oc.Get(loc), http.StatusNotFound)
		wantStatus(t, oc.PostForm(loc+"/archive", nil), http.StatusNotFound)
		wantStatus(t, oc.PostForm(loc, url.Values{"name": {"Stolen"}}), http.StatusNotFound)
		if n := ptTestID(oc.Get("/classroom/courses").Doc(), "course-row").Length(); n != 0 {
			t.Fatalf("another partner sees %d courses", n)
		}
		wantStatus(t, ca.Get("/classroom/courses/abc"), http.StatusNotFound)
	})
}

// Users: invite with "invite more users" (the form comes back cleared and
// the row appears), a duplicate is a clear error, the edit panel changes
// role and courses, resend and delete; tenancy and roles hold.
func TestClassroomUsers(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		ca, st := app.LoginAs(t, auth.RoleClassroomAdmin)
		p := crPrincipal(st, app.PartnerID)
		bio, chem := crCourse(t, app, p, "Biology"), crCourse(t, app, p, "Chemistry")
		bioID, chemID := strconv.FormatInt(bio.ID, 10), strconv.FormatInt(chem.ID, 10)
		const list = "http://roster.test/classroom/users"

		r := ca.HXGet("/classroom/users/invite")
		if r.Header.Get("Hx-Retarget") != "#modal-body" || ptTestID(r.Doc(), "cu-courses-option").Length() != 2 {
			t.Fatalf("invite dialog: %s", r.Body)
		}
		// Invite more users: the form comes back empty, the row is added.
		r = crHXPost(ca, "/classroom/users", list, url.Values{"full_name": {"Ann  Able"}, "email": {"ann@example.com"},
			"role": {"student"}, "course": {bioID, chemID}, "more": {"1"}})
		wantStatus(t, r, http.StatusOK)
		doc := r.Doc()
		if ptTestID(doc, "cu-full-name").AttrOr("value", "x") != "" || ptTestID(doc, "cu-email").AttrOr("value", "x") != "" {
			t.Fatalf("the form is not cleared: %s", r.Body)
		}
		if _, ok := ptTestID(doc, "cu-invite-more").Attr("checked"); !ok || r.Header.Get("Hx-Trigger") != "" {
			t.Fatal("invite more keeps the dialog open with the box ticked")
		}
		if !strings.Contains(r.Body, `hx-swap-oob="afterbegin:#cu-rows"`) || !strings.Contains(r.Body, "ann@example.com") ||
			!strings.Contains(ptTestID(doc, "toast").Text(), "Ann Able is invited as student") {
			t.Fatalf("row or toast missing: %s", r.Body)
		}
		// Without the box, the dialog closes.
		r = crHXPost(ca, "/classroom/users", list, url.Values{"full_name": {"Ben Boss"}, "email": {"ben@example.com"}, "role": {"admin"},
			"course": {bioID}})
		if r.Header.Get("Hx-Trigger") != "roster-modal-close" {
			t.Fatalf("the dialog stays open: %v", r.Header)
		}
		// A duplicate and bad input are clear errors, with nothing written.
		r = crHXPost(ca, "/classroom/users", list, url.Values{"full_name": {"Ann Again"}, "email": {"ANN@example.com"}})
		if !strings.Contains(r.Body, "ANN@example.com is already a classroom user (Student, Pending).") {
			t.Fatalf("duplicate: %s", r.Body)
		}
		if ptTestID(r.Doc(), "cu-email").AttrOr("value", "") != "ANN@example.com" {
			t.Fatal("a refused form loses what was typed")
		}
		r = crHXPost(ca, "/classroom/users", list, url.Values{"full_name": {""}, "email": {"not-an-email"}, "role": {"root"}})
		for _, want := range []string{"Enter the person&#39;s full name.", "is not a valid email address", "Choose Student, Instructor or Admin."} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("refusal lacks %q", want)
			}
		}
		page := ca.Get("/classroom/users")
		rows := ptTestID(page.Doc(), "cu-row")
		if rows.Length() != 2 || ptTestID(page.Doc(), "range").Text() != "1 – 2 of 2" {
			t.Fatalf("users: %d rows, range %q", rows.Length(), ptTestID(page.Doc(), "range").Text())
		}
		// Admins show "Every course" (their chosen course was ignored).
		if !strings.Contains(rows.First().Text(), "Every course") || !strings.Contains(rows.Last().Text(), "Biology") {
			t.Fatalf("rows: %s", rows.Text())
		}
		// The filter dropdown and search.
		if n := ptTestID(ca.Get("/classroom/users?filter=role:admin").Doc(), "cu-row").Length(); n != 1 {
			t.Fatalf("admins: %d", n)
		}
		if n := ptTestID(ca.Get("/classroom/users?filter=status:registered").Doc(), "cu-row").Length(); n != 0 {
			t.Fatalf("registered: %d", n)
		}
		if n := ptTestID(ca.Get("/classroom/users?q=ABLE").Doc(), "cu-row").Length(); n != 1 {
			t.Fatalf("search: %d", n)
		}
		// Two emails went out.
		var n int64
		db.Gorm.Raw(`SELECT count(*) FROM emails WHERE to_address IN ('ann@example.com', 'ben@example.com')`).Scan(&n)
		if n != 2 {
			t.Fatalf("%d invitation emails", n)
		}

		us, _, _ := app.Classroom.Users(t.Context(), p, classroom.UserFilter{Query: "ann@"})
		ann := us[0]
		path := "/classroom/users/" + strconv.FormatInt(ann.PersonID, 10)
		// The edit panel: role, current courses as chips, the others to add.
		r = ca.HXGet(path + "/edit")
		doc = r.Doc()
		if ptTestID(doc, "cu-edit-course").Length() != 2 || ptTestID(doc, "cu-edit-add-option").Length() != 0 {
			t.Fatalf("edit panel: %s", r.Body)
		}
		r = crHXPost(ca, path, list, url.Values{"role": {"instructor"}, "course": {chemID}})
		wantStatus(t, r, http.StatusOK)
		if r.Header.Get("Hx-Trigger") != "roster-modal-close" || !strings.Contains(r.Body, `hx-swap-oob="outerHTML"`) ||
			!strings.Contains(r.Body, "Instructor") {
			t.Fatalf("save: %s", r.Body)
		}
		got, _ := app.Classroom.User(t.Context(), p, ann.PersonID)
		if got.Role != classroom.RoleInstructor || len(got.Courses) != 1 || got.Courses[0].ID != chem.ID {
			t.Fatalf("after save: %+v", got)
		}
		// Resend, then delete.
		r = ca.HXPost(path+"/resend", nil)
		if !strings.Contains(r.Body, "A new invitation is on its way to ann@example.com") {
			t.Fatalf("resend: %s", r.Body)
		}
		r = ca.HXPost(path+"/delete", nil)
		if r.Header.Get("Hx-Trigger") != "roster-modal-close" || !strings.Contains(r.Body, `hx-swap-oob="delete"`) {
			t.Fatalf("delete: %s", r.Body)
		}
		if _, err := app.Classroom.User(t.Context(), p, ann.PersonID); err == nil {
			t.Fatal("still a classroom user")
		}

		// Roles and tenancy.
		sup, _ := app.LoginAs(t, auth.RoleSupport)
		if ptTestID(sup.Get("/classroom/users").Doc(), "cu-invite-open").Length() != 0 {
			t.Fatal("support is offered Invite")
		}
		wantStatus(t, sup.PostForm("/classroom/users", url.Values{"full_name": {"X Y"}, "email": {"x@example.com"}}), http.StatusForbidden)
		wantStatus(t, sup.Get("/classroom/users/invite"), http.StatusForbidden)
		wantStatus(t, ca.PostNoCSRF("/classroom/users", url.Values{"full_name": {"X Y"}, "email": {"x@example.com"}}, nil), http.StatusForbidden)
		other := app.OtherPartner(t, "Other Org")
		oc := app.Login(t, app.StaffIn(t, other, auth.RoleOwner).Email, webtest.Password)
		ben, _, _ := app.Classroom.Users(t.Context(), p, classroom.UserFilter{Query: "ben@"})
		benPath := "/classroom/users/" + strconv.FormatInt(ben[0].PersonID, 10)
		wantStatus(t, oc.Get(benPath+"/edit"), http.StatusNotFound)
		wantStatus(t, oc.PostForm(benPath, url.Values{"role": {"student"}}), http.StatusNotFound)
		wantStatus(t, oc.PostForm(benPath+"/delete", nil), http.StatusNotFound)
		wantStatus(t, oc.PostForm(benPath+"/resend", nil), http.StatusNotFound)
		// Another partner's course cannot be chosen.
		r = crHXPost(oc, "/classroom/users", list, url.Values{"full_name": {"Eve Evil"}, "email": {"eve@example.com"}, "course": {bioID}})
		if !strings.Contains(r.Body, "does not exist any more") {
			t.Fatalf("another partner's course: %s", r.Body)
		}
		if n := ptTestID(oc.Get("/classroom/users").Doc(), "cu-row").Length(); n != 0 {
			t.Fatalf("another partner sees %d users", n)
		}
	})
}

// Pages of classroom users say where they are and move both ways.
func TestClassroomUsersPages(t *testing.T) {
	t.Parallel()
	app := webtest.New(t, dbtest.SQLite(t))
	ca, st := app.LoginAs(t, auth.RoleClassroomAdmin)
	p := crPrincipal(st, app.PartnerID)
	for i := range 53 {
		if _, err := app.Classroom.Invite(t.Context(), p, classroom.InviteInput{FullName: "User " + strconv.Itoa(i),
			Email: "u" + strconv.Itoa(i) + "@example.com"}); err != nil {
			t.Fatal(err)
		}
	}
	doc := ca.Get("/classroom/users").Doc()
	if got := ptTestID(doc, "range").Text(); got != "1 – 50 of 53" {
		t.Fatalf("first page: %q", got)
	}
	next := ptTestID(doc, "page-next").AttrOr("href", "")
	doc = ca.Get(next).Doc()
	if got := ptTestID(doc, "range").Text(); got != "51 – 53 of 53" || ptTestID(doc, "cu-row").Length() != 3 {
		t.Fatalf("second page: %q", got)
	}
	prev := ptTestID(doc, "page-prev").AttrOr("href", "")
	doc = ca.Get(prev).Doc()
	if got := ptTestID(doc, "range").Text(); got != "1 – 50 of 53" || ptTestID(doc, "page-prev").Length() != 0 {
		t.Fatalf("back: %q", got)
	}
	// A forged cursor starts over instead of failing.
	wantStatus(t, ca.Get("/classroom/users?cursor=%%%"), http.StatusOK)
}
