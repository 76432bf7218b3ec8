package web

import (
	"errors"
	"net/http"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"roster/internal/apperr"
	"roster/views/errorview"
	"roster/views/layout"
)

var statusOf = map[apperr.Code]int{
	apperr.CodeInvalid:      http.StatusUnprocessableEntity,
	apperr.CodeNotFound:     http.StatusNotFound,
	apperr.CodeConflict:     http.StatusConflict,
	apperr.CodeForbidden:    http.StatusForbidden,
	apperr.CodeUnauthorized: http.StatusUnauthorized,
	apperr.CodeTooMany:      http.StatusTooManyRequests,
	apperr.CodeTooLarge:     http.StatusRequestEntityTooLarge,
	apperr.CodeGone:         http.StatusGone,
	apperr.CodeInternal:     http.StatusInternalServerError,
}

var titles = map[int]string{
	http.StatusBadRequest:            "Bad request",
	http.StatusUnauthorized:          "Please sign in",
	http.StatusForbidden:             "Not allowed",
	http.StatusNotFound:              "Page not found",
	http.StatusMethodNotAllowed:      "Not allowed",
	http.StatusConflict:              "Not possible right now",
	http.StatusGone:                  "Link no longer valid",
	http.StatusRequestEntityTooLarge: "Too large",
	http.StatusUnprocessableEntity:   "Please check your input",
	http.StatusTooManyRequests:       "Too many attempts",
	http.StatusInternalServerError:   "Something went wrong",
	http.StatusServiceUnavailable:    "Unavailable",
}

// errorVM maps any error to a status and a message safe to show.
func errorVM(err error, reqID string) errorview.ErrorVM {
	status, msg := http.StatusInternalServerError, "Something went wrong on our side. The error was logged; try again in a moment."
	var he *echo.HTTPError
	if ae, ok := apperr.As(err); ok {
		status = statusOf[ae.Code]
		if ae.Code != apperr.CodeInternal {
			msg = ae.Message
		}
	} else if errors.As(err, &he) {
		status = he.Code
		switch status {
		case http.StatusNotFound:
			msg = "There is nothing at this address. Check the link, or use the navigation."
		case http.StatusMethodNotAllowed:
			msg = "This address does not accept that kind of request."
		case http.StatusRequestEntityTooLarge:
			msg = "The upload is larger than the 10 MB allowed."
		case http.StatusBadRequest:
			msg = "The request could not be understood."
		case http.StatusForbidden:
			msg = "This request was refused."
		}
	}
	title := titles[status]
	if title == "" {
		title = http.StatusText(status)
	}
	return errorview.ErrorVM{Status: status, Title: title, Message: msg, RequestID: reqID}
}

// handleError is the one place errors become responses: a toast for htmx,
// an error page otherwise. 5xx are logged with the whole chain, 4xx at debug.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	vm := errorVM(err, requestID(c))
	ctx := c.Request().Context()
	if vm.Status >= 500 {
		s.Log.ErrorContext(ctx, "request failed", "err", err, "path", c.Request().URL.Path, "request_id", vm.RequestID)
	} else {
		s.Log.DebugContext(ctx, "request refused", "err", err, "status", vm.Status, "request_id", vm.RequestID)
	}
	var rerr error
	switch {
	case c.Request().Method == http.MethodHead:
		rerr = c.NoContent(vm.Status)
	case isHTMX(c):
		rerr = render(c, vm.Status, errorview.Toast(vm))
	default:
		if _, ok := principal(c); ok {
			rerr = s.pageShell(c, vm.Status, vm.Title, errorview.Body(vm))
		} else {
			rerr = s.document(c, vm.Status, vm.Title, errorview.Body(vm))
		}
	}
	if rerr != nil {
		s.Log.ErrorContext(ctx, "rendering the error page failed", "err", rerr)
		_ = c.String(vm.Status, vm.Title+": "+vm.Message)
	}
}

// pageShell renders content in the full console shell.
func (s *Server) pageShell(c echo.Context, status int, title string, content templ.Component) error {
	return render(c, status, withChildren(layout.Shell(s.shellVM(c, title)), content))
}
