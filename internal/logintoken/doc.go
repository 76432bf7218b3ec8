// Package logintoken owns the single-purpose, expiring, revocable links sent
// to persons (login, invitation, email confirmation, classroom invitation).
// Only a SHA-256 hash of each token is stored; a token is spent by POST.
package logintoken
