package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"roster/internal/apperr"
	"roster/internal/mail"
	"roster/views/outboxview"
)

var emailStatusLabel = map[mail.Status]string{
	mail.StatusQueued: "Queued", mail.StatusSent: "Sent", mail.StatusDeferred: "Deferred (retrying)",
	mail.StatusBounced: "Bounced", mail.StatusFailed: "Failed",
}

func (s *Server) emailStatus(st mail.Status) string {
	if st == mail.StatusSent && s.MailCaptured {
		return "Captured"
	}
	return emailStatusLabel[st]
}

func (s *Server) outboxPage(c echo.Context) error {
	p, _ := principal(c)
	es, err := s.Mail.List(c.Request().Context(), p.PartnerID, 200)
	if err != nil {
		return err
	}
	vm := outboxview.PageVM{Captured: s.MailCaptured}
	for _, e := range es {
		vm.Rows = append(vm.Rows, outboxview.RowVM{ID: e.ID, To: e.To, Subject: e.Subject, Status: string(e.Status),
			StatusLabel: s.emailStatus(e.Status), Created: dateTime(e.CreatedAt)})
	}
	return s.page(c, http.StatusOK, "Outbox", outboxview.Page(vm))
}

func (s *Server) outboxEmail(c echo.Context) error {
	p, _ := principal(c)
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return apperr.NotFound("This email does not exist.")
	}
	e, err := s.Mail.Get(c.Request().Context(), p.PartnerID, id)
	if err != nil {
		return err
	}
	vm := outboxview.EmailVM{ID: e.ID, To: e.To, Subject: e.Subject, Status: s.emailStatus(e.Status), Created: dateTime(e.CreatedAt),
		TextBody: e.Text, HTMLBody: e.HTML}
	return s.page(c, http.StatusOK, e.Subject, outboxview.Email(vm))
}
