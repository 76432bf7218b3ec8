package event

import (
	"context"
	"fmt"

	"roster/internal/auth"
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

// Find returns one event without its sessions (pages that only show the event).
func (s *Service) Find(ctx context.Context, p auth.Principal, id int64) (Event, error) {
	if err := p.Require(auth.PermEventsView); err != nil {
		return Event{}, err
	}
	return GetTx(ctx, s.db.Conn(ctx), p.PartnerID, id)
}
