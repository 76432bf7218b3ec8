// Package event owns events (name, time zone, times, login method,
// registration and access settings) and their sessions.
package event
