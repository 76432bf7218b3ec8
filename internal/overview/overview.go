// Package overview answers the console's read-only summary questions: the
// dashboard's counts and the compact list of identity-provider groups. Every query is scoped to the
// principal's partner.
package overview

import (
	"context"
	"fmt"

	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/people"
)

// Service reads summaries.
type Service struct{ db *database.DB }

// NewService builds the service.
func NewService(db *database.DB) *Service { return &Service{db: db} }

// Counts are the dashboard figures of one partner.
type Counts struct {
	Events, Participants, People, Courses, ClassroomUsers, Staff, Groups int64
}

// GroupRow is one identity-provider group.
type GroupRow struct {
	ID            int64
	Name          string
	Members       int64
	GrantedEvents int64
}

// Limit caps the compact lists.
const Limit = 100

// Counts returns the dashboard figures.
func (s *Service) Counts(ctx context.Context, p auth.Principal) (Counts, error) {
	if err := p.Require(auth.PermConsole); err != nil {
		return Counts{}, err
	}
	c, err := counts(ctx, s.db.Gorm, p.PartnerID)
	if err != nil {
		return Counts{}, fmt.Errorf("overview: counts: %w", err)
	}
	return c, nil
}

// Groups lists the partner's identity-provider groups.
func (s *Service) Groups(ctx context.Context, p auth.Principal, q string) ([]GroupRow, error) {
	if err := p.Require(auth.PermEventsView); err != nil {
		return nil, err
	}
	rs, err := groups(ctx, s.db.Gorm, p.PartnerID, people.LikePattern(q))
	if err != nil {
		return nil, fmt.Errorf("overview: groups: %w", err)
	}
	return rs, nil
}
