package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"roster/internal/audit"
	"roster/views/auditview"
)

func (s *Server) auditPage(c echo.Context) error {
	p, _ := principal(c)
	q := c.QueryParam("q")
	before, _ := strconv.ParseInt(c.QueryParam("before"), 10, 64)
	es, more, err := s.Audit.List(c.Request().Context(), audit.Filter{PartnerID: p.PartnerID, Query: q, BeforeID: before, Limit: 50})
	if err != nil {
		return err
	}
	vm := auditview.PageVM{Query: q}
	for _, e := range es {
		actor := e.ActorLabel
		if actor == "" {
			actor = string(e.ActorKind)
		}
		target := ""
		if e.TargetKind != "" {
			target = e.TargetKind + " #" + e.TargetID
		}
		details := e.AfterJSON
		if e.BeforeJSON != "" {
			details = e.BeforeJSON + " → " + e.AfterJSON
		}
		vm.Rows = append(vm.Rows, auditview.RowVM{When: dateTime(e.CreatedAt), Actor: actor, Action: e.Action, Target: target, Details: details})
	}
	if more && len(es) > 0 {
		v := url.Values{"before": {strconv.FormatInt(es[len(es)-1].ID, 10)}}
		if q != "" {
			v.Set("q", q)
		}
		vm.NextURL = "/audit?" + v.Encode()
	}
	return s.page(c, http.StatusOK, "Audit log", auditview.Page(vm))
}
