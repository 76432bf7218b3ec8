package bulk

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/riverqueue/river"

	"roster/internal/apperr"
	"roster/internal/audit"
	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/event"
	"roster/internal/participation"
	"roster/internal/sheet"
)

// Enqueuer inserts a job inside a transaction (implemented by jobs.Client).
type Enqueuer interface {
	EnqueueTx(ctx context.Context, tx database.Tx, args river.JobArgs, opts *river.InsertOpts) error
}

// EmailCanceller cancels queued emails (implemented by mail.Service).
type EmailCanceller interface {
	CancelTx(ctx context.Context, tx database.Tx, ids []int64, reason string) (int, error)
}

// Deps are the service's collaborators.
type Deps struct {
	DB           *database.DB
	Jobs         Enqueuer
	Participants *participation.Service
	Mail         EmailCanceller
	Log          *slog.Logger
	// MaxUpload bounds an uploaded file (bytes); default DefaultMaxUpload.
	MaxUpload int64
}

// DefaultMaxUpload is the largest file accepted by default: a million rows of a CSV fit.
const DefaultMaxUpload = 200 << 20

// chunkSize is the size of the stored file's chunks.
const chunkSize = 1 << 20

// Service checks, runs, lists and undoes bulk imports.
type Service struct {
	Deps
	// Now is the clock (tests move it).
	Now func() time.Time
	// batchRows overrides BatchSize and EmailBatchSize (tests).
	batchRows int
}

// NewService builds the service.
func NewService(d Deps) *Service {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.MaxUpload <= 0 {
		d.MaxUpload = DefaultMaxUpload
	}
	return &Service{Deps: d, Now: func() time.Time { return time.Now().UTC() }}
}

// ErrTooLarge is returned when an upload exceeds MaxUpload.
func (s *Service) tooLarge() error {
	return apperr.TooLarge("The file is larger than %d MB. Split it into smaller files and import each.", s.MaxUpload>>20)
}

// spool writes an upload to a temporary file, hashing it and bounding its size.
func (s *Service) spool(r io.Reader) (path, sum string, size int64, err error) {
	f, err := os.CreateTemp("", "roster-import-*")
	if err != nil {
		return "", "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	size, err = io.Copy(io.MultiWriter(f, h), io.LimitReader(r, s.MaxUpload+1))
	if err == nil && size > s.MaxUpload {
		err = s.tooLarge()
	}
	if err != nil {
		os.Remove(f.Name())
		return "", "", 0, err
	}
	return f.Name(), hex.EncodeToString(h.Sum(nil)), size, nil
}

// Check runs the check step on an uploaded file: nothing is written to the
// event; the batch (its report and its file) is recorded, ready to start.
// A file that cannot be read as a whole is refused with the reason.
func (s *Service) Check(ctx context.Context, p auth.Principal, eventID int64, fileName string, upload io.Reader) (Batch, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return Batch{}, err
	}
	e, err := event.GetTx(ctx, s.DB.Conn(ctx), p.PartnerID, eventID)
	if err != nil {
		return Batch{}, err
	}
	path, sum, size, err := s.spool(upload)
	if err != nil {
		return Batch{}, err
	}
	defer os.Remove(path)
	started := time.Now()
	report, err := s.check(ctx, e, path, nil)
	if err != nil {
		return Batch{}, err
	}
	report.Size, report.Millis, report.CheckedBy = size, time.Since(started).Milliseconds(), p.Name
	if report.CheckedBy == "" {
		report.CheckedBy = p.Email
	}
	reportJSON, err := json.Marshal(report)
	if err != nil {
		return Batch{}, err
	}
	now := s.Now()
	staffID := p.StaffID
	rec := jobRecord{PartnerID: p.PartnerID, EventID: &eventID, Kind: "invite", Status: string(StatusReady),
		CreatedByStaffID: &staffID, FileName: clip(fileName, 255), FileSHA256: sum, OptionsJSON: "{}", Total: report.Rows,
		CreatedAt: now, ReportJSON: string(reportJSON)}
	err = s.DB.InTx(ctx, func(tx database.Tx) error {
		if err := insertJob(ctx, tx.Gorm, &rec); err != nil {
			return err
		}
		if err := storeFile(ctx, tx, rec.ID, path); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, p, "import.checked", rec.ID, map[string]any{"file": rec.FileName, "sha256": sum,
			"rows": report.Rows, "will_invite": report.WillInvite})
	})
	if err != nil {
		return Batch{}, fmt.Errorf("bulk: record the check: %w", err)
	}
	return rec.domain()
}

func storeFile(ctx context.Context, tx database.Tx, jobID int64, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	buf := make([]byte, chunkSize)
	for seq := 0; ; seq++ {
		n, err := io.ReadFull(f, buf)
		if n > 0 {
			if err := insertFileChunk(ctx, tx.Gorm, fileRecord{JobID: jobID, Seq: seq, Data: append([]byte(nil), buf[:n]...)}); err != nil {
				return err
			}
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// rowVisitor hears each record of a checked file: its index (from 0), the
// row, its outcome and problems.
type rowVisitor func(i int, rec sheet.Record, row Row, out Outcome, problems []Problem) error

// check reads the file at path and builds its report; visit, when set,
// hears every record as it is checked.
func (s *Service) check(ctx context.Context, e event.Event, path string, visit rowVisitor) (Report, error) {
	return s.scan(ctx, e, path, visit, true)
}

// scan is check; without inEvent, valid rows are not looked up in the event
// (the import finds the people already in it as it writes them).
func (s *Service) scan(ctx context.Context, e event.Event, path string, visit rowVisitor, inEvent bool) (Report, error) {
	rd, err := sheet.Open(path)
	if err != nil {
		return Report{}, fileProblem(err)
	}
	defer rd.Close()
	m, err := MapHeader(rd.Header())
	if err != nil {
		return Report{}, apperr.Invalid("%s", err.Error())
	}
	rep := Report{Format: rd.Format(), Unknown: m.Unknown}
	if rd.Format() == "csv" {
		rep.Delimiter = delimiterName(rd.Delimiter())
	}
	c := NewChecker(m)
	// Valid rows wait in a window until the database says whether they are
	// already in the event (one query per thousand).
	type pending struct {
		i   int
		rec sheet.Record
		row Row
	}
	var window []pending
	flush := func() error {
		if len(window) == 0 {
			return nil
		}
		var in map[string]participation.Status
		if inEvent {
			emails := make([]string, len(window))
			for j, w := range window {
				emails[j] = w.row.Email
			}
			// A read outside a transaction: on SQLite every transaction
			// takes the write lock, and would wait for the running import's
			// writes (the run reads its next rows while it writes) and hold
			// a pooled connection meanwhile.
			var err error
			if in, err = participation.InEventTx(ctx, s.DB.Conn(ctx), e, emails); err != nil {
				return err
			}
		}
		for _, w := range window {
			if st, ok := in[lower(w.row.Email)]; ok {
				rep.AlreadyIn++
				if len(rep.AlreadyInSample) < 20 {
					rep.AlreadyInSample = append(rep.AlreadyInSample, AlreadyIn{Line: w.rec.Line, Email: w.row.Email, Status: st.Label()})
				}
				if visit != nil {
					if err := visit(w.i, w.rec, w.row, outcomeAlreadyIn, nil); err != nil {
						return err
					}
				}
				continue
			}
			rep.WillInvite++
			if visit != nil {
				if err := visit(w.i, w.rec, w.row, OutcomeValid, nil); err != nil {
					return err
				}
			}
		}
		window = window[:0]
		return nil
	}
	for i := 0; ; i++ {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Report{}, fileProblem(err)
		}
		if err := ctx.Err(); err != nil {
			return Report{}, err
		}
		rep.Rows++
		row, out, problems := c.Check(rec)
		switch out {
		case OutcomeValid:
			window = append(window, pending{i, rec, row})
			if len(window) == 1000 {
				if err := flush(); err != nil {
					return Report{}, err
				}
			}
			continue
		case OutcomeInvalid:
			rep.Invalid++
		case OutcomeTypo:
			rep.Typos++
		case OutcomeDuplicate:
			rep.Duplicates++
		}
		rep.ProblemCount += len(problems)
		for _, pr := range problems {
			if len(rep.Problems) < MaxProblems {
				rep.Problems = append(rep.Problems, pr)
			}
		}
		if visit != nil {
			// Keep the visitor in file order: settle the valid rows before.
			if err := flush(); err != nil {
				return Report{}, err
			}
			if err := visit(i, rec, row, out, problems); err != nil {
				return Report{}, err
			}
		}
	}
	if err := flush(); err != nil {
		return Report{}, err
	}
	if rep.Rows == 0 {
		return Report{}, apperr.Invalid("The file has a header but no rows to import.")
	}
	return rep, nil
}

// outcomeAlreadyIn is the check step's extra outcome: valid, but the person
// is already in the event.
const outcomeAlreadyIn Outcome = -1

// fileProblem turns a reader's error into the plain-language refusal.
func fileProblem(err error) error {
	var fe *sheet.FileError
	if errors.As(err, &fe) {
		if fe.Line > 0 {
			return apperr.Invalid("Line %d: %s", fe.Line, fe.Message)
		}
		return apperr.Invalid("%s", fe.Message)
	}
	return err
}

func delimiterName(r rune) string {
	switch r {
	case ',':
		return "comma"
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	}
	return strconv.QuoteRune(r)
}

// materialize writes a batch's stored file to a temporary file.
func (s *Service) materialize(ctx context.Context, jobID int64) (string, error) {
	f, err := os.CreateTemp("", "roster-import-*")
	if err != nil {
		return "", err
	}
	defer f.Close()
	if err := fileChunks(ctx, s.DB.Gorm, jobID, func(b []byte) error { _, err := f.Write(b); return err }); err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// Get returns one import batch of an event.
func (s *Service) Get(ctx context.Context, p auth.Principal, eventID, id int64) (Batch, error) {
	if err := p.Require(auth.PermEventsView); err != nil {
		return Batch{}, err
	}
	r, err := loadJob(ctx, s.DB.Conn(ctx), p.PartnerID, eventID, id)
	if err != nil {
		return Batch{}, err
	}
	return r.domain()
}

// List returns an event's imports, newest first.
func (s *Service) List(ctx context.Context, p auth.Principal, eventID int64) ([]Batch, error) {
	if err := p.Require(auth.PermEventsView); err != nil {
		return nil, err
	}
	rs, err := jobsOfEvent(ctx, s.DB.Gorm, p.PartnerID, eventID, 200)
	if err != nil {
		return nil, fmt.Errorf("bulk: list: %w", err)
	}
	out := make([]Batch, 0, len(rs))
	for _, r := range rs {
		b, err := r.domain()
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// Problems writes the rows with problems as CSV (the file's header plus a
// problem column), to fix and upload again.
func (s *Service) Problems(ctx context.Context, p auth.Principal, eventID, id int64, w io.Writer) error {
	b, err := s.Get(ctx, p, eventID, id)
	if err != nil {
		return err
	}
	e, err := event.GetTx(ctx, s.DB.Conn(ctx), p.PartnerID, eventID)
	if err != nil {
		return err
	}
	path, err := s.materialize(ctx, b.ID)
	if err != nil {
		return err
	}
	defer os.Remove(path)
	rd, err := sheet.Open(path)
	if err != nil {
		return fileProblem(err)
	}
	header := rd.Header()
	rd.Close()
	pw, err := NewProblemWriter(w, header)
	if err != nil {
		return err
	}
	if _, err := s.check(ctx, e, path, func(_ int, rec sheet.Record, _ Row, out Outcome, problems []Problem) error {
		if len(problems) == 0 {
			return nil
		}
		return pw.Write(rec, problems)
	}); err != nil {
		return err
	}
	return pw.Close()
}

// Start runs a checked import in the background, with or without the
// invitation email.
func (s *Service) Start(ctx context.Context, p auth.Principal, eventID, id int64, sendEmail bool) (Batch, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return Batch{}, err
	}
	var out Batch
	err := s.DB.InTx(ctx, func(tx database.Tx) error {
		r, err := loadJob(ctx, tx, p.PartnerID, eventID, id)
		if err != nil {
			return err
		}
		if Status(r.Status) != StatusReady {
			return apperr.Conflict("This import cannot start: it is %s.", Status(r.Status).Label())
		}
		b, err := r.domain()
		if err != nil {
			return err
		}
		if b.Report.WillInvite == 0 {
			return apperr.Conflict("No row of this file can be invited: fix the problems and upload it again.")
		}
		opts := Options{SendEmail: sendEmail, StartedByRole: string(p.Role), StartedByName: p.Email}
		optsJSON, _ := json.Marshal(opts)
		now := s.Now()
		ok, err := updateJob(ctx, tx.Gorm, r.ID, []Status{StatusReady}, map[string]any{"status": string(StatusRunning),
			"options_json": string(optsJSON), "started_at": now})
		if err != nil {
			return err
		}
		if !ok {
			return apperr.Conflict("This import has just been started or discarded.")
		}
		if err := s.Jobs.EnqueueTx(ctx, tx, ImportArgs{BatchID: r.ID}, nil); err != nil {
			return err
		}
		if err := s.auditTx(ctx, tx, p, "import.started", r.ID, map[string]any{"send_email": sendEmail}); err != nil {
			return err
		}
		r.Status, r.OptionsJSON, r.StartedAt = string(StatusRunning), string(optsJSON), &now
		out, err = r.domain()
		return err
	})
	return out, err
}

// Discard drops a checked import that was not started (its file goes too).
func (s *Service) Discard(ctx context.Context, p auth.Principal, eventID, id int64) error {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx database.Tx) error {
		r, err := loadJob(ctx, tx, p.PartnerID, eventID, id)
		if err != nil {
			return err
		}
		ok, err := updateJob(ctx, tx.Gorm, r.ID, []Status{StatusReady}, map[string]any{"status": string(StatusCancelled),
			"finished_at": s.Now()})
		if err != nil {
			return err
		}
		if !ok {
			return apperr.Conflict("Only an import that has not started can be discarded.")
		}
		if err := deleteFile(ctx, tx.Gorm, r.ID); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, p, "import.discarded", r.ID, nil)
	})
}

// Undo takes a finished import back within UndoWindow: the people it added
// who are still only Invited leave the event and their queued emails are
// cancelled; the others stay, listed with why.
func (s *Service) Undo(ctx context.Context, p auth.Principal, eventID, id int64) (UndoReport, error) {
	if err := p.Require(auth.PermEventsManage); err != nil {
		return UndoReport{}, err
	}
	var rep UndoReport
	err := s.DB.InTx(ctx, func(tx database.Tx) error {
		r, err := loadJob(ctx, tx, p.PartnerID, eventID, id)
		if err != nil {
			return err
		}
		b, err := r.domain()
		if err != nil {
			return err
		}
		if !b.CanUndo(s.Now()) {
			if b.Status == StatusDone {
				return apperr.Conflict("This import finished more than 7 days ago: it can no longer be undone.")
			}
			return apperr.Conflict("Only a finished import can be undone (this one is %s).", b.Status.Label())
		}
		e, err := event.GetTx(ctx, tx, p.PartnerID, eventID)
		if err != nil {
			return err
		}
		res, emailIDs, err := s.Participants.UndoImportTx(ctx, tx, p, e, b.ID)
		if err != nil {
			return err
		}
		rep.Removed = res.Removed
		for _, k := range res.Kept {
			rep.Kept = append(rep.Kept, Kept{Email: k.Email, Why: "already " + k.Status.Label()})
		}
		if rep.EmailsCancelled, err = s.Mail.CancelTx(ctx, tx, emailIDs, "Cancelled: the import was undone before this email left."); err != nil {
			return err
		}
		ok, err := updateJob(ctx, tx.Gorm, b.ID, []Status{StatusDone}, map[string]any{"status": string(StatusUndone)})
		if err != nil {
			return err
		}
		if !ok {
			return apperr.Conflict("This import has just been undone.")
		}
		return s.auditTx(ctx, tx, p, "import.undone", b.ID, map[string]any{"removed": rep.Removed,
			"emails_cancelled": rep.EmailsCancelled, "kept": len(rep.Kept)})
	})
	return rep, err
}

// loadJob reads an import of an event of the partner (NotFound otherwise).
func loadJob(ctx context.Context, tx database.Tx, partnerID, eventID, id int64) (jobRecord, error) {
	r, err := jobByID(ctx, tx.Gorm, partnerID, eventID, id)
	if database.IsNotFound(err) {
		return r, apperr.NotFound("This import does not exist.")
	}
	if err != nil {
		return r, fmt.Errorf("bulk: get: %w", err)
	}
	return r, nil
}

func (s *Service) auditTx(ctx context.Context, tx database.Tx, p auth.Principal, action string, id int64, after any) error {
	return audit.RecordTx(ctx, tx, audit.Entry{PartnerID: &p.PartnerID, ActorKind: audit.ActorStaff,
		ActorID: strconv.FormatInt(p.StaffID, 10), ActorLabel: p.Email, Action: action, TargetKind: "import",
		TargetID: strconv.FormatInt(id, 10), After: after})
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
