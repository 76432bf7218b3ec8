package emails

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// The sentences of every email live in go-i18n message files, one per
// language: locales/<BCP 47 code>.json, a flat object of message id →
// sentence. Placeholders are written {name}, {event}, {org}, {inviter},
// {export} and {date}; expand puts the values in (go-i18n treats a message
// as a Go template only when it contains "{{", which none does). Every
// language has every message English has, with the same placeholders (a test
// checks), and init refuses to start if a message cannot be resolved in a
// language, so an email is never half translated.
//
//go:embed locales/*.json
var localeFiles embed.FS

// texts holds every sentence of every email in one language: the typed view
// of the language's message file, filled from the bundle at init. The i18n
// tag of each field is its message id.
type texts struct {
	Hello        string `i18n:"common.hello"`
	HelloName    string `i18n:"common.hello_name"` // {name}
	When         string `i18n:"common.when"`       // labels in the details box
	Organiser    string `i18n:"common.organiser"`
	Organisation string `i18n:"common.organisation"`
	Role         string `i18n:"common.role"`
	Expires      string `i18n:"common.expires"` // {date}
	Copy         string `i18n:"common.copy"`    // above the bare link under the button (HTML only)
	Keep         string `i18n:"common.keep"`    // don't share a link that signs you in
	Ignore       string `i18n:"common.ignore"`  // footer

	InvSubject      string `i18n:"invitation.subject"`
	InvSubjectNoOrg string `i18n:"invitation.subject_no_org"`
	InvHeading      string `i18n:"invitation.heading"`
	InvIntro        string `i18n:"invitation.intro"`
	InvIntroNoOrg   string `i18n:"invitation.intro_no_org"`
	InvAction       string `i18n:"invitation.action"`
	InvButton       string `i18n:"invitation.button"`
	AsSpeaker       string `i18n:"invitation.as_speaker"` // invitation: the extra role
	AsModerator     string `i18n:"invitation.as_moderator"`
	AsBoth          string `i18n:"invitation.as_both"`

	RegSubject    string `i18n:"registration.subject"`
	RegHeading    string `i18n:"registration.heading"`
	RegIntro      string `i18n:"registration.intro"`
	RegAction     string `i18n:"registration.action"`
	RegButton     string `i18n:"registration.button"`
	RoleSpeaker   string `i18n:"registration.role_speaker"` // registration: the extra role
	RoleModerator string `i18n:"registration.role_moderator"`
	RoleBoth      string `i18n:"registration.role_both"`

	ConfSubject string `i18n:"confirm_email.subject"`
	ConfHeading string `i18n:"confirm_email.heading"`
	ConfIntro   string `i18n:"confirm_email.intro"`
	ConfAction  string `i18n:"confirm_email.action"`
	ConfButton  string `i18n:"confirm_email.button"`

	LoginSubject string `i18n:"login_link.subject"`
	LoginHeading string `i18n:"login_link.heading"`
	LoginIntro   string `i18n:"login_link.intro"`
	LoginButton  string `i18n:"login_link.button"`

	StaffSubject          string `i18n:"staff_invite.subject"` // {inviter} {org}
	StaffSubjectNoInviter string `i18n:"staff_invite.subject_no_inviter"`
	StaffHeading          string `i18n:"staff_invite.heading"`
	StaffIntro            string `i18n:"staff_invite.intro"`
	StaffIntroNoInviter   string `i18n:"staff_invite.intro_no_inviter"`
	StaffAction           string `i18n:"staff_invite.action"`
	StaffButton           string `i18n:"staff_invite.button"`
	StaffOwner            string `i18n:"staff_role.owner"`
	StaffAdmin            string `i18n:"staff_role.admin"`
	StaffOrganizer        string `i18n:"staff_role.organizer"`
	StaffClassroomAdmin   string `i18n:"staff_role.classroom_admin"`
	StaffSupport          string `i18n:"staff_role.support"`

	ClassSubject      string `i18n:"classroom_invite.subject"`
	ClassSubjectNoOrg string `i18n:"classroom_invite.subject_no_org"`
	ClassHeading      string `i18n:"classroom_invite.heading"`
	ClassIntro        string `i18n:"classroom_invite.intro"`
	ClassIntroNoOrg   string `i18n:"classroom_invite.intro_no_org"`
	ClassCourses      string `i18n:"classroom_invite.courses"`
	ClassAction       string `i18n:"classroom_invite.action"`
	ClassButton       string `i18n:"classroom_invite.button"`
	ClassStudent      string `i18n:"classroom_role.student"`
	ClassInstructor   string `i18n:"classroom_role.instructor"`
	ClassAdmin        string `i18n:"classroom_role.admin"`

	DelSubjectApproved    string `i18n:"deletion_outcome.subject_approved"`
	DelSubjectDeclined    string `i18n:"deletion_outcome.subject_declined"`
	DelHeadingApproved    string `i18n:"deletion_outcome.heading_approved"`
	DelHeadingDeclined    string `i18n:"deletion_outcome.heading_declined"`
	DelIntroApproved      string `i18n:"deletion_outcome.intro_approved"`
	DelIntroApprovedNoOrg string `i18n:"deletion_outcome.intro_approved_no_org"`
	DelIntroDeclined      string `i18n:"deletion_outcome.intro_declined"`
	DelIntroDeclinedNoOrg string `i18n:"deletion_outcome.intro_declined_no_org"`
	DelNoteApproved       string `i18n:"deletion_outcome.note_approved"`
	DelNoteDeclined       string `i18n:"deletion_outcome.note_declined"`
	DelRequested          string `i18n:"deletion_outcome.requested"`
	DelReason             string `i18n:"deletion_outcome.reason"`
	DelContactAction      string `i18n:"deletion_outcome.contact_action"`
	DelContactButton      string `i18n:"deletion_outcome.contact_button"`

	ExportSubject string `i18n:"export_ready.subject"` // {export}
	ExportHeading string `i18n:"export_ready.heading"`
	ExportIntro   string `i18n:"export_ready.intro"`
	ExportRows    string `i18n:"export_ready.rows"`
	ExportButton  string `i18n:"export_ready.button"`
	ExportKeep    string `i18n:"export_ready.keep"`
}

// locale is one language: its texts and its way of writing dates and numbers.
type locale struct {
	code    string
	tag     language.Tag
	rtl     bool
	colon   string // between a label and its value
	t       *texts
	dates   *dateStyle
	numbers numberStyle
}

// supported are the languages of PRODUCT.md §6, English first (the
// fallback). Their message files are locales/<code>.json.
var supported = []*locale{
	{code: "en", dates: &enDates, numbers: numberStyle{group: ","}},
	{code: "de", dates: &deDates, numbers: numberStyle{group: "."}},
	{code: "fr", dates: &frDates, numbers: numberStyle{group: "\u202f"}, colon: "\u00a0: "},
	{code: "es-ES", dates: &esDates, numbers: numberStyle{group: ".", minGroup: 2}},
	{code: "nl", dates: &nlDates, numbers: numberStyle{group: "."}},
	{code: "ru", dates: &ruDates, numbers: numberStyle{group: "\u00a0"}},
	{code: "pt-BR", dates: &ptBRDates, numbers: numberStyle{group: "."}},
	{code: "ja", dates: &jaDates, numbers: numberStyle{group: ","}, colon: "："},
	{code: "zh-Hans", dates: &zhDates, numbers: numberStyle{group: ","}, colon: "："},
	{code: "zh-Hant", dates: &zhDates, numbers: numberStyle{group: ","}, colon: "："},
	{code: "fi", dates: &fiDates, numbers: numberStyle{group: "\u00a0"}},
	{code: "it", dates: &itDates, numbers: numberStyle{group: "."}},
	{code: "fr-CA", dates: &frCADates, numbers: numberStyle{group: "\u00a0"}, colon: "\u00a0: "},
	{code: "ko", dates: &koDates, numbers: numberStyle{group: ","}},
	{code: "ar", rtl: true, dates: &arDates, numbers: numberStyle{group: ","}},
	{code: "ca", dates: &caDates, numbers: numberStyle{group: "."}},
	{code: "da", dates: &daDates, numbers: numberStyle{group: "."}},
	{code: "sr", dates: &srDates, numbers: numberStyle{group: "."}},
	{code: "sv", dates: &svDates, numbers: numberStyle{group: "\u00a0"}},
}

var (
	// bundle holds every message file.
	bundle *i18n.Bundle
	// languages are the supported languages by code.
	languages = map[string]*locale{}
	// matcher picks the supported language closest to a requested one.
	matcher language.Matcher
)

func init() {
	var err error
	bundle, err = loadBundle(localeFiles)
	if err != nil {
		panic(err)
	}
	tags := make([]language.Tag, len(supported))
	for i, l := range supported {
		l.tag = language.MustParse(l.code)
		if l.colon == "" {
			l.colon = ": "
		}
		if l.t, err = resolve(bundle, l.tag); err != nil {
			panic(err)
		}
		tags[i] = l.tag
		languages[l.code] = l
	}
	matcher = language.NewMatcher(tags)
}

// loadBundle reads every message file of fsys's locales directory into a
// bundle whose default language is English.
func loadBundle(fsys fs.FS) (*i18n.Bundle, error) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	names, err := fs.Glob(fsys, "locales/*.json")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		buf, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		if _, err := b.ParseMessageFileBytes(buf, name); err != nil {
			return nil, fmt.Errorf("emails: %s: %w", path.Base(name), err)
		}
	}
	return b, nil
}

// resolve fills a language's texts from the bundle. A message missing in the
// language is an error, never a silent English fallback: go-i18n would fall
// back to the default language, which the tag it reports gives away.
func resolve(b *i18n.Bundle, tag language.Tag) (*texts, error) {
	loc := i18n.NewLocalizer(b, tag.String())
	t := new(texts)
	v := reflect.ValueOf(t).Elem()
	for i := range v.NumField() {
		id := v.Type().Field(i).Tag.Get("i18n")
		s, got, err := loc.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: id})
		if err != nil || got != tag || strings.TrimSpace(s) == "" {
			return nil, fmt.Errorf("emails: message %q missing in locales/%s.json (%v)", id, tag, err)
		}
		v.Field(i).SetString(s)
	}
	return t, nil
}

// messageIDs are the message ids texts reads, in field order.
func messageIDs() []string {
	t := reflect.TypeFor[texts]()
	ids := make([]string, t.NumField())
	for i := range ids {
		ids[i] = t.Field(i).Tag.Get("i18n")
	}
	return ids
}

// lookup finds the language an email is written in for a requested code:
// the closest supported language by golang.org/x/text/language matching
// ("pt-PT" → pt-BR, "zh-TW" → zh-Hant, "es-MX" → es-ES, "fr-CH" → fr), and
// English for anything it cannot match.
func lookup(code string) *locale {
	code = strings.ReplaceAll(strings.TrimSpace(code), "_", "-")
	if code == "" {
		return supported[0]
	}
	tag, err := language.Parse(code)
	if err != nil {
		// A well-formed tag with an unknown subtag ("de-XX"): try the language alone.
		base, _, _ := strings.Cut(code, "-")
		if tag, err = language.Parse(base); err != nil {
			return supported[0]
		}
	}
	_, i, conf := matcher.Match(tag)
	if conf == language.No {
		return supported[0]
	}
	return supported[i]
}

// Match returns the BCP 47 code of the language an email for the requested
// language code is written in (one of the 19 supported, English when nothing
// matches) and whether that language is written right to left.
func Match(code string) (tag string, rtl bool) {
	l := lookup(code)
	return l.code, l.rtl
}
