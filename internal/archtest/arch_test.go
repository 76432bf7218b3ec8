package archtest

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// fileImports maps every non-test Go file of the module (relative path) to its imports.
func fileImports(t *testing.T) map[string][]string {
	t.Helper()
	root := filepath.Join("..", "..")
	out := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			out[filepath.ToSlash(rel)] = append(out[filepath.ToSlash(rel)], p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 20 {
		t.Fatalf("found only %d files: wrong root?", len(out))
	}
	return out
}

func TestImportRules(t *testing.T) {
	t.Parallel()
	for file, imports := range fileImports(t) {
		dir := filepath.ToSlash(filepath.Dir(file))
		for _, im := range imports {
			isGorm := strings.HasPrefix(im, "gorm.io/")
			switch {
			// GORM lives in store.go files, the database package and the test harness.
			case isGorm && !(filepath.Base(file) == "store.go" || dir == "internal/database"):
				t.Errorf("%s imports %s: GORM belongs in a store.go", file, im)
			// The web layer never touches the database directly.
			case strings.HasPrefix(dir, "web") && dir != "web/webtest" && (isGorm || im == "roster/internal/database"):
				t.Errorf("%s imports %s: web talks to services only", file, im)
			// Views see view models and domain value types, never the database.
			case strings.HasPrefix(dir, "views") && (im == "roster/internal/database" || im == "roster/internal/jobs" ||
				strings.HasPrefix(im, "roster/internal/dbtest") || strings.HasPrefix(im, "roster/web") || strings.HasPrefix(im, "roster/cmd")):
				t.Errorf("%s imports %s: views see view models and domain value types only", file, im)
			case strings.HasPrefix(dir, "views") && (isGorm || strings.Contains(im, "labstack/echo")):
				t.Errorf("%s imports %s", file, im)
			// Domain packages never know about HTTP or HTML.
			case strings.HasPrefix(dir, "internal/") && (strings.HasPrefix(im, "roster/web") || strings.HasPrefix(im, "roster/views") || strings.Contains(im, "labstack/echo")):
				t.Errorf("%s imports %s: domain packages stay below the web layer", file, im)
			// SQLite drivers: modernc only (glebarez would register "sqlite" twice).
			case strings.Contains(im, "glebarez") || strings.Contains(im, "mattn/go-sqlite3"):
				t.Errorf("%s imports %s: use modernc.org/sqlite", file, im)
			}
		}
	}
}
