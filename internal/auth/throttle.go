package auth

import (
	"context"
	"fmt"
	"time"

	"roster/internal/apperr"
	"roster/internal/database"
)

// The sign-in throttle is shared by every password form (staff and
// attendees): failed attempts are counted per account key and per client
// address in login_attempts over throttleWindow.

// AttendeeAccount is the throttle key of an attendee's password: the
// partner's person by address, apart from any staff account of the same
// address.
func AttendeeAccount(partnerID int64, emailLower string) string {
	return fmt.Sprintf("person:%d:%s", partnerID, emailLower)
}

// ThrottledTx refuses (TooMany) when the account or the client address has
// failed too often lately.
func ThrottledTx(ctx context.Context, tx database.Tx, account, ip string, now time.Time) error {
	since := now.Add(-throttleWindow)
	nAcc, err := countFailures(ctx, tx.Gorm, "email_lower", account, since)
	if err != nil {
		return fmt.Errorf("auth: throttle: %w", err)
	}
	nIP, err := countFailures(ctx, tx.Gorm, "ip", ip, since)
	if err != nil {
		return fmt.Errorf("auth: throttle: %w", err)
	}
	if nAcc >= maxFailsAccount || nIP >= maxFailsIP {
		return apperr.TooMany("Too many failed sign-in attempts. Wait 15 minutes and try again.")
	}
	return nil
}

// RecordAttemptTx records a sign-in attempt of account from ip.
func RecordAttemptTx(ctx context.Context, tx database.Tx, account, ip string, ok bool, now time.Time) error {
	if err := insertAttempt(ctx, tx.Gorm, loginAttemptRecord{EmailLower: account, IP: ip, Succeeded: ok, CreatedAt: now}); err != nil {
		return fmt.Errorf("auth: attempt: %w", err)
	}
	return nil
}

// VerifyPassword checks pw against hash; an empty hash (no such account, or
// no password yet) is checked against a dummy hash first, so that the time
// taken does not tell which accounts exist.
func VerifyPassword(hash, pw string) bool {
	if hash == "" {
		CheckPassword(dummyHash, pw)
		return false
	}
	return CheckPassword(hash, pw)
}
