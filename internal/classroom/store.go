package classroom

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"roster/internal/database"
)

// courseRecord is a row of courses.
type courseRecord struct {
	ID          int64      `gorm:"column:id;primaryKey"`
	PartnerID   int64      `gorm:"column:partner_id"`
	Name        string     `gorm:"column:name"`
	Description string     `gorm:"column:description"`
	SearchText  string     `gorm:"column:search_text"`
	ArchivedAt  *time.Time `gorm:"column:archived_at"`
	CreatedAt   time.Time  `gorm:"column:created_at"`
	UpdatedAt   time.Time  `gorm:"column:updated_at"`
}

func (courseRecord) TableName() string { return "courses" }

// planRecord is a row of course_plans: the course is active from StartsAt
// until EndsAt.
type planRecord struct {
	ID        int64     `gorm:"column:id;primaryKey"`
	PartnerID int64     `gorm:"column:partner_id"`
	CourseID  int64     `gorm:"column:course_id"`
	StartsAt  time.Time `gorm:"column:starts_at"`
	EndsAt    time.Time `gorm:"column:ends_at"`
	CreatedAt time.Time `gorm:"column:created_at"`
}

func (planRecord) TableName() string { return "course_plans" }

// membershipRecord is a row of classroom_memberships: a person's classroom
// role and invitation status (one per person and partner).
type membershipRecord struct {
	ID               int64      `gorm:"column:id;primaryKey"`
	PartnerID        int64      `gorm:"column:partner_id"`
	PersonID         int64      `gorm:"column:person_id"`
	Role             string     `gorm:"column:role"`
	Status           string     `gorm:"column:status"`
	InvitedByStaffID *int64     `gorm:"column:invited_by_staff_id"`
	InvitedAt        *time.Time `gorm:"column:invited_at"`
	RegisteredAt     *time.Time `gorm:"column:registered_at"`
	CreatedAt        time.Time  `gorm:"column:created_at"`
	UpdatedAt        time.Time  `gorm:"column:updated_at"`
}

func (membershipRecord) TableName() string { return "classroom_memberships" }

// enrollmentRecord is a row of enrollments: a classroom user on a course's roster.
type enrollmentRecord struct {
	PartnerID int64     `gorm:"column:partner_id"`
	CourseID  int64     `gorm:"column:course_id;primaryKey;autoIncrement:false"`
	PersonID  int64     `gorm:"column:person_id;primaryKey;autoIncrement:false"`
	CreatedAt time.Time `gorm:"column:created_at"`
}

func (enrollmentRecord) TableName() string { return "enrollments" }

// fileRecord is a row of course_files.
type fileRecord struct {
	ID                 int64     `gorm:"column:id;primaryKey"`
	PartnerID          int64     `gorm:"column:partner_id"`
	CourseID           int64     `gorm:"column:course_id"`
	Name               string    `gorm:"column:name"`
	ContentType        string    `gorm:"column:content_type"`
	SizeBytes          int64     `gorm:"column:size_bytes"`
	SHA256             string    `gorm:"column:sha256"`
	Data               []byte    `gorm:"column:data"`
	UploadedByPersonID *int64    `gorm:"column:uploaded_by_person_id"`
	CreatedAt          time.Time `gorm:"column:created_at"`
}

func (fileRecord) TableName() string { return "course_files" }

// Records lists the GORM records of this package (for the schema test).
func Records() []any {
	return []any{courseRecord{}, planRecord{}, membershipRecord{}, enrollmentRecord{}, fileRecord{}}
}

// ---- courses ----

// courseRow is a course with what its list shows.
type courseRow struct {
	ID          int64             `gorm:"column:id"`
	PartnerID   int64             `gorm:"column:partner_id"`
	Name        string            `gorm:"column:name"`
	Description string            `gorm:"column:description"`
	ArchivedAt  database.NullTime `gorm:"column:archived_at"`
	CreatedAt   time.Time         `gorm:"column:created_at"`
	UpdatedAt   time.Time         `gorm:"column:updated_at"`
	ActiveUntil database.NullTime `gorm:"column:active_until"`
	NextStart   database.NullTime `gorm:"column:next_start"`
	Students    int64             `gorm:"column:students"`
}

const courseColumns = `c.id, c.partner_id, c.name, c.description, c.archived_at, c.created_at, c.updated_at,
	(SELECT max(cp.ends_at) FROM course_plans cp WHERE cp.course_id = c.id AND cp.partner_id = c.partner_id
		AND cp.starts_at <= @now AND cp.ends_at > @now) AS active_until,
	(SELECT min(cp.starts_at) FROM course_plans cp WHERE cp.course_id = c.id AND cp.partner_id = c.partner_id
		AND cp.starts_at > @now) AS next_start,
	(SELECT count(*) FROM enrollments e JOIN classroom_memberships m ON m.partner_id = e.partner_id AND m.person_id = e.person_id
		WHERE e.course_id = c.id AND e.partner_id = c.partner_id AND m.role = 'student') AS students`

// courseWhere is the filter of the course list (the state as of @now).
const courseWhere = `c.partner_id = @p AND (@like = '' OR c.search_text LIKE @like ESCAPE '\')
	AND (@state = ''
		OR (@state = 'archived' AND c.archived_at IS NOT NULL)
		OR (@state = 'active' AND c.archived_at IS NULL AND EXISTS (SELECT 1 FROM course_plans cp WHERE cp.course_id = c.id
			AND cp.partner_id = c.partner_id AND cp.starts_at <= @now AND cp.ends_at > @now))
		OR (@state = 'inactive' AND c.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM course_plans cp WHERE cp.course_id = c.id
			AND cp.partner_id = c.partner_id AND cp.starts_at <= @now AND cp.ends_at > @now)))`

type courseQuery struct {
	partnerID   int64
	like, state string
	now         time.Time
}

func (q courseQuery) args() map[string]any {
	return map[string]any{"p": q.partnerID, "like": q.like, "state": q.state, "now": q.now}
}

// listCourses returns a page of courses by name: after the cursor, or (back)
// before it, always returned in name order.
func listCourses(ctx context.Context, g *gorm.DB, q courseQuery, c *Cursor, limit int) ([]courseRow, error) {
	args := q.args()
	args["limit"] = limit
	where, order := courseWhere, "c.name, c.id"
	if c != nil {
		args["cn"], args["cid"] = c.Name, c.ID
		if c.Back {
			where += " AND (c.name < @cn OR (c.name = @cn AND c.id < @cid))"
			order = "c.name DESC, c.id DESC"
		} else {
			where += " AND (c.name > @cn OR (c.name = @cn AND c.id > @cid))"
		}
	}
	var rs []courseRow
	err := g.WithContext(ctx).Raw("SELECT "+courseColumns+" FROM courses c WHERE "+where+" ORDER BY "+order+" LIMIT @limit", args).
		Scan(&rs).Error
	if c != nil && c.Back {
		reverse(rs)
	}
	return rs, err
}

func countCourses(ctx context.Context, g *gorm.DB, q courseQuery) (int64, error) {
	var n int64
	err := g.WithContext(ctx).Raw("SELECT count(*) FROM courses c WHERE "+courseWhere, q.args()).Scan(&n).Error
	return n, err
}

func courseRowByID(ctx context.Context, g *gorm.DB, partnerID, id int64, now time.Time) (courseRow, error) {
	var rs []courseRow
	err := g.WithContext(ctx).Raw("SELECT "+courseColumns+" FROM courses c WHERE c.partner_id = @p AND c.id = @id",
		map[string]any{"p": partnerID, "id": id, "now": now}).Scan(&rs).Error
	if err == nil && len(rs) == 0 {
		err = gorm.ErrRecordNotFound
	}
	if err != nil {
		return courseRow{}, err
	}
	return rs[0], nil
}

// courseRowsByIDs returns the partner's courses among ids.
func courseRowsByIDs(ctx context.Context, g *gorm.DB, partnerID int64, ids []int64, now time.Time) ([]courseRow, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var rs []courseRow
	err := g.WithContext(ctx).Raw("SELECT "+courseColumns+" FROM courses c WHERE c.partner_id = @p AND c.id IN @ids ORDER BY c.name, c.id",
		map[string]any{"p": partnerID, "ids": ids, "now": now}).Scan(&rs).Error
	return rs, err
}

// courseRefs lists the partner's courses that are not archived, by name.
func courseRefs(ctx context.Context, g *gorm.DB, partnerID int64, limit int) ([]CourseRef, error) {
	var rs []CourseRef
	err := g.WithContext(ctx).Table("courses").Select("id, name").Where("partner_id = ? AND archived_at IS NULL", partnerID).
		Order("name, id").Limit(limit).Scan(&rs).Error
	return rs, err
}

func insertCourse(ctx context.Context, g *gorm.DB, r *courseRecord) error {
	return g.WithContext(ctx).Create(r).Error
}

func updateCourse(ctx context.Context, g *gorm.DB, partnerID, id int64, fields map[string]any) error {
	res := g.WithContext(ctx).Model(&courseRecord{}).Where("partner_id = ? AND id = ?", partnerID, id).Updates(fields)
	if res.Error == nil && res.RowsAffected == 0 {
		return gorm.ErrRecordNotFound
	}
	return res.Error
}

// ---- plans ----

func plansOf(ctx context.Context, g *gorm.DB, partnerID, courseID int64) ([]planRecord, error) {
	var rs []planRecord
	err := g.WithContext(ctx).Where("partner_id = ? AND course_id = ?", partnerID, courseID).Order("starts_at, id").Find(&rs).Error
	return rs, err
}

func insertPlan(ctx context.Context, g *gorm.DB, r *planRecord) error {
	return g.WithContext(ctx).Create(r).Error
}

func deletePlan(ctx context.Context, g *gorm.DB, partnerID, courseID, planID int64) (bool, error) {
	res := g.WithContext(ctx).Where("partner_id = ? AND course_id = ? AND id = ?", partnerID, courseID, planID).Delete(&planRecord{})
	return res.RowsAffected > 0, res.Error
}

// ---- people of courses ----

// instructorsOf lists the instructors of each course.
func instructorsOf(ctx context.Context, g *gorm.DB, partnerID int64, courseIDs []int64) (map[int64][]PersonRef, error) {
	out := map[int64][]PersonRef{}
	if len(courseIDs) == 0 {
		return out, nil
	}
	var rs []struct {
		CourseID, PersonID         int64
		FirstName, LastName, Email string
	}
	err := g.WithContext(ctx).Raw(`SELECT e.course_id, p.id AS person_id, p.first_name, p.last_name, p.email
		FROM enrollments e
		JOIN classroom_memberships m ON m.partner_id = e.partner_id AND m.person_id = e.person_id
		JOIN persons p ON p.partner_id = e.partner_id AND p.id = e.person_id
		WHERE e.partner_id = ? AND e.course_id IN ? AND m.role = 'instructor'
		ORDER BY p.first_name, p.last_name, p.id`, partnerID, courseIDs).Scan(&rs).Error
	for _, r := range rs {
		out[r.CourseID] = append(out[r.CourseID], PersonRef{ID: r.PersonID, Name: fullName(r.FirstName, r.LastName, r.Email), Email: r.Email})
	}
	return out, err
}

// ---- classroom users ----

// userRow is a classroom user as its list reads it.
type userRow struct {
	PersonID     int64             `gorm:"column:person_id"`
	FirstName    string            `gorm:"column:first_name"`
	LastName     string            `gorm:"column:last_name"`
	Email        string            `gorm:"column:email"`
	Language     string            `gorm:"column:language"`
	Role         string            `gorm:"column:role"`
	Status       string            `gorm:"column:status"`
	InvitedAt    database.NullTime `gorm:"column:invited_at"`
	RegisteredAt database.NullTime `gorm:"column:registered_at"`
	CreatedAt    time.Time         `gorm:"column:created_at"`
}

const userColumns = `p.id AS person_id, p.first_name, p.last_name, p.email, p.language, m.role, m.status, m.invited_at,
	m.registered_at, m.created_at`

const userFrom = ` FROM classroom_memberships m JOIN persons p ON p.partner_id = m.partner_id AND p.id = m.person_id `

const userWhere = `m.partner_id = @p AND (@like = '' OR p.search_text LIKE @like ESCAPE '\')
	AND (@role = '' OR m.role = @role) AND (@status = '' OR m.status = @status)`

type userQuery struct {
	partnerID          int64
	like, role, status string
}

func (q userQuery) args() map[string]any {
	return map[string]any{"p": q.partnerID, "like": q.like, "role": q.role, "status": q.status}
}

// listUsers returns a page of classroom users, newest first: after the
// cursor, or (back) before it, always returned newest first.
func listUsers(ctx context.Context, g *gorm.DB, q userQuery, c *Cursor, limit int) ([]userRow, error) {
	args := q.args()
	args["limit"] = limit
	where, order := userWhere, "m.created_at DESC, m.person_id DESC"
	if c != nil {
		args["ct"], args["cid"] = c.CreatedAt, c.ID
		if c.Back {
			where += " AND (m.created_at > @ct OR (m.created_at = @ct AND m.person_id > @cid))"
			order = "m.created_at, m.person_id"
		} else {
			where += " AND (m.created_at < @ct OR (m.created_at = @ct AND m.person_id < @cid))"
		}
	}
	var rs []userRow
	err := g.WithContext(ctx).Raw("SELECT "+userColumns+userFrom+"WHERE "+where+" ORDER BY "+order+" LIMIT @limit", args).Scan(&rs).Error
	if c != nil && c.Back {
		reverse(rs)
	}
	return rs, err
}

func countUsers(ctx context.Context, g *gorm.DB, q userQuery) (int64, error) {
	var n int64
	err := g.WithContext(ctx).Raw("SELECT count(*)"+userFrom+"WHERE "+userWhere, q.args()).Scan(&n).Error
	return n, err
}

func userByPerson(ctx context.Context, g *gorm.DB, partnerID, personID int64) (userRow, error) {
	var rs []userRow
	err := g.WithContext(ctx).Raw("SELECT "+userColumns+userFrom+"WHERE m.partner_id = ? AND m.person_id = ?", partnerID, personID).
		Scan(&rs).Error
	if err == nil && len(rs) == 0 {
		err = gorm.ErrRecordNotFound
	}
	if err != nil {
		return userRow{}, err
	}
	return rs[0], nil
}

// rosterOf lists a course's classroom users by name.
func rosterOf(ctx context.Context, g *gorm.DB, partnerID, courseID int64) ([]userRow, error) {
	var rs []userRow
	err := g.WithContext(ctx).Raw("SELECT "+userColumns+userFrom+
		`JOIN enrollments e ON e.partner_id = m.partner_id AND e.person_id = m.person_id
		WHERE m.partner_id = ? AND e.course_id = ?
		ORDER BY CASE m.role WHEN 'instructor' THEN 0 ELSE 1 END, p.first_name, p.last_name, p.id`, partnerID, courseID).
		Scan(&rs).Error
	return rs, err
}

func membershipByPerson(ctx context.Context, g *gorm.DB, partnerID, personID int64) (membershipRecord, error) {
	var r membershipRecord
	err := g.WithContext(ctx).Where("partner_id = ? AND person_id = ?", partnerID, personID).Take(&r).Error
	return r, err
}

func insertMembership(ctx context.Context, g *gorm.DB, r *membershipRecord) error {
	return g.WithContext(ctx).Create(r).Error
}

func updateMembership(ctx context.Context, g *gorm.DB, partnerID, personID int64, fields map[string]any) error {
	res := g.WithContext(ctx).Model(&membershipRecord{}).Where("partner_id = ? AND person_id = ?", partnerID, personID).Updates(fields)
	if res.Error == nil && res.RowsAffected == 0 {
		return gorm.ErrRecordNotFound
	}
	return res.Error
}

// deleteMembership removes a classroom user (their enrollments go with it).
func deleteMembership(ctx context.Context, g *gorm.DB, partnerID, personID int64) error {
	if err := g.WithContext(ctx).Where("partner_id = ? AND person_id = ?", partnerID, personID).Delete(&enrollmentRecord{}).Error; err != nil {
		return err
	}
	res := g.WithContext(ctx).Where("partner_id = ? AND person_id = ?", partnerID, personID).Delete(&membershipRecord{})
	if res.Error == nil && res.RowsAffected == 0 {
		return gorm.ErrRecordNotFound
	}
	return res.Error
}

// enrollmentsOf lists each person's courses by name.
func enrollmentsOf(ctx context.Context, g *gorm.DB, partnerID int64, personIDs []int64) (map[int64][]CourseRef, error) {
	out := map[int64][]CourseRef{}
	if len(personIDs) == 0 {
		return out, nil
	}
	var rs []struct {
		PersonID, CourseID int64
		Name               string
	}
	err := g.WithContext(ctx).Raw(`SELECT e.person_id, c.id AS course_id, c.name FROM enrollments e
		JOIN courses c ON c.partner_id = e.partner_id AND c.id = e.course_id
		WHERE e.partner_id = ? AND e.person_id IN ? ORDER BY c.name, c.id`, partnerID, personIDs).Scan(&rs).Error
	for _, r := range rs {
		out[r.PersonID] = append(out[r.PersonID], CourseRef{ID: r.CourseID, Name: r.Name})
	}
	return out, err
}

// setEnrollments makes a person's roster places exactly courseIDs.
func setEnrollments(ctx context.Context, g *gorm.DB, partnerID, personID int64, courseIDs []int64, now time.Time) error {
	del := g.WithContext(ctx).Where("partner_id = ? AND person_id = ?", partnerID, personID)
	if len(courseIDs) > 0 {
		del = del.Where("course_id NOT IN ?", courseIDs)
	}
	if err := del.Delete(&enrollmentRecord{}).Error; err != nil {
		return err
	}
	if len(courseIDs) == 0 {
		return nil
	}
	var have []int64
	if err := g.WithContext(ctx).Model(&enrollmentRecord{}).Where("partner_id = ? AND person_id = ?", partnerID, personID).
		Pluck("course_id", &have).Error; err != nil {
		return err
	}
	had := map[int64]bool{}
	for _, id := range have {
		had[id] = true
	}
	var add []enrollmentRecord
	for _, id := range courseIDs {
		if !had[id] {
			add = append(add, enrollmentRecord{PartnerID: partnerID, CourseID: id, PersonID: personID, CreatedAt: now})
		}
	}
	if len(add) == 0 {
		return nil
	}
	return g.WithContext(ctx).Create(&add).Error
}

// addEnrollment puts a person on a course's roster (a no-op when they are on it).
func addEnrollment(ctx context.Context, g *gorm.DB, partnerID, courseID, personID int64, now time.Time) error {
	return g.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).
		Create(&enrollmentRecord{PartnerID: partnerID, CourseID: courseID, PersonID: personID, CreatedAt: now}).Error
}

// removeEnrollment takes a person off a course's roster.
func removeEnrollment(ctx context.Context, g *gorm.DB, partnerID, courseID, personID int64) error {
	return g.WithContext(ctx).Where("partner_id = ? AND course_id = ? AND person_id = ?", partnerID, courseID, personID).
		Delete(&enrollmentRecord{}).Error
}

// isEnrolled reports whether a person is on a course's roster.
func isEnrolled(ctx context.Context, g *gorm.DB, partnerID, courseID, personID int64) (bool, error) {
	var n int64
	err := g.WithContext(ctx).Model(&enrollmentRecord{}).Where("partner_id = ? AND course_id = ? AND person_id = ?", partnerID, courseID, personID).
		Count(&n).Error
	return n > 0, err
}

// memberCourses returns the courses a classroom user can see listed: every
// course for admins, their roster places otherwise.
func memberCourses(ctx context.Context, g *gorm.DB, partnerID, personID int64, all bool, now time.Time) ([]courseRow, error) {
	var rs []courseRow
	q := "SELECT " + courseColumns + " FROM courses c WHERE c.partner_id = @p"
	if !all {
		q += " AND c.id IN (SELECT course_id FROM enrollments WHERE partner_id = @p AND person_id = @person)"
	}
	err := g.WithContext(ctx).Raw(q+" ORDER BY c.name, c.id", map[string]any{"p": partnerID, "person": personID, "now": now}).Scan(&rs).Error
	return rs, err
}

// ---- sign-in ----

// loginCandidate is a registered classroom user with the email being signed in.
type loginCandidate struct {
	PartnerID    int64  `gorm:"column:partner_id"`
	PersonID     int64  `gorm:"column:person_id"`
	PasswordHash string `gorm:"column:password_hash"`
	PersonStatus string `gorm:"column:person_status"`
	LoginEnabled bool   `gorm:"column:login_enabled"`
}

func loginCandidates(ctx context.Context, g *gorm.DB, emailLower string, limit int) ([]loginCandidate, error) {
	var rs []loginCandidate
	err := g.WithContext(ctx).Raw(`SELECT m.partner_id, m.person_id, p.password_hash, p.status AS person_status, p.login_enabled
		FROM persons p JOIN classroom_memberships m ON m.partner_id = p.partner_id AND m.person_id = p.id
		WHERE lower(p.email) = ? AND m.status = 'registered' ORDER BY m.partner_id LIMIT ?`, emailLower, limit).Scan(&rs).Error
	return rs, err
}

// ---- files ----

func filesOf(ctx context.Context, g *gorm.DB, partnerID, courseID int64) ([]File, error) {
	var rs []struct {
		ID, CourseID, SizeBytes    int64
		Name, ContentType, SHA256  string
		FirstName, LastName, Email string
		CreatedAt                  time.Time
	}
	err := g.WithContext(ctx).Raw(`SELECT f.id, f.course_id, f.size_bytes, f.name, f.content_type, f.sha256, f.created_at,
		COALESCE(p.first_name, '') AS first_name, COALESCE(p.last_name, '') AS last_name, COALESCE(p.email, '') AS email
		FROM course_files f LEFT JOIN persons p ON p.id = f.uploaded_by_person_id AND p.partner_id = f.partner_id
		WHERE f.partner_id = ? AND f.course_id = ? ORDER BY f.created_at DESC, f.id DESC`, partnerID, courseID).Scan(&rs).Error
	out := make([]File, len(rs))
	for i, r := range rs {
		out[i] = File{ID: r.ID, CourseID: r.CourseID, Name: r.Name, ContentType: r.ContentType, Size: r.SizeBytes, SHA256: r.SHA256,
			UploadedBy: fullName(r.FirstName, r.LastName, r.Email), CreatedAt: r.CreatedAt}
	}
	return out, err
}

func fileByID(ctx context.Context, g *gorm.DB, partnerID, courseID, id int64) (fileRecord, error) {
	var r fileRecord
	err := g.WithContext(ctx).Where("partner_id = ? AND course_id = ? AND id = ?", partnerID, courseID, id).Take(&r).Error
	return r, err
}

func insertFile(ctx context.Context, g *gorm.DB, r *fileRecord) error {
	return g.WithContext(ctx).Create(r).Error
}

func deleteFile(ctx context.Context, g *gorm.DB, partnerID, courseID, id int64) (bool, error) {
	res := g.WithContext(ctx).Where("partner_id = ? AND course_id = ? AND id = ?", partnerID, courseID, id).Delete(&fileRecord{})
	return res.RowsAffected > 0, res.Error
}

func reverse[T any](s []T) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// ---- the person's login ----

// canSignIn reports whether a person may sign in at all (active, login enabled).
func canSignIn(ctx context.Context, g *gorm.DB, partnerID, personID int64) (bool, error) {
	var n int64
	err := g.WithContext(ctx).Table("persons").Where("partner_id = ? AND id = ? AND status = 'active' AND login_enabled", partnerID, personID).
		Count(&n).Error
	return n > 0, err
}
