package web

import (
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
	qrcode "github.com/skip2/go-qrcode"

	"roster/internal/apperr"
	"roster/internal/auth"
	"roster/internal/event"
	"roster/internal/i18n"
	"roster/internal/media"
	"roster/internal/participation"
	"roster/internal/people"
	"roster/views/layout"
	pv "roster/views/participantview"
)

// maxProfileUpload bounds the invite and edit forms: an image of up to
// twice the accepted size still gets the service's own message.
const maxProfileUpload = 2*media.MaxImageBytes + 64<<10

// modalClose is the client event that closes the page's dialog.
const modalClose = "roster-modal-close"

// uploadLimit refuses request bodies beyond maxProfileUpload.
func uploadLimit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Request().ContentLength > maxProfileUpload {
			return apperr.TooLarge("The upload is larger than the %d MB allowed.", maxProfileUpload>>20)
		}
		c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, maxProfileUpload)
		return next(c)
	}
}

// rowView is the list the request came from: htmx says which page it was
// on; plain forms carry it (view) or came from it (Referer).
func rowView(c echo.Context) pv.View {
	for _, raw := range []string{currentURL(c), refererPath(c)} {
		if u, err := url.Parse(raw); err == nil && raw != "" {
			if v, _, ok := pv.ViewOfPath(u.Path); ok {
				return v
			}
		}
	}
	return pv.ParseView(c.FormValue("view"))
}

// currentState is the view state of the htmx page a request came from.
func currentState(c echo.Context, eventID int64) (pv.View, pv.State) {
	_, v, st := listReturn(pathAndQuery(currentURL(c)), eventID)
	return v, st
}

func pathAndQuery(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || raw == "" {
		return ""
	}
	return u.RequestURI()
}

// inView reports whether a participant belongs on a view's list.
func inView(p participation.Participation, v pv.View) bool {
	switch v {
	case pv.ViewSpeakers:
		return p.IsSpeaker
	case pv.ViewModerators:
		return p.IsModerator
	}
	return true
}

// chipsOOB refreshes the status chips of the page an htmx request came from.
func (s *Server) chipsOOB(c echo.Context, p auth.Principal, eventID int64) templ.Component {
	counts, err := s.Participants.Counts(c.Request().Context(), p, eventID)
	if err != nil {
		return templ.NopComponent
	}
	v, st := currentState(c, eventID)
	return pv.ChipsOOB(pv.NewResults(pv.ResultsInput{EventID: eventID, View: v, State: st, Counts: countsOf(counts),
		Statuses: statusOptions()}))
}

// rowDone answers a row action: the new row and a toast for htmx, the list
// with a flash otherwise.
func (s *Server) rowDone(c echo.Context, p auth.Principal, row participation.Participation, msg string) error {
	if !isHTMX(c) {
		s.flash(c, "success", msg)
		return c.Redirect(http.StatusSeeOther, backToList(c, row.EventID))
	}
	e, _, err := s.Events.Get(c.Request().Context(), p, row.EventID)
	if err != nil {
		return err
	}
	return fragment(c, pv.Row(rowVM(c, p, row, e, rowView(c))), layout.Toast{Kind: "success", Message: msg})
}

// dialog answers a dialog's content: into the page's modal for htmx, as a
// page of its own otherwise (back is the list to return to).
func (s *Server) dialog(c echo.Context, status int, title string, content func(back string) templ.Component, back string) error {
	if isHTMX(c) {
		retarget(c, "#modal-body", "innerHTML")
		return render(c, status, content(""))
	}
	return s.page(c, status, title, content(back))
}

func personName(p people.Person) string {
	if n := strings.TrimSpace(p.Name()); n != "" {
		return n
	}
	return p.Email
}

// ---- row actions ----

// participantMenu is a row's action menu (loaded when opened), or without
// JavaScript the person's actions page.
func (s *Server) participantMenu(c echo.Context) error {
	_, row, vm, err := s.participantRow(c)
	if err != nil {
		return err
	}
	if isHTMX(c) {
		return render(c, http.StatusOK, pv.Menu(vm))
	}
	return s.page(c, http.StatusOK, vm.Name, pv.ActionsPage(vm, backToList(c, row.EventID)))
}

// participantRow reads the participation of the path as the principal sees
// its row.
func (s *Server) participantRow(c echo.Context) (auth.Principal, participation.Participation, pv.RowVM, error) {
	p, _ := principal(c)
	eid, pid, err := participantIDs(c)
	if err != nil {
		return p, participation.Participation{}, pv.RowVM{}, err
	}
	row, e, err := s.Participants.Get(c.Request().Context(), p, eid, pid)
	if err != nil {
		return p, row, pv.RowVM{}, err
	}
	return p, row, rowVM(c, p, row, e, rowView(c)), nil
}

func (s *Server) resendParticipant(c echo.Context) error {
	p, _ := principal(c)
	eid, pid, err := participantIDs(c)
	if err != nil {
		return err
	}
	row, err := s.Participants.Resend(c.Request().Context(), p, eid, pid)
	if err != nil {
		return err
	}
	what := "The registration confirmation"
	if row.Status == participation.StatusInvited {
		what = "The invitation"
	}
	return s.rowDone(c, p, row, what+" is on its way to "+row.Person.Email+".")
}

// fixEmailForm shows the in-place form that corrects a bounced address (or,
// with ?cancel=1, puts the status cell back).
func (s *Server) fixEmailForm(c echo.Context) error {
	_, row, vm, err := s.participantRow(c)
	if err != nil {
		return err
	}
	eid := row.EventID
	if vm.FixURL == "" {
		return apperr.Conflict("The last email to %s did not bounce: there is nothing to fix.", row.Person.Email)
	}
	if !isHTMX(c) {
		return s.page(c, http.StatusOK, "Fix email", pv.FixEmail(vm, row.Person.Email, "", backToList(c, eid)))
	}
	if c.QueryParam("cancel") != "" {
		return render(c, http.StatusOK, pv.StatusCell(vm))
	}
	return render(c, http.StatusOK, pv.FixEmail(vm, row.Person.Email, "", ""))
}

func (s *Server) fixEmail(c echo.Context) error {
	p, _ := principal(c)
	eid, pid, err := participantIDs(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	email := c.FormValue("email")
	row, err := s.Participants.FixEmailAndResend(ctx, p, eid, pid, email)
	if ae, ok := apperr.As(err); ok && ae.Code == apperr.CodeInvalid && ae.Fields["email"] != "" {
		cur, e, gerr := s.Participants.Get(ctx, p, eid, pid)
		if gerr != nil {
			return gerr
		}
		vm := rowVM(c, p, cur, e, rowView(c))
		vm.FixURL = pv.ParticipantURL(eid, pid) + "/fix-email"
		if !isHTMX(c) {
			return s.page(c, http.StatusUnprocessableEntity, "Fix email", pv.FixEmail(vm, email, ae.Fields["email"], backToList(c, eid)))
		}
		retarget(c, "closest .pv-stc", "outerHTML")
		return render(c, http.StatusOK, pv.FixEmail(vm, email, ae.Fields["email"], ""))
	}
	if err != nil {
		return err
	}
	return s.rowDone(c, p, row, "The address is now "+row.Person.Email+" and the email is on its way again.")
}

func (s *Server) removeParticipant(c echo.Context) error {
	p, _ := principal(c)
	eid, pid, err := participantIDs(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	row, _, err := s.Participants.Get(ctx, p, eid, pid)
	if err != nil {
		return err
	}
	if err := s.Participants.Remove(ctx, p, eid, pid); err != nil {
		return err
	}
	msg := personName(row.Person) + " was removed from this event."
	if !isHTMX(c) {
		s.flash(c, "success", msg)
		return c.Redirect(http.StatusSeeOther, backToList(c, eid))
	}
	// No main content: htmx swaps the row away.
	return fragment(c, s.chipsOOB(c, p, eid), layout.Toast{Kind: "success", Message: msg})
}

func (s *Server) chatBlockParticipant(c echo.Context) error   { return s.setChatBlocked(c, true) }
func (s *Server) chatUnblockParticipant(c echo.Context) error { return s.setChatBlocked(c, false) }

func (s *Server) setChatBlocked(c echo.Context, blocked bool) error {
	p, _ := principal(c)
	eid, pid, err := participantIDs(c)
	if err != nil {
		return err
	}
	row, err := s.Participants.SetChatBlocked(c.Request().Context(), p, eid, pid, blocked)
	if err != nil {
		return err
	}
	msg := personName(row.Person) + " can use the chat again."
	if blocked {
		msg = personName(row.Person) + " is blocked from the chat."
	}
	return s.rowDone(c, p, row, msg)
}

func (s *Server) participantLoginLink(c echo.Context) error {
	p, _ := principal(c)
	eid, pid, err := participantIDs(c)
	if err != nil {
		return err
	}
	link, row, err := s.Participants.GenerateLoginLink(c.Request().Context(), p, eid, pid)
	if err != nil {
		return err
	}
	png, err := qrcode.Encode(link.URL, qrcode.Medium, 256)
	if err != nil {
		return err
	}
	vm := pv.LoginLinkVM{Name: personName(row.Person), Email: row.Person.Email, URL: link.URL,
		QR:      "data:image/png;base64," + base64.StdEncoding.EncodeToString(png),
		Expires: pv.DateTime(link.ExpiresAt) + " (in " + pv.Until(time.Until(link.ExpiresAt)) + ")"}
	return s.dialog(c, http.StatusOK, "Login link", func(back string) templ.Component { return pv.LoginLinkDialog(vm, back) },
		backToList(c, eid))
}

func (s *Server) participantAnalytics(c echo.Context) error {
	p, _ := principal(c)
	eid, pid, err := participantIDs(c)
	if err != nil {
		return err
	}
	a, err := s.Participants.Analytics(c.Request().Context(), p, eid, pid)
	if err != nil {
		return err
	}
	links, err := s.Participants.Links(c.Request().Context(), p, eid, pid)
	if err != nil {
		return err
	}
	vm := analyticsVM(a)
	vm.Links = linksVM(c, p, links)
	return s.dialog(c, http.StatusOK, "Analytics", func(back string) templ.Component { return pv.AnalyticsDialog(vm, back) },
		backToList(c, eid))
}

// ---- invite and edit ----

// profileForm is the invite and edit forms as submitted.
type profileForm struct {
	Profile                         people.Profile
	Speaker, Moderator, RemoveImage bool
	Image                           []byte
}

func checked(c echo.Context, name string) bool {
	switch strings.ToLower(c.FormValue(name)) {
	case "1", "on", "true", "yes":
		return true
	}
	return false
}

// readProfileForm binds the invite and edit forms (multipart, or urlencoded
// without an image).
func readProfileForm(c echo.Context) (profileForm, error) {
	req := c.Request()
	if err := req.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return profileForm{}, apperr.TooLarge("The upload is larger than the %d MB allowed.", maxProfileUpload>>20)
		}
		return profileForm{}, apperr.Invalid("The form could not be read. Reload the page and try again.")
	}
	f := profileForm{Profile: people.Profile{Email: c.FormValue("email"), FirstName: c.FormValue("first_name"),
		LastName: c.FormValue("last_name"), Title: c.FormValue("title"), Company: c.FormValue("company"), Bio: c.FormValue("bio"),
		Language: c.FormValue("language")}, Speaker: checked(c, "speaker"), Moderator: checked(c, "moderator"),
		RemoveImage: checked(c, "remove_image")}
	if req.MultipartForm == nil || len(req.MultipartForm.File["image"]) == 0 {
		return f, nil
	}
	fh := req.MultipartForm.File["image"][0]
	if fh.Size == 0 && fh.Filename == "" {
		return f, nil // the file input left empty
	}
	file, err := fh.Open()
	if err != nil {
		return f, apperr.Invalid("The image could not be read.")
	}
	defer file.Close()
	// The body limit already bounds the file; read one byte more than it.
	if f.Image, err = io.ReadAll(io.LimitReader(file, maxProfileUpload+1)); err != nil {
		return f, apperr.Invalid("The image could not be read.")
	}
	if len(f.Image) == 0 {
		f.Image = []byte{} // an empty file: the service says so
		return f, apperr.InvalidFields(map[string]string{"image": "The image file is empty."})
	}
	return f, nil
}

// formOf shows a submitted form again, with its errors.
func formOf(base pv.FormVM, in profileForm, errs map[string]string) pv.FormVM {
	base.Email, base.FirstName, base.LastName = in.Profile.Email, in.Profile.FirstName, in.Profile.LastName
	base.Title, base.Company, base.Bio = in.Profile.Title, in.Profile.Company, in.Profile.Bio
	base.Speaker, base.Moderator = in.Speaker, in.Moderator
	if in.Profile.Language != "" {
		base.Language = in.Profile.Language
	}
	base.Errors = errs
	return base.WithLanguages()
}

// formError answers a refused form: its fields' errors shown in place (200
// for htmx, which swaps 2xx only), or the page again with the error status.
func (s *Server) formError(c echo.Context, err error, f pv.FormVM, in profileForm, back string) error {
	ae, ok := apperr.As(err)
	if !ok || len(ae.Fields) == 0 {
		return err
	}
	errs := map[string]string{}
	for k, v := range ae.Fields {
		errs[k] = v
	}
	vm := formOf(f, in, errs)
	if isHTMX(c) {
		return render(c, http.StatusOK, pv.Form(vm, ""))
	}
	return s.page(c, statusOf[ae.Code], vm.Heading(), pv.FormDialog(vm, back))
}

func (s *Server) inviteParticipantForm(c echo.Context) error {
	p, _ := principal(c)
	id, err := participantEventID(c)
	if err != nil {
		return err
	}
	e, _, err := s.Events.Get(c.Request().Context(), p, id)
	if err != nil {
		return err
	}
	v := pv.ParseView(c.QueryParam("view"))
	f := pv.NewInviteForm(e.ID, inviteLanguage(e), pickerLanguages(), v, csrfToken(c))
	return s.dialog(c, http.StatusOK, f.Heading(), func(back string) templ.Component { return pv.FormDialog(f, back) },
		pv.ListURL(id, v))
}

func (s *Server) inviteParticipant(c echo.Context) error {
	p, _ := principal(c)
	ctx := c.Request().Context()
	id, err := participantEventID(c)
	if err != nil {
		return err
	}
	e, _, err := s.Events.Get(ctx, p, id)
	if err != nil {
		return err
	}
	v := pv.ParseView(c.FormValue("view"))
	blank := pv.NewInviteForm(e.ID, inviteLanguage(e), pickerLanguages(), v, csrfToken(c))
	in, err := readProfileForm(c)
	if err != nil {
		return s.formError(c, err, blank, in, pv.ListURL(id, v))
	}
	send := c.FormValue("send") != "0"
	row, err := s.Participants.Invite(ctx, p, id, participation.InviteInput{Profile: in.Profile, Speaker: in.Speaker,
		Moderator: in.Moderator, Image: in.Image, SendEmail: send})
	if err != nil {
		return s.formError(c, err, blank, in, pv.ListURL(id, v))
	}
	name := personName(row.Person)
	msg := name + " is invited; the invitation email is on its way."
	if !send {
		msg = name + " is added without an email; send the invitation later with Resend email."
	}
	if !isHTMX(c) {
		s.flash(c, "success", msg)
		return c.Redirect(http.StatusSeeOther, pv.ListURL(id, v))
	}
	blank.Done = msg + " Invite the next person below."
	cur, st := currentState(c, id)
	fromList := pathIsList(currentURL(c), id)
	var results pv.ResultsVM
	if fromList {
		if counts, err := s.Participants.Counts(ctx, p, id); err == nil {
			results = pv.NewResults(pv.ResultsInput{EventID: id, View: cur, State: st, Counts: countsOf(counts), Statuses: statusOptions()})
		}
	}
	return fragment(c, pv.InviteDone(blank, rowVM(c, p, row, e, cur), fromList && inView(row, cur), results),
		layout.Toast{Kind: "success", Message: msg})
}

// inviteLanguage is the invite form's language: the event's default.
func inviteLanguage(e event.Event) string {
	if e.DefaultLanguage == "" {
		return i18n.Default
	}
	return e.DefaultLanguage
}

// pathIsList reports whether raw is one of the event's list pages.
func pathIsList(raw string, eventID int64) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	_, id, ok := pv.ViewOfPath(u.Path)
	return ok && id == eventID
}

// editable loads a participant whose row offers Edit (the matrix decides).
func (s *Server) editable(c echo.Context, p auth.Principal, eid, pid int64) (participation.Participation, event.Event, error) {
	row, e, err := s.Participants.Get(c.Request().Context(), p, eid, pid)
	if err != nil {
		return row, e, err
	}
	if !participation.Offers(row, e, participation.ActEdit) {
		return row, e, apperr.Conflict("%s is not available for this person: they are %s.", participation.ActEdit.Label(), row.Status.Label())
	}
	return row, e, nil
}

func (s *Server) editParticipantForm(c echo.Context) error {
	p, _ := principal(c)
	eid, pid, err := participantIDs(c)
	if err != nil {
		return err
	}
	row, e, err := s.editable(c, p, eid, pid)
	if err != nil {
		return err
	}
	v := rowView(c)
	f := pv.NewEditForm(rowInput(row, e, p), pickerLanguages(), v, csrfToken(c))
	return s.dialog(c, http.StatusOK, f.Heading(), func(back string) templ.Component { return pv.FormDialog(f, back) },
		backToList(c, eid))
}

func (s *Server) updateParticipant(c echo.Context) error {
	p, _ := principal(c)
	ctx := c.Request().Context()
	eid, pid, err := participantIDs(c)
	if err != nil {
		return err
	}
	before, e, err := s.Participants.Get(ctx, p, eid, pid)
	if err != nil {
		return err
	}
	v := rowView(c)
	back := pv.ListURL(eid, v)
	base := pv.NewEditForm(rowInput(before, e, p), pickerLanguages(), v, csrfToken(c))
	in, err := readProfileForm(c)
	if err != nil {
		return s.formError(c, err, base, in, back)
	}
	row, err := s.Participants.Update(ctx, p, eid, pid, participation.EditInput{Profile: in.Profile, Speaker: in.Speaker,
		Moderator: in.Moderator, Image: in.Image, RemoveImage: in.RemoveImage})
	if err != nil {
		return s.formError(c, err, base, in, back)
	}
	msg := "Changes to " + personName(row.Person) + " are saved."
	if !isHTMX(c) {
		s.flash(c, "success", msg)
		return c.Redirect(http.StatusSeeOther, back)
	}
	triggerClient(c, modalClose)
	var out templ.Component
	if inView(row, v) {
		out = pv.RowOOB(rowVM(c, p, row, e, v))
	} else {
		out = pv.RowGone(row.ID)
	}
	return fragment(c, out, layout.Toast{Kind: "success", Message: msg})
}
