package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"roster/internal/apperr"
	"roster/internal/classroom"
	"roster/internal/directory"
	"roster/internal/i18n"
	"roster/internal/participation"
	pv "roster/views/participantview"
	"roster/views/peopleview"
)

func (s *Server) peoplePage(c echo.Context) error {
	p, _ := principal(c)
	f := directory.Filter{Query: strings.TrimSpace(c.QueryParam("q")), State: directory.State(c.QueryParam("state"))}
	if !f.State.Valid() {
		f.State = ""
	}
	if cur, ok := directory.ParseCursor(c.QueryParam("before")); ok {
		f.Before = &cur
	}
	page, err := s.Directory.List(c.Request().Context(), p, f)
	if err != nil {
		return err
	}
	vm := peopleview.ListVM{Query: f.Query, State: string(f.State)}
	vm.States = append(vm.States, peopleview.Option{Value: "", Label: "Any state", Selected: f.State == ""})
	for _, st := range directory.States {
		vm.States = append(vm.States, peopleview.Option{Value: string(st), Label: st.Label(), Selected: st == f.State})
	}
	for _, r := range page.Rows {
		vm.Rows = append(vm.Rows, directoryRow(r))
	}
	q := url.Values{}
	if f.Query != "" {
		q.Set("q", f.Query)
	}
	if f.State != "" {
		q.Set("state", string(f.State))
	}
	if f.Before != nil {
		vm.FirstURL = "/people?" + q.Encode()
	}
	if page.Next != nil {
		q.Set("before", page.Next.String())
		vm.NextURL = "/people?" + q.Encode()
	}
	return s.page(c, http.StatusOK, "People", peopleview.List(vm))
}

// directoryRow is a directory row, with the small image.
func directoryRow(r directory.Row) peopleview.RowVM {
	name := r.Name()
	if name == "" {
		name = r.Email
	}
	return peopleview.RowVM{ID: r.ID, Name: name, Email: r.Email, Company: r.Company, Initials: pv.Initials(r.Name(), r.Email),
		ImageURL: pv.SmallImageURL(r.ImagePath), State: string(r.State), StateLabel: r.State.Label(), Created: date(r.CreatedAt),
		Events: r.Events, Courses: r.Courses, EventNames: r.EventNames, CourseNames: r.CourseNames}
}

func (s *Server) personPage(c echo.Context) error {
	p, _ := principal(c)
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return apperr.NotFound("This person does not exist.")
	}
	x, err := s.Directory.Get(c.Request().Context(), p, id)
	if err != nil {
		return err
	}
	vm := peopleview.PersonVM{RowVM: directoryRow(x.Row), Title: x.Title, Bio: x.Bio, Language: i18n.Get(x.Language).English,
		Updated: dateTime(x.UpdatedAt), LoginEnabled: x.Login.Enabled, Blocked: x.Login.Blocked,
		ActiveLinks: strconv.Itoa(x.Login.ActiveLinks), BackURL: "/people"}
	vm.ImageURL = pv.ImageURL(x.ImagePath) // the page shows the large one
	if x.Login.ClassroomRole != "" {
		vm.Classroom = classroom.Role(x.Login.ClassroomRole).Label() + ", " + strings.ToLower(classroom.Status(x.Login.ClassroomStatus).Label())
	}
	if x.Login.LastLinkUsed != nil {
		vm.LastLink = dateTime(*x.Login.LastLinkUsed)
		if d := deviceOf(x.Login.LastLinkDevice); d != "" {
			vm.LastLink += " from " + d
		}
	}
	for _, e := range x.Participations {
		st := participation.Status(e.Status)
		px := peopleview.ParticipationVM{EventName: e.EventName, EventDate: date(e.EventStartsAt), Status: e.Status,
			StatusLabel: st.Label(), Detail: participation.Detail(e.Detail).Label(), StatusClass: pv.StatusClass(e.Status),
			Delivery: e.Delivery,
			RowURL:   "/events/" + strconv.FormatInt(e.EventID, 10) + "/users?" + url.Values{"q": {x.Email}}.Encode()}
		var roles []string
		if e.Speaker {
			roles = append(roles, "Speaker")
		}
		if e.Moderator {
			roles = append(roles, "Moderator")
		}
		px.Roles = strings.Join(roles, ", ")
		if e.InvitedAt != nil {
			px.Invited = date(*e.InvitedAt)
		}
		if e.LastVisit != nil {
			px.LastVisit = dateTime(*e.LastVisit)
		}
		vm.Participations = append(vm.Participations, px)
	}
	for _, en := range x.Enrollments {
		vm.Enrollments = append(vm.Enrollments, peopleview.EnrollmentVM{Course: en.CourseName, Since: date(en.Since)})
	}
	for _, a := range x.Audit {
		who := a.ActorLabel
		if who == "" {
			who = string(a.ActorKind)
		}
		vm.Audit = append(vm.Audit, peopleview.AuditVM{When: dateTime(a.CreatedAt), Who: who, What: auditDescription(a.Action)})
	}
	return s.page(c, http.StatusOK, vm.Name, peopleview.Person(vm))
}

// auditDescriptions say in words what an audited action did to a person.
var auditDescriptions = map[string]string{
	"participant.invited":        "Invited to an event",
	"participant.edited":         "Profile edited",
	"participant.email_resent":   "Email sent again",
	"participant.email_fixed":    "Email address corrected",
	"participant.removed":        "Removed from an event",
	"participant.chat_blocked":   "Blocked from chat",
	"participant.chat_unblocked": "Unblocked from chat",
	"participant.login_link":     "Sign-in link generated",
}

func auditDescription(action string) string {
	if d, ok := auditDescriptions[action]; ok {
		return d
	}
	return action
}
