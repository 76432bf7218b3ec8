// Package layout holds the HTML documents of the console: the bare document
// used by sign-in and setup pages, the console shell (top bar, navigation,
// toasts, confirmation dialog) and the shared page header.
package layout

import (
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NavLink is one link inside a navigation group.
type NavLink struct {
	Label, Href, TestID string
	Active              bool
}

// NavSection is a top-level navigation entry: a plain link when Links is
// empty, otherwise a labelled group of links (Href then links the label).
type NavSection struct {
	Label, Href, TestID string
	Active              bool
	Links               []NavLink
}

// Toast is a short notification shown in the #toasts region.
type Toast struct {
	Kind    string // "success" | "error" | "info"
	Message string
}

// DocVM is the view model of a page without the console shell (login,
// setup, error pages when signed out).
type DocVM struct {
	Title     string
	CSRFToken string
	// Lang and Dir are the page's language and writing direction ("" for
	// English, left to right: the attendee pages set the person's).
	Lang, Dir string
}

// HTMLLang is the document's lang attribute.
func (vm DocVM) HTMLLang() string {
	if vm.Lang == "" {
		return "en"
	}
	return vm.Lang
}

// HTMLDir is the document's dir attribute.
func (vm DocVM) HTMLDir() string {
	if vm.Dir == "" {
		return "ltr"
	}
	return vm.Dir
}

// ShellVM is the view model of a page inside the console shell.
type ShellVM struct {
	Title, PartnerName, UserName, UserEmail, RoleLabel, CSRFToken string
	Nav                                                           []NavSection
	Toasts                                                        []Toast
}

// HTMXConfig is the content of <meta name="htmx-config">: no eval, no inline
// indicator styles or script tags (CSP), same-origin requests only, and no
// history snapshots in localStorage (pages may hold personal data).
const HTMXConfig = `{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false,"selfRequestsOnly":true,"historyCacheSize":0}`

// csrfHeaders returns the hx-headers JSON that makes htmx send the CSRF
// token with every request. json.Marshal escapes <, > and &; templ escapes
// the attribute.
func csrfHeaders(token string) string {
	b, err := json.Marshal(map[string]string{"X-CSRF-Token": token})
	if err != nil {
		return "{}"
	}
	return string(b)
}

// pageTitle is the <title> text.
func pageTitle(title string) string {
	if title == "" {
		return "Roster"
	}
	return title + " · Roster"
}

// initials returns the initials (first and last word) shown in the avatar
// of the account menu, from the name or else the email's local part.
func initials(name, email string) string {
	src := strings.TrimSpace(name)
	if src == "" {
		src, _, _ = strings.Cut(email, "@")
	}
	words := strings.FieldsFunc(src, func(r rune) bool {
		return unicode.IsSpace(r) || r == '.' || r == '-' || r == '_' || r == '+'
	})
	if len(words) == 0 {
		return "?"
	}
	first, _ := utf8.DecodeRuneInString(words[0])
	out := []rune{unicode.ToUpper(first)}
	if len(words) > 1 {
		last, _ := utf8.DecodeRuneInString(words[len(words)-1])
		out = append(out, unicode.ToUpper(last))
	}
	return string(out)
}
