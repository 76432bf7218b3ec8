package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"roster/internal/media"
)

// imageCache lets browsers keep an image for a year without asking again:
// stored names are random and never reused, so the content never changes.
const imageCache = "private, max-age=31536000, immutable"

// profileImage serves a profile image of one of the partner's persons: the
// large variant, or the small one with ?size=small. The bytes are the
// re-encoded thumbnail, never the upload.
func (s *Server) profileImage(c echo.Context) error {
	p, _ := principal(c)
	variant := media.VariantLarge
	if c.QueryParam("size") == "small" {
		variant = media.VariantSmall
	}
	img, err := s.Participants.ProfileImage(c.Request().Context(), p, c.Param("name"), variant)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Cache-Control", imageCache)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("ETag", img.ETag)
	if etagMatches(c.Request().Header.Get("If-None-Match"), img.ETag) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, img.ContentType, img.Data)
}

// etagMatches reports whether an If-None-Match header names etag (weak
// comparison, as RFC 9110 asks for If-None-Match; "*" matches any).
func etagMatches(header, etag string) bool {
	if header == "" || etag == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}
