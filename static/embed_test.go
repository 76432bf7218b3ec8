package static

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func TestPathHashesEveryEmbeddedAsset(t *testing.T) {
	t.Parallel()
	cases := map[string]*regexp.Regexp{
		"dist/app.css":       regexp.MustCompile(`^/static/dist/app\.[0-9a-f]{10}\.css$`),
		"vendor/htmx.min.js": regexp.MustCompile(`^/static/vendor/htmx\.min\.[0-9a-f]{10}\.js$`),
		"js/app.js":          regexp.MustCompile(`^/static/js/app\.[0-9a-f]{10}\.js$`),
		"img/logo.svg":       regexp.MustCompile(`^/static/img/logo\.[0-9a-f]{10}\.svg$`),
		"img/favicon.svg":    regexp.MustCompile(`^/static/img/favicon\.[0-9a-f]{10}\.svg$`),
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := Path(name)
			if !want.MatchString(got) {
				t.Fatalf("Path(%q) = %q, want match of %s", name, got, want)
			}
			if Path(name) != got {
				t.Fatalf("Path(%q) is not stable", name)
			}
		})
	}
}

func TestHashedNameKeepsDirectoryAndExtension(t *testing.T) {
	t.Parallel()
	if got := hashedName("vendor/htmx.min.js", "abc"); got != "vendor/htmx.min.abc.js" {
		t.Fatalf("hashedName = %q", got)
	}
	if got := hashedName("LICENSE", "abc"); got != "LICENSE.abc" {
		t.Fatalf("hashedName without extension = %q", got)
	}
}

func TestPathPanicsOnUnknownName(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"dist/missing.css", "app.css", "", "css/input.css"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Path(%q) did not panic", name)
				}
			}()
			Path(name)
		}()
	}
}

func TestHandlerServesHashedNames(t *testing.T) {
	t.Parallel()
	h := Handler()
	cases := []struct {
		name, ctype, contains string
	}{
		{"dist/app.css", "text/css; charset=utf-8", ""},
		{"vendor/htmx.min.js", "text/javascript; charset=utf-8", "htmx"},
		{"js/app.js", "text/javascript; charset=utf-8", "htmx:confirm"},
		{"img/logo.svg", "image/svg+xml", "<svg"},
		{"img/favicon.svg", "image/svg+xml", "<svg"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, Path(tc.name), nil))
			res := rec.Result()
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status = %d", res.StatusCode)
			}
			if got := res.Header.Get("Content-Type"); got != tc.ctype {
				t.Errorf("Content-Type = %q, want %q", got, tc.ctype)
			}
			if got := res.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
				t.Errorf("Cache-Control = %q", got)
			}
			if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q", got)
			}
			body, _ := io.ReadAll(res.Body)
			want, _ := files.ReadFile(tc.name)
			if string(body) != string(want) {
				t.Errorf("body differs from the embedded file (%d vs %d bytes)", len(body), len(want))
			}
			if tc.contains != "" && !strings.Contains(string(body), tc.contains) {
				t.Errorf("body does not contain %q", tc.contains)
			}
		})
	}
}

func TestHandlerRevalidatesWithETag(t *testing.T) {
	t.Parallel()
	h := Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, Path("js/app.js"), nil))
	etag := rec.Header().Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	req := httptest.NewRequest(http.MethodGet, Path("js/app.js"), nil)
	req.Header.Set("If-None-Match", etag)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Fatalf("status = %d, want 304", rec.Code)
	}
}

func TestHandlerRefusesPlainAndUnknownNames(t *testing.T) {
	t.Parallel()
	h := Handler()
	css := Path("dist/app.css")
	for _, p := range []string{
		"/static/dist/app.css",
		"/static/js/app.js",
		"/static/vendor/htmx.min.js",
		"/static/css/input.css",
		"/static/dist/app.0000000000.css",
		"/static/",
		"/static/dist/",
		strings.TrimPrefix(css, "/static"), // the prefix is required
		css + "x",
		"/static/../embed.go",
	} {
		t.Run(p, func(t *testing.T) {
			t.Parallel()
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
			if rec.Code != http.StatusNotFound {
				t.Fatalf("GET %s = %d, want 404", p, rec.Code)
			}
			if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("404 without nosniff")
			}
		})
	}
}

func TestHandlerRefusesWrites(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, Path("js/app.js"), nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Fatalf("POST = %d, want 405", rec.Code)
	}
	rec = httptest.NewRecorder()
	Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodHead, Path("js/app.js"), nil))
	if rec.Code != http.StatusOK || rec.Body.Len() != 0 {
		t.Fatalf("HEAD = %d with %d bytes", rec.Code, rec.Body.Len())
	}
}
