package web

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"sync"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"roster/views/layout"
)

// render writes a component, buffered so that a rendering error becomes a
// clean error page rather than half a page.
func render(c echo.Context, status int, comp templ.Component) error {
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer putRenderBuffer(buf)
	if err := comp.Render(c.Request().Context(), buf); err != nil {
		return err
	}
	c.Response().Header().Add("Vary", "HX-Request")
	return c.HTMLBlob(status, buf.Bytes())
}

// renderBuffers are the buffers pages render into: a page of the All users
// list is some 80 KB, which a new buffer reaches by growing (and copying)
// a dozen times.
var renderBuffers = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 128<<10)) }}

// putRenderBuffer returns a buffer to the pool, unless an unusually large
// page grew it: the pool keeps no megabytes alive.
func putRenderBuffer(buf *bytes.Buffer) {
	if buf.Cap() > 1<<20 {
		return
	}
	buf.Reset()
	renderBuffers.Put(buf)
}

// withChildren renders wrapper around content.
func withChildren(wrapper, content templ.Component) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		return wrapper.Render(templ.WithChildren(ctx, content), w)
	})
}

// page renders content inside the console shell, or alone (plus any toasts)
// when htmx asked for a fragment.
func (s *Server) page(c echo.Context, status int, title string, content templ.Component, toasts ...layout.Toast) error {
	if wantsFragment(c) {
		if len(toasts) == 0 {
			return render(c, status, content)
		}
		return render(c, status, templ.Join(content, layout.Toasts(toasts)))
	}
	vm := s.shellVM(c, title)
	vm.Toasts = append(vm.Toasts, toasts...)
	return render(c, status, withChildren(layout.Shell(vm), content))
}

// fragment renders a component plus out-of-band toasts (htmx row actions).
func fragment(c echo.Context, content templ.Component, toasts ...layout.Toast) error {
	if len(toasts) == 0 {
		return render(c, http.StatusOK, content)
	}
	return render(c, http.StatusOK, templ.Join(content, layout.Toasts(toasts)))
}

// document renders content in the bare document (no console shell).
func (s *Server) document(c echo.Context, status int, title string, content templ.Component) error {
	return render(c, status, withChildren(layout.Document(layout.DocVM{Title: title, CSRFToken: csrfToken(c)}), content))
}
