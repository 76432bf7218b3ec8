// Package emails renders the emails attendees receive — invitation,
// registration, email confirmation and sign-in link — in the person's
// language, as a subject, a plain-text body and an HTML body (PRODUCT.md §6).
//
// The package is self-contained: it knows its own translations and date
// formats, takes the language code and direction as plain inputs, and falls
// back to English as a whole for a language it does not translate, so an
// email is never half in one language and half in another.
package emails

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
)

// Kind names an email.
type Kind string

// The emails this package renders.
const (
	KindInvitation   Kind = "invitation"    // an organiser invited the person to an event
	KindRegistration Kind = "registration"  // registration confirmed / reminder of registration, with a sign-in link
	KindConfirmEmail Kind = "confirm_email" // please confirm your email address to complete registration
	KindLoginLink    Kind = "login_link"    // your sign-in link
)

// Kinds lists every kind, in a stable order.
var Kinds = []Kind{KindInvitation, KindRegistration, KindConfirmEmail, KindLoginLink}

// Data is everything an email may show. Times are instants; Render formats
// them in the event's time zone, the way the person's language writes them.
type Data struct {
	Lang         string    // BCP 47 code of the person's language: en de fr es-ES nl ru pt-BR ja zh-Hans zh-Hant fi it fr-CA ko ar ca da sr sv
	RTL          bool      // right-to-left (Arabic)
	PersonName   string    // first name, may be empty
	EventName    string    // required
	Organisation string    // the partner's name, may be empty
	StartsAt     time.Time // UTC; zero = no date shown
	EndsAt       time.Time // UTC; zero = the start alone is shown
	TimeZone     string    // IANA name of the event's zone; dates are shown in it, with the zone named (UTC when empty or unknown)
	Link         string    // the one action link: an absolute http(s) URL
	LinkExpires  time.Time // when the link stops working (UTC); zero = don't mention
	Speaker      bool      // mention the role when set ("You are invited as a speaker")
	Moderator    bool      // mention the role when set
}

// Errors Render returns for data it cannot make an email of.
var (
	ErrUnknownKind = errors.New("emails: unknown kind")
	ErrBadLink     = errors.New("emails: the link must be an absolute http(s) URL")
	ErrNoEvent     = errors.New("emails: the event name is required")
)

// Render returns the subject, the plain-text body and the HTML body of an
// email. The subject is one line; the text body is not HTML-escaped; every
// value in the HTML body is.
func Render(ctx context.Context, kind Kind, d Data) (subject, text, html string, err error) {
	m, err := build(kind, d)
	if err != nil {
		return "", "", "", err
	}
	var b strings.Builder
	if err := page(m).Render(ctx, &b); err != nil {
		return "", "", "", fmt.Errorf("emails: render %s: %w", kind, err)
	}
	return m.Subject, plainText(m), b.String(), nil
}

// part is a piece of a sentence: translated text, or a value put into it.
type part struct {
	Text    string
	Strong  bool // the event name
	Isolate bool // a value that may be written in another direction (a name)
	LTR     bool // always left-to-right (a time zone)
}

// detail is one labelled line of the event box.
type detail struct {
	Label string
	Value []part
}

// message is an email ready to be written out as text or HTML.
type message struct {
	Lang, Dir, Align string
	Colon            string // between a label and its value
	Subject          string
	Heading          string
	Greeting, Intro  []part
	Role             string
	EventName        string
	Details          []detail
	Action, Button   string
	Link             string
	Expires          []part
	Keep             string
	Copy             string
	Ignore           string
}

// build turns the data into a message in one language.
func build(kind Kind, d Data) (*message, error) {
	if err := checkLink(d.Link); err != nil {
		return nil, err
	}
	event, org, name := oneLine(d.EventName), oneLine(d.Organisation), oneLine(d.PersonName)
	if event == "" {
		return nil, ErrNoEvent
	}
	l := lookup(d.Lang)
	t, ds := l.t, l.dates
	loc := zoneOf(d.TimeZone)

	vars := map[string][]part{
		"event": {{Text: event, Strong: true}},
		"org":   {{Text: org, Isolate: true}},
		"name":  {{Text: name, Isolate: true}},
	}
	m := &message{
		Lang: l.code, Dir: "ltr", Align: "left", Colon: ": ",
		EventName: event,
		Link:      d.Link,
		Copy:      t.Copy,
		Ignore:    t.Ignore,
	}
	// The caller's direction counts only for the language actually used:
	// an untranslated right-to-left language gets an English, left-to-right email.
	if l.rtl || (d.RTL && lookupExact(d.Lang) == l) {
		m.Dir, m.Align = "rtl", "right"
	}
	switch l.code {
	case "ja", "zh-Hans", "zh-Hant":
		m.Colon = "："
	case "fr", "fr-CA":
		m.Colon = "\u00a0: "
	}

	m.Greeting = expand(t.Hello, vars)
	if name != "" {
		m.Greeting = expand(t.HelloName, vars)
	}
	if !d.StartsAt.IsZero() {
		span, zone := ds.when(d.StartsAt, d.EndsAt, loc)
		m.Details = append(m.Details, detail{t.When, []part{{Text: span + " "}, {Text: "(" + zone + ")", LTR: true}}})
	}
	if !d.LinkExpires.IsZero() {
		at, zone := ds.moment(d.LinkExpires, loc)
		vars["date"] = []part{{Text: at + " "}, {Text: "(" + zone + ")", LTR: true}}
		m.Expires = expand(t.Expires, vars)
	}

	var subject string
	switch kind {
	case KindInvitation:
		subject, m.Heading, m.Action, m.Button = t.InvSubject, t.InvHeading, t.InvAction, t.InvButton
		m.Intro = expand(t.InvIntro, vars)
		if org == "" {
			subject = t.InvSubjectNoOrg
			m.Intro = expand(t.InvIntroNoOrg, vars)
		}
		m.Role = role(d, t.AsSpeaker, t.AsModerator, t.AsBoth)
	case KindRegistration:
		subject, m.Heading, m.Action, m.Button = t.RegSubject, t.RegHeading, t.RegAction, t.RegButton
		m.Intro = expand(t.RegIntro, vars)
		m.Role = role(d, t.RoleSpeaker, t.RoleModerator, t.RoleBoth)
		m.Keep = t.Keep
	case KindConfirmEmail:
		subject, m.Heading, m.Action, m.Button = t.ConfSubject, t.ConfHeading, t.ConfAction, t.ConfButton
		m.Intro = expand(t.ConfIntro, vars)
	case KindLoginLink:
		subject, m.Heading, m.Button = t.LoginSubject, t.LoginHeading, t.LoginButton
		m.Intro = expand(t.LoginIntro, vars)
		m.Keep = t.Keep
	default:
		return nil, fmt.Errorf("%w: %q", ErrUnknownKind, kind)
	}
	// The invitation names who invites in its first sentence; the others
	// name the organiser beside the date.
	if kind != KindInvitation && org != "" {
		m.Details = append(m.Details, detail{t.Organiser, vars["org"]})
	}
	m.Subject = oneLine(joinText(expand(subject, vars)))
	return m, nil
}

// lookupExact returns the translation for exactly this code, or nil.
func lookupExact(code string) *language {
	for c, l := range languages {
		if strings.EqualFold(c, strings.ReplaceAll(strings.TrimSpace(code), "_", "-")) {
			return l
		}
	}
	return nil
}

// role picks the sentence for the person's extra roles, or "".
func role(d Data, speaker, moderator, both string) string {
	switch {
	case d.Speaker && d.Moderator:
		return both
	case d.Speaker:
		return speaker
	case d.Moderator:
		return moderator
	}
	return ""
}

// expand splits a translated sentence at its {placeholders} and puts the
// values in. Unknown placeholders stay as written (a test keeps there being none).
func expand(s string, vars map[string][]part) []part {
	var out []part
	for s != "" {
		i := strings.IndexByte(s, '{')
		j := -1
		if i >= 0 {
			j = strings.IndexByte(s[i:], '}')
		}
		if i < 0 || j < 0 {
			out = append(out, part{Text: s})
			break
		}
		j += i
		v, ok := vars[s[i+1:j]]
		if !ok {
			out = append(out, part{Text: s[:j+1]})
			s = s[j+1:]
			continue
		}
		if i > 0 {
			out = append(out, part{Text: s[:i]})
		}
		out = append(out, v...)
		s = s[j+1:]
	}
	return out
}

// joinText is the plain text of a sentence.
func joinText(ps []part) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Text)
	}
	return b.String()
}

// oneLine makes a value safe for a single line: control characters and
// line or paragraph separators become spaces, bidirectional overrides (which
// can disguise text) are dropped, and runs of spaces collapse.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
			return -1
		case unicode.IsControl(r), r == '\u2028', r == '\u2029':
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// checkLink accepts only an absolute http(s) URL with nothing that could
// break a line or an attribute.
func checkLink(link string) error {
	if link == "" || strings.IndexFunc(link, func(r rune) bool { return r <= ' ' || r == 0x7f || unicode.IsSpace(r) }) >= 0 {
		return ErrBadLink
	}
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ErrBadLink
	}
	return nil
}

// plainText writes the text body: short paragraphs, the link alone on its
// line, the footer after the conventional "-- " separator.
func plainText(m *message) string {
	var details []string
	details = append(details, m.EventName)
	for _, d := range m.Details {
		details = append(details, d.Label+m.Colon+joinText(d.Value))
	}
	blocks := [][]string{
		{joinText(m.Greeting)},
		{joinText(m.Intro), m.Role},
		details,
		{m.Action},
		{m.Link},
		{joinText(m.Expires), m.Keep},
		{"-- ", m.Ignore},
	}
	var b strings.Builder
	for _, lines := range blocks {
		var kept []string
		for _, l := range lines {
			if l != "" {
				kept = append(kept, l)
			}
		}
		if len(kept) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(strings.Join(kept, "\n"))
		b.WriteString("\n")
	}
	return b.String()
}
