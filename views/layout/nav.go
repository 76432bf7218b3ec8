package layout

import "strings"

// navIcons picks the icon of a top-level navigation link from its URL.
var navIcons = []struct{ prefix, icon string }{
	{"/events", "calendar"},
	{"/people", "users"},
	{"/persons", "users"},
	{"/users", "users"},
	{"/courses", "academic"},
	{"/classroom", "academic"},
	{"/staff", "shield"},
	{"/outbox", "envelope"},
	{"/emails", "envelope"},
	{"/audit", "list"},
	{"/settings", "cog"},
	{"/access", "key"},
	{"/groups", "key"},
	{"/deletion", "trash"},
	{"/bulk", "upload"},
	{"/imports", "upload"},
}

func navIcon(href string) string {
	if href == "/" || href == "" {
		return "home"
	}
	for _, n := range navIcons {
		if href == n.prefix || strings.HasPrefix(href, n.prefix+"/") || strings.HasPrefix(href, n.prefix+"?") {
			return n.icon
		}
	}
	return "squares"
}

// Complete class strings of the navigation states.
const (
	navLinkActive   = "group nav-link bg-indigo-50 text-indigo-700"
	navLinkInactive = "group nav-link text-slate-600 hover:bg-slate-100 hover:text-slate-900"
	navIconActive   = "h-5 w-5 shrink-0 text-indigo-600"
	navIconInactive = "h-5 w-5 shrink-0 text-slate-400 group-hover:text-slate-500"
)

func navLinkClass(active bool) string {
	if active {
		return navLinkActive
	}
	return navLinkInactive
}

// Sub-links (inside a group) are text-only and indented under their group.
const (
	navSubLinkActive   = "nav-link py-1.5 bg-indigo-50 text-indigo-700"
	navSubLinkInactive = "nav-link py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
)

func navSubLinkClass(active bool) string {
	if active {
		return navSubLinkActive
	}
	return navSubLinkInactive
}

func navIconClass(active bool) string {
	if active {
		return navIconActive
	}
	return navIconInactive
}

// toastStyle is the look of one toast kind.
type toastStyle struct{ icon, iconClass, role string }

var toastStyles = map[string]toastStyle{
	"success": {"check-circle", "h-5 w-5 shrink-0 text-emerald-500", "status"},
	"error":   {"x-circle", "h-5 w-5 shrink-0 text-red-500", "alert"},
	"info":    {"information-circle", "h-5 w-5 shrink-0 text-sky-500", "status"},
}

func toastStyleFor(kind string) toastStyle {
	if s, ok := toastStyles[kind]; ok {
		return s
	}
	return toastStyles["info"]
}

func toastKind(kind string) string {
	if _, ok := toastStyles[kind]; ok {
		return kind
	}
	return "info"
}
