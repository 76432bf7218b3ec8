package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"roster/internal/apperr"
	"roster/internal/classroom"
	csv "roster/views/classroomsiteview"
)

// classroomSession is how long a classroom user stays signed in.
const classroomSession = 12 * time.Hour

// courseFilesPath is the course file upload: it alone takes bodies up to
// maxCourseUpload (courseFileLimit), beyond the console's usual limit.
const courseFilesPath = "/c/courses/:id/files"

// maxCourseUpload bounds the upload form: the largest course file plus room
// for the form around it, so that a file just too large still gets the
// service's own message.
const maxCourseUpload = classroom.MaxFileSize + 1<<20

const siteMemberKey = "classroom_member"

// classroomSiteRoutes registers the classroom side: the invitation's "It's
// me" page, sign-in, My courses and the course pages with their files. No
// staff session; CSRF as everywhere; the member is reloaded on each request.
func (s *Server) classroomSiteRoutes(g *echo.Group) {
	pages, member := s.classroomProblems, s.classroomMember
	g.GET("/c/claim/:token", s.classroomClaimPage, pages)
	g.POST("/c/claim/:token", s.classroomClaim, pages)
	g.GET("/c/login", s.classroomLoginPage, pages)
	g.POST("/c/login", s.classroomLogin, pages)
	g.POST("/c/logout", s.classroomLogout, pages)
	g.GET("/c/courses", s.classroomMyCourses, pages, member)
	g.GET("/c/courses/:id", s.classroomCoursePage, pages, member)
	g.GET("/c/courses/:id/files/:fid", s.classroomFile, pages, member)
	g.POST(courseFilesPath, s.classroomUpload, pages, member)
	g.POST("/c/courses/:id/files/:fid/delete", s.classroomDeleteFile, pages, member)
}

// classroomCookie is the signed cookie of a signed-in classroom user, apart
// from the staff session and the attendee cookie.
func (s *Server) classroomCookie() string { return s.cookieName("roster-classroom") }

// saveClassroom sets the signed classroom cookie for m, or clears it (nil).
func (s *Server) saveClassroom(c echo.Context, m *classroom.Member) error {
	if m == nil {
		return s.saveSigned(c, s.classroomCookie(), nil, 0)
	}
	return s.saveSigned(c, s.classroomCookie(), map[any]any{"partner": m.PartnerID, "person": m.PersonID,
		"since": time.Now().Unix()}, classroomSession)
}

// classroomRef reads the signed classroom cookie: whose it is, while it is
// younger than classroomSession (the browser's Max-Age is not trusted).
func (s *Server) classroomRef(c echo.Context) (partnerID, personID int64, ok bool) {
	sess, err := s.cookies.Get(c.Request(), s.classroomCookie())
	if err != nil || sess.IsNew {
		return 0, 0, false
	}
	partnerID, ok1 := sess.Values["partner"].(int64)
	personID, ok2 := sess.Values["person"].(int64)
	since, ok3 := sess.Values["since"].(int64)
	if !ok1 || !ok2 || !ok3 || time.Since(time.Unix(since, 0)) > classroomSession {
		return 0, 0, false
	}
	return partnerID, personID, true
}

// classroomMember loads the signed-in member for the classroom pages. A
// visitor without a valid cookie, or whose account was deleted or blocked
// since, is signed out: sent to the sign-in page (GET) or refused.
func (s *Server) classroomMember(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		partnerID, personID, ok := s.classroomRef(c)
		var err error
		if ok {
			var m classroom.Member
			m, err = s.Classroom.Member(c.Request().Context(), partnerID, personID)
			if err == nil {
				c.Set(siteMemberKey, m)
				return next(c)
			}
			if !apperr.Is(err, apperr.CodeUnauthorized) {
				return err
			}
			if err := s.saveClassroom(c, nil); err != nil {
				return err
			}
		}
		if c.Request().Method == http.MethodGet {
			to := "/c/login"
			if ok {
				to += "?signed_out=1"
			}
			return c.Redirect(http.StatusSeeOther, to)
		}
		if err == nil {
			err = apperr.Unauthorized("Sign in to the classroom to continue.")
		}
		return err
	}
}

// siteMember is the member classroomMember loaded.
func siteMember(c echo.Context) classroom.Member {
	m, _ := c.Get(siteMemberKey).(classroom.Member)
	return m
}

// classroomProblems renders the classroom side's refusals (4xx) as pages of
// the classroom, leading back to My courses or the sign-in page rather than
// to the console; 5xx go on to the central handler, which logs them.
func (s *Server) classroomProblems(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		err := next(c)
		if err == nil || c.Response().Committed || c.Request().Method == http.MethodHead || isHTMX(c) {
			return err
		}
		vm := errorVM(err, requestID(c))
		if vm.Status >= 500 {
			return err
		}
		s.Log.DebugContext(c.Request().Context(), "request refused", "err", err, "status", vm.Status, "request_id", vm.RequestID)
		p := csv.ProblemVM{Status: vm.Status, Title: vm.Title, Message: vm.Message, RequestID: vm.RequestID}
		if m, ok := c.Get(siteMemberKey).(classroom.Member); ok {
			h := siteHeader(m, csrfToken(c))
			p.Header = &h
		}
		return s.document(c, vm.Status, vm.Title, csv.Problem(p))
	}
}

// classroomClaimPage is the "It's me" page: opening it spends nothing (mail scanners
// open every link).
func (s *Server) classroomClaimPage(c echo.Context) error {
	tokenPage(c)
	token := c.Param("token")
	cl, err := s.Classroom.Landing(c.Request().Context(), token)
	if err != nil {
		return err
	}
	return s.document(c, http.StatusOK, "It's me", csv.Claim(claimVM(cl, "/c/claim/"+token, csrfToken(c))))
}

// classroomClaim spends the invitation ("It's me"), signs the person in and leaves
// the token's address by redirect.
func (s *Server) classroomClaim(c echo.Context) error {
	tokenPage(c)
	ctx, token := c.Request().Context(), c.Param("token")
	cl, err := s.Classroom.Landing(ctx, token)
	if err != nil {
		return err
	}
	in := classroom.ClaimInput{FullName: c.FormValue("full_name"), Password: c.FormValue("password"), Confirm: c.FormValue("confirm")}
	refuse := func(errs map[string]string) error {
		vm := claimVM(cl, "/c/claim/"+token, csrfToken(c))
		vm.FullName, vm.Errors = in.FullName, errs
		return s.document(c, http.StatusUnprocessableEntity, "It's me", csv.Claim(vm))
	}
	m, err := s.Classroom.Claim(ctx, token, in, c.RealIP(), c.Request().UserAgent())
	if ae, ok := apperr.As(err); ok && ae.Code == apperr.CodeInvalid && len(ae.Fields) > 0 {
		return refuse(ae.Fields)
	}
	if err != nil {
		return err
	}
	if err := s.saveClassroom(c, &m); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/c/courses")
}

func (s *Server) classroomLoginPage(c echo.Context) error {
	vm := csv.LoginVM{SignedOut: c.QueryParam("signed_out") != "", CSRFToken: csrfToken(c)}
	return s.document(c, http.StatusOK, "Classroom sign-in", csv.Login(vm))
}

// classroomLogin signs a classroom user in by email and password; the same
// answer for an unknown email and a wrong password. Each client is limited
// before any password is hashed.
func (s *Server) classroomLogin(c echo.Context) error {
	if !s.classroomLogins.allow(c.RealIP(), time.Now()) {
		return apperr.TooMany("Too many sign-in attempts from your network. Wait a quarter of an hour and try again.")
	}
	email := strings.TrimSpace(c.FormValue("email"))
	m, err := s.Classroom.Login(c.Request().Context(), email, c.FormValue("password"), c.RealIP())
	if ae, ok := apperr.As(err); ok && (ae.Code == apperr.CodeInvalid || ae.Code == apperr.CodeUnauthorized) {
		msg := ae.Message
		if ae.Fields["form"] != "" {
			msg = ae.Fields["form"]
		}
		vm := csv.LoginVM{Email: email, Error: msg, CSRFToken: csrfToken(c)}
		return s.document(c, statusOf[ae.Code], "Classroom sign-in", csv.Login(vm))
	}
	if err != nil {
		return err
	}
	if err := s.saveClassroom(c, &m); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/c/courses")
}

func (s *Server) classroomLogout(c echo.Context) error {
	if err := s.saveClassroom(c, nil); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/c/login?signed_out=1")
}

// classroomMyCourses lists the courses the member may enter (the service applies the
// access matrix).
func (s *Server) classroomMyCourses(c echo.Context) error {
	m := siteMember(c)
	cs, err := s.Classroom.MyCourses(c.Request().Context(), m)
	if err != nil {
		return err
	}
	return s.document(c, http.StatusOK, "My courses", csv.Courses(coursesVM(m, cs, csrfToken(c))))
}

func siteCourseID(c echo.Context) (int64, error) {
	return pathInt(c, "id", "This course does not exist.")
}

// classroomCoursePage is a course with its files (when the member may read them).
func (s *Server) classroomCoursePage(c echo.Context) error {
	id, err := siteCourseID(c)
	if err != nil {
		return err
	}
	return s.classroomCourse(c, http.StatusOK, id, csv.Notices[c.QueryParam("notice")], "")
}

func (s *Server) classroomCourse(c echo.Context, status int, id int64, notice, fileErr string) error {
	m := siteMember(c)
	v, err := s.Classroom.OpenCourse(c.Request().Context(), m, id)
	if err != nil {
		return err
	}
	vm := courseVM(m, v, csrfToken(c))
	vm.Notice, vm.FileError = notice, fileErr
	return s.document(c, status, v.Name, csv.Course(vm))
}

// attachmentDisposition makes an attachment header for name: an ASCII
// fallback in filename, and the exact name in filename* (RFC 6266, 5987)
// when it is not plain ASCII.
func attachmentDisposition(name string) string {
	var ascii strings.Builder
	plain := true
	for _, r := range name {
		if r == '"' || r == '\\' || r < 0x20 || r > 0x7e {
			ascii.WriteByte('_')
			plain = false
			continue
		}
		ascii.WriteRune(r)
	}
	out := `attachment; filename="` + ascii.String() + `"`
	if plain {
		return out
	}
	const attrChar = "!#$&+-.^_`|~"
	var enc strings.Builder
	for _, b := range []byte(name) {
		if b < 0x80 && (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || strings.IndexByte(attrChar, b) >= 0) {
			enc.WriteByte(b)
			continue
		}
		fmt.Fprintf(&enc, "%%%02X", b)
	}
	return out + "; filename*=UTF-8''" + enc.String()
}

// classroomFile downloads a course file: always as an attachment, with its
// stored (sniffed) type, never sniffed again by the browser, never cached.
func (s *Server) classroomFile(c echo.Context) error {
	id, err := siteCourseID(c)
	if err != nil {
		return err
	}
	fid, err := pathInt(c, "fid", "This file does not exist.")
	if err != nil {
		return err
	}
	d, err := s.Classroom.Download(c.Request().Context(), siteMember(c), id, fid)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", attachmentDisposition(d.Name))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	return c.Blob(http.StatusOK, d.ContentType, d.Data)
}

// errCourseFileTooLarge is the answer to an upload beyond maxCourseUpload.
func errCourseFileTooLarge() error {
	return apperr.TooLarge("The file is too large: course files are at most %d MB.", classroom.MaxFileSize>>20)
}

// courseFileBody is a request body cut at maxCourseUpload that remembers
// whether the limit was hit.
type courseFileBody struct {
	io.ReadCloser
	hit bool
}

func (b *courseFileBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		b.hit = true
	}
	return n, err
}

// courseFileLimit bounds the course file upload's body at maxCourseUpload
// (the console's usual limit skips that route). It runs before CSRF, which
// parses the form, so a larger body is refused whoever reads it first, with
// its own message.
func courseFileLimit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if c.Path() != courseFilesPath || r.Method != http.MethodPost {
			return next(c)
		}
		if r.ContentLength > maxCourseUpload {
			return errCourseFileTooLarge()
		}
		body := &courseFileBody{ReadCloser: http.MaxBytesReader(c.Response(), r.Body, maxCourseUpload)}
		r.Body = body
		err := next(c)
		if body.hit {
			return errCourseFileTooLarge()
		}
		return err
	}
}

// classroomUpload stores a file of the course; a refused file is explained
// next to the upload field.
func (s *Server) classroomUpload(c echo.Context) error {
	id, err := siteCourseID(c)
	if err != nil {
		return err
	}
	name, data, err := classroomUploadedFile(c)
	if err == nil {
		_, err = s.Classroom.Upload(c.Request().Context(), siteMember(c), id, name, data)
	}
	if ae, ok := apperr.As(err); ok && ae.Code == apperr.CodeInvalid {
		msg := ae.Fields["file"]
		if msg == "" {
			msg = ae.Message
		}
		return s.classroomCourse(c, http.StatusUnprocessableEntity, id, "", msg)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, csv.CourseURL(id)+"?notice=uploaded")
}

// classroomUploadedFile reads the "file" part of the upload form.
func classroomUploadedFile(c echo.Context) (string, []byte, error) {
	fh, err := c.FormFile("file")
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return "", nil, errCourseFileTooLarge()
	case err != nil:
		return "", nil, apperr.InvalidFields(map[string]string{"file": "Choose a file to upload."})
	}
	f, err := fh.Open()
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, classroom.MaxFileSize+1))
	return fh.Filename, data, err
}

func (s *Server) classroomDeleteFile(c echo.Context) error {
	id, err := siteCourseID(c)
	if err != nil {
		return err
	}
	fid, err := pathInt(c, "fid", "This file does not exist.")
	if err != nil {
		return err
	}
	if _, err := s.Classroom.DeleteFile(c.Request().Context(), siteMember(c), id, fid); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, csv.CourseURL(id)+"?notice=deleted")
}

// ---- view models of the classroom side ----

func siteHeader(m classroom.Member, csrf string) csv.HeaderVM {
	return csv.HeaderVM{Organisation: m.Organisation, Name: m.Name, Role: m.Role.Label(), CSRFToken: csrf}
}

func claimVM(cl classroom.Claim, action, csrf string) csv.ClaimVM {
	return csv.ClaimVM{Organisation: cl.Organisation, Role: cl.Role.Label(), Courses: cl.Courses, MaskedEmail: cl.MaskedEmail,
		FullName: cl.FullName, HasPassword: cl.HasPassword, Expires: dateTime(cl.ExpiresAt), Action: action, CSRFToken: csrf}
}

// courseState describes a course's state as a badge and a sentence
// ("Active until 2 Jan 2027").
func courseState(c classroom.Course) csv.StateVM {
	vm := csv.StateVM{}
	vm.Label, vm.Kind = courseBadge(c)
	switch c.State() {
	case classroom.CourseActive:
		vm.Detail = "The course is open until " + date(*c.ActiveUntil) + "."
	case classroom.CourseArchived:
		vm.Detail = "The course is archived: it stays here for admins only."
	default:
		vm.Detail = "No plan covers today: students cannot enter the course."
		if c.NextStart != nil {
			vm.Detail = "Students cannot enter the course until its next plan starts on " + date(*c.NextStart) + "."
		}
	}
	return vm
}

// coursesVM is "My courses" for m, with an empty state that says what to do.
func coursesVM(m classroom.Member, cs []classroom.MemberCourse, csrf string) csv.CoursesVM {
	vm := csv.CoursesVM{Header: siteHeader(m, csrf), Admin: m.Role == classroom.RoleAdmin}
	for _, c := range cs {
		vm.Courses = append(vm.Courses, csv.CourseCardVM{ID: c.ID, Name: c.Name, URL: csv.CourseURL(c.ID), State: courseState(c.Course),
			Instructors: personNames(c.Instructors)})
	}
	switch m.Role {
	case classroom.RoleAdmin:
		vm.EmptyTitle = "No courses yet"
		vm.EmptyBody = "Courses are created in the Roster console, under Classroom → Courses. They appear here as soon as they exist."
	case classroom.RoleInstructor:
		vm.EmptyTitle = "You teach no course yet"
		vm.EmptyBody = "Ask your classroom admin to make you an instructor of your courses; they appear here, active or not."
	default:
		vm.EmptyTitle = "No active course for you right now"
		vm.EmptyBody = "Your courses appear here while they are active. If one is missing, ask your classroom admin to enroll you or to check its dates."
	}
	return vm
}

// courseVM is a course page for m.
func courseVM(m classroom.Member, v classroom.CourseView, csrf string) csv.CourseVM {
	base := csv.CourseURL(v.ID)
	vm := csv.CourseVM{Header: siteHeader(m, csrf), ID: v.ID, Name: v.Name, Description: v.Description, State: courseState(v.Course),
		Instructors: personNames(v.Instructors), CanFiles: v.CanFiles, CanManage: v.CanManage, UploadURL: base + "/files",
		TypesHint: classroom.FileTypesHint}
	switch m.Role {
	case classroom.RoleAdmin:
		vm.Standing = "You are an admin: you enter every course and manage its files."
	case classroom.RoleInstructor:
		vm.Standing = "You are an instructor of this course: you manage its files."
	default:
		vm.Standing = "You are enrolled in this course."
	}
	for _, f := range v.Files {
		id := strconv.FormatInt(f.ID, 10)
		vm.Files = append(vm.Files, csv.FileVM{ID: f.ID, Name: f.Name, Size: csv.Size(f.Size), UploadedBy: f.UploadedBy,
			Date: date(f.CreatedAt), DownloadURL: base + "/files/" + id, DeleteURL: base + "/files/" + id + "/delete"})
	}
	return vm
}
