package event

import (
	"context"
	"fmt"

	"roster/internal/database"
)

// SessionsTx returns an event's sessions in start order (the attendee lobby).
func SessionsTx(ctx context.Context, tx database.Tx, partnerID, eventID int64) ([]Session, error) {
	rs, err := listSessions(ctx, tx.Gorm, partnerID, eventID)
	if err != nil {
		return nil, fmt.Errorf("event: sessions: %w", err)
	}
	return sessionsOf(rs), nil
}
