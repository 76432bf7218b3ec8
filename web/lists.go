package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"roster/views/listview"
)

// These compact, read-only lists give every navigation entry real data; the
// full management pages of each area build on the same services.

func dateTime(t time.Time) string { return t.UTC().Format("2 Jan 2006, 15:04 UTC") }
func date(t time.Time) string     { return t.UTC().Format("2 Jan 2006") }

func (s *Server) eventAccessPage(c echo.Context) error {
	p, _ := principal(c)
	rs, err := s.Overview.Groups(c.Request().Context(), p, c.QueryParam("q"))
	if err != nil {
		return err
	}
	vm := listview.PageVM{Title: "Event access", Subtitle: "Identity-provider groups synced for your organisation, and how many events each may enter.",
		Query: c.QueryParam("q"), SearchAction: "/events/access",
		Columns:    []listview.Column{{Label: "Group"}, {Label: "Members"}, {Label: "Events with access"}},
		EmptyTitle: "No groups synced", EmptyBody: "Groups arrive from your identity provider through SCIM."}
	for _, r := range rs {
		vm.Rows = append(vm.Rows, listview.Row{Cells: []string{r.Name, formatCount(r.Members), formatCount(r.GrantedEvents)}})
	}
	return s.page(c, http.StatusOK, "Event access", listview.Page(vm))
}
