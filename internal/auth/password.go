package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"roster/internal/apperr"
)

// argon2id parameters (OWASP's minimum recommendation: 19 MiB, 2 passes).
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
)

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 12

// HashPassword returns an argon2id hash in the PHC string format.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches the argon2id hash.
func CheckPassword(hash, pw string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is checked for unknown accounts so that timing does not reveal them.
var dummyHash, _ = HashPassword("not a real password at all")

// ValidatePassword checks a new password.
func ValidatePassword(pw string) error {
	switch n := utf8.RuneCountInString(pw); {
	case n < MinPasswordLen:
		return apperr.Invalid("Use at least %d characters.", MinPasswordLen)
	case len(pw) > 512:
		return apperr.Invalid("Use at most 512 bytes.")
	}
	return nil
}

// GeneratePassword returns a random password of 20 characters that is easy to type.
func GeneratePassword() string {
	const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	out := make([]byte, 0, 20)
	buf := make([]byte, 32)
	// Rejection sampling keeps every character equally likely.
	limit := 256 - 256%len(alphabet)
	for len(out) < 20 {
		if _, err := rand.Read(buf); err != nil {
			panic(errors.New("auth: no randomness"))
		}
		for _, c := range buf {
			if int(c) < limit && len(out) < 20 {
				out = append(out, alphabet[int(c)%len(alphabet)])
			}
		}
	}
	return string(out)
}

// PasswordProblem names what is wrong with a person's new password (one
// rule for attendees and classroom users; the attendee pages say it in the
// person's language).
type PasswordProblem string

// The password problems.
const (
	PasswordTooShort  PasswordProblem = "too_short"
	PasswordTooLong   PasswordProblem = "too_long"
	PasswordHasEmail  PasswordProblem = "has_email"
	PasswordGuessable PasswordProblem = "guessable"
	PasswordMismatch  PasswordProblem = "mismatch"
)

// Message is the problem in English.
func (p PasswordProblem) Message() string {
	switch p {
	case PasswordTooShort:
		return fmt.Sprintf("Use at least %d characters.", MinPasswordLen)
	case PasswordTooLong:
		return "Use at most 512 bytes."
	case PasswordHasEmail:
		return "Do not put your email address in your password."
	case PasswordGuessable:
		return "Use more different characters: this password is easy to guess."
	case PasswordMismatch:
		return "The two passwords differ."
	}
	return string(p)
}

// PasswordProblems says what is wrong with a person's new password (field
// → problem), or nil: the staff side's rule (ValidatePassword), the
// confirmation, and two checks against guessable choices.
func PasswordProblems(pw, confirm, email string) map[string]PasswordProblem {
	out := map[string]PasswordProblem{}
	local, _, _ := strings.Cut(strings.ToLower(email), "@")
	switch {
	case ValidatePassword(pw) != nil && utf8.RuneCountInString(pw) < MinPasswordLen:
		out["password"] = PasswordTooShort
	case ValidatePassword(pw) != nil:
		out["password"] = PasswordTooLong
	case utf8.RuneCountInString(local) >= 4 && strings.Contains(strings.ToLower(pw), local):
		out["password"] = PasswordHasEmail
	case distinct(pw) < 6:
		out["password"] = PasswordGuessable
	}
	if confirm != pw {
		out["confirm"] = PasswordMismatch
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// CheckNewPassword is PasswordProblems in English (field → message), or nil.
func CheckNewPassword(pw, confirm, email string) map[string]string {
	probs := PasswordProblems(pw, confirm, email)
	if probs == nil {
		return nil
	}
	out := make(map[string]string, len(probs))
	for field, p := range probs {
		out[field] = p.Message()
	}
	return out
}

func distinct(s string) int {
	seen := map[rune]bool{}
	for _, r := range s {
		seen[r] = true
	}
	return len(seen)
}
