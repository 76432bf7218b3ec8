package classroom

// Act is something a classroom user does in a course.
type Act string

// The acts of the classroom side.
const (
	// ActEnter opens the course (it appears in "My courses").
	ActEnter Act = "enter"
	// ActReadFiles lists and downloads the course's files.
	ActReadFiles Act = "read_files"
	// ActManageFiles uploads and deletes the course's files.
	ActManageFiles Act = "manage_files"
)

// Acts lists every act (for the tests of the matrix).
var Acts = []Act{ActEnter, ActReadFiles, ActManageFiles}

// Allowed is the classroom's access matrix, the one place that decides:
//   - admins do everything in every course, on a roster or not, archived or not;
//   - instructors enter the courses they are on, active or not (not archived
//     ones), and read and manage their files;
//   - students enter only active courses they are enrolled in, and read (never
//     manage) their files.
func Allowed(role Role, state CourseState, member bool, act Act) bool {
	switch role {
	case RoleAdmin:
		return state.Valid()
	case RoleInstructor:
		return member && (state == CourseActive || state == CourseInactive)
	case RoleStudent:
		return member && state == CourseActive && act != ActManageFiles
	}
	return false
}

// refusal explains in plain words why Allowed said no.
func refusal(role Role, state CourseState, member bool, act Act) string {
	switch {
	case !member && role != RoleAdmin:
		return "You are not on this course's roster."
	case state == CourseArchived:
		return "This course is archived."
	case state == CourseInactive && role == RoleStudent:
		return "This course is not active at the moment."
	case act == ActManageFiles:
		return "Only the course's instructors manage its files."
	}
	return "You may not do this in this course."
}
