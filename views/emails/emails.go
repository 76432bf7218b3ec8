// Package emails renders the emails Roster sends — to attendees (event
// invitation, registration, email confirmation, sign-in link, classroom
// invitation, outcome of a deletion request) and to staff (staff invitation,
// export ready) — in the person's language, as a subject, a plain-text body
// and an HTML body (PRODUCT.md §6).
//
// The package is self-contained: its sentences are go-i18n message files
// embedded from locales/ (see locales.go), its date and number formats are
// its own, and it takes the language code as a plain input. A code is matched
// to the closest of the 19 supported languages with golang.org/x/text/language
// (see Match); anything it cannot match gets the English email as a whole, so
// an email is never half in one language and half in another.
package emails

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Kind names an email.
type Kind string

// The emails this package renders.
const (
	KindInvitation      Kind = "invitation"       // an organiser invited the person to an event
	KindRegistration    Kind = "registration"     // registration confirmed / reminder of registration, with a sign-in link
	KindConfirmEmail    Kind = "confirm_email"    // please confirm your email address to complete registration
	KindLoginLink       Kind = "login_link"       // your sign-in link
	KindStaffInvite     Kind = "staff_invite"     // a staff member is invited to an organisation's console; the link chooses a password
	KindClassroomInvite Kind = "classroom_invite" // an invitation to a virtual classroom; the link leads to the "It's me" page
	KindDeletionOutcome Kind = "deletion_outcome" // the outcome of the person's request to delete their data
	KindExportReady     Kind = "export_ready"     // an export a staff member asked for is ready to download
)

// Kinds lists every kind, in a stable order.
var Kinds = []Kind{
	KindInvitation, KindRegistration, KindConfirmEmail, KindLoginLink,
	KindStaffInvite, KindClassroomInvite, KindDeletionOutcome, KindExportReady,
}

// isEvent reports whether the kind is about an event (and needs its name).
func (k Kind) isEvent() bool {
	switch k {
	case KindInvitation, KindRegistration, KindConfirmEmail, KindLoginLink:
		return true
	}
	return false
}

// Label is the English name of a kind, for the console (the email preview
// page); an unknown kind is returned as written.
func Label(kind Kind) string {
	switch kind {
	case KindInvitation:
		return "Event invitation"
	case KindRegistration:
		return "Registration confirmation"
	case KindConfirmEmail:
		return "Email confirmation"
	case KindLoginLink:
		return "Sign-in link"
	case KindStaffInvite:
		return "Staff invitation"
	case KindClassroomInvite:
		return "Classroom invitation"
	case KindDeletionOutcome:
		return "Deletion request outcome"
	case KindExportReady:
		return "Export ready"
	}
	return string(kind)
}

// Data is everything an email may show; each kind uses the fields named for
// it. Times are instants; Render formats them in TimeZone, the way the
// person's language writes them. Every value is shown on one line, escaped
// in the HTML.
type Data struct {
	Lang         string    // BCP 47 code of the person's language, matched to a supported one (see Match)
	RTL          bool      // ignored: the direction is the direction of the language the email is written in (Arabic is right to left)
	PersonName   string    // first name, may be empty
	EventName    string    // the event kinds: required; the other kinds: unused
	Organisation string    // the partner's name; required for staff_invite, may be empty otherwise
	StartsAt     time.Time // the event kinds: UTC; zero = no date shown
	EndsAt       time.Time // the event kinds: UTC; zero = the start alone is shown
	TimeZone     string    // IANA name; dates are shown in it, with the zone named (UTC when empty or unknown)
	Link         string    // the one action link: an absolute http(s) URL; required except for deletion_outcome (see below)
	LinkExpires  time.Time // when the link stops working (UTC); zero = don't mention
	Speaker      bool      // invitation, registration: mention the role when set ("You are invited as a speaker")
	Moderator    bool      // invitation, registration: mention the role when set

	// staff_invite
	InviterName string // who invites, may be empty
	StaffRole   string // owner, admin, organizer, classroom_admin or support; empty = not shown

	// classroom_invite
	ClassroomRole string   // student, instructor or admin; empty = not shown
	Courses       []string // course names listed in the details box; may be empty

	// deletion_outcome. Link is optional here: when set, it must be an
	// absolute http(s) URL and is shown as a "Contact us" button (a contact
	// page, say); when empty the email has no button.
	Approved    bool      // the request was approved (the data is erased) or declined
	Reason      string    // why it was declined, shown only when declined; may be empty
	RequestedAt time.Time // when the request was made; zero = not shown

	// export_ready
	ExportName string // required: what was exported ("All users — Product Summit 2026")
	RowCount   int    // rows in the file, written the way the language writes numbers; negative = not shown
}

// Errors Render returns for data it cannot make an email of.
var (
	ErrUnknownKind    = errors.New("emails: unknown kind")
	ErrBadLink        = errors.New("emails: the link must be an absolute http(s) URL")
	ErrNoEvent        = errors.New("emails: the event name is required")
	ErrNoOrganisation = errors.New("emails: the organisation is required")
	ErrNoExport       = errors.New("emails: the export name is required")
	ErrUnknownRole    = errors.New("emails: unknown role")
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

// detail is one labelled line of the details box: a value, or a list of
// items shown one per line under the label.
type detail struct {
	Label string
	Value []part
	Items []string
}

// message is an email ready to be written out as text or HTML.
type message struct {
	Lang, Dir, Align string
	Colon            string // between a label and its value
	Subject          string
	Heading          string
	Greeting, Intro  []part
	Note             string   // a second sentence under the intro (the person's role, what approval means)
	BoxTitle         string   // the bold first line of the details box (event, organisation, export); may be empty
	Details          []detail // the box is left out when it has neither title nor details
	Action, Button   string
	Link             string // empty: no button and no bare link
	Expires          []part
	Keep             string
	Copy             string
	Ignore           string
}

// build turns the data into a message in one language.
func build(kind Kind, d Data) (*message, error) {
	if !slices.Contains(Kinds, kind) {
		return nil, fmt.Errorf("%w: %q", ErrUnknownKind, kind)
	}
	if d.Link != "" || kind != KindDeletionOutcome {
		if err := checkLink(d.Link); err != nil {
			return nil, err
		}
	}
	event, org, name := oneLine(d.EventName), oneLine(d.Organisation), oneLine(d.PersonName)
	inviter, export := oneLine(d.InviterName), oneLine(d.ExportName)
	switch {
	case kind.isEvent() && event == "":
		return nil, ErrNoEvent
	case kind == KindStaffInvite && org == "":
		return nil, ErrNoOrganisation
	case kind == KindExportReady && export == "":
		return nil, ErrNoExport
	}
	l := lookup(d.Lang)
	t, ds := l.t, l.dates
	loc := zoneOf(d.TimeZone)

	vars := map[string][]part{
		"event":   {{Text: event, Strong: true}},
		"org":     {{Text: org, Isolate: true}},
		"name":    {{Text: name, Isolate: true}},
		"inviter": {{Text: inviter, Isolate: true}},
		"export":  {{Text: export, Isolate: true}},
	}
	m := &message{
		Lang: l.code, Dir: "ltr", Align: "left", Colon: l.colon,
		Link:   d.Link,
		Ignore: t.Ignore,
	}
	if m.Link != "" {
		m.Copy = t.Copy
	}
	// The language decides the direction: an untranslated right-to-left
	// language gets an English, left-to-right email.
	if l.rtl {
		m.Dir, m.Align = "rtl", "right"
	}

	m.Greeting = expand(t.Hello, vars)
	if name != "" {
		m.Greeting = expand(t.HelloName, vars)
	}
	if !d.LinkExpires.IsZero() && kind != KindDeletionOutcome {
		at, zone := ds.moment(d.LinkExpires, loc)
		vars["date"] = []part{{Text: at + " "}, {Text: "(" + zone + ")", LTR: true}}
		m.Expires = expand(t.Expires, vars)
	}

	var subject string
	switch kind {
	case KindInvitation, KindRegistration, KindConfirmEmail, KindLoginLink:
		m.BoxTitle = event
		if !d.StartsAt.IsZero() {
			span, zone := ds.when(d.StartsAt, d.EndsAt, loc)
			m.Details = append(m.Details, detail{Label: t.When, Value: []part{{Text: span + " "}, {Text: "(" + zone + ")", LTR: true}}})
		}
		// The invitation names who invites in its first sentence; the
		// others name the organiser beside the date.
		if kind != KindInvitation && org != "" {
			m.Details = append(m.Details, detail{Label: t.Organiser, Value: vars["org"]})
		}
	}
	switch kind {
	case KindInvitation:
		subject, m.Heading, m.Action, m.Button = t.InvSubject, t.InvHeading, t.InvAction, t.InvButton
		m.Intro = expand(t.InvIntro, vars)
		if org == "" {
			subject = t.InvSubjectNoOrg
			m.Intro = expand(t.InvIntroNoOrg, vars)
		}
		m.Note = eventRole(d, t.AsSpeaker, t.AsModerator, t.AsBoth)
	case KindRegistration:
		subject, m.Heading, m.Action, m.Button = t.RegSubject, t.RegHeading, t.RegAction, t.RegButton
		m.Intro = expand(t.RegIntro, vars)
		m.Note = eventRole(d, t.RoleSpeaker, t.RoleModerator, t.RoleBoth)
		m.Keep = t.Keep
	case KindConfirmEmail:
		subject, m.Heading, m.Action, m.Button = t.ConfSubject, t.ConfHeading, t.ConfAction, t.ConfButton
		m.Intro = expand(t.ConfIntro, vars)
	case KindLoginLink:
		subject, m.Heading, m.Button = t.LoginSubject, t.LoginHeading, t.LoginButton
		m.Intro = expand(t.LoginIntro, vars)
		m.Keep = t.Keep

	case KindStaffInvite:
		role, err := staffRole(t, d.StaffRole)
		if err != nil {
			return nil, err
		}
		subject, m.Heading, m.Action, m.Button = t.StaffSubject, t.StaffHeading, t.StaffAction, t.StaffButton
		m.Intro = expand(t.StaffIntro, vars)
		if inviter == "" {
			subject = t.StaffSubjectNoInviter
			m.Intro = expand(t.StaffIntroNoInviter, vars)
		}
		m.BoxTitle = org
		if role != "" {
			m.Details = append(m.Details, detail{Label: t.Role, Value: []part{{Text: role}}})
		}
		m.Keep = t.Keep

	case KindClassroomInvite:
		role, err := classroomRole(t, d.ClassroomRole)
		if err != nil {
			return nil, err
		}
		subject, m.Heading, m.Action, m.Button = t.ClassSubject, t.ClassHeading, t.ClassAction, t.ClassButton
		m.Intro = expand(t.ClassIntro, vars)
		if org == "" {
			subject = t.ClassSubjectNoOrg
			m.Intro = expand(t.ClassIntroNoOrg, vars)
		}
		m.BoxTitle = org
		if role != "" {
			m.Details = append(m.Details, detail{Label: t.Role, Value: []part{{Text: role}}})
		}
		var courses []string
		for _, c := range d.Courses {
			if c = oneLine(c); c != "" {
				courses = append(courses, c)
			}
		}
		if len(courses) > 0 {
			m.Details = append(m.Details, detail{Label: t.ClassCourses, Items: courses})
		}
		m.Keep = t.Keep

	case KindDeletionOutcome:
		if d.Approved {
			subject, m.Heading, m.Note = t.DelSubjectApproved, t.DelHeadingApproved, t.DelNoteApproved
			m.Intro = expand(t.DelIntroApproved, vars)
			if org == "" {
				m.Intro = expand(t.DelIntroApprovedNoOrg, vars)
			}
		} else {
			subject, m.Heading, m.Note = t.DelSubjectDeclined, t.DelHeadingDeclined, t.DelNoteDeclined
			m.Intro = expand(t.DelIntroDeclined, vars)
			if org == "" {
				m.Intro = expand(t.DelIntroDeclinedNoOrg, vars)
			}
		}
		m.BoxTitle = org
		if !d.RequestedAt.IsZero() {
			m.Details = append(m.Details, detail{Label: t.DelRequested, Value: []part{{Text: ds.date(d.RequestedAt.In(loc), false)}}})
		}
		if reason := oneLine(d.Reason); !d.Approved && reason != "" {
			m.Details = append(m.Details, detail{Label: t.DelReason, Value: []part{{Text: reason, Isolate: true}}})
		}
		if m.Link != "" {
			m.Action, m.Button = t.DelContactAction, t.DelContactButton
		}

	case KindExportReady:
		subject, m.Heading, m.Button, m.Keep = t.ExportSubject, t.ExportHeading, t.ExportButton, t.ExportKeep
		m.Intro = expand(t.ExportIntro, vars)
		m.BoxTitle = export
		if d.RowCount >= 0 {
			m.Details = append(m.Details, detail{Label: t.ExportRows, Value: []part{{Text: l.numbers.format(d.RowCount)}}})
		}
		if org != "" {
			m.Details = append(m.Details, detail{Label: t.Organisation, Value: vars["org"]})
		}
	}
	m.Subject = oneLine(joinText(expand(subject, vars)))
	return m, nil
}

// eventRole picks the sentence for the person's extra roles in an event, or "".
func eventRole(d Data, speaker, moderator, both string) string {
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

// staffRole is the translated name of a console role; "" for none.
func staffRole(t *texts, role string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(role)) {
	case "":
		return "", nil
	case "owner":
		return t.StaffOwner, nil
	case "admin":
		return t.StaffAdmin, nil
	case "organizer":
		return t.StaffOrganizer, nil
	case "classroom_admin":
		return t.StaffClassroomAdmin, nil
	case "support":
		return t.StaffSupport, nil
	}
	return "", fmt.Errorf("%w: staff role %q", ErrUnknownRole, role)
}

// classroomRole is the translated name of a classroom role; "" for none.
func classroomRole(t *texts, role string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(role)) {
	case "":
		return "", nil
	case "student":
		return t.ClassStudent, nil
	case "instructor":
		return t.ClassInstructor, nil
	case "admin":
		return t.ClassAdmin, nil
	}
	return "", fmt.Errorf("%w: classroom role %q", ErrUnknownRole, role)
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
	details = append(details, m.BoxTitle)
	for _, d := range m.Details {
		if d.Items != nil {
			details = append(details, d.Label+strings.TrimRight(m.Colon, " "))
			for _, it := range d.Items {
				details = append(details, "- "+it)
			}
			continue
		}
		details = append(details, d.Label+m.Colon+joinText(d.Value))
	}
	blocks := [][]string{
		{joinText(m.Greeting)},
		{joinText(m.Intro), m.Note},
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
