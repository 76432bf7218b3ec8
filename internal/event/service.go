package event

import (
	"context"
	"fmt"

	"roster/internal/apperr"
	"roster/internal/database"
)

// Service manages events and their sessions.
type Service struct {
	db *database.DB
}

// NewService builds the service.
func NewService(db *database.DB) *Service { return &Service{db: db} }

// GetTx returns an event of a partner (NotFound for another partner's).
func GetTx(ctx context.Context, tx database.Tx, partnerID, id int64) (Event, error) {
	r, err := eventByID(ctx, tx.Gorm, partnerID, id)
	if database.IsNotFound(err) {
		return Event{}, apperr.NotFound("This event does not exist.")
	}
	if err != nil {
		return Event{}, fmt.Errorf("event: get: %w", err)
	}
	return r.domain(), nil
}
