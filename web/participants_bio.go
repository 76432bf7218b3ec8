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
	_, row, vm, err := s.participantRow(c)
	if err != nil {
		return err
	}
	full := strings.TrimSpace(row.Person.Bio)
	return render(c, http.StatusOK, pv.BioCell(vm, full, c.QueryParam("short") == ""))
}
