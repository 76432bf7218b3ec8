package people

import (
	"context"
	"fmt"
	"time"

	"roster/internal/database"
)

// PasswordHashTx returns the person's password hash ("" when they have not
// set a password). The hash never leaves the services that check it.
func PasswordHashTx(ctx context.Context, tx database.Tx, partnerID, id int64) (string, error) {
	r, err := byID(ctx, tx.Gorm, partnerID, id)
	if err != nil {
		return "", fmt.Errorf("people: password: %w", err)
	}
	return r.PasswordHash, nil
}

// SetPasswordHashTx stores the person's password hash (made by
// auth.HashPassword).
func SetPasswordHashTx(ctx context.Context, tx database.Tx, partnerID, id int64, hash string, now time.Time) error {
	if err := update(ctx, tx.Gorm, partnerID, id, map[string]any{"password_hash": hash, "updated_at": now}); err != nil {
		return fmt.Errorf("people: password: %w", err)
	}
	return nil
}
