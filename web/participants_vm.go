package web

import (
	"github.com/labstack/echo/v4"

	"roster/internal/auth"
	"roster/internal/event"
	"roster/internal/i18n"
	"roster/internal/participation"
	pv "roster/views/participantview"
)

// The views see no domain package: these functions turn participations,
// events and the action matrix into the participant views' plain inputs.

// offeredActions is the action matrix of a row, limited to what p may do:
// viewers keep View analytics only.
func offeredActions(x participation.Participation, e event.Event, p auth.Principal) []pv.Action {
	var out []pv.Action
	for _, a := range participation.Actions(x, e) {
		if a != participation.ActViewAnalytics && !p.Can(auth.PermEventsManage) {
			continue
		}
		out = append(out, pv.Action{Key: string(a), Label: a.Label()})
	}
	return out
}

// rowInput is a participation as the views need it.
func rowInput(x participation.Participation, e event.Event, p auth.Principal) pv.RowInput {
	in := pv.RowInput{ID: x.ID, EventID: x.EventID,
		Person: pv.Person{Email: x.Person.Email, FirstName: x.Person.FirstName, LastName: x.Person.LastName, Title: x.Person.Title,
			Company: x.Person.Company, Bio: x.Person.Bio, ImagePath: x.Person.ImagePath, Language: x.Person.Language},
		Speaker: x.IsSpeaker, Moderator: x.IsModerator, Status: string(x.Status), StatusLabel: x.Status.Label(),
		DetailLabel: x.Detail.Label(), StatusAt: x.StatusAt, CreatedAt: x.CreatedAt, Delivery: string(x.Delivery),
		EmailAt: x.EmailSentAt, Language: x.Language, Actions: offeredActions(x, e, p)}
	if x.LastLink != nil {
		at := x.LastLink.At
		in.LinkUsedAt, in.LinkDevice = &at, deviceOf(x.LastLink.UserAgent)
	}
	return in
}

// rowVM builds a participant's row as seen by p on view v.
func rowVM(c echo.Context, p auth.Principal, x participation.Participation, e event.Event, v pv.View) pv.RowVM {
	return pv.NewRow(rowInput(x, e, p), pv.RowOpts{View: v, CanDetail: p.Can(auth.PermDetailedStatus), CSRFToken: csrfToken(c)})
}

// statusOptions are the statuses of the chips, in the domain's order.
func statusOptions() []pv.StatusOption {
	out := make([]pv.StatusOption, len(participation.Statuses))
	for i, s := range participation.Statuses {
		out[i] = pv.StatusOption{Value: string(s), Label: s.Label()}
	}
	return out
}

func countsOf(c participation.Counts) pv.Counts {
	out := pv.Counts{Total: c.Total, ByStatus: map[string]int64{}, ByRole: map[string]int64{}, ByRoleStatus: map[string]map[string]int64{}}
	for k, n := range c.ByStatus {
		out.ByStatus[string(k)] = n
	}
	for k, n := range c.ByRole {
		out.ByRole[string(k)] = n
	}
	for role, m := range c.ByRoleStatus {
		out.ByRoleStatus[string(role)] = map[string]int64{}
		for k, n := range m {
			out.ByRoleStatus[string(role)][string(k)] = n
		}
	}
	return out
}

// resultsVM builds the results of a list page.
func resultsVM(c echo.Context, p auth.Principal, e event.Event, v pv.View, st pv.State, page participation.Page, counts participation.Counts) pv.ResultsVM {
	in := pv.ResultsInput{EventID: e.ID, View: v, State: st, Total: page.Total, TotalAtLeast: page.TotalIsLowerBound,
		From: page.From, To: page.To, Next: page.Next,
		Prev: page.Prev, HasPrev: page.HasPrev, Counts: countsOf(counts), Statuses: statusOptions(), Sizes: participation.PageSizes,
		DefaultSize: participation.DefaultPageSize, CanDetail: p.Can(auth.PermDetailedStatus), CanManage: p.Can(auth.PermEventsManage),
		CSRFToken: csrfToken(c), Rows: make([]pv.RowInput, 0, len(page.Rows))}
	for _, x := range page.Rows {
		in.Rows = append(in.Rows, rowInput(x, e, p))
	}
	return pv.NewResults(in)
}

// pickerLanguages are the 19 languages, maintained ones first.
func pickerLanguages() []pv.LanguageOption {
	out := make([]pv.LanguageOption, len(i18n.Languages))
	for i, l := range i18n.Languages {
		label := l.English
		if l.Native != l.English {
			label += " · " + l.Native
		}
		out[i] = pv.LanguageOption{Code: l.Code, Label: label, Maintained: l.Maintained}
	}
	return out
}

func eventRef(e event.Event) pv.EventRef {
	return pv.EventRef{ID: e.ID, Name: e.Name, StartsAt: e.StartsAt}
}

func eventRefs(es []event.Event) []pv.EventRef {
	out := make([]pv.EventRef, len(es))
	for i, e := range es {
		out[i] = eventRef(e)
	}
	return out
}

// actorLabels name who caused a change when the cause does not say it
// already (a team member invites, the person visits).
var actorLabels = map[participation.ActorKind]string{
	participation.ActorAPI: "through the API", participation.ActorSystem: "by Roster",
}

// analyticsVM builds the analytics dialog (history newest first).
func analyticsVM(a participation.Analytics) pv.AnalyticsVM {
	x := a.Participation
	vm := pv.AnalyticsVM{Name: personName(x.Person), Email: x.Person.Email, StatusLabel: x.Status.Label(),
		StatusClass: pv.StatusClass(string(x.Status)), Visits: formatCount(int64(a.Visits)), PreEvent: formatCount(int64(a.PreEvent)),
		DuringEvent: formatCount(int64(a.DuringEvent)), FirstVisit: "Never", LastVisit: "Never"}
	if a.FirstVisit != nil {
		vm.FirstVisit = pv.DateTime(*a.FirstVisit)
	}
	if a.LastVisit != nil {
		vm.LastVisit = pv.DateTime(*a.LastVisit)
	}
	for _, s := range a.Sessions {
		vm.Sessions = append(vm.Sessions, pv.SessionLine{Name: s.Name, At: pv.DateTime(s.At)})
	}
	for i := len(a.History) - 1; i >= 0; i-- {
		h := a.History[i]
		line := pv.HistoryLine{At: pv.DateTime(h.At), To: h.ToDetail.Label(), Cause: h.Cause.Label(), Actor: actorLabels[h.Actor.Kind],
			ToClass: pv.StatusClass(string(h.ToStatus))}
		switch {
		case h.FromDetail == nil:
		case *h.FromDetail == h.ToDetail:
			// A recorded event that kept the status (registering where the
			// email must be confirmed first): no "X → X".
			line.To += " (unchanged)"
		default:
			line.From = h.FromDetail.Label()
		}
		vm.History = append(vm.History, line)
	}
	return vm
}

// bulkMessage is the toast of a bulk action.
func bulkMessage(verb, one, many string, res participation.BulkResult) string {
	reasons := make([]string, len(res.Skipped))
	for i, s := range res.Skipped {
		reasons[i] = s.Reason
	}
	return pv.BulkMessage(verb, one, many, res.Done, reasons)
}
