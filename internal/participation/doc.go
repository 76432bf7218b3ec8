// Package participation owns a person's place in an event: roles (attendee,
// speaker, moderator), the registration status and its detailed status with
// their one state machine and history, email delivery state, chat flags,
// visits to the event site, and the per-event counters kept in step with
// every change.
package participation
