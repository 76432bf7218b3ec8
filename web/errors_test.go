package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"roster/internal/apperr"
	"roster/internal/auth"
)

// A panic becomes the console's own 500 page: logged, no internals shown,
// security headers still set.
func TestPanicBecomesA500Page(t *testing.T) {
	t.Parallel()
	e := NewServer(Deps{SessionKeys: [][]byte{[]byte(strings.Repeat("k", 32))}})
	e.GET("/boom", func(echo.Context) error { panic("secret internal detail") })
	e.GET("/fail", func(echo.Context) error { return apperr.Internal(errSecret) })
	for _, path := range []string{"/boom", "/fail"} {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		body := rec.Body.String()
		if rec.Code != http.StatusInternalServerError || !strings.Contains(body, "Something went wrong") {
			t.Fatalf("%s: %d %s", path, rec.Code, body)
		}
		if strings.Contains(body, "secret") || strings.Contains(body, "goroutine") {
			t.Fatalf("%s: internals leaked: %s", path, body)
		}
		if rec.Header().Get("Content-Security-Policy") != ContentSecurityPolicy {
			t.Fatalf("%s: no CSP on the error page", path)
		}
		if id := rec.Header().Get(echo.HeaderXRequestID); id == "" || !strings.Contains(body, id) {
			t.Fatalf("%s: the error page shows the request id to quote", path)
		}
	}
	// htmx gets a toast, not a page.
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/fail", nil)
	req.Header.Set("HX-Request", "true")
	e.ServeHTTP(rec, req)
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "<html") || !strings.Contains(rec.Body.String(), `data-testid="toast"`) {
		t.Fatalf("htmx error: %d %s", rec.Code, rec.Body.String())
	}
}

var errSecret = errString("secret database detail")

type errString string

func (e errString) Error() string { return string(e) }

func TestSafeNext(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"": "/", "/staff": "/staff", "/events?q=a": "/events?q=a", "//evil.com": "/", "https://evil.com": "/",
		"/\\evil.com": "/", "javascript:alert(1)": "/",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFormatCount(t *testing.T) {
	t.Parallel()
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := formatCount(n); got != want {
			t.Errorf("formatCount(%d) = %q", n, got)
		}
	}
}

func TestNavigationHighlightsTheCurrentPage(t *testing.T) {
	t.Parallel()
	owner := auth.Principal{StaffID: 1, Role: auth.RoleOwner}
	active := func(path string) []string {
		var out []string
		for _, s := range buildNav(owner, path) {
			if s.Active {
				out = append(out, s.Label)
			}
			for _, l := range s.Links {
				if l.Active {
					out = append(out, l.Label)
				}
			}
		}
		return out
	}
	for path, want := range map[string]string{
		"/": "Dashboard", "/events": "Events", "/events/new": "Events", "/events/7/edit": "Events",
		"/events/7/users": "Events,All users", "/events/7/speakers": "Events,Speakers", "/staff": "Staff",
		"/classroom/users": "Classroom,Users", "/outbox/3": "Outbox",
	} {
		if got := strings.Join(active(path), ","); got != want {
			t.Errorf("%s: active %q, want %q", path, got, want)
		}
	}
	support := auth.Principal{StaffID: 2, Role: auth.RoleSupport}
	for _, s := range buildNav(support, "/") {
		if s.Label == "Settings" || s.Label == "Dashboard" {
			continue
		}
		if !support.Can(navPerm(s.Label)) {
			t.Errorf("support sees %s", s.Label)
		}
	}
}

func navPerm(label string) auth.Permission {
	for _, it := range navigation {
		if it.label == label {
			return it.perm
		}
	}
	return ""
}
