package auth

import (
	"context"
	"fmt"

	"roster/internal/database"
)

// StaffNamesTx names the partner's staff members of ids (a handful: those
// who made a person's links); unknown ids are left out.
func StaffNamesTx(ctx context.Context, tx database.Tx, partnerID int64, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	for _, id := range ids {
		if _, done := out[id]; done {
			continue
		}
		r, err := staffByID(ctx, tx.Gorm, partnerID, id)
		if database.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("auth: staff names: %w", err)
		}
		out[id] = r.Name
	}
	return out, nil
}
