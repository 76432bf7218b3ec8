package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	pv "roster/views/participantview"
)

// participantBio answers a row's whole bio (or, with ?short=1, its excerpt
// again): rows carry only the excerpt.
func (s *Server) participantBio(c echo.Context) error {
	p, _ := principal(c)
	eid, pid, err := participantIDs(c)
	if err != nil {
		return err
	}
	row, e, err := s.Participants.Get(c.Request().Context(), p, eid, pid)
	if err != nil {
		return err
	}
	vm := rowVM(c, p, row, e, rowView(c))
	full := strings.TrimSpace(row.Person.Bio)
	return render(c, http.StatusOK, pv.BioCell(vm, full, c.QueryParam("short") == ""))
}
