package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"roster/internal/apperr"
	"roster/internal/auth"
	"roster/internal/bulk"
	"roster/internal/event"
	iv "roster/views/importview"
)

// importUploadPath is the upload route: it alone takes bodies beyond the
// console's usual limit (the import service bounds them itself).
const importUploadPath = "/events/:id/users/import"

// importRoutes registers the bulk invite pages of an event.
func (s *Server) importRoutes(g *echo.Group) {
	view, manage := s.can(auth.PermEventsView), s.can(auth.PermEventsManage)
	g.GET(importUploadPath, s.importPage, manage)
	g.POST(importUploadPath, s.importCheck, manage)
	g.GET("/events/:id/users/import/template.csv", s.importTemplate, view)
	g.GET("/events/:id/users/import/template.xlsx", s.importTemplate, view)
	g.GET("/events/:id/imports", s.importsPage, view)
	g.GET("/events/:id/imports/:bid", s.importBatch, view)
	g.GET("/events/:id/imports/:bid/progress", s.importProgress, view)
	g.GET("/events/:id/imports/:bid/problems.csv", s.importProblems, view)
	g.POST("/events/:id/imports/:bid/start", s.importStart, manage)
	g.POST("/events/:id/imports/:bid/discard", s.importDiscard, manage)
	g.POST("/events/:id/imports/:bid/undo", s.importUndo, manage)
}

var importColumns = []iv.ColumnHelp{
	{Name: "email", Required: true, Help: "Plain ASCII email address; the person is found by it if they already exist in your organisation."},
	{Name: "first_name", Required: true, Help: "Any language and script."},
	{Name: "last_name", Required: true, Help: "Any language and script."},
	{Name: "company", Help: "Shown for speakers and moderators."},
	{Name: "title", Help: "Job title, shown for speakers and moderators."},
	{Name: "language", Help: "Language of their emails: a code (de, pt-BR) or an English name (German); empty means the event's language."},
	{Name: "roles", Help: "speaker, moderator, or both separated by ; — empty means attendee only."},
}

func (s *Server) importEvent(c echo.Context) (auth.Principal, event.Event, error) {
	p, _ := principal(c)
	eid, err := pathInt(c, "id", "This event does not exist.")
	if err != nil {
		return p, event.Event{}, err
	}
	e, _, err := s.Events.Get(c.Request().Context(), p, eid)
	return p, e, err
}

func (s *Server) importPage(c echo.Context) error {
	_, e, err := s.importEvent(c)
	if err != nil {
		return err
	}
	return s.page(c, http.StatusOK, "Bulk invite", iv.Upload(s.uploadVM(c, e, "")))
}

func (s *Server) uploadVM(c echo.Context, e event.Event, msg string) iv.UploadVM {
	return iv.UploadVM{Event: iv.EventRef{ID: e.ID, Name: e.Name}, CSRFToken: csrfToken(c), Error: msg,
		MaxMB: s.Imports.MaxUpload >> 20, Columns: importColumns}
}

// importCheck reads the uploaded file as a stream (never whole in memory)
// and runs the check step; a refused file is explained on the upload page.
func (s *Server) importCheck(c echo.Context) error {
	p, e, err := s.importEvent(c)
	if err != nil {
		return err
	}
	name, file, closeFile, err := uploadedFile(c)
	if err == nil {
		defer closeFile()
		var b bulk.Batch
		b, err = s.Imports.Check(c.Request().Context(), p, e.ID, name, file)
		if err == nil {
			url := iv.EventRef{ID: e.ID}.BatchURL(b.ID)
			if isHTMX(c) {
				setHXRedirect(c, url)
				return c.NoContent(http.StatusOK)
			}
			return c.Redirect(http.StatusSeeOther, url)
		}
	}
	ae, ok := apperr.As(err)
	if !ok || (ae.Code != apperr.CodeInvalid && ae.Code != apperr.CodeTooLarge) {
		return err
	}
	if isHTMX(c) {
		return render(c, http.StatusOK, iv.UploadError(ae.Message))
	}
	status := http.StatusUnprocessableEntity
	if ae.Code == apperr.CodeTooLarge {
		status = http.StatusRequestEntityTooLarge
	}
	return s.page(c, status, "Bulk invite", iv.Upload(s.uploadVM(c, e, ae.Message)))
}

// uploadedFile finds the "file" part of a multipart request: streamed from
// the request when nothing has parsed the form yet (htmx sends the CSRF
// token as a header), else from the parsed form (Go keeps large parts on disk).
func uploadedFile(c echo.Context) (string, io.Reader, func(), error) {
	r := c.Request()
	noFile := apperr.Invalid("Choose a CSV or .xlsx file to check.")
	if r.MultipartForm != nil {
		fh, err := c.FormFile("file")
		if err != nil {
			return "", nil, nil, noFile
		}
		f, err := fh.Open()
		if err != nil {
			return "", nil, nil, err
		}
		return fh.Filename, f, func() { f.Close() }, nil
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "multipart/form-data" {
		return "", nil, nil, noFile
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, nil, noFile
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return "", nil, nil, noFile
		}
		if err != nil {
			return "", nil, nil, apperr.Invalid("The upload was cut short; try again.")
		}
		if part.FormName() == "file" {
			if part.FileName() == "" {
				return "", nil, nil, noFile
			}
			return part.FileName(), part, func() { part.Close() }, nil
		}
		part.Close()
	}
}

func (s *Server) importTemplate(c echo.Context) error {
	var buf bytes.Buffer
	name, ctype := "roster-invite-template.csv", "text/csv; charset=utf-8"
	if strings.HasSuffix(c.Request().URL.Path, ".xlsx") {
		name, ctype = "roster-invite-template.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		if err := bulk.WriteTemplateXLSX(&buf); err != nil {
			return err
		}
	} else if err := bulk.WriteTemplateCSV(&buf); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	return c.Blob(http.StatusOK, ctype, buf.Bytes())
}

func (s *Server) importsPage(c echo.Context) error {
	p, e, err := s.importEvent(c)
	if err != nil {
		return err
	}
	bs, err := s.Imports.List(c.Request().Context(), p, e.ID)
	if err != nil {
		return err
	}
	vm := iv.ListVM{Event: iv.EventRef{ID: e.ID, Name: e.Name}, CanManage: p.Can(auth.PermEventsManage)}
	for _, b := range bs {
		vm.Rows = append(vm.Rows, iv.RowVM{ID: b.ID, FileName: b.FileName, Status: string(b.Status), StatusLabel: b.Status.Label(),
			CreatedBy: b.Report.CheckedBy, Created: dateTime(b.CreatedAt), Rows: b.Total, Invited: b.Invited, Skipped: b.Skipped,
			Failed: b.Failed})
	}
	return s.page(c, http.StatusOK, "Imports", iv.List(vm))
}

func (s *Server) batch(c echo.Context) (auth.Principal, event.Event, bulk.Batch, error) {
	p, e, err := s.importEvent(c)
	if err != nil {
		return p, e, bulk.Batch{}, err
	}
	bid, err := pathInt(c, "bid", "This import does not exist.")
	if err != nil {
		return p, e, bulk.Batch{}, err
	}
	b, err := s.Imports.Get(c.Request().Context(), p, e.ID, bid)
	return p, e, b, err
}

func (s *Server) batchVM(c echo.Context, p auth.Principal, e event.Event, b bulk.Batch) iv.BatchVM {
	r := b.Report
	vm := iv.BatchVM{Event: iv.EventRef{ID: e.ID, Name: e.Name}, ID: b.ID, Status: string(b.Status), StatusLabel: b.Status.Label(),
		FileName: b.FileName, FileSHA256: b.FileSHA256, CreatedBy: r.CheckedBy, Created: dateTime(b.CreatedAt),
		Format: strings.ToUpper(r.Format), Unknown: r.Unknown, Rows: r.Rows, ProblemCount: r.ProblemCount, CheckMillis: r.Millis,
		SendEmail: b.Options.SendEmail, Processed: b.Processed, Total: b.Total, Percent: b.Progress(), Invited: b.Invited,
		Skipped: b.Skipped, Failed: b.Failed, Error: b.Error, CanManage: p.Can(auth.PermEventsManage),
		CanUndo: b.CanUndo(time.Now()), CSRFToken: csrfToken(c)}
	if r.Delimiter != "" {
		vm.Format += ", " + r.Delimiter + "-separated"
	}
	if b.FinishedAt != nil {
		vm.UndoUntil = dateTime(b.FinishedAt.Add(bulk.UndoWindow))
	}
	segments := []struct {
		label, class, id string
		n                int
	}{
		{"Will be invited", "bg-emerald-500", "plan-invite", r.WillInvite},
		{"Already in the event", "bg-sky-400", "plan-already", r.AlreadyIn},
		{"Duplicate in the file", "bg-slate-400", "plan-duplicate", r.Duplicates},
		{"Invalid", "bg-red-500", "plan-invalid", r.Invalid},
		{"Suspected typo", "bg-amber-400", "plan-typo", r.Typos},
	}
	for _, sg := range segments {
		pct := 0.0
		if r.Rows > 0 {
			pct = float64(sg.n) * 100 / float64(r.Rows)
		}
		vm.Segments = append(vm.Segments, iv.Segment{Label: sg.label, Class: sg.class, TestID: sg.id, Count: sg.n, Percent: pct})
	}
	for _, pr := range r.Problems {
		sug := pr.Suggestion
		if strings.Contains(pr.Reason, sug) {
			sug = "" // the reason already proposes it
		}
		vm.Problems = append(vm.Problems, iv.ProblemVM{Line: pr.Line, Column: string(pr.Column), Reason: pr.Reason, Suggestion: sug})
	}
	for _, a := range r.AlreadyInSample {
		vm.AlreadyIn = append(vm.AlreadyIn, iv.ProblemVM{Line: a.Line, Column: a.Email, Reason: a.Status})
	}
	return vm
}

func (s *Server) importBatch(c echo.Context) error {
	p, e, b, err := s.batch(c)
	if err != nil {
		return err
	}
	return s.page(c, http.StatusOK, "Bulk invite: "+b.FileName, iv.Batch(s.batchVM(c, p, e, b)))
}

func (s *Server) importProgress(c echo.Context) error {
	p, e, b, err := s.batch(c)
	if err != nil {
		return err
	}
	if b.Status != bulk.StatusRunning && isHTMX(c) {
		// Finished: the whole page changes (state, counts, undo).
		refreshPage(c)
	}
	return render(c, http.StatusOK, iv.StatusPanel(s.batchVM(c, p, e, b)))
}

func (s *Server) importProblems(c echo.Context) error {
	p, e, b, err := s.batch(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.Imports.Problems(c.Request().Context(), p, e.ID, b.ID, &buf); err != nil {
		return err
	}
	base := strings.TrimSuffix(strings.TrimSuffix(b.FileName, ".csv"), ".xlsx")
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-problems.csv"`, safeFileName(base)))
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// safeFileName keeps a file name to letters, digits, dots, dashes and underscores.
func safeFileName(s string) string {
	out := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			return r
		}
		return '_'
	}, s)
	if out == "" {
		return "import"
	}
	return out
}

func (s *Server) importStart(c echo.Context) error {
	p, e, b, err := s.batch(c)
	if err != nil {
		return err
	}
	if _, err := s.Imports.Start(c.Request().Context(), p, e.ID, b.ID, c.FormValue("send") == "1"); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, iv.EventRef{ID: e.ID}.BatchURL(b.ID))
}

func (s *Server) importDiscard(c echo.Context) error {
	p, e, b, err := s.batch(c)
	if err != nil {
		return err
	}
	if err := s.Imports.Discard(c.Request().Context(), p, e.ID, b.ID); err != nil {
		return err
	}
	s.flash(c, "success", "The import of "+b.FileName+" is discarded.")
	return c.Redirect(http.StatusSeeOther, iv.EventRef{ID: e.ID}.ImportsURL())
}

func (s *Server) importUndo(c echo.Context) error {
	p, e, b, err := s.batch(c)
	if err != nil {
		return err
	}
	rep, err := s.Imports.Undo(c.Request().Context(), p, e.ID, b.ID)
	if err != nil {
		return err
	}
	if b, err = s.Imports.Get(c.Request().Context(), p, e.ID, b.ID); err != nil {
		return err
	}
	vm := s.batchVM(c, p, e, b)
	vm.Undone, vm.Removed, vm.EmailsCancelled = true, rep.Removed, rep.EmailsCancelled
	for _, k := range rep.Kept {
		vm.Kept = append(vm.Kept, iv.KeptVM{Email: k.Email, Why: k.Why})
	}
	return s.page(c, http.StatusOK, "Bulk invite: "+b.FileName, iv.Batch(vm))
}
