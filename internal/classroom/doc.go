// Package classroom owns the virtual classroom: courses and the plans that
// make them active, classroom users (students, instructors, admins; pending
// until they claim their invitation) and their enrollments.
package classroom
