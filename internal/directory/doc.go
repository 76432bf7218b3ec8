// Package directory is the partner-wide People directory: every person of
// the organisation with the events and courses they are in, and one
// person's whole picture (profile, participations with statuses,
// enrollments, login state and audit trail). It only reads.
package directory
