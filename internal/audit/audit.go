// Package audit records every change made by staff, the API or the system,
// and lists the log for support staff and admins.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"roster/internal/database"
)

// ActorKind says who made a change.
type ActorKind string

// The actor kinds.
const (
	ActorStaff  ActorKind = "staff"
	ActorAPI    ActorKind = "api"
	ActorSystem ActorKind = "system"
	ActorPerson ActorKind = "person"
)

// Entry is one audit record.
type Entry struct {
	ID         int64
	PartnerID  *int64
	ActorKind  ActorKind
	ActorID    string
	ActorLabel string
	Action     string
	TargetKind string
	TargetID   string
	Before     any
	After      any
	BeforeJSON string
	AfterJSON  string
	RequestID  string
	IP         string
	CreatedAt  time.Time
}

type ctxKey struct{}

// Origin is the request context of a change (set by the web layer).
type Origin struct{ RequestID, IP string }

// WithOrigin returns ctx carrying the request id and client IP for audit entries.
func WithOrigin(ctx context.Context, o Origin) context.Context {
	return context.WithValue(ctx, ctxKey{}, o)
}

// RecordTx writes e inside tx (the change and its record commit together).
func RecordTx(ctx context.Context, tx database.Tx, e Entry) error {
	if o, ok := ctx.Value(ctxKey{}).(Origin); ok {
		if e.RequestID == "" {
			e.RequestID = o.RequestID
		}
		if e.IP == "" {
			e.IP = o.IP
		}
	}
	if e.Before != nil {
		b, err := json.Marshal(e.Before)
		if err != nil {
			return fmt.Errorf("audit: before: %w", err)
		}
		e.BeforeJSON = string(b)
	}
	if e.After != nil {
		b, err := json.Marshal(e.After)
		if err != nil {
			return fmt.Errorf("audit: after: %w", err)
		}
		e.AfterJSON = string(b)
	}
	if e.CreatedAt.IsZero() {
		e.CreatedAt = time.Now().UTC()
	}
	if err := insert(ctx, tx.Gorm, e); err != nil {
		return fmt.Errorf("audit: record: %w", err)
	}
	return nil
}

// Filter selects audit entries of one partner, newest first.
type Filter struct {
	PartnerID int64
	Query     string
	// BeforeID continues a listing (keyset on id, which grows with time).
	BeforeID int64
	Limit    int
}

// Reader lists the audit log.
type Reader struct{ db *database.DB }

// NewReader builds a Reader.
func NewReader(db *database.DB) *Reader { return &Reader{db: db} }

// List returns entries matching f, and whether more follow.
func (r *Reader) List(ctx context.Context, f Filter) ([]Entry, bool, error) {
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	f.Query = strings.TrimSpace(f.Query)
	es, err := list(ctx, r.db.Gorm, f)
	if err != nil {
		return nil, false, fmt.Errorf("audit: list: %w", err)
	}
	more := len(es) > f.Limit
	if more {
		es = es[:f.Limit]
	}
	return es, more, nil
}
