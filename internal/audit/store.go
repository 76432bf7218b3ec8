package audit

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
)

type entryRecord struct {
	ID         int64     `gorm:"column:id;primaryKey"`
	PartnerID  *int64    `gorm:"column:partner_id"`
	ActorKind  string    `gorm:"column:actor_kind"`
	ActorID    string    `gorm:"column:actor_id"`
	ActorLabel string    `gorm:"column:actor_label"`
	Action     string    `gorm:"column:action"`
	TargetKind string    `gorm:"column:target_kind"`
	TargetID   string    `gorm:"column:target_id"`
	BeforeJSON string    `gorm:"column:before_json"`
	AfterJSON  string    `gorm:"column:after_json"`
	RequestID  string    `gorm:"column:request_id"`
	IP         string    `gorm:"column:ip"`
	CreatedAt  time.Time `gorm:"column:created_at"`
}

func (entryRecord) TableName() string { return "audit_log" }

// Records lists the GORM records of this package (for the schema test).
func Records() []any { return []any{entryRecord{}} }

func insert(ctx context.Context, g *gorm.DB, e Entry) error {
	r := entryRecord{PartnerID: e.PartnerID, ActorKind: string(e.ActorKind), ActorID: e.ActorID, ActorLabel: e.ActorLabel,
		Action: e.Action, TargetKind: e.TargetKind, TargetID: e.TargetID, BeforeJSON: e.BeforeJSON, AfterJSON: e.AfterJSON,
		RequestID: e.RequestID, IP: e.IP, CreatedAt: e.CreatedAt}
	return g.WithContext(ctx).Create(&r).Error
}

func list(ctx context.Context, g *gorm.DB, f Filter) ([]Entry, error) {
	q := g.WithContext(ctx).Where("partner_id = ?", f.PartnerID)
	if f.BeforeID > 0 {
		q = q.Where("id < ?", f.BeforeID)
	}
	if f.Query != "" {
		like := "%" + strings.ToLower(f.Query) + "%"
		q = q.Where("(lower(action) LIKE ? OR lower(actor_label) LIKE ? OR lower(target_kind || ':' || target_id) LIKE ? OR lower(after_json) LIKE ?)", like, like, like, like)
	}
	var rs []entryRecord
	if err := q.Order("id DESC").Limit(f.Limit + 1).Find(&rs).Error; err != nil {
		return nil, err
	}
	out := make([]Entry, len(rs))
	for i, r := range rs {
		out[i] = Entry{ID: r.ID, PartnerID: r.PartnerID, ActorKind: ActorKind(r.ActorKind), ActorID: r.ActorID,
			ActorLabel: r.ActorLabel, Action: r.Action, TargetKind: r.TargetKind, TargetID: r.TargetID,
			BeforeJSON: r.BeforeJSON, AfterJSON: r.AfterJSON, RequestID: r.RequestID, IP: r.IP, CreatedAt: r.CreatedAt}
	}
	return out, nil
}
