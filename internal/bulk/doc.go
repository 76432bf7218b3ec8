// Package bulk owns bulk jobs: CSV/xlsx invitations (each a batch with
// provenance that can be undone for a while), bulk deletions and exports,
// with their check step, progress and counts.
package bulk
