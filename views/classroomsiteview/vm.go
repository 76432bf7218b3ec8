// Package classroomsiteview renders the classroom side: what students,
// instructors and admins of a partner's virtual classroom see ("It's me",
// sign-in, My courses, a course with its files).
package classroomsiteview

import (
	"fmt"
	"strconv"
)

// HeaderVM is the small bar above a signed-in classroom page.
type HeaderVM struct {
	Organisation string
	Name         string
	Role         string
	CSRFToken    string
}

// ClaimVM is the "It's me" page of a classroom invitation.
type ClaimVM struct {
	Organisation string
	Role         string
	Courses      []string
	MaskedEmail  string
	FullName     string
	// HasPassword: the person already has a login; a new password is optional.
	HasPassword bool
	Expires     string
	Action      string
	CSRFToken   string
	Errors      map[string]string
}

// LoginVM is the classroom sign-in page.
type LoginVM struct {
	Email     string
	Error     string
	SignedOut bool
	CSRFToken string
}

// StateVM is a course state as a badge and a sentence.
type StateVM struct {
	Label string
	Kind  string
	// Detail says until when, or since when, in words.
	Detail string
}

// CourseCardVM is one course of "My courses".
type CourseCardVM struct {
	ID          int64
	Name        string
	URL         string
	State       StateVM
	Instructors string
}

// CoursesVM is the "My courses" page.
type CoursesVM struct {
	Header  HeaderVM
	Courses []CourseCardVM
	// Admin: the member sees every course of the organisation.
	Admin bool
	// Empty explains what to do when there is no course to show.
	EmptyTitle, EmptyBody string
}

// CourseURL is a course's page on the classroom side.
func CourseURL(id int64) string { return "/c/courses/" + strconv.FormatInt(id, 10) }

// FileVM is one course file.
type FileVM struct {
	ID          int64
	Name        string
	Size        string
	UploadedBy  string
	Date        string
	DownloadURL string
	DeleteURL   string
}

// CourseVM is a course page of the classroom side.
type CourseVM struct {
	Header      HeaderVM
	ID          int64
	Name        string
	Description string
	State       StateVM
	Instructors string
	// Standing says how the member is in the course ("You are enrolled").
	Standing  string
	CanFiles  bool
	CanManage bool
	Files     []FileVM
	UploadURL string
	TypesHint string
	// FileError explains a refused upload, next to the file field.
	FileError string
	// Notice confirms what was just done ("" for nothing).
	Notice string
}

// Notices are the confirmations a course page shows after a redirect.
var Notices = map[string]string{
	"uploaded": "The file was uploaded.",
	"deleted":  "The file was deleted.",
}

// Size writes a byte count for people ("512 bytes", "14 KB", "2.4 MB").
func Size(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return fmt.Sprintf("%d KB", (n+512)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// ProblemVM is an error page of the classroom side.
type ProblemVM struct {
	Status  int
	Title   string
	Message string
	// Header is set when a member is signed in.
	Header    *HeaderVM
	RequestID string
}

// Back is where the problem page sends the visitor next.
func (vm ProblemVM) Back() (href, label string) {
	if vm.Header != nil {
		return "/c/courses", "Back to my courses"
	}
	return "/c/login", "Sign in to the classroom"
}

// StatusText is the status as a short line ("403").
func (vm ProblemVM) StatusText() string { return strconv.Itoa(vm.Status) }
