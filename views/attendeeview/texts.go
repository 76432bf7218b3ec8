package attendeeview

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strings"
)

// The attendee pages speak the person's language: every sentence lives in
// locales/<BCP 47 code>.json (the 19 languages of internal/i18n), a flat
// object of message id → sentence with {placeholders}. Every language has
// every message English has, with the same placeholders (a test checks, and
// init refuses to start otherwise), so a page is never half translated.
//
//go:embed locales/*.json
var localeFiles embed.FS

// Texts is every sentence of the attendee pages in one language; the t tag
// of each field is its message id.
type Texts struct {
	// Lang is the language's code; RTL says it is written right to left.
	Lang string
	RTL  bool

	LandingHello     string `t:"landing.hello"`
	LandingHelloName string `t:"landing.hello_name"`
	LandingIntro     string `t:"landing.intro"`
	LandingContinue  string `t:"landing.continue"`
	LandingNote      string `t:"landing.note"`

	LobbyKicker            string `t:"lobby.kicker"`
	LobbyTimesIn           string `t:"lobby.times_in"`
	LobbyTimesLocal        string `t:"lobby.times_local"`
	LobbyBefore            string `t:"lobby.before"`
	LobbyDuring            string `t:"lobby.during"`
	LobbyAfter             string `t:"lobby.after"`
	LobbySessions          string `t:"lobby.sessions"`
	LobbyNoSessions        string `t:"lobby.no_sessions"`
	LobbyLive              string `t:"lobby.live"`
	LobbyJoin              string `t:"lobby.join"`
	LobbyJoined            string `t:"lobby.joined"`
	LobbyChat              string `t:"lobby.chat"`
	LobbyChatBlocked       string `t:"lobby.chat_blocked"`
	LobbyChatOpen          string `t:"lobby.chat_open"`
	LobbyChatTerms         string `t:"lobby.chat_terms"`
	LobbyChatJoin          string `t:"lobby.chat_join"`
	LobbyUnregister        string `t:"lobby.unregister"`
	LobbyUnregisterConfirm string `t:"lobby.unregister_confirm"`
	LobbyUnregisterButton  string `t:"lobby.unregister_button"`
	LobbySignedIn          string `t:"lobby.signed_in"`
	LobbySignOut           string `t:"lobby.sign_out"`

	GoneHeading string `t:"gone.heading"`
	GoneBody    string `t:"gone.body"`

	LoginKicker   string `t:"login.kicker"`
	LoginSent     string `t:"login.sent"`
	LoginEmail    string `t:"login.email"`
	LoginSend     string `t:"login.send"`
	LoginBadEmail string `t:"login.bad_email"`

	RegisterKicker      string `t:"register.kicker"`
	RegisterConfirmSent string `t:"register.confirm_sent"`
	RegisterFirstName   string `t:"register.first_name"`
	RegisterLastName    string `t:"register.last_name"`
	RegisterTitle       string `t:"register.title"`
	RegisterCompany     string `t:"register.company"`
	RegisterLanguage    string `t:"register.language"`
	RegisterConsent     string `t:"register.consent"`
	RegisterSubmit      string `t:"register.submit"`
	RegisterRequired    string `t:"register.required"`
	RegisterTooLong     string `t:"register.too_long"`
	RegisterBadLanguage string `t:"register.bad_language"`
	RegisterNeedConsent string `t:"register.need_consent"`

	PasswordKicker    string `t:"password.kicker"`
	PasswordIntro     string `t:"password.intro"`
	PasswordEmail     string `t:"password.email"`
	PasswordNew       string `t:"password.new"`
	PasswordHint      string `t:"password.hint"`
	PasswordRepeat    string `t:"password.repeat"`
	PasswordSubmit    string `t:"password.submit"`
	PasswordTooShort  string `t:"password.too_short"`
	PasswordTooLong   string `t:"password.too_long"`
	PasswordHasEmail  string `t:"password.has_email"`
	PasswordGuessable string `t:"password.guessable"`
	PasswordMismatch  string `t:"password.mismatch"`

	SigninSignedOut string `t:"signin.signed_out"`
	SigninPassword  string `t:"signin.password"`
	SigninSubmit    string `t:"signin.submit"`
	SigninFirstTime string `t:"signin.first_time"`
	SigninWrong     string `t:"signin.wrong"`
	SigninMissing   string `t:"signin.missing"`

	RefusedHeading string `t:"refused.heading"`
	RefusedBlocked string `t:"refused.blocked"`

	ProblemGoneHeading    string `t:"problem.gone_heading"`
	ProblemGone           string `t:"problem.gone"`
	ProblemSigninHeading  string `t:"problem.signin_heading"`
	ProblemSignin         string `t:"problem.signin"`
	ProblemToomanyHeading string `t:"problem.toomany_heading"`
	ProblemToomany        string `t:"problem.toomany"`

	SigninForgot        string `t:"signin.forgot"`
	SigninForgotIntro   string `t:"signin.forgot_intro"`
	PasswordResetKicker string `t:"password.reset_kicker"`
	PasswordKeep        string `t:"password.keep"`
}

// rtl lists the languages written right to left.
var rtl = map[string]bool{"ar": true}

var catalogs = func() map[string]*Texts {
	out, err := loadCatalogs(localeFiles)
	if err != nil {
		panic(err)
	}
	return out
}()

var placeholder = regexp.MustCompile(`\{[a-z]+\}`)

// loadCatalogs reads every message file and checks it against English.
func loadCatalogs(fsys fs.FS) (map[string]*Texts, error) {
	files, err := fs.Glob(fsys, "locales/*.json")
	if err != nil {
		return nil, err
	}
	raw := map[string]map[string]string{}
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("attendeeview: %s: %w", f, err)
		}
		raw[strings.TrimSuffix(path.Base(f), ".json")] = m
	}
	en, ok := raw["en"]
	if !ok {
		return nil, fmt.Errorf("attendeeview: no English catalog")
	}
	out := map[string]*Texts{}
	for lang, m := range raw {
		t := &Texts{Lang: lang, RTL: rtl[lang]}
		v := reflect.ValueOf(t).Elem()
		for i := range v.NumField() {
			id := v.Type().Field(i).Tag.Get("t")
			if id == "" {
				continue
			}
			s, ok := m[id]
			if !ok || strings.TrimSpace(s) == "" {
				return nil, fmt.Errorf("attendeeview: %s lacks %s", lang, id)
			}
			if got, want := placeholders(s), placeholders(en[id]); got != want {
				return nil, fmt.Errorf("attendeeview: %s %s has placeholders %s, English %s", lang, id, got, want)
			}
			v.Field(i).SetString(s)
		}
		for id := range m {
			if _, ok := en[id]; !ok {
				return nil, fmt.Errorf("attendeeview: %s has %s, which English has not", lang, id)
			}
		}
		out[lang] = t
	}
	return out, nil
}

func placeholders(s string) string {
	ps := placeholder.FindAllString(s, -1)
	sort.Strings(ps)
	return strings.Join(ps, " ")
}

// For returns the sentences of a language code (as internal/i18n spells
// it), English when there is no such catalog.
func For(code string) *Texts {
	if t, ok := catalogs[code]; ok {
		return t
	}
	return catalogs["en"]
}

// Languages lists the codes of the catalogs.
func Languages() []string {
	out := make([]string, 0, len(catalogs))
	for k := range catalogs {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Fill puts values into a sentence's placeholders: Fill(s, "name", "Jane").
func Fill(s string, kv ...string) string {
	for i := 0; i+1 < len(kv); i += 2 {
		s = strings.ReplaceAll(s, "{"+kv[i]+"}", kv[i+1])
	}
	return s
}

// Iso isolates a left-to-right value (an address, a date) inside a
// right-to-left sentence, so that its characters keep their order.
func (t *Texts) Iso(s string) string {
	if !t.RTL {
		return s
	}
	return "\u2068" + s + "\u2069"
}

// Dir is the page's writing direction ("rtl" or "ltr").
func (t *Texts) Dir() string {
	if t.RTL {
		return "rtl"
	}
	return "ltr"
}
