package web

import "github.com/labstack/echo/v4"

// This file is the only one that reads or writes HX-* headers.

// isHTMX reports whether htmx made the request.
func isHTMX(c echo.Context) bool { return c.Request().Header.Get("HX-Request") == "true" }

// wantsFragment reports whether to answer with a fragment rather than a full
// page: htmx requests, except boosted navigation and history restores.
func wantsFragment(c echo.Context) bool {
	h := c.Request().Header
	return isHTMX(c) && h.Get("HX-Boosted") != "true" && h.Get("HX-History-Restore-Request") != "true"
}

func setHXRedirect(c echo.Context, url string) { c.Response().Header().Set("HX-Redirect", url) }

// retarget tells htmx to swap the response elsewhere than the element's target.
func retarget(c echo.Context, selector, swap string) {
	c.Response().Header().Set("HX-Retarget", selector)
	c.Response().Header().Set("HX-Reswap", swap)
}

// pushURL sets the address htmx pushes into the history: the canonical
// address of the view, whatever the form sent.
func pushURL(c echo.Context, url string) { c.Response().Header().Set("HX-Push-Url", url) }

// triggerClient makes htmx fire event on the element that made the request.
func triggerClient(c echo.Context, event string) { c.Response().Header().Set("HX-Trigger", event) }

// currentURL is the address of the page an htmx request came from ("" for
// other requests).
func currentURL(c echo.Context) string {
	if !isHTMX(c) {
		return ""
	}
	return c.Request().Header.Get("HX-Current-URL")
}

// refreshPage asks htmx to reload the whole page.
func refreshPage(c echo.Context) { c.Response().Header().Set("HX-Refresh", "true") }
