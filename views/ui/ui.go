// Package ui holds small presentational components shared by every area of
// the console: badges, alerts, empty states, cards, field errors and icons.
// Colour lookups are Go maps of complete Tailwind class strings, so that the
// Tailwind scanner sees every class.
package ui

import (
	"fmt"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Badge kinds.
const (
	KindNeutral = "neutral"
	KindGreen   = "green"
	KindAmber   = "amber"
	KindRed     = "red"
	KindIndigo  = "indigo"
	KindBlue    = "blue"
)

// badgeClasses maps a badge kind to its colour classes (the shape comes from
// the .badge component class).
var badgeClasses = map[string]string{
	KindNeutral: "bg-slate-100 text-slate-700 ring-slate-500/20",
	KindGreen:   "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
	KindAmber:   "bg-amber-50 text-amber-800 ring-amber-600/25",
	KindRed:     "bg-red-50 text-red-700 ring-red-600/20",
	KindIndigo:  "bg-indigo-50 text-indigo-700 ring-indigo-600/20",
	KindBlue:    "bg-sky-50 text-sky-700 ring-sky-600/20",
}

// badgeDots maps a badge kind to the colour of its leading dot.
var badgeDots = map[string]string{
	KindNeutral: "fill-slate-400",
	KindGreen:   "fill-emerald-500",
	KindAmber:   "fill-amber-500",
	KindRed:     "fill-red-500",
	KindIndigo:  "fill-indigo-500",
	KindBlue:    "fill-sky-500",
}

// BadgeClass returns the colour classes of a badge kind; unknown kinds are
// neutral.
func BadgeClass(kind string) string {
	if c, ok := badgeClasses[kind]; ok {
		return c
	}
	return badgeClasses[KindNeutral]
}

func badgeDot(kind string) string {
	if c, ok := badgeDots[kind]; ok {
		return c
	}
	return badgeDots[KindNeutral]
}

// Alert kinds.
const (
	AlertError   = "error"
	AlertSuccess = "success"
	AlertInfo    = "info"
	AlertWarning = "warning"
)

type alertStyle struct {
	box, icon, iconName string
}

var alertStyles = map[string]alertStyle{
	AlertError:   {"border-red-200 bg-red-50 text-red-800", "text-red-500", "x-circle"},
	AlertSuccess: {"border-emerald-200 bg-emerald-50 text-emerald-800", "text-emerald-500", "check-circle"},
	AlertInfo:    {"border-sky-200 bg-sky-50 text-sky-800", "text-sky-500", "information-circle"},
	AlertWarning: {"border-amber-200 bg-amber-50 text-amber-900", "text-amber-500", "exclamation-triangle"},
}

func alertStyleFor(kind string) alertStyle {
	if s, ok := alertStyles[kind]; ok {
		return s
	}
	return alertStyles[AlertInfo]
}

// alertRole makes errors and warnings interrupt screen readers; the others
// are announced politely.
func alertRole(kind string) string {
	if kind == AlertError || kind == AlertWarning {
		return "alert"
	}
	return "status"
}

// RelativeTime renders t relative to now for tables ("Just now", "5 min
// ago", "3 hours ago", "Yesterday", "4 days ago", then a date). A zero t is
// "Never".
func RelativeTime(t, now time.Time) string {
	if t.IsZero() {
		return "Never"
	}
	d := now.Sub(t)
	switch {
	case d < 0:
		return Date(t)
	case d < time.Minute:
		return "Just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case d < 2*time.Hour:
		return "1 hour ago"
	case d < 24*time.Hour:
		return fmt.Sprintf("%d hours ago", int(d/time.Hour))
	case d < 48*time.Hour:
		return "Yesterday"
	case d < 7*24*time.Hour:
		return fmt.Sprintf("%d days ago", int(d/(24*time.Hour)))
	}
	return Date(t)
}

// Date renders a calendar date the same way everywhere ("2 Jan 2006").
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 Jan 2006")
}

// DateTime renders a date and time the same way everywhere
// ("2 Jan 2006, 15:04").
func DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 Jan 2006, 15:04")
}

// Count writes a count with thousands separators ("1,234,567").
func Count(n int64) string { return countPrinter.Sprintf("%d", n) }

var countPrinter = message.NewPrinter(language.English)
