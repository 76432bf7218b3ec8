// Package static embeds the console's built assets (CSS, vendored htmx, the
// small app script and images) and serves them under content-hashed names so
// that they can be cached forever.
package static

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed dist vendor js img
var files embed.FS

// prefix is where the lead mounts Handler; Path returns URLs under it.
const prefix = "/static/"

// hashLen is the number of hex digits of the SHA-256 kept in hashed names.
const hashLen = 10

// asset is one embedded file with its hashed name.
type asset struct {
	name   string // "dist/app.css"
	hashed string // "dist/app.0123456789.css"
	etag   string
	ctype  string
	body   []byte
}

var (
	byName   = map[string]*asset{}
	byHashed = map[string]*asset{}
)

// contentTypes pins the types of the extensions we ship, independent of the
// host's mime.types files.
var contentTypes = map[string]string{
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".webp":  "image/webp",
	".ico":   "image/x-icon",
	".woff2": "font/woff2",
	".json":  "application/json",
	".map":   "application/json",
	".txt":   "text/plain; charset=utf-8",
}

func init() {
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		hash := hex.EncodeToString(sum[:])[:hashLen]
		a := &asset{
			name:   name,
			hashed: hashedName(name, hash),
			etag:   `"` + hash + `"`,
			ctype:  contentType(name),
			body:   body,
		}
		byName[a.name] = a
		byHashed[a.hashed] = a
		return nil
	})
	if err != nil {
		panic(fmt.Sprintf("static: indexing embedded files: %v", err))
	}
}

// hashedName inserts the hash before the last extension of the base name:
// "vendor/htmx.min.js" → "vendor/htmx.min.<hash>.js".
func hashedName(name, hash string) string {
	dir, base := path.Split(name)
	ext := path.Ext(base)
	return dir + strings.TrimSuffix(base, ext) + "." + hash + ext
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if ct, ok := contentTypes[ext]; ok {
		return ct
	}
	if ct := mime.TypeByExtension(ext); ct != "" {
		return ct
	}
	return "application/octet-stream"
}

// Path returns the URL of an embedded file under its content-hashed name, for
// example Path("dist/app.css") == "/static/dist/app.0123456789.css". It panics
// on a name that is not embedded: that is a programmer error, caught by tests
// that render the pages.
func Path(name string) string {
	a, ok := byName[name]
	if !ok {
		panic(fmt.Sprintf("static: unknown asset %q", name))
	}
	return prefix + a.hashed
}

// Handler serves the embedded files under their hashed names only (a plain
// name is a 404, so a stale reference is noticed rather than cached), with an
// explicit Content-Type, a year-long immutable Cache-Control and nosniff. It
// expects the full request path, "/static/...", and strips the prefix itself.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name, ok := strings.CutPrefix(r.URL.Path, prefix)
		a := byHashed[name]
		if !ok || a == nil {
			w.Header().Set("X-Content-Type-Options", "nosniff")
			w.Header().Set("Cache-Control", "no-store")
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.ctype)
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("ETag", a.etag)
		http.ServeContent(w, r, a.hashed, time.Time{}, bytes.NewReader(a.body))
	})
}
