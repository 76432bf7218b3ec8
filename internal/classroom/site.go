package classroom

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"roster/internal/apperr"
	"roster/internal/audit"
	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/logintoken"
	"roster/internal/partner"
	"roster/internal/people"
)

// Member is a signed-in classroom user (the classroom side's principal).
type Member struct {
	PartnerID, PersonID int64
	Name, Email         string
	Role                Role
	Organisation        string
}

// MemberCourse is a course as its member sees it.
type MemberCourse struct {
	Course
	Enrolled bool
}

// Claim is what the "It's me" page shows before anything is spent.
type Claim struct {
	MaskedEmail  string
	FullName     string
	Organisation string
	Role         Role
	Courses      []string
	HasPassword  bool
	ExpiresAt    time.Time
}

// ClaimInput is the "It's me" form: the name the person goes by and, when
// they have no password yet, the one they choose (twice).
type ClaimInput struct {
	FullName          string
	Password, Confirm string
}

func personActor(partnerID, personID int64, email string) audit.Entry {
	return audit.Entry{PartnerID: &partnerID, ActorKind: audit.ActorPerson, ActorID: strconv.FormatInt(personID, 10), ActorLabel: email}
}

// inviteTx reads a live classroom invitation and its pending user.
func (s *Service) inviteTx(ctx context.Context, tx database.Tx, raw string) (logintoken.Token, User, error) {
	tok, err := logintoken.CheckTx(ctx, tx, raw, s.now())
	if err != nil {
		return tok, User{}, err
	}
	if tok.Purpose != logintoken.PurposeClassroomInvite {
		return tok, User{}, apperr.Gone("This link is not a classroom invitation.")
	}
	u, err := s.userTx(ctx, tx, tok.PartnerID, tok.PersonID)
	if err != nil {
		return tok, User{}, apperr.Gone("This invitation was withdrawn. Ask your classroom admin for a new one.")
	}
	return tok, u, nil
}

// Landing checks a classroom invitation without spending it (mail scanners
// open every link): the "It's me" page.
func (s *Service) Landing(ctx context.Context, raw string) (Claim, error) {
	var out Claim
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		tok, u, err := s.inviteTx(ctx, tx, raw)
		if err != nil {
			return err
		}
		org, err := partner.GetTx(ctx, tx, tok.PartnerID)
		if err != nil {
			return err
		}
		hash, err := people.PasswordHashTx(ctx, tx, tok.PartnerID, tok.PersonID)
		if err != nil {
			return err
		}
		out = Claim{MaskedEmail: people.MaskEmail(u.Email), FullName: fullName(u.FirstName, u.LastName, ""), Organisation: org.Name,
			Role: u.Role, HasPassword: hash != "", ExpiresAt: tok.ExpiresAt}
		for _, c := range u.Courses {
			out.Courses = append(out.Courses, c.Name)
		}
		return nil
	})
	return out, err
}

// Claim spends a classroom invitation ("It's me"): the user becomes
// Registered, the name they gave replaces the invited one, and their login
// is created (a password) or linked (the one they already have).
func (s *Service) Claim(ctx context.Context, raw string, in ClaimInput, ip, ua string) (Member, error) {
	in.FullName = strings.Join(strings.Fields(in.FullName), " ")
	errs := map[string]string{}
	switch n := utf8.RuneCountInString(in.FullName); {
	case n == 0:
		errs["full_name"] = "Enter your full name."
	case n > MaxFullNameLen:
		errs["full_name"] = fmt.Sprintf("The name is too long: at most %d characters.", MaxFullNameLen)
	}
	var out Member
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		tok, u, err := s.inviteTx(ctx, tx, raw)
		if err != nil {
			return err
		}
		current, err := people.PasswordHashTx(ctx, tx, tok.PartnerID, tok.PersonID)
		if err != nil {
			return err
		}
		var hash string
		if current == "" || in.Password != "" || in.Confirm != "" {
			// The rule of every person's password (attendees' too).
			if pe := auth.CheckNewPassword(in.Password, in.Confirm, u.Email); pe != nil {
				maps.Copy(errs, pe)
			} else if hash, err = auth.HashPassword(in.Password); err != nil {
				return err
			}
		}
		if len(errs) > 0 {
			return apperr.InvalidFields(errs)
		}
		if _, err := logintoken.SpendTx(ctx, tx, raw, ip, ua, s.now()); err != nil {
			return err
		}
		now := s.now()
		first, last := SplitName(in.FullName)
		if _, err := people.UpdateTx(ctx, tx, tok.PartnerID, tok.PersonID, people.Patch{FirstName: &first, LastName: &last}, now); err != nil {
			return err
		}
		if hash != "" {
			if err := people.SetPasswordHashTx(ctx, tx, tok.PartnerID, tok.PersonID, hash, now); err != nil {
				return err
			}
		}
		if err := updateMembership(ctx, tx.Gorm, tok.PartnerID, tok.PersonID, map[string]any{"status": string(StatusRegistered),
			"registered_at": now, "updated_at": now}); err != nil {
			return err
		}
		if out, err = s.memberTx(ctx, tx, tok.PartnerID, tok.PersonID); err != nil {
			return err
		}
		e := personActor(tok.PartnerID, tok.PersonID, u.Email)
		e.Action, e.TargetKind, e.TargetID = "classroom_user.registered", "person", strconv.FormatInt(tok.PersonID, 10)
		e.Before = map[string]any{"name": u.Name(), "status": u.Status}
		e.After = map[string]any{"name": in.FullName, "status": StatusRegistered, "password_set": hash != ""}
		return audit.RecordTx(ctx, tx, e)
	})
	return out, err
}

func (s *Service) memberTx(ctx context.Context, tx database.Tx, partnerID, personID int64) (Member, error) {
	u, err := s.userTx(ctx, tx, partnerID, personID)
	if err != nil {
		return Member{}, err
	}
	if u.Status != StatusRegistered {
		return Member{}, apperr.Unauthorized("Open your invitation email and confirm it is you first.")
	}
	org, err := partner.GetTx(ctx, tx, partnerID)
	if err != nil {
		return Member{}, err
	}
	return Member{PartnerID: partnerID, PersonID: personID, Name: u.Name(), Email: u.Email, Role: u.Role, Organisation: org.Name}, nil
}

// errSignedOut sends the visitor back to the sign-in page.
func errSignedOut() error {
	return apperr.Unauthorized("Sign in to the classroom to continue.")
}

// Member reloads a signed-in classroom user on each request, so that a
// deleted, blocked or deactivated user is signed out at once.
func (s *Service) Member(ctx context.Context, partnerID, personID int64) (Member, error) {
	var out Member
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		ok, err := canSignIn(ctx, tx.Gorm, partnerID, personID)
		if err != nil {
			return err
		}
		if !ok {
			return errSignedOut()
		}
		out, err = s.memberTx(ctx, tx, partnerID, personID)
		if ae, isApp := apperr.As(err); isApp && (ae.Code == apperr.CodeNotFound || ae.Code == apperr.CodeUnauthorized) {
			return errSignedOut()
		}
		return err
	})
	return out, err
}

// errBadLogin never says whether the email is known.
func errBadLogin() error {
	return apperr.InvalidFields(map[string]string{"form": "This email and password do not match a classroom account."})
}

// maxLoginPartners caps how many organisations' accounts one email is
// tried against (each costs a password hash).
const maxLoginPartners = 5

// Login signs a registered classroom user in by email and password. The
// same answer, after the same work, whether or not the email is known.
// Failures are throttled like every password sign-in (auth's
// login_attempts): per person account, shared with password events (one
// password, one count), and per client.
func (s *Service) Login(ctx context.Context, email, password, ip string) (Member, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" || password == "" || len(email) > people.MaxEmailLen || len(password) > 1024 {
		return Member{}, errBadLogin()
	}
	conn := s.db.Conn(ctx)
	cs, err := loginCandidates(ctx, conn.Gorm, email, maxLoginPartners)
	if err != nil {
		return Member{}, fmt.Errorf("classroom: login: %w", err)
	}
	account := auth.AttendeeAccount(0, email)
	for _, c := range cs {
		a := auth.AttendeeAccount(c.PartnerID, email)
		if err := auth.ThrottledTx(ctx, conn, a, ip, s.now()); err != nil {
			return Member{}, err
		}
		account = a
	}
	if len(cs) == 0 {
		if err := auth.ThrottledTx(ctx, conn, account, ip, s.now()); err != nil {
			return Member{}, err
		}
		auth.VerifyPassword("", password)
	}
	var found *loginCandidate
	for i := range cs {
		if auth.VerifyPassword(cs[i].PasswordHash, password) {
			found, account = &cs[i], auth.AttendeeAccount(cs[i].PartnerID, email)
			break
		}
	}
	ok := found != nil && found.PersonStatus == string(people.StatusActive) && found.LoginEnabled
	var out Member
	err = s.db.InTx(ctx, func(tx database.Tx) error {
		if err := auth.RecordAttemptTx(ctx, tx, account, ip, ok, s.now()); err != nil || !ok {
			return err // a failure is committed: it counts
		}
		out, err = s.memberTx(ctx, tx, found.PartnerID, found.PersonID)
		return err
	})
	if err == nil && !ok {
		err = errBadLogin()
	}
	return out, err
}

// courseFor reads a course and decides act for m with the access matrix;
// another partner's course, or one that does not exist, is NotFound.
func (s *Service) courseFor(ctx context.Context, tx database.Tx, m Member, courseID int64, act Act) (MemberCourse, error) {
	c, err := s.courseTx(ctx, tx, m.PartnerID, courseID)
	if err != nil {
		return MemberCourse{}, err
	}
	enrolled, err := isEnrolled(ctx, tx.Gorm, m.PartnerID, courseID, m.PersonID)
	if err != nil {
		return MemberCourse{}, err
	}
	if !Allowed(m.Role, c.State(), enrolled, act) {
		return MemberCourse{}, apperr.Forbidden("%s", refusal(m.Role, c.State(), enrolled, act))
	}
	return MemberCourse{Course: c, Enrolled: enrolled}, nil
}

// MyCourses lists the courses m may enter, by name: the matrix decides
// (students: active enrolled courses; instructors: theirs, active or not;
// admins: all).
func (s *Service) MyCourses(ctx context.Context, m Member) ([]MemberCourse, error) {
	var out []MemberCourse
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		rs, err := memberCourses(ctx, tx.Gorm, m.PartnerID, m.PersonID, m.Role == RoleAdmin, s.now())
		if err != nil {
			return err
		}
		mine, err := enrollmentsOf(ctx, tx.Gorm, m.PartnerID, []int64{m.PersonID})
		if err != nil {
			return err
		}
		cs, err := s.coursesOf(ctx, tx, m.PartnerID, rs)
		if err != nil {
			return err
		}
		for _, c := range cs {
			enrolled := false
			for _, e := range mine[m.PersonID] {
				enrolled = enrolled || e.ID == c.ID
			}
			if Allowed(m.Role, c.State(), enrolled, ActEnter) {
				out = append(out, MemberCourse{Course: c, Enrolled: enrolled})
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("classroom: my courses: %w", err)
	}
	return out, nil
}

// CourseView is a course page of the classroom side.
type CourseView struct {
	MemberCourse
	Files     []File
	CanFiles  bool
	CanManage bool
}

// OpenCourse returns a course m may enter, with its files when m may read them.
func (s *Service) OpenCourse(ctx context.Context, m Member, courseID int64) (CourseView, error) {
	var out CourseView
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		c, err := s.courseFor(ctx, tx, m, courseID, ActEnter)
		if err != nil {
			return err
		}
		out.MemberCourse = c
		out.CanFiles = Allowed(m.Role, c.State(), c.Enrolled, ActReadFiles)
		out.CanManage = Allowed(m.Role, c.State(), c.Enrolled, ActManageFiles)
		if out.CanFiles {
			out.Files, err = filesOf(ctx, tx.Gorm, m.PartnerID, courseID)
		}
		return err
	})
	return out, err
}

// Files lists a course's files for m (403 unless the matrix allows).
func (s *Service) Files(ctx context.Context, m Member, courseID int64) ([]File, error) {
	var out []File
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		if _, err := s.courseFor(ctx, tx, m, courseID, ActReadFiles); err != nil {
			return err
		}
		var err error
		out, err = filesOf(ctx, tx.Gorm, m.PartnerID, courseID)
		return err
	})
	return out, err
}

// Download is a course file with its bytes.
type Download struct {
	File
	Data []byte
}

// Download returns one of a course's files for m.
func (s *Service) Download(ctx context.Context, m Member, courseID, fileID int64) (Download, error) {
	var out Download
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		if _, err := s.courseFor(ctx, tx, m, courseID, ActReadFiles); err != nil {
			return err
		}
		r, err := fileByID(ctx, tx.Gorm, m.PartnerID, courseID, fileID)
		if database.IsNotFound(err) {
			return apperr.NotFound("This file does not exist.")
		}
		if err != nil {
			return err
		}
		out = Download{File: File{ID: r.ID, CourseID: r.CourseID, Name: r.Name, ContentType: r.ContentType, Size: r.SizeBytes,
			SHA256: r.SHA256, CreatedAt: r.CreatedAt}, Data: r.Data}
		return nil
	})
	return out, err
}

// File limits.
const (
	// MaxFileSize is the largest course file accepted.
	MaxFileSize = 20 << 20
	// MaxFileNameLen is the longest file name kept.
	MaxFileNameLen = 200
)

// allowedTypes are the course file types, by sniffed content type; the
// extension must agree with the content.
var allowedTypes = map[string][]string{
	"application/pdf": {".pdf"},
	"image/png":       {".png"},
	"image/jpeg":      {".jpg", ".jpeg"},
	"image/webp":      {".webp"},
	"image/gif":       {".gif"},
	"text/plain":      {".txt", ".md", ".csv"},
	"application/zip": {".zip", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"},
}

// FileTypesHint names the accepted types for the upload form.
const FileTypesHint = "PDF, images (PNG, JPEG, WebP, GIF), text (TXT, MD, CSV), Office and OpenDocument files, ZIP; up to 20 MB"

// checkFile validates an upload: a non-empty name, the size, and a sniffed
// type among the allowed ones that agrees with the extension.
func checkFile(name string, data []byte) (string, string, error) {
	name = cleanFileName(name)
	fail := func(msg string) (string, string, error) {
		return "", "", &apperr.Error{Code: apperr.CodeInvalid, Message: msg, Fields: map[string]string{"file": msg}}
	}
	switch {
	case name == "" || len(data) == 0:
		return fail("Choose a file to upload.")
	case len(data) > MaxFileSize:
		return fail(fmt.Sprintf("%s is too large: course files are at most 20 MB.", name))
	}
	ct := http.DetectContentType(data)
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	ext := strings.ToLower(path.Ext(name))
	exts, ok := allowedTypes[ct]
	if !ok {
		return fail(fmt.Sprintf("%s is not a type course files may have (%s).", name, FileTypesHint))
	}
	match := false
	for _, e := range exts {
		match = match || e == ext
	}
	if !match {
		return fail(fmt.Sprintf("%s does not look like a %s file: its content is %s.", name, strings.TrimPrefix(ext, "."), ct))
	}
	if ct == "text/plain" {
		ct = "text/plain; charset=utf-8"
		if !utf8.Valid(data) {
			return fail(name + " is not UTF-8 text: save it as UTF-8 and upload it again.")
		}
	}
	return name, ct, nil
}

// cleanFileName keeps the base name, without control characters or path
// separators, at most MaxFileNameLen characters.
func cleanFileName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(strings.TrimSpace(name))
	if name == "." || name == "/" {
		return ""
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' {
			return -1
		}
		return r
	}, name)
	if utf8.RuneCountInString(name) > MaxFileNameLen {
		ext := path.Ext(name)
		runes := []rune(strings.TrimSuffix(name, ext))
		name = string(runes[:MaxFileNameLen-utf8.RuneCountInString(ext)]) + ext
	}
	return name
}

// Upload stores a course file for m (instructors of the course, admins).
func (s *Service) Upload(ctx context.Context, m Member, courseID int64, name string, data []byte) (File, error) {
	var out File
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		if _, err := s.courseFor(ctx, tx, m, courseID, ActManageFiles); err != nil {
			return err
		}
		name, ct, err := checkFile(name, data)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		r := fileRecord{PartnerID: m.PartnerID, CourseID: courseID, Name: name, ContentType: ct, SizeBytes: int64(len(data)),
			SHA256: hex.EncodeToString(sum[:]), Data: bytes.Clone(data), UploadedByPersonID: &m.PersonID, CreatedAt: s.now()}
		if err := insertFile(ctx, tx.Gorm, &r); err != nil {
			return err
		}
		out = File{ID: r.ID, CourseID: courseID, Name: name, ContentType: ct, Size: r.SizeBytes, SHA256: r.SHA256,
			UploadedBy: m.Name, CreatedAt: r.CreatedAt}
		e := personActor(m.PartnerID, m.PersonID, m.Email)
		e.Action, e.TargetKind, e.TargetID = "course_file.uploaded", "course", strconv.FormatInt(courseID, 10)
		e.After = map[string]any{"file": r.ID, "name": name, "size": r.SizeBytes, "sha256": r.SHA256}
		return audit.RecordTx(ctx, tx, e)
	})
	return out, err
}

// DeleteFile removes a course file for m (instructors of the course, admins).
func (s *Service) DeleteFile(ctx context.Context, m Member, courseID, fileID int64) (File, error) {
	var out File
	err := s.db.InTx(ctx, func(tx database.Tx) error {
		if _, err := s.courseFor(ctx, tx, m, courseID, ActManageFiles); err != nil {
			return err
		}
		r, err := fileByID(ctx, tx.Gorm, m.PartnerID, courseID, fileID)
		if database.IsNotFound(err) {
			return apperr.NotFound("This file does not exist.")
		}
		if err != nil {
			return err
		}
		if _, err := deleteFile(ctx, tx.Gorm, m.PartnerID, courseID, fileID); err != nil {
			return err
		}
		out = File{ID: r.ID, CourseID: courseID, Name: r.Name}
		e := personActor(m.PartnerID, m.PersonID, m.Email)
		e.Action, e.TargetKind, e.TargetID = "course_file.deleted", "course", strconv.FormatInt(courseID, 10)
		e.Before = map[string]any{"file": r.ID, "name": r.Name, "size": r.SizeBytes, "sha256": r.SHA256}
		return audit.RecordTx(ctx, tx, e)
	})
	return out, err
}
