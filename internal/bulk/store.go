package bulk

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"roster/internal/database"
)

// jobRecord is a row of bulk_jobs.
type jobRecord struct {
	ID               int64      `gorm:"column:id;primaryKey"`
	PartnerID        int64      `gorm:"column:partner_id"`
	EventID          *int64     `gorm:"column:event_id"`
	Kind             string     `gorm:"column:kind"`
	Status           string     `gorm:"column:status"`
	CreatedByStaffID *int64     `gorm:"column:created_by_staff_id"`
	FileName         string     `gorm:"column:file_name"`
	FileSHA256       string     `gorm:"column:file_sha256"`
	OptionsJSON      string     `gorm:"column:options_json"`
	Total            int        `gorm:"column:total"`
	Processed        int        `gorm:"column:processed"`
	Invited          int        `gorm:"column:invited"`
	Skipped          int        `gorm:"column:skipped"`
	Failed           int        `gorm:"column:failed"`
	Error            string     `gorm:"column:error"`
	CreatedAt        time.Time  `gorm:"column:created_at"`
	StartedAt        *time.Time `gorm:"column:started_at"`
	FinishedAt       *time.Time `gorm:"column:finished_at"`
	ReportJSON       string     `gorm:"column:report_json"`
}

func (jobRecord) TableName() string { return "bulk_jobs" }

// fileRecord is one chunk of an uploaded file (bulk_files).
type fileRecord struct {
	JobID int64  `gorm:"column:job_id;primaryKey"`
	Seq   int    `gorm:"column:seq;primaryKey"`
	Data  []byte `gorm:"column:data"`
}

func (fileRecord) TableName() string { return "bulk_files" }

// Records lists the GORM records of this package (for the schema test).
func Records() []any { return []any{jobRecord{}, fileRecord{}} }

func (r jobRecord) domain() (Batch, error) {
	b := Batch{ID: r.ID, PartnerID: r.PartnerID, Kind: r.Kind, Status: Status(r.Status), CreatedByStaffID: r.CreatedByStaffID,
		FileName: r.FileName, FileSHA256: r.FileSHA256, Total: r.Total, Processed: r.Processed, Invited: r.Invited,
		Skipped: r.Skipped, Failed: r.Failed, Error: r.Error, CreatedAt: r.CreatedAt, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt}
	if r.EventID != nil {
		b.EventID = *r.EventID
	}
	if err := json.Unmarshal([]byte(r.OptionsJSON), &b.Options); err != nil {
		return b, fmt.Errorf("bulk: options of batch %d: %w", r.ID, err)
	}
	if err := json.Unmarshal([]byte(r.ReportJSON), &b.Report); err != nil {
		return b, fmt.Errorf("bulk: report of batch %d: %w", r.ID, err)
	}
	return b, nil
}

func insertJob(ctx context.Context, g *gorm.DB, r *jobRecord) error {
	return g.WithContext(ctx).Create(r).Error
}

func jobByID(ctx context.Context, g *gorm.DB, partnerID, eventID, id int64) (jobRecord, error) {
	var r jobRecord
	err := g.WithContext(ctx).Where("id = ? AND partner_id = ? AND event_id = ? AND kind = ?", id, partnerID, eventID, "invite").Take(&r).Error
	return r, err
}

func jobByIDAny(ctx context.Context, g *gorm.DB, id int64) (jobRecord, error) {
	var r jobRecord
	err := g.WithContext(ctx).Where("id = ?", id).Take(&r).Error
	return r, err
}

func jobsOfEvent(ctx context.Context, g *gorm.DB, partnerID, eventID int64, limit int) ([]jobRecord, error) {
	var rs []jobRecord
	err := g.WithContext(ctx).Where("partner_id = ? AND event_id = ? AND kind = ?", partnerID, eventID, "invite").
		Order("created_at DESC, id DESC").Limit(limit).Find(&rs).Error
	return rs, err
}

// updateJob changes a batch if it is in one of the states from (none: any).
func updateJob(ctx context.Context, g *gorm.DB, id int64, from []Status, fields map[string]any) (bool, error) {
	q := g.WithContext(ctx).Model(&jobRecord{}).Where("id = ?", id)
	if len(from) > 0 {
		q = q.Where("status IN ?", from)
	}
	res := q.Updates(fields)
	return res.RowsAffected == 1, res.Error
}

// advanceJob moves a running batch's progress mark from one row index to
// another and adds to its counts; false when the mark has moved meanwhile
// (another run of the batch) or the batch stopped running.
func advanceJob(ctx context.Context, g *gorm.DB, id int64, from, to, invited, skipped, failed int) (bool, error) {
	res := g.WithContext(ctx).Model(&jobRecord{}).Where("id = ? AND status = ? AND processed = ?", id, string(StatusRunning), from).
		Updates(map[string]any{"processed": to, "invited": gorm.Expr("invited + ?", invited),
			"skipped": gorm.Expr("skipped + ?", skipped), "failed": gorm.Expr("failed + ?", failed)})
	return res.RowsAffected == 1, res.Error
}

func insertFileChunk(ctx context.Context, g *gorm.DB, r fileRecord) error {
	return g.WithContext(ctx).Create(&r).Error
}

// fileChunks calls fn with each chunk of a batch's file, in order.
func fileChunks(ctx context.Context, g *gorm.DB, jobID int64, fn func([]byte) error) error {
	for seq := 0; ; seq++ {
		var r fileRecord
		err := g.WithContext(ctx).Where("job_id = ? AND seq = ?", jobID, seq).Take(&r).Error
		if database.IsNotFound(err) {
			if seq == 0 {
				return fmt.Errorf("bulk: the file of batch %d is missing", jobID)
			}
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(r.Data); err != nil {
			return err
		}
	}
}

func deleteFile(ctx context.Context, g *gorm.DB, jobID int64) error {
	return g.WithContext(ctx).Where("job_id = ?", jobID).Delete(&fileRecord{}).Error
}
