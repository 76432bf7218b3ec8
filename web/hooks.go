package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// bounceReport is one bounce a mail server reports after accepting an email.
type bounceReport struct {
	MessageID string `json:"message_id"`
	Reason    string `json:"reason"`
}

// maxBounceReports bounds one webhook call.
const maxBounceReports = 1000

// bounceHook takes bounces reported after delivery (a relay's or a mailbox
// provider's bounce notifications): POST /hooks/mail/bounce with
// "Authorization: Bearer <ROSTER_BOUNCE_WEBHOOK_TOKEN>" and a JSON body, one
// report {"message_id": "<…>", "reason": "…"} or {"bounces": [reports]}.
// Each reported email is marked bounced, and so is its person's delivery state.
func (s *Server) bounceHook(c echo.Context) error {
	if s.BounceToken == "" {
		return c.JSON(http.StatusNotFound, map[string]string{"error": "The bounce webhook is off (set ROSTER_BOUNCE_WEBHOOK_TOKEN)."})
	}
	got := strings.TrimPrefix(c.Request().Header.Get("Authorization"), "Bearer ")
	a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(s.BounceToken))
	if subtle.ConstantTimeCompare(a[:], b[:]) != 1 {
		c.Response().Header().Set("WWW-Authenticate", `Bearer realm="roster"`)
		return c.JSON(http.StatusUnauthorized, map[string]string{"error": "A valid bearer token is required."})
	}
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, 1<<20+1))
	if err != nil {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "The request body could not be read."})
	}
	if len(body) > 1<<20 {
		return c.JSON(http.StatusRequestEntityTooLarge, map[string]string{"error": "The body is larger than 1 MB; send fewer reports per call."})
	}
	var in struct {
		bounceReport
		Bounces []bounceReport `json:"bounces"`
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "The body is not the expected JSON: " + jsonProblem(err)})
	}
	reports := in.Bounces
	if in.MessageID != "" {
		reports = append(reports, in.bounceReport)
	}
	if len(reports) == 0 {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": `Give "message_id" (and optionally "reason"), or "bounces": [ … ].`})
	}
	if len(reports) > maxBounceReports {
		return c.JSON(http.StatusRequestEntityTooLarge, map[string]string{"error": "At most 1000 reports per call."})
	}
	out := struct {
		Updated int      `json:"updated"`
		Unknown []string `json:"unknown"`
	}{Unknown: []string{}}
	for i, r := range reports {
		if strings.TrimSpace(r.MessageID) == "" {
			return c.JSON(http.StatusBadRequest, map[string]any{"error": "A report has no message_id.", "index": i})
		}
		found, err := s.Mail.ReportBounce(c.Request().Context(), r.MessageID, r.Reason)
		if err != nil {
			return err
		}
		if found {
			out.Updated++
		} else {
			out.Unknown = append(out.Unknown, r.MessageID)
		}
	}
	return c.JSON(http.StatusOK, out)
}

func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return "a syntax error at byte " + strconv.FormatInt(se.Offset, 10) + "."
	case errors.As(err, &te):
		return "the field " + te.Field + " has the wrong type."
	}
	return err.Error() + "."
}
