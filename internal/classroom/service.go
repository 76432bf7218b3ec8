package classroom

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"roster/internal/apperr"
	"roster/internal/audit"
	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/i18n"
	"roster/internal/logintoken"
	"roster/internal/mail"
	"roster/internal/partner"
	"roster/internal/people"
)

// Mailer queues an email inside a transaction (mail.Service).
type Mailer interface {
	QueueTx(ctx context.Context, tx database.Tx, m mail.Message) (int64, error)
}

// InviteEmail is what the classroom invitation shows.
type InviteEmail struct {
	Lang         string
	PersonName   string
	Organisation string
	Role         Role
	Courses      []string
	Link         string
	LinkExpires  time.Time
}

// Composer renders the classroom invitation in the person's language
// (views/emails, wired in by cmd/roster).
type Composer interface {
	ClassroomInvite(ctx context.Context, d InviteEmail) (subject, text, html string, err error)
}

// InvitationTTL is how long a classroom invitation works.
const InvitationTTL = 14 * 24 * time.Hour

// Limits of the classroom fields.
const (
	MaxCourseNameLen    = 200
	MaxDescriptionLen   = 2000
	MaxFullNameLen      = 201
	maxCourseOptions    = 1000
	maxCoursesPerPerson = 200
)

// Service runs the virtual classroom: courses and plans, classroom users
// and their invitations (the console), and the classroom side's access.
type Service struct {
	db      *database.DB
	mail    Mailer
	compose Composer
	baseURL string
	log     *slog.Logger
	// Now is the clock.
	Now func() time.Time
}

// Deps are the service's collaborators.
type Deps struct {
	DB      *database.DB
	Mail    Mailer
	Compose Composer
	BaseURL string
	Log     *slog.Logger
}

// NewService builds the service.
func NewService(d Deps) *Service {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	return &Service{db: d.DB, mail: d.Mail, compose: d.Compose, baseURL: strings.TrimRight(d.BaseURL, "/"), log: d.Log,
		Now: func() time.Time { return time.Now().UTC() }}
}

func (s *Service) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

func errNoCourse() error { return apperr.NotFound("This course does not exist.") }
func errNoUser() error   { return apperr.NotFound("This classroom user does not exist.") }

func fullName(first, last, email string) string {
	if n := strings.TrimSpace(first + " " + last); n != "" {
		return n
	}
	return email
}

func (s *Service) auditTx(ctx context.Context, tx database.Tx, p auth.Principal, action, kind string, id int64, before, after any) error {
	return audit.RecordTx(ctx, tx, audit.Entry{PartnerID: &p.PartnerID, ActorKind: audit.ActorStaff,
		ActorID: strconv.FormatInt(p.StaffID, 10), ActorLabel: p.Email, Action: action, TargetKind: kind,
		TargetID: strconv.FormatInt(id, 10), Before: before, After: after})
}

// ---- courses ----

// CourseFilter selects courses.
type CourseFilter struct {
	Query  string
	State  CourseState // "" for every state
	Cursor *Cursor
	Limit  int
}

// Courses lists the partner's courses by name, with their state now.
func (s *Service) Courses(ctx context.Context, p auth.Principal, f CourseFilter) ([]Course, Page, error) {
	if err := p.Require(auth.PermClassroomView); err != nil {
		return nil, Page{}, err
	}
	if f.State != "" && !f.State.Valid() {
		f.State = ""
	}
	limit := clampLimit(f.Limit)
	q := courseQuery{partnerID: p.PartnerID, like: people.LikePattern(f.Query), state: string(f.State), now: s.now()}
	return pagedTx(ctx, s.db, "courses", f.Cursor, limit,
		func(tx database.Tx) ([]courseRow, error) { return listCourses(ctx, tx.Gorm, q, f.Cursor, limit+1) },
		func(tx database.Tx) (int64, error) { return countCourses(ctx, tx.Gorm, q) },
		func(r courseRow) Cursor { return Cursor{Name: r.Name, ID: r.ID} },
		func(tx database.Tx, rs []courseRow) ([]Course, error) { return s.coursesOf(ctx, tx, p.PartnerID, rs) })
}

// coursesOf turns rows into courses with their instructors.
func (s *Service) coursesOf(ctx context.Context, tx database.Tx, partnerID int64, rs []courseRow) ([]Course, error) {
	ids := make([]int64, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	ins, err := instructorsOf(ctx, tx.Gorm, partnerID, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Course, len(rs))
	for i, r := range rs {
		out[i] = r.domain()
		out[i].Instructors = ins[r.ID]
	}
	return out, nil
}

func (r courseRow) domain() Course {
	return Course{ID: r.ID, PartnerID: r.PartnerID, Name: r.Name, Description: r.Description, ArchivedAt: r.ArchivedAt.Ptr(),
		ActiveUntil: r.ActiveUntil.Ptr(), NextStart: r.NextStart.Ptr(), Students: r.Students, CreatedAt: r.CreatedAt,
		UpdatedAt: r.UpdatedAt}
}

func (s *Service) courseTx(ctx context.Context, tx database.Tx, partnerID, id int64) (Course, error) {
	r, err := courseRowByID(ctx, tx.Gorm, partnerID, id, s.now())
	if database.IsNotFound(err) {
		return Course{}, errNoCourse()
	}
	if err != nil {
		return Course{}, err
	}
	cs, err := s.coursesOf(ctx, tx, partnerID, []courseRow{r})
	if err != nil {
		return Course{}, err
	}
	return cs[0], nil
}

// Course returns one course with its plans and roster.
func (s *Service) Course(ctx context.Context, p auth.Principal, id int64) (CourseDetail, error) {
	if err := p.Require(auth.PermClassroomView); err != nil {
		return CourseDetail{}, err
	}
	var out CourseDetail
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		c, err := s.courseTx(ctx, tx, p.PartnerID, id)
		if err != nil {
			return err
		}
		out.Course = c
		ps, err := plansOf(ctx, tx.Gorm, p.PartnerID, id)
		if err != nil {
			return err
		}
		for _, r := range ps {
			out.Plans = append(out.Plans, Plan{ID: r.ID, StartsAt: r.StartsAt.UTC(), EndsAt: r.EndsAt.UTC()})
		}
		rs, err := rosterOf(ctx, tx.Gorm, p.PartnerID, id)
		if err != nil {
			return err
		}
		out.Roster, err = s.usersOf(ctx, tx, p.PartnerID, rs)
		return err
	})
	if err != nil {
		if _, ok := apperr.As(err); ok {
			return CourseDetail{}, err
		}
		return CourseDetail{}, fmt.Errorf("classroom: course: %w", err)
	}
	return out, nil
}

// CourseOptions lists the courses one can be enrolled in (not archived), by
// name, for the course pickers.
func (s *Service) CourseOptions(ctx context.Context, p auth.Principal) ([]CourseRef, error) {
	if err := p.Require(auth.PermClassroomView); err != nil {
		return nil, err
	}
	rs, err := courseRefs(ctx, s.db.Gorm, p.PartnerID, maxCourseOptions)
	if err != nil {
		return nil, fmt.Errorf("classroom: course options: %w", err)
	}
	return rs, nil
}

// CourseInput is the course form. A new course may get its first plan from
// ActiveFrom/ActiveUntil (both set, or neither).
type CourseInput struct {
	Name, Description string
	ActiveFrom        *time.Time
	ActiveUntil       *time.Time
	// InstructorIDs are the persons to keep as its instructors (classroom
	// users with the instructor role).
	InstructorIDs []int64
}

func (in CourseInput) validate(creating bool) (CourseInput, map[string]string) {
	errs := map[string]string{}
	in.Name, in.Description = strings.TrimSpace(in.Name), strings.TrimSpace(in.Description)
	switch n := utf8.RuneCountInString(in.Name); {
	case n == 0:
		errs["name"] = "Enter the course's name."
	case n > MaxCourseNameLen:
		errs["name"] = fmt.Sprintf("The name is too long: at most %d characters (this one has %d).", MaxCourseNameLen, n)
	}
	if n := utf8.RuneCountInString(in.Description); n > MaxDescriptionLen {
		errs["description"] = fmt.Sprintf("The description is too long: at most %d characters (this one has %d).", MaxDescriptionLen, n)
	}
	if creating {
		planErrs(errs, in.ActiveFrom, in.ActiveUntil)
	}
	in.InstructorIDs = uniqueIDs(in.InstructorIDs)
	return in, errs
}

// planErrs checks a plan's dates (both missing is no plan).
func planErrs(errs map[string]string, from, until *time.Time) {
	switch {
	case from == nil && until == nil:
	case from == nil:
		errs["active_from"] = "Enter when the plan starts, or leave both dates empty."
	case until == nil:
		errs["active_until"] = "Enter when the plan ends, or leave both dates empty."
	case !until.After(*from):
		errs["active_until"] = "The plan must end after it starts."
	}
}

func uniqueIDs(ids []int64) []int64 {
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if id > 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// CreateCourse adds a course, with its first plan and instructors.
func (s *Service) CreateCourse(ctx context.Context, p auth.Principal, in CourseInput) (Course, error) {
	if err := p.Require(auth.PermClassroomManage); err != nil {
		return Course{}, err
	}
	in, errs := in.validate(true)
	if len(errs) > 0 {
		return Course{}, apperr.InvalidFields(errs)
	}
	var out Course
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		now := s.now()
		r := courseRecord{PartnerID: p.PartnerID, Name: in.Name, Description: in.Description, SearchText: people.Fold(in.Name),
			CreatedAt: now, UpdatedAt: now}
		if err := insertCourse(ctx, tx.Gorm, &r); err != nil {
			return err
		}
		if in.ActiveFrom != nil {
			if err := insertPlan(ctx, tx.Gorm, &planRecord{PartnerID: p.PartnerID, CourseID: r.ID, StartsAt: in.ActiveFrom.UTC(),
				EndsAt: in.ActiveUntil.UTC(), CreatedAt: now}); err != nil {
				return err
			}
		}
		if err := s.setInstructorsTx(ctx, tx, p.PartnerID, r.ID, in.InstructorIDs, now); err != nil {
			return err
		}
		c, err := s.courseTx(ctx, tx, p.PartnerID, r.ID)
		if err != nil {
			return err
		}
		out = c
		return s.auditTx(ctx, tx, p, "course.created", "course", r.ID, nil, map[string]any{"name": in.Name,
			"active_from": in.ActiveFrom, "active_until": in.ActiveUntil, "instructors": in.InstructorIDs})
	})
	return out, err
}

// UpdateCourse changes a course's name, description and instructors.
func (s *Service) UpdateCourse(ctx context.Context, p auth.Principal, id int64, in CourseInput) (Course, error) {
	if err := p.Require(auth.PermClassroomManage); err != nil {
		return Course{}, err
	}
	in, errs := in.validate(false)
	if len(errs) > 0 {
		return Course{}, apperr.InvalidFields(errs)
	}
	var out Course
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		before, err := s.courseTx(ctx, tx, p.PartnerID, id)
		if err != nil {
			return err
		}
		now := s.now()
		if err := updateCourse(ctx, tx.Gorm, p.PartnerID, id, map[string]any{"name": in.Name, "description": in.Description,
			"search_text": people.Fold(in.Name), "updated_at": now}); err != nil {
			return err
		}
		if err := s.setInstructorsTx(ctx, tx, p.PartnerID, id, in.InstructorIDs, now); err != nil {
			return err
		}
		if out, err = s.courseTx(ctx, tx, p.PartnerID, id); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, p, "course.updated", "course", id,
			map[string]any{"name": before.Name, "description": before.Description, "instructors": refIDs(before.Instructors)},
			map[string]any{"name": out.Name, "description": out.Description, "instructors": refIDs(out.Instructors)})
	})
	return out, err
}

func refIDs(rs []PersonRef) []int64 {
	out := make([]int64, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// setInstructorsTx makes ids the course's instructors: each must be a
// classroom user with the instructor role; instructors not listed leave the
// course's roster.
func (s *Service) setInstructorsTx(ctx context.Context, tx database.Tx, partnerID, courseID int64, ids []int64, now time.Time) error {
	current, err := instructorsOf(ctx, tx.Gorm, partnerID, []int64{courseID})
	if err != nil {
		return err
	}
	for _, id := range ids {
		u, err := userByPerson(ctx, tx.Gorm, partnerID, id)
		if database.IsNotFound(err) || (err == nil && Role(u.Role) != RoleInstructor) {
			msg := "Choose instructors among the classroom users with the Instructor role."
			return &apperr.Error{Code: apperr.CodeInvalid, Message: msg, Fields: map[string]string{"instructors": msg}}
		}
		if err != nil {
			return err
		}
		if err := addEnrollment(ctx, tx.Gorm, partnerID, courseID, id, now); err != nil {
			return err
		}
	}
	for _, in := range current[courseID] {
		if !slices.Contains(ids, in.ID) {
			if err := removeEnrollment(ctx, tx.Gorm, partnerID, courseID, in.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// AddPlan adds a plan to a course (plans may overlap: the course is active
// while any covers now).
func (s *Service) AddPlan(ctx context.Context, p auth.Principal, courseID int64, from, until *time.Time) (Plan, error) {
	if err := p.Require(auth.PermClassroomManage); err != nil {
		return Plan{}, err
	}
	errs := map[string]string{}
	if from == nil && until == nil {
		errs["active_from"] = "Enter when the plan starts."
		errs["active_until"] = "Enter when the plan ends."
	}
	planErrs(errs, from, until)
	if len(errs) > 0 {
		return Plan{}, apperr.InvalidFields(errs)
	}
	var out Plan
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		if _, err := s.courseTx(ctx, tx, p.PartnerID, courseID); err != nil {
			return err
		}
		r := planRecord{PartnerID: p.PartnerID, CourseID: courseID, StartsAt: from.UTC(), EndsAt: until.UTC(), CreatedAt: s.now()}
		if err := insertPlan(ctx, tx.Gorm, &r); err != nil {
			return err
		}
		out = Plan{ID: r.ID, StartsAt: r.StartsAt, EndsAt: r.EndsAt}
		return s.auditTx(ctx, tx, p, "course.plan_added", "course", courseID, nil, map[string]any{"plan": r.ID,
			"starts_at": r.StartsAt, "ends_at": r.EndsAt})
	})
	return out, err
}

// RemovePlan removes one of a course's plans.
func (s *Service) RemovePlan(ctx context.Context, p auth.Principal, courseID, planID int64) error {
	if err := p.Require(auth.PermClassroomManage); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx database.Tx) error {
		if _, err := s.courseTx(ctx, tx, p.PartnerID, courseID); err != nil {
			return err
		}
		ok, err := deletePlan(ctx, tx.Gorm, p.PartnerID, courseID, planID)
		if err != nil {
			return err
		}
		if !ok {
			return apperr.NotFound("This plan does not exist.")
		}
		return s.auditTx(ctx, tx, p, "course.plan_removed", "course", courseID, map[string]any{"plan": planID}, nil)
	})
}

// SetArchived archives a course (closing it to students and instructors,
// keeping its roster and files) or brings it back.
func (s *Service) SetArchived(ctx context.Context, p auth.Principal, courseID int64, archived bool) (Course, error) {
	if err := p.Require(auth.PermClassroomManage); err != nil {
		return Course{}, err
	}
	var out Course
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		c, err := s.courseTx(ctx, tx, p.PartnerID, courseID)
		if err != nil {
			return err
		}
		if (c.ArchivedAt != nil) == archived {
			out = c
			return nil
		}
		now := s.now()
		var at *time.Time
		action := "course.unarchived"
		if archived {
			at, action = &now, "course.archived"
		}
		if err := updateCourse(ctx, tx.Gorm, p.PartnerID, courseID, map[string]any{"archived_at": at, "updated_at": now}); err != nil {
			return err
		}
		if out, err = s.courseTx(ctx, tx, p.PartnerID, courseID); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, p, action, "course", courseID, nil, nil)
	})
	return out, err
}

// ---- classroom users ----

// UserFilter selects classroom users.
type UserFilter struct {
	Query  string
	Role   Role   // "" for every role
	Status Status // "" for every status
	Cursor *Cursor
	Limit  int
}

// Users lists the partner's classroom users, newest first.
func (s *Service) Users(ctx context.Context, p auth.Principal, f UserFilter) ([]User, Page, error) {
	if err := p.Require(auth.PermClassroomView); err != nil {
		return nil, Page{}, err
	}
	if f.Role != "" && !f.Role.Valid() {
		f.Role = ""
	}
	if f.Status != "" && !f.Status.Valid() {
		f.Status = ""
	}
	limit := clampLimit(f.Limit)
	q := userQuery{partnerID: p.PartnerID, like: people.LikePattern(f.Query), role: string(f.Role), status: string(f.Status)}
	return pagedTx(ctx, s.db, "users", f.Cursor, limit,
		func(tx database.Tx) ([]userRow, error) { return listUsers(ctx, tx.Gorm, q, f.Cursor, limit+1) },
		func(tx database.Tx) (int64, error) { return countUsers(ctx, tx.Gorm, q) },
		func(r userRow) Cursor { return Cursor{CreatedAt: r.CreatedAt.UTC(), ID: r.PersonID} },
		func(tx database.Tx, rs []userRow) ([]User, error) { return s.usersOf(ctx, tx, p.PartnerID, rs) })
}

func (s *Service) usersOf(ctx context.Context, tx database.Tx, partnerID int64, rs []userRow) ([]User, error) {
	ids := make([]int64, len(rs))
	for i, r := range rs {
		ids[i] = r.PersonID
	}
	cs, err := enrollmentsOf(ctx, tx.Gorm, partnerID, ids)
	if err != nil {
		return nil, err
	}
	out := make([]User, len(rs))
	for i, r := range rs {
		out[i] = r.domain()
		out[i].Courses = cs[r.PersonID]
	}
	return out, nil
}

func (r userRow) domain() User {
	return User{PersonID: r.PersonID, FirstName: r.FirstName, LastName: r.LastName, Email: r.Email, Language: r.Language,
		Role: Role(r.Role), Status: Status(r.Status), InvitedAt: r.InvitedAt.Ptr(), RegisteredAt: r.RegisteredAt.Ptr(),
		CreatedAt: r.CreatedAt.UTC()}
}

func (s *Service) userTx(ctx context.Context, tx database.Tx, partnerID, personID int64) (User, error) {
	r, err := userByPerson(ctx, tx.Gorm, partnerID, personID)
	if database.IsNotFound(err) {
		return User{}, errNoUser()
	}
	if err != nil {
		return User{}, err
	}
	us, err := s.usersOf(ctx, tx, partnerID, []userRow{r})
	if err != nil {
		return User{}, err
	}
	return us[0], nil
}

// User returns one classroom user with their courses.
func (s *Service) User(ctx context.Context, p auth.Principal, personID int64) (User, error) {
	if err := p.Require(auth.PermClassroomView); err != nil {
		return User{}, err
	}
	var out User
	err := s.db.InTx(ctx, func(tx database.Tx) (err error) {
		out, err = s.userTx(ctx, tx, p.PartnerID, personID)
		return err
	})
	return out, err
}

// InviteInput is the "Invite users" form.
type InviteInput struct {
	FullName  string
	Email     string
	Role      Role
	CourseIDs []int64
	Language  string
}

// checkCoursesTx verifies that ids are the partner's courses, open to
// enrollment (not archived); the error names the form field.
func (s *Service) checkCoursesTx(ctx context.Context, tx database.Tx, partnerID int64, ids []int64) ([]Course, error) {
	if len(ids) > maxCoursesPerPerson {
		msg := fmt.Sprintf("Choose at most %d courses.", maxCoursesPerPerson)
		return nil, &apperr.Error{Code: apperr.CodeInvalid, Message: msg, Fields: map[string]string{"courses": msg}}
	}
	rs, err := courseRowsByIDs(ctx, tx.Gorm, partnerID, ids, s.now())
	if err != nil {
		return nil, err
	}
	if len(rs) != len(ids) {
		msg := "One of the chosen courses does not exist any more. Choose again."
		return nil, &apperr.Error{Code: apperr.CodeInvalid, Message: msg, Fields: map[string]string{"courses": msg}}
	}
	out := make([]Course, len(rs))
	for i, r := range rs {
		if r.ArchivedAt.Valid {
			msg := r.Name + " is archived: bring it back before enrolling anyone."
			return nil, &apperr.Error{Code: apperr.CodeInvalid, Message: msg, Fields: map[string]string{"courses": msg}}
		}
		out[i] = r.domain()
	}
	return out, nil
}

func (in InviteInput) validate() (InviteInput, map[string]string) {
	errs := map[string]string{}
	in.FullName = strings.Join(strings.Fields(in.FullName), " ")
	switch n := utf8.RuneCountInString(in.FullName); {
	case n == 0:
		errs["full_name"] = "Enter the person's full name."
	case n > MaxFullNameLen:
		errs["full_name"] = fmt.Sprintf("The name is too long: at most %d characters.", MaxFullNameLen)
	}
	var msg string
	if in.Email, msg = people.ValidateEmail(in.Email); msg != "" {
		errs["email"] = msg
	}
	if in.Role == "" {
		in.Role = RoleStudent
	}
	if !in.Role.Valid() {
		errs["role"] = "Choose Student, Instructor or Admin."
	}
	if !in.Role.Enrolls() {
		in.CourseIDs = nil // admins enter every course without a roster place
	}
	in.CourseIDs = uniqueIDs(in.CourseIDs)
	if in.Language == "" {
		in.Language = i18n.Default
	}
	if l, ok := i18n.Lookup(in.Language); ok {
		in.Language = l.Code
	} else {
		errs["language"] = "Choose one of the supported languages."
	}
	return in, errs
}

// Invite makes a person a classroom user (reusing the partner's person with
// that email), enrolls them and emails the invitation, in one transaction.
func (s *Service) Invite(ctx context.Context, p auth.Principal, in InviteInput) (User, error) {
	if err := p.Require(auth.PermClassroomManage); err != nil {
		return User{}, err
	}
	in, errs := in.validate()
	if len(errs) > 0 {
		return User{}, apperr.InvalidFields(errs)
	}
	var out User
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		courses, err := s.checkCoursesTx(ctx, tx, p.PartnerID, in.CourseIDs)
		if err != nil {
			return err
		}
		now := s.now()
		person, found, err := people.FindByEmailTx(ctx, tx, p.PartnerID, in.Email)
		if err != nil {
			return err
		}
		if found {
			u, err := s.userTx(ctx, tx, p.PartnerID, person.ID)
			if err == nil {
				msg := in.Email + " is already a classroom user (" + u.Role.Label() + ", " + u.Status.Label() + ")."
				return &apperr.Error{Code: apperr.CodeConflict, Message: msg, Fields: map[string]string{"email": msg}}
			}
			if ae, ok := apperr.As(err); !ok || ae.Code != apperr.CodeNotFound {
				return err
			}
		} else {
			first, last := SplitName(in.FullName)
			if person, err = people.CreateTx(ctx, tx, p.PartnerID, people.Profile{Email: in.Email, FirstName: first, LastName: last,
				Language: in.Language}, now); err != nil {
				return err
			}
		}
		staffID := p.StaffID
		m := membershipRecord{PartnerID: p.PartnerID, PersonID: person.ID, Role: string(in.Role), Status: string(StatusPending),
			InvitedByStaffID: &staffID, InvitedAt: &now, CreatedAt: now, UpdatedAt: now}
		if err := insertMembership(ctx, tx.Gorm, &m); err != nil {
			return err
		}
		if err := setEnrollments(ctx, tx.Gorm, p.PartnerID, person.ID, in.CourseIDs, now); err != nil {
			return err
		}
		if out, err = s.userTx(ctx, tx, p.PartnerID, person.ID); err != nil {
			return err
		}
		if err := s.sendInviteTx(ctx, tx, p, out, courses, m.ID); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, p, "classroom_user.invited", "person", person.ID, nil, map[string]any{"email": in.Email,
			"role": in.Role, "courses": in.CourseIDs, "existing_person": found})
	})
	return out, err
}

// sendInviteTx revokes the person's earlier classroom invitations, issues a
// new link and queues the invitation email.
func (s *Service) sendInviteTx(ctx context.Context, tx database.Tx, p auth.Principal, u User, courses []Course, membershipID int64) error {
	if s.compose == nil || s.mail == nil {
		return fmt.Errorf("classroom: no mailer configured")
	}
	now := s.now()
	if err := logintoken.RevokePurposeForPersonTx(ctx, tx, p.PartnerID, u.PersonID, logintoken.PurposeClassroomInvite, now); err != nil {
		return err
	}
	staffID := p.StaffID
	raw, tok, err := logintoken.IssueTx(ctx, tx, logintoken.Issue{PartnerID: p.PartnerID, PersonID: u.PersonID,
		Purpose: logintoken.PurposeClassroomInvite, TTL: InvitationTTL, CreatedByStaffID: &staffID}, now)
	if err != nil {
		return err
	}
	org, err := partner.GetTx(ctx, tx, p.PartnerID)
	if err != nil {
		return err
	}
	names := make([]string, len(courses))
	for i, c := range courses {
		names[i] = c.Name
	}
	lang := i18n.Get(u.Language)
	subject, text, html, err := s.compose.ClassroomInvite(ctx, InviteEmail{Lang: lang.Code, PersonName: u.FirstName,
		Organisation: org.Name, Role: u.Role, Courses: names, Link: s.baseURL + "/c/claim/" + raw, LinkExpires: tok.ExpiresAt})
	if err != nil {
		return fmt.Errorf("classroom: compose invitation: %w", err)
	}
	_, err = s.mail.QueueTx(ctx, tx, mail.Message{PartnerID: &p.PartnerID,
		CauseKey: fmt.Sprintf("classroom.invite:%d:%d", membershipID, tok.ID), To: u.Email, Subject: subject, Text: text,
		HTML: html, Language: lang.Code})
	return err
}

// Resend emails a pending user a new invitation (the earlier links stop
// working) and restarts its expiry.
func (s *Service) Resend(ctx context.Context, p auth.Principal, personID int64) (User, error) {
	if err := p.Require(auth.PermClassroomManage); err != nil {
		return User{}, err
	}
	var out User
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		u, err := s.userTx(ctx, tx, p.PartnerID, personID)
		if err != nil {
			return err
		}
		if u.Status != StatusPending {
			return apperr.Conflict("%s has already accepted the invitation.", u.Name())
		}
		m, err := membershipByPerson(ctx, tx.Gorm, p.PartnerID, personID)
		if err != nil {
			return err
		}
		now := s.now()
		if err := updateMembership(ctx, tx.Gorm, p.PartnerID, personID, map[string]any{"invited_at": now, "updated_at": now}); err != nil {
			return err
		}
		ids := make([]int64, len(u.Courses))
		for i, c := range u.Courses {
			ids[i] = c.ID
		}
		rs, err := courseRowsByIDs(ctx, tx.Gorm, p.PartnerID, ids, now)
		if err != nil {
			return err
		}
		cs := make([]Course, len(rs))
		for i, r := range rs {
			cs[i] = r.domain()
		}
		if err := s.sendInviteTx(ctx, tx, p, u, cs, m.ID); err != nil {
			return err
		}
		if out, err = s.userTx(ctx, tx, p.PartnerID, personID); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, p, "classroom_user.invitation_resent", "person", personID, nil, nil)
	})
	return out, err
}

// UserPatch is the "Edit user" panel.
type UserPatch struct {
	Role      Role
	CourseIDs []int64
}

// UpdateUser changes a classroom user's role and courses (admins keep no
// roster places).
func (s *Service) UpdateUser(ctx context.Context, p auth.Principal, personID int64, in UserPatch) (User, error) {
	if err := p.Require(auth.PermClassroomManage); err != nil {
		return User{}, err
	}
	if !in.Role.Valid() {
		return User{}, apperr.InvalidFields(map[string]string{"role": "Choose Student, Instructor or Admin."})
	}
	if !in.Role.Enrolls() {
		in.CourseIDs = nil
	}
	in.CourseIDs = uniqueIDs(in.CourseIDs)
	var out User
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		before, err := s.userTx(ctx, tx, p.PartnerID, personID)
		if err != nil {
			return err
		}
		// A course archived since keeps the roster places it had; new places
		// need open courses.
		var fresh []int64
		for _, id := range in.CourseIDs {
			if !slices.ContainsFunc(before.Courses, func(c CourseRef) bool { return c.ID == id }) {
				fresh = append(fresh, id)
			}
		}
		if _, err := s.checkCoursesTx(ctx, tx, p.PartnerID, fresh); err != nil {
			return err
		}
		now := s.now()
		if err := updateMembership(ctx, tx.Gorm, p.PartnerID, personID, map[string]any{"role": string(in.Role), "updated_at": now}); err != nil {
			return err
		}
		if err := setEnrollments(ctx, tx.Gorm, p.PartnerID, personID, in.CourseIDs, now); err != nil {
			return err
		}
		if out, err = s.userTx(ctx, tx, p.PartnerID, personID); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, p, "classroom_user.updated", "person", personID,
			map[string]any{"role": before.Role, "courses": courseIDs(before.Courses)},
			map[string]any{"role": out.Role, "courses": courseIDs(out.Courses)})
	})
	return out, err
}

func courseIDs(cs []CourseRef) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// DeleteUser removes a person from the classroom: their role, roster
// places and unused invitation links. The person stays in the partner's
// directory with their events.
func (s *Service) DeleteUser(ctx context.Context, p auth.Principal, personID int64) (User, error) {
	if err := p.Require(auth.PermClassroomManage); err != nil {
		return User{}, err
	}
	var out User
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		u, err := s.userTx(ctx, tx, p.PartnerID, personID)
		if err != nil {
			return err
		}
		out = u
		now := s.now()
		if err := deleteMembership(ctx, tx.Gorm, p.PartnerID, personID); err != nil {
			return err
		}
		if err := logintoken.RevokePurposeForPersonTx(ctx, tx, p.PartnerID, personID, logintoken.PurposeClassroomInvite, now); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, p, "classroom_user.deleted", "person", personID,
			map[string]any{"email": u.Email, "role": u.Role, "status": u.Status, "courses": courseIDs(u.Courses)}, nil)
	})
	return out, err
}
