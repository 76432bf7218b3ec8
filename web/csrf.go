package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"roster/internal/apperr"
)

const csrfKey = "csrf"

// csrf requires a token on every unsafe request: `_csrf` in plain forms,
// X-CSRF-Token from htmx (hx-headers on <body>). echo would otherwise accept
// same-origin Fetch-Metadata instead of a token; we use that header only as an
// extra, earlier refusal of cross-site requests, then demand the token.
func (s *Server) csrf() echo.MiddlewareFunc {
	name := "_csrf"
	if s.Secure {
		name = "__Host-csrf"
	}
	token := middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup:    "header:X-CSRF-Token,form:_csrf",
		ContextKey:     csrfKey,
		CookieName:     name,
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSecure:   s.Secure,
		CookieSameSite: http.SameSiteStrictMode,
		CookieMaxAge:   12 * 3600,
		ErrorHandler: func(err error, c echo.Context) error {
			return apperr.Forbidden("This form has expired or did not come from Roster. Reload the page and try again.")
		},
	})
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		h := token(next)
		return func(c echo.Context) error {
			r := c.Request()
			site := r.Header.Get("Sec-Fetch-Site")
			if !safeMethod(r.Method) && (site == "cross-site" || site == "same-site") {
				return apperr.Forbidden("This request came from another site and was refused.")
			}
			r.Header.Del("Sec-Fetch-Site")
			return h(c)
		}
	}
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions || m == http.MethodTrace
}

func csrfToken(c echo.Context) string {
	t, _ := c.Get(csrfKey).(string)
	return t
}
