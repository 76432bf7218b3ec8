// Package demo seeds a partner with realistic demo data: an open magic-link
// event with about two thousand participants in every registration status,
// a closed SSO event with identity-provider groups, courses with classroom
// users, a deletion-request queue, and one staff account per role whose
// generated password is returned once.
package demo
