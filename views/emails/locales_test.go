package emails

import (
	"errors"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// loanwords are the few English messages that other languages legitimately
// write the same way ("Organisation" in German, French, Danish and Swedish).
var loanwords = map[string]bool{"Organisation": true, "Admin": true, "Support": true}

// catalog parses one message file the way the bundle does and returns its
// messages by id.
func catalog(t *testing.T, code string) map[string]string {
	t.Helper()
	name := "locales/" + code + ".json"
	buf, err := fs.ReadFile(localeFiles, name)
	if err != nil {
		t.Fatalf("%s: %v", code, err)
	}
	mf, err := i18n.ParseMessageFileBytes(buf, name, nil)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if mf.Tag != language.Make(code) {
		t.Errorf("%s: parsed as language %s", name, mf.Tag)
	}
	msgs := map[string]string{}
	for _, m := range mf.Messages {
		if _, dup := msgs[m.ID]; dup {
			t.Errorf("%s: %s twice", name, m.ID)
		}
		if m.Zero+m.One+m.Two+m.Few+m.Many != "" {
			t.Errorf("%s: %s has plural forms; the emails use none", name, m.ID)
		}
		msgs[m.ID] = m.Other
	}
	return msgs
}

var placeholder = regexp.MustCompile(`\{[^}]*\}`)

// placeholders lists a sentence's {placeholders}, sorted, repeats kept.
func placeholders(s string) string {
	p := placeholder.FindAllString(s, -1)
	sort.Strings(p)
	return strings.Join(p, ",")
}

// TestTranslationsComplete: there is one message file per language of
// PRODUCT.md §6; every file has exactly the messages English has, none empty,
// with the same placeholders; the messages are exactly those the emails read;
// and every language knows every weekday and month it writes.
func TestTranslationsComplete(t *testing.T) {
	t.Parallel()
	files, err := fs.Glob(localeFiles, "locales/*")
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, f := range files {
		codes = append(codes, strings.TrimSuffix(strings.TrimPrefix(f, "locales/"), ".json"))
	}
	if want := slices.Sorted(slices.Values(allLangs)); !slices.Equal(slices.Sorted(slices.Values(codes)), want) {
		t.Fatalf("message files %v, want one per language %v", codes, want)
	}
	if len(languages) != len(allLangs) || len(supported) != len(allLangs) {
		t.Fatalf("%d languages, want %d", len(languages), len(allLangs))
	}

	en := catalog(t, "en")
	ids := messageIDs()
	for _, id := range ids {
		if _, ok := en[id]; !ok {
			t.Errorf("en: %s, which the emails read, is missing", id)
		}
	}
	for id := range en {
		if !slices.Contains(ids, id) {
			t.Errorf("en: %s is not read by any email", id)
		}
	}

	for _, code := range allLangs {
		msgs := catalog(t, code)
		for id := range en {
			if _, ok := msgs[id]; !ok {
				t.Errorf("%s: %s is missing", code, id)
			}
		}
		same := 0
		for id, s := range msgs {
			want, ok := en[id]
			if !ok {
				t.Errorf("%s: %s is not an English message", code, id)
				continue
			}
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s: %s is empty", code, id)
			}
			if strings.ContainsAny(s, "\r\n\u2028\u2029") {
				t.Errorf("%s: %s has a line break", code, id)
			}
			if strings.Contains(s, "{{") {
				t.Errorf("%s: %s is a Go template; the emails use {placeholders}", code, id)
			}
			if got, want := placeholders(s), placeholders(want); got != want {
				t.Errorf("%s: %s has placeholders %q, want %q", code, id, got, want)
			}
			if code != "en" && s == want && !loanwords[s] {
				same++
				t.Logf("%s: %s left in English: %q", code, id, s)
			}
		}
		if same > 0 {
			t.Errorf("%s: %d sentences left in English", code, same)
		}

		l, ok := languages[code]
		if !ok {
			t.Errorf("%s: not loaded", code)
			continue
		}
		if l.code != code || l.t == nil {
			t.Errorf("%s: loaded as %q", code, l.code)
		}
		ds := l.dates
		for i, w := range ds.weekdays {
			if w == "" {
				t.Errorf("%s: weekday %d missing", code, i)
			}
		}
		if strings.Contains(ds.full+ds.short, "{M}") {
			for i, m := range ds.months {
				if m == "" {
					t.Errorf("%s: month %d missing", code, i+1)
				}
			}
		}
		if ds.clockSep == "" || ds.at == "" || !strings.Contains(ds.full, "{W}") || strings.Contains(ds.short, "{W}") {
			t.Errorf("%s: incomplete date style", code)
		}
		if l.numbers.group == "" {
			t.Errorf("%s: no thousands separator", code)
		}
	}
}

// TestMissingMessageRefused: a language lacking a message is refused as a
// whole when the texts are loaded, rather than filled in with English.
func TestMissingMessageRefused(t *testing.T) {
	t.Parallel()
	en, err := fs.ReadFile(localeFiles, "locales/en.json")
	if err != nil {
		t.Fatal(err)
	}
	de, err := fs.ReadFile(localeFiles, "locales/de.json")
	if err != nil {
		t.Fatal(err)
	}
	// Drop the German login button.
	re := regexp.MustCompile(`\n\s*"login_link\.button": "[^"]*",?`)
	if !re.Match(de) {
		t.Fatal("de.json has no login_link.button")
	}
	broken := re.ReplaceAll(de, nil)
	b, err := loadBundle(fstest.MapFS{
		"locales/en.json": {Data: en},
		"locales/de.json": {Data: broken},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := resolve(b, language.German); err == nil || !strings.Contains(err.Error(), "login_link.button") {
		t.Errorf("a missing German message: %v", err)
	}
	if _, err := resolve(b, language.English); err != nil {
		t.Errorf("English: %v", err)
	}
	// A file that is not a message file is refused too.
	if _, err := loadBundle(fstest.MapFS{"locales/en.json": {Data: []byte(`"hello"`)}}); err == nil {
		t.Error("a bad message file loaded")
	}
}

// TestMatch: codes are matched to the closest supported language with
// golang.org/x/text/language; nothing close enough means English.
func TestMatch(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"en": "en", "EN": "en", "en-GB": "en", "en-US": "en", "de": "de", "de-AT": "de", "de_CH": "de",
		"es": "es-ES", "es-ES": "es-ES", "es-MX": "es-ES", "es-419": "es-ES",
		"pt": "pt-BR", "pt_br": "pt-BR", "pt-PT": "pt-BR", "pt-BR": "pt-BR",
		"zh": "zh-Hans", "zh-CN": "zh-Hans", "zh-Hans-CN": "zh-Hans", "zh-SG": "zh-Hans",
		"zh-TW": "zh-Hant", "zh-HK": "zh-Hant", "zh-MO": "zh-Hant", "zh-Hant": "zh-Hant", "zh-hant-hk": "zh-Hant",
		"fr": "fr", "fr-CH": "fr", "fr-BE": "fr", "fr-CA": "fr-CA", "fr-ca": "fr-CA",
		"ar": "ar", "ar-EG": "ar", "sr": "sr", "sv-FI": "sv", "ja-JP": "ja", "ko-KR": "ko", "it-CH": "it",
		"nl-BE": "nl", "ru-RU": "ru", "fi-FI": "fi", "ca-ES": "ca", "da-DK": "da",
		"": "en", "xx": "en", "he": "en", "uk": "en", "pl": "en", "tlh-Latn": "en", "und": "en",
		" ja ": "ja", "de-XX": "de", "not a tag": "en",
	} {
		got, rtl := Match(in)
		if got != want {
			t.Errorf("Match(%q) = %s, want %s", in, got, want)
		}
		if rtl != (want == "ar") {
			t.Errorf("Match(%q): rtl=%v", in, rtl)
		}
	}
	for _, code := range allLangs {
		if got, _ := Match(code); got != code {
			t.Errorf("Match(%q) = %s", code, got)
		}
	}
}

// english are the English sentences' words around placeholders, long
// enough to be English and not a loanword.
func english(t *testing.T) []string {
	var out []string
	for _, s := range catalog(t, "en") {
		for _, chunk := range placeholder.Split(s, -1) {
			if c := strings.TrimSpace(chunk); len(c) >= 8 && !loanwords[c] {
				out = append(out, c)
			}
		}
	}
	return out
}

// variants are data for every branch of every kind.
func variants(kind Kind) []Data {
	d := Sample(kind, "https://roster.example")
	out := []Data{d}
	switch kind {
	case KindInvitation, KindRegistration, KindConfirmEmail, KindLoginLink:
		e := sample()
		e.Speaker = true
		f := sample()
		f.Organisation, f.PersonName, f.Moderator = "", "", true
		out = []Data{e, f}
	case KindStaffInvite:
		for _, r := range []string{"owner", "admin", "organizer", "classroom_admin", "support"} {
			e := d
			e.StaffRole = r
			out = append(out, e)
		}
		e := d
		e.InviterName, e.PersonName = "", ""
		out = append(out, e)
	case KindClassroomInvite:
		for _, r := range []string{"student", "instructor", "admin"} {
			e := d
			e.ClassroomRole = r
			out = append(out, e)
		}
		e := d
		e.Organisation, e.Courses = "", nil
		out = append(out, e)
	case KindDeletionOutcome:
		e := d
		e.Approved, e.Link = true, "https://roster.example/contact"
		f := d
		f.Organisation, f.Link = "", "https://roster.example/contact"
		g := e
		g.Organisation = ""
		out = append(out, e, f, g)
	case KindExportReady:
		e := d
		e.Organisation = "Acme Events"
		out = append(out, e)
	}
	return out
}

// TestNoMixedLanguages: a translated email of any kind carries no English
// sentence, and an untranslated language gets the English email as a whole.
func TestNoMixedLanguages(t *testing.T) {
	t.Parallel()
	en := english(t)
	for _, lang := range allLangs[1:] {
		for _, kind := range Kinds {
			for _, d := range variants(kind) {
				d.Lang = lang
				r := render(t, kind, d)
				for _, e := range en {
					for name, s := range map[string]string{"subject": r.subject, "text": r.text, "html": r.doc.Text()} {
						if strings.Contains(s, e) {
							t.Errorf("%s %s %s holds English %q", lang, kind, name, e)
						}
					}
				}
			}
		}
	}
	for _, kind := range Kinds {
		d := Sample(kind, "https://roster.example")
		want := render(t, kind, d)
		for _, lang := range []string{"xx", "", "tlh-Latn", "he", "uk"} {
			d.Lang, d.RTL = lang, true
			r := render(t, kind, d)
			if r.subject != want.subject || r.text != want.text {
				t.Errorf("%s %q: not the English email: %q", kind, lang, r.subject)
			}
			if dir, _ := r.doc.Find("html").Attr("dir"); dir != "ltr" {
				t.Errorf("%s %q: English email with dir=%q", kind, lang, dir)
			}
		}
	}
}

// TestUnknownRole is an error, not a blank.
func TestUnknownRole(t *testing.T) {
	t.Parallel()
	d := Sample(KindStaffInvite, "")
	d.StaffRole = "superuser"
	if _, _, _, err := Render(t.Context(), KindStaffInvite, d); !errors.Is(err, ErrUnknownRole) {
		t.Errorf("staff role: %v", err)
	}
	d = Sample(KindClassroomInvite, "")
	d.ClassroomRole = "owner"
	if _, _, _, err := Render(t.Context(), KindClassroomInvite, d); !errors.Is(err, ErrUnknownRole) {
		t.Errorf("classroom role: %v", err)
	}
}
