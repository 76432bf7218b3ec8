package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"roster/internal/apperr"
	"roster/internal/auth"
	"roster/internal/classroom"
	"roster/views/classroomview"
	"roster/views/layout"
)

// classroomRoutes registers the console's classroom pages: courses and
// classroom users.
func (s *Server) classroomRoutes(g *echo.Group) {
	view, manage := s.can(auth.PermClassroomView), s.can(auth.PermClassroomManage)
	g.GET("/classroom/courses", s.coursesPage, view)
	g.GET("/classroom/courses/new", s.newCourseForm, manage)
	g.POST("/classroom/courses", s.createCourse, manage)
	g.GET("/classroom/courses/:id", s.courseDetailPage, view)
	g.POST("/classroom/courses/:id", s.updateCourse, manage)
	g.POST("/classroom/courses/:id/plans", s.addCoursePlan, manage)
	g.POST("/classroom/courses/:id/plans/:plan/remove", s.removeCoursePlan, manage)
	g.POST("/classroom/courses/:id/archive", s.archiveCourse(true), manage)
	g.POST("/classroom/courses/:id/unarchive", s.archiveCourse(false), manage)
	g.GET("/classroom/users", s.classroomUsersPage, view)
	g.GET("/classroom/users/invite", s.inviteClassroomUserForm, manage)
	g.POST("/classroom/users", s.inviteClassroomUser, manage)
	g.GET("/classroom/users/:pid/edit", s.editClassroomUserForm, manage)
	g.POST("/classroom/users/:pid", s.updateClassroomUser, manage)
	g.POST("/classroom/users/:pid/delete", s.deleteClassroomUser, manage)
	g.POST("/classroom/users/:pid/resend", s.resendClassroomInvite, manage)
}

func formIDs(c echo.Context, name string) []int64 {
	var out []int64
	for _, v := range c.Request().Form[name] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			out = append(out, id)
		}
	}
	return out
}

// formDate reads a date field (YYYY-MM-DD, UTC); end dates cover their
// whole day. A malformed date is a field error.
func formDate(c echo.Context, name string, end bool, errs map[string]string) *time.Time {
	v := strings.TrimSpace(c.FormValue(name))
	if v == "" {
		return nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		errs[name] = "Enter a date such as 2027-03-31."
		return nil
	}
	if end {
		t = t.Add(24*time.Hour - time.Second)
	}
	return &t
}

func formFieldErrors(err error) (map[string]string, bool) {
	ae, ok := apperr.As(err)
	if !ok || len(ae.Fields) == 0 {
		return nil, false
	}
	return ae.Fields, true
}

// ---- courses ----

func (s *Server) coursesPage(c echo.Context) error {
	p, _ := principal(c)
	state := classroom.CourseState(c.QueryParam("state"))
	if !state.Valid() {
		state = ""
	}
	cur, _ := classroom.ParseCursor(c.QueryParam("cursor"))
	cs, page, err := s.Classroom.Courses(c.Request().Context(), p, classroom.CourseFilter{Query: c.QueryParam("q"), State: state, Cursor: cur})
	if err != nil {
		return err
	}
	vm := cvCourses(cs, page, c.QueryParam("q"), state, p.Can(auth.PermClassroomManage))
	if wantsFragment(c) {
		return render(c, http.StatusOK, classroomview.CourseResults(vm))
	}
	return s.page(c, http.StatusOK, "Courses", classroomview.CoursesPage(vm))
}

// instructors lists the classroom users who can teach, for the course form.
func (s *Server) instructors(c echo.Context, p auth.Principal) ([]classroom.User, error) {
	us, _, err := s.Classroom.Users(c.Request().Context(), p, classroom.UserFilter{Role: classroom.RoleInstructor, Limit: classroom.MaxLimit})
	return us, err
}

func (s *Server) newCourseForm(c echo.Context) error {
	p, _ := principal(c)
	ins, err := s.instructors(c, p)
	if err != nil {
		return err
	}
	f := classroomview.CourseFormVM{Instructors: cvInstructorOptions(ins, nil), CSRFToken: csrfToken(c)}
	return s.dialog(c, http.StatusOK, "New course", func(back string) templ.Component { return classroomview.CourseFormDialog(f, back) },
		"/classroom/courses")
}

// readCourseForm reads the course form; errs holds its malformed dates.
func readCourseForm(c echo.Context) (classroom.CourseInput, map[string]string) {
	errs := map[string]string{}
	in := classroom.CourseInput{Name: c.FormValue("name"), Description: c.FormValue("description"),
		ActiveFrom: formDate(c, "active_from", false, errs), ActiveUntil: formDate(c, "active_until", true, errs),
		InstructorIDs: formIDs(c, "instructor")}
	return in, errs
}

// courseFormError shows the course form again with its errors.
func (s *Server) courseFormError(c echo.Context, p auth.Principal, id int64, in classroom.CourseInput, errs map[string]string) error {
	ins, err := s.instructors(c, p)
	if err != nil {
		return err
	}
	f := classroomview.CourseFormVM{ID: id, Name: in.Name, Description: in.Description, ActiveFrom: c.FormValue("active_from"),
		ActiveUntil: c.FormValue("active_until"), Instructors: cvInstructorOptions(ins, in.InstructorIDs), Errors: errs,
		CSRFToken: csrfToken(c)}
	if isHTMX(c) {
		return render(c, http.StatusOK, classroomview.CourseForm(f, ""))
	}
	back := "/classroom/courses"
	if id != 0 {
		back = classroomview.CourseURL(id)
	}
	return s.page(c, http.StatusUnprocessableEntity, f.Heading(), classroomview.CourseFormDialog(f, back))
}

// redirect ends a successful form: a full-page redirect for htmx too (the
// page changes), with a toast on arrival.
func (s *Server) redirect(c echo.Context, to, msg string) error {
	s.flash(c, "success", msg)
	if isHTMX(c) {
		setHXRedirect(c, to)
		return c.NoContent(http.StatusOK)
	}
	return c.Redirect(http.StatusSeeOther, to)
}

func (s *Server) createCourse(c echo.Context) error {
	p, _ := principal(c)
	in, errs := readCourseForm(c)
	if len(errs) > 0 {
		return s.courseFormError(c, p, 0, in, errs)
	}
	course, err := s.Classroom.CreateCourse(c.Request().Context(), p, in)
	if fe, ok := formFieldErrors(err); ok {
		return s.courseFormError(c, p, 0, in, fe)
	}
	if err != nil {
		return err
	}
	msg := course.Name + " is created."
	if course.State() != classroom.CourseActive {
		msg += " It is inactive until a plan covers today."
	}
	return s.redirect(c, classroomview.CourseURL(course.ID), msg)
}

// courseDetailWith renders a course's page (plan, the refused plan form).
func (s *Server) courseDetailWith(c echo.Context, status int, id int64, planErrs map[string]string) error {
	p, _ := principal(c)
	d, err := s.Classroom.Course(c.Request().Context(), p, id)
	if err != nil {
		return err
	}
	var ins []classroom.User
	canManage := p.Can(auth.PermClassroomManage)
	if canManage {
		if ins, err = s.instructors(c, p); err != nil {
			return err
		}
	}
	vm := cvCourse(d, ins, time.Now(), canManage, csrfToken(c))
	if planErrs != nil {
		vm.PlanFrom, vm.PlanUntil, vm.PlanErrors = c.FormValue("active_from"), c.FormValue("active_until"), planErrs
	}
	return s.page(c, status, d.Name, classroomview.CoursePage(vm))
}

func (s *Server) courseDetailPage(c echo.Context) error {
	id, err := pathID(c, "id", "This course does not exist.")
	if err != nil {
		return err
	}
	return s.courseDetailWith(c, http.StatusOK, id, nil)
}

func (s *Server) updateCourse(c echo.Context) error {
	p, _ := principal(c)
	id, err := pathID(c, "id", "This course does not exist.")
	if err != nil {
		return err
	}
	in, _ := readCourseForm(c)
	in.ActiveFrom, in.ActiveUntil = nil, nil
	course, err := s.Classroom.UpdateCourse(c.Request().Context(), p, id, in)
	if fe, ok := formFieldErrors(err); ok {
		return s.courseFormError(c, p, id, in, fe)
	}
	if err != nil {
		return err
	}
	return s.redirect(c, classroomview.CourseURL(id), "Changes to "+course.Name+" are saved.")
}

func (s *Server) addCoursePlan(c echo.Context) error {
	p, _ := principal(c)
	id, err := pathID(c, "id", "This course does not exist.")
	if err != nil {
		return err
	}
	errs := map[string]string{}
	from, until := formDate(c, "active_from", false, errs), formDate(c, "active_until", true, errs)
	if len(errs) == 0 {
		var plan classroom.Plan
		plan, err = s.Classroom.AddPlan(c.Request().Context(), p, id, from, until)
		if err == nil {
			return s.redirect(c, classroomview.CourseURL(id), "The plan "+classroomview.Date(plan.StartsAt)+" – "+
				classroomview.Date(plan.EndsAt)+" is added.")
		}
		fe, ok := formFieldErrors(err)
		if !ok {
			return err
		}
		errs = fe
	}
	return s.courseDetailWith(c, http.StatusUnprocessableEntity, id, errs)
}

func (s *Server) removeCoursePlan(c echo.Context) error {
	p, _ := principal(c)
	id, err := pathID(c, "id", "This course does not exist.")
	if err != nil {
		return err
	}
	planID, err := pathID(c, "plan", "This plan does not exist.")
	if err != nil {
		return err
	}
	if err := s.Classroom.RemovePlan(c.Request().Context(), p, id, planID); err != nil {
		return err
	}
	return s.redirect(c, classroomview.CourseURL(id), "The plan is removed.")
}

func (s *Server) archiveCourse(archived bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		p, _ := principal(c)
		id, err := pathID(c, "id", "This course does not exist.")
		if err != nil {
			return err
		}
		course, err := s.Classroom.SetArchived(c.Request().Context(), p, id, archived)
		if err != nil {
			return err
		}
		msg := course.Name + " is archived: students and instructors can no longer enter it."
		if !archived {
			msg = course.Name + " is back."
		}
		return s.redirect(c, classroomview.CourseURL(id), msg)
	}
}

// ---- users ----

func (s *Server) classroomUsersPage(c echo.Context) error {
	p, _ := principal(c)
	filter := c.QueryParam("filter")
	role, status := cvParseFilter(filter)
	cur, _ := classroom.ParseCursor(c.QueryParam("cursor"))
	us, page, err := s.Classroom.Users(c.Request().Context(), p, classroom.UserFilter{Query: c.QueryParam("q"), Role: role,
		Status: status, Cursor: cur})
	if err != nil {
		return err
	}
	vm := cvUsers(us, page, c.QueryParam("q"), filter, time.Now(), p.Can(auth.PermClassroomManage), csrfToken(c))
	if wantsFragment(c) {
		return render(c, http.StatusOK, classroomview.UserResults(vm))
	}
	return s.page(c, http.StatusOK, "Classroom users", classroomview.UsersPage(vm))
}

func (s *Server) inviteClassroomUserForm(c echo.Context) error {
	p, _ := principal(c)
	courses, err := s.Classroom.CourseOptions(c.Request().Context(), p)
	if err != nil {
		return err
	}
	f := cvInvite(courses, csrfToken(c))
	return s.dialog(c, http.StatusOK, "Invite users", func(back string) templ.Component { return classroomview.InviteDialog(f, back) },
		"/classroom/users")
}

func (s *Server) inviteClassroomUser(c echo.Context) error {
	p, _ := principal(c)
	ctx := c.Request().Context()
	courses, err := s.Classroom.CourseOptions(ctx, p)
	if err != nil {
		return err
	}
	in := classroom.InviteInput{FullName: c.FormValue("full_name"), Email: c.FormValue("email"),
		Role: classroom.Role(c.FormValue("role")), CourseIDs: formIDs(c, "course")}
	more := c.FormValue("more") == "1"
	u, err := s.Classroom.Invite(ctx, p, in)
	if fe, ok := formFieldErrors(err); ok {
		f := cvInvite(courses, csrfToken(c))
		f.FullName, f.Email, f.Roles, f.InviteMore, f.Errors = in.FullName, in.Email, cvRoleOptions(in.Role), more, fe
		f.Courses, f.HideCourses = cvCourseOptions(courses, in.CourseIDs), in.Role == classroom.RoleAdmin
		if isHTMX(c) {
			return render(c, http.StatusOK, classroomview.InviteForm(f, ""))
		}
		return s.page(c, http.StatusUnprocessableEntity, "Invite users", classroomview.InviteDialog(f, "/classroom/users"))
	}
	if err != nil {
		return err
	}
	msg := u.Name() + " is invited as " + strings.ToLower(u.Role.Label()) + "; the invitation email is on its way."
	if !isHTMX(c) {
		s.flash(c, "success", msg)
		return c.Redirect(http.StatusSeeOther, "/classroom/users")
	}
	f := cvInvite(courses, csrfToken(c))
	f.InviteMore = more
	if more {
		f.Done = msg + " Invite the next person below."
	} else {
		triggerClient(c, modalClose)
	}
	out := []templ.Component{classroomview.InviteForm(f, "")}
	if showsNewUser(currentURL(c), u) {
		out = append(out, classroomview.UserPrepended(cvUserRow(u, time.Now(), true, csrfToken(c))))
	}
	return fragment(c, templ.Join(out...), layout.Toast{Kind: "success", Message: msg})
}

// showsNewUser reports whether the page at raw (the Users list) lists a
// just-invited user: no search, and a filter that the user passes.
func showsNewUser(raw string, u classroom.User) bool {
	pu, err := url.Parse(raw)
	if err != nil || pu.Path != "/classroom/users" {
		return false
	}
	q := pu.Query()
	if q.Get("q") != "" || q.Get("cursor") != "" {
		return false
	}
	role, status := cvParseFilter(q.Get("filter"))
	return (role == "" || role == u.Role) && (status == "" || status == u.Status)
}

func (s *Server) editClassroomUserForm(c echo.Context) error {
	p, _ := principal(c)
	ctx := c.Request().Context()
	id, err := pathID(c, "pid", "This classroom user does not exist.")
	if err != nil {
		return err
	}
	u, err := s.Classroom.User(ctx, p, id)
	if err != nil {
		return err
	}
	courses, err := s.Classroom.CourseOptions(ctx, p)
	if err != nil {
		return err
	}
	ids := make([]int64, len(u.Courses))
	for i, x := range u.Courses {
		ids[i] = x.ID
	}
	f := cvEdit(u, courses, u.Role, ids, time.Now(), csrfToken(c))
	return s.dialog(c, http.StatusOK, u.Name(), func(back string) templ.Component { return classroomview.EditDialog(f, back) },
		"/classroom/users")
}

func (s *Server) updateClassroomUser(c echo.Context) error {
	p, _ := principal(c)
	ctx := c.Request().Context()
	id, err := pathID(c, "pid", "This classroom user does not exist.")
	if err != nil {
		return err
	}
	patch := classroom.UserPatch{Role: classroom.Role(c.FormValue("role")), CourseIDs: formIDs(c, "course")}
	u, err := s.Classroom.UpdateUser(ctx, p, id, patch)
	if fe, ok := formFieldErrors(err); ok {
		before, err := s.Classroom.User(ctx, p, id)
		if err != nil {
			return err
		}
		courses, err := s.Classroom.CourseOptions(ctx, p)
		if err != nil {
			return err
		}
		f := cvEdit(before, courses, patch.Role, patch.CourseIDs, time.Now(), csrfToken(c))
		f.Errors = fe
		if isHTMX(c) {
			return render(c, http.StatusOK, classroomview.EditForm(f, ""))
		}
		return s.page(c, http.StatusUnprocessableEntity, before.Name(), classroomview.EditDialog(f, "/classroom/users"))
	}
	if err != nil {
		return err
	}
	msg := "Changes to " + u.Name() + " are saved."
	if !isHTMX(c) {
		s.flash(c, "success", msg)
		return c.Redirect(http.StatusSeeOther, "/classroom/users")
	}
	triggerClient(c, modalClose)
	return fragment(c, classroomview.UserRowOOB(cvUserRow(u, time.Now(), true, csrfToken(c))),
		layout.Toast{Kind: "success", Message: msg})
}

func (s *Server) deleteClassroomUser(c echo.Context) error {
	p, _ := principal(c)
	id, err := pathID(c, "pid", "This classroom user does not exist.")
	if err != nil {
		return err
	}
	u, err := s.Classroom.DeleteUser(c.Request().Context(), p, id)
	if err != nil {
		return err
	}
	msg := u.Name() + " is deleted from the classroom."
	if !isHTMX(c) {
		s.flash(c, "success", msg)
		return c.Redirect(http.StatusSeeOther, "/classroom/users")
	}
	triggerClient(c, modalClose)
	return fragment(c, classroomview.UserGone(id), layout.Toast{Kind: "success", Message: msg})
}

func (s *Server) resendClassroomInvite(c echo.Context) error {
	p, _ := principal(c)
	id, err := pathID(c, "pid", "This classroom user does not exist.")
	if err != nil {
		return err
	}
	u, err := s.Classroom.Resend(c.Request().Context(), p, id)
	if err != nil {
		return err
	}
	msg := "A new invitation is on its way to " + u.Email + "; earlier links no longer work."
	if !isHTMX(c) {
		s.flash(c, "success", msg)
		return c.Redirect(http.StatusSeeOther, "/classroom/users")
	}
	return fragment(c, classroomview.UserRow(cvUserRow(u, time.Now(), true, csrfToken(c))),
		layout.Toast{Kind: "success", Message: msg})
}
