// Package overview answers the console's read-only summary questions: the
// dashboard's counts and the compact lists of events, people, courses,
// classroom users and identity-provider groups. Every query is scoped to the
// principal's partner.
package overview

import (
	"context"
	"fmt"
	"time"

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

// CourseRow is one course.
type CourseRow struct {
	ID                    int64
	Name                  string
	ActiveUntil           *time.Time
	Students, Instructors int64
}

// ClassroomUserRow is one classroom user.
type ClassroomUserRow struct {
	PersonID                   int64
	FirstName, LastName, Email string
	Role, Status               string
	Courses                    int64
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

// Courses lists the partner's courses with their current plan.
func (s *Service) Courses(ctx context.Context, p auth.Principal, q string, now time.Time) ([]CourseRow, error) {
	if err := p.Require(auth.PermClassroomView); err != nil {
		return nil, err
	}
	rs, err := courses(ctx, s.db.Gorm, p.PartnerID, people.LikePattern(q), now)
	if err != nil {
		return nil, fmt.Errorf("overview: courses: %w", err)
	}
	return rs, nil
}

// ClassroomUsers lists the partner's classroom users.
func (s *Service) ClassroomUsers(ctx context.Context, p auth.Principal, q string) ([]ClassroomUserRow, error) {
	if err := p.Require(auth.PermClassroomView); err != nil {
		return nil, err
	}
	rs, err := classroomUsers(ctx, s.db.Gorm, p.PartnerID, people.LikePattern(q))
	if err != nil {
		return nil, fmt.Errorf("overview: classroom users: %w", err)
	}
	return rs, nil
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
