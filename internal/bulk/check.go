package bulk

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"
	"golang.org/x/text/language"

	"roster/internal/i18n"
	"roster/internal/people"
	"roster/internal/sheet"
)

// Column is a column of a bulk-invite file, named as in the template.
type Column string

// The columns of a bulk-invite file. ColBio is not in the template but is
// read when a file has it.
const (
	ColEmail     Column = "email"
	ColFirstName Column = "first_name"
	ColLastName  Column = "last_name"
	ColCompany   Column = "company"
	ColTitle     Column = "title"
	ColLanguage  Column = "language"
	ColRoles     Column = "roles"
	ColBio       Column = "bio"
)

// TemplateColumns are the template's columns, in order; the first three are
// mandatory.
var TemplateColumns = []Column{ColEmail, ColFirstName, ColLastName, ColCompany, ColTitle, ColLanguage, ColRoles}

// checkColumns is every column, in the order problems are listed.
var checkColumns = [...]Column{ColEmail, ColFirstName, ColLastName, ColCompany, ColTitle, ColBio, ColLanguage, ColRoles}

const (
	ciEmail = iota
	ciFirstName
	ciLastName
	ciCompany
	ciTitle
	ciBio
	ciLanguage
	ciRoles
)

var mandatoryColumns = []Column{ColEmail, ColFirstName, ColLastName}

// Mapping is where each known column is in the file's header.
type Mapping struct {
	Index   map[Column]int
	Unknown []string // header cells that match no column, as written (ignored, listed to the user)
}

// headerAliases maps a header key (see headerKey) to its column: English
// spellings first, then the usual German, French, Spanish and Dutch ones.
var headerAliases = func() map[string]Column {
	m := map[string]Column{}
	for col, keys := range map[Column][]string{
		ColEmail: {"email", "emailaddress", "emailaddr", "mail", "mailaddress", "emailid", "login", "loginemail",
			"useremail", "workemail", "businessemail", "emailadresse", "mailadresse", "courriel", "adresseemail",
			"adressemail", "adressecourriel", "correo", "correoelectronico", "emailadres"},
		ColFirstName: {"firstname", "first", "givenname", "forename", "fname", "vorname", "prenom", "nombre", "voornaam"},
		ColLastName: {"lastname", "last", "surname", "familyname", "lname", "nachname", "familienname", "nom",
			"nomdefamille", "apellido", "apellidos", "achternaam"},
		ColCompany: {"company", "companyname", "organisation", "organization", "organisationname", "organizationname",
			"org", "employer", "affiliation", "institution", "firma", "unternehmen", "entreprise", "societe", "empresa", "bedrijf"},
		ColTitle:    {"title", "jobtitle", "position", "jobposition", "function", "jobfunction", "titre", "poste", "funktion", "cargo", "functie"},
		ColLanguage: {"language", "languagecode", "lang", "locale", "preferredlanguage", "sprache", "langue", "idioma", "taal"},
		ColRoles:    {"roles", "role", "eventrole", "eventroles", "rolle", "rollen", "rol"},
		ColBio:      {"bio", "biography", "about", "speakerbio", "biographie", "biografia", "biografie"},
	} {
		for _, k := range keys {
			m[k] = col
		}
	}
	return m
}()

// headerKey reduces a header cell to the letters and digits that identify
// it: case, accents, spaces, punctuation and notes in parentheses go
// ("E-mail address*" → "emailaddress", "Role(s)" → "role").
func headerKey(h string) string {
	s := people.Fold(h)
	for {
		i := strings.IndexByte(s, '(')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			s = s[:i]
			break
		}
		s = s[:i] + s[i+j+1:]
	}
	return strings.Map(func(r rune) rune {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			return r
		}
		return -1
	}, s)
}

// MapHeader matches a header forgivingly (case, spaces, -, _, "E-mail",
// "Email address", "First name", "Given name", "Surname", "Last name",
// "Family name", "Organisation"/"Organization" → company, "Job title" →
// title, "Lang"/"Locale" → language, "Role(s)" …). A missing mandatory
// column, or a column given twice, is an error whose text names it in plain
// language, safe to show as it is. A "problem" column (from a problem file
// being uploaded again) is ignored without being listed.
func MapHeader(header []string) (Mapping, error) {
	m := Mapping{Index: map[Column]int{}}
	var msgs []string
	var fullName string
	for i, h := range header {
		if h == "" {
			continue
		}
		key := headerKey(h)
		col, ok := headerAliases[key]
		if !ok {
			switch key {
			case "problem":
				continue
			case "name", "fullname", "names", "participant", "attendee", "person":
				fullName = h
			}
			m.Unknown = append(m.Unknown, h)
			continue
		}
		if j, dup := m.Index[col]; dup {
			msgs = append(msgs, fmt.Sprintf("The columns %q (column %s) and %q (column %s) both hold the %s: keep only one of them.",
				header[j], columnLetter(j), h, columnLetter(i), columnLabel(col)))
			continue
		}
		m.Index[col] = i
	}
	var missing []string
	for _, col := range mandatoryColumns {
		if _, ok := m.Index[col]; !ok {
			missing = append(missing, strconv.Quote(string(col)))
		}
	}
	if len(missing) > 0 {
		msg := "The file has no " + joinWords(missing, "or") + " column. " +
			"Its first row must name the columns: email, first_name and last_name are required; company, title, language and roles are optional."
		if fullName != "" {
			msg += fmt.Sprintf(" The %q column cannot be used as it is: put first and last names in columns of their own.", fullName)
		}
		msgs = append([]string{msg}, msgs...)
	}
	if len(msgs) > 0 {
		return m, errors.New(strings.Join(msgs, " "))
	}
	return m, nil
}

// Row is a valid row, normalised (email trimmed, language as an i18n code
// — "" when blank, the caller then uses the event default —, roles parsed).
type Row struct {
	Line                                                      int
	Email, FirstName, LastName, Company, Title, Bio, Language string
	Speaker, Moderator                                        bool
}

// Outcome classifies a record for the flight plan: with the rows the caller
// finds already in the event, the outcomes add up to the file's rows.
type Outcome int

// The outcomes of a record.
const (
	OutcomeValid     Outcome = iota // will be invited (unless already in the event)
	OutcomeInvalid                  // has a problem that must be fixed
	OutcomeTypo                     // valid, but the email's domain looks like a typo
	OutcomeDuplicate                // its email is on an earlier row of the file
)

// String names the outcome.
func (o Outcome) String() string {
	switch o {
	case OutcomeValid:
		return "valid"
	case OutcomeInvalid:
		return "invalid"
	case OutcomeTypo:
		return "typo"
	case OutcomeDuplicate:
		return "duplicate"
	}
	return "Outcome(" + strconv.Itoa(int(o)) + ")"
}

// Problem is one problem of one record: Column "" for the whole row
// (structure).
type Problem struct {
	Line       int
	Column     Column
	Reason     string // plain language, e.g. `"Noël@example.com" contains "ë": email addresses must be plain ASCII.`
	Suggestion string // a corrected value when there is one (domain typos)
}

// Checker checks the records of one file in order; it remembers emails
// (lower-cased) to find duplicates. It is not safe for concurrent use.
type Checker struct {
	idx [len(checkColumns)]int // cell index of each column, -1 when absent
	// seen holds the first line of each email. Its key is 96 bits of two
	// independently seeded hashes of the lower-cased email rather than the
	// email itself: 16 bytes a slot, no allocation per row, and a false
	// duplicate needs a 96-bit collision (about n²/2⁹⁷: 10⁻¹⁷ for a million
	// rows).
	seen         map[[3]uint32]int32
	seedA, seedB maphash.Seed
	domains      map[string]domainVerdict // cache of the domain typo check
	languages    map[string]languageVerdict
}

// maxCachedDomains bounds the domain cache; past it, domains are checked
// every time.
const maxCachedDomains = 4096

// NewChecker returns a checker for a file with that mapping.
func NewChecker(m Mapping) *Checker {
	c := &Checker{
		seen:      map[[3]uint32]int32{},
		seedA:     maphash.MakeSeed(),
		seedB:     maphash.MakeSeed(),
		domains:   map[string]domainVerdict{},
		languages: map[string]languageVerdict{},
	}
	for k, col := range checkColumns {
		c.idx[k] = -1
		if i, ok := m.Index[col]; ok && i >= 0 {
			c.idx[k] = i
		}
	}
	return c
}

// Check returns the normalised row, the outcome and every problem of the
// record (all of them, not just the first). The row is meaningful when the
// outcome is OutcomeValid; it is also filled for OutcomeTypo, and for
// OutcomeDuplicate when the duplicate has no other problem. A duplicate
// names the earlier line ("also on line 4"); the first occurrence stays
// valid (an email is remembered from the first row where it is a valid
// address, whatever that row's other problems). A record with a structural
// Problem is OutcomeInvalid, with that problem alone: its cells may be
// shifted. OutcomeTypo when the only problems are domain-typo suspicions;
// a duplicate with no other problem than a typo suspicion is
// OutcomeDuplicate.
//
// A cell that a problem file neutralised for spreadsheets ("'=…", see
// ProblemWriter) is read without the apostrophe.
func (c *Checker) Check(rec sheet.Record) (Row, Outcome, []Problem) {
	row := Row{Line: rec.Line}
	if rec.Problem != "" {
		return row, OutcomeInvalid, []Problem{{Line: rec.Line, Reason: rec.Problem}}
	}
	var cells [len(checkColumns)]string
	for k, i := range c.idx {
		if i >= 0 && i < len(rec.Cells) {
			cells[k] = unneutralise(rec.Cells[i])
		}
	}

	var probs []Problem
	var invalid, typo, dup bool
	add := func(col Column, reason, suggestion string) {
		probs = append(probs, Problem{Line: rec.Line, Column: col, Reason: reason, Suggestion: suggestion})
	}

	code, langOK := c.language(cells[ciLanguage])
	p, errs := people.Profile{
		Email:     cells[ciEmail],
		FirstName: cells[ciFirstName],
		LastName:  cells[ciLastName],
		Title:     cells[ciTitle],
		Company:   cells[ciCompany],
		Bio:       cells[ciBio],
		Language:  code,
	}.Validate()

	if msg, bad := errs[string(ColEmail)]; bad {
		invalid = true
		reason, suggestion := emailProblem(strings.TrimSpace(cells[ciEmail]), msg)
		add(ColEmail, reason, suggestion)
	} else {
		if prev, first := c.remember(p.Email, rec.Line); !first {
			dup = true
			add(ColEmail, fmt.Sprintf("%q is also on line %d: each person is invited once.", p.Email, prev), "")
		}
		if reason, suggestion := c.domainTypo(p.Email); reason != "" {
			typo = true
			add(ColEmail, reason, suggestion)
		}
	}
	for _, f := range [...]struct {
		k     int
		label string
		max   int
	}{
		{ciFirstName, "The first name", people.MaxNameLen},
		{ciLastName, "The last name", people.MaxNameLen},
		{ciCompany, "The company", people.MaxCompanyLen},
		{ciTitle, "The title", people.MaxTitleLen},
		{ciBio, "The bio", people.MaxBioLen},
	} {
		col := checkColumns[f.k]
		v := strings.TrimSpace(cells[f.k])
		if msg, bad := errs[string(col)]; bad {
			invalid = true
			if n := utf8.RuneCountInString(v); n > f.max {
				msg = fmt.Sprintf("%s is %s characters long; at most %s are allowed.", f.label, thousands(n), thousands(f.max))
			}
			add(col, msg, "")
		} else if msg := controlProblem(f.label, v, col == ColBio); msg != "" {
			invalid = true
			add(col, msg, "")
		}
	}
	if !langOK {
		invalid = true
		add(ColLanguage, fmt.Sprintf("%q is not a language Roster knows. Use a code such as \"de\" or \"pt-BR\", "+
			"or an English name such as \"German\"; leave it blank for the event's language.", cells[ciLanguage]), "")
	}
	speaker, moderator, unknown := parseRoles(cells[ciRoles])
	if len(unknown) > 0 {
		invalid = true
		for i, u := range unknown {
			unknown[i] = strconv.Quote(u)
		}
		verb := "is not a role"
		if len(unknown) > 1 {
			verb = "are not roles"
		}
		add(ColRoles, joinWords(unknown, "and")+" "+verb+". Use \"speaker\", \"moderator\" or both separated by \";\"; leave it blank for an attendee.", "")
	}
	// Any other rule Validate has, or will have.
	var other []string
	for k := range errs {
		switch Column(k) {
		case ColEmail, ColFirstName, ColLastName, ColCompany, ColTitle, ColBio:
		default:
			other = append(other, k)
		}
	}
	slices.Sort(other)
	for _, k := range other {
		invalid = true
		add(Column(k), errs[k], "")
	}

	outcome := OutcomeValid
	switch {
	case invalid:
		return row, OutcomeInvalid, probs
	case dup:
		outcome = OutcomeDuplicate
	case typo:
		outcome = OutcomeTypo
	}
	row.Email, row.FirstName, row.LastName = p.Email, p.FirstName, p.LastName
	row.Company, row.Title, row.Bio = p.Company, p.Title, p.Bio
	row.Language, row.Speaker, row.Moderator = code, speaker, moderator
	return row, outcome, probs
}

// remember records the first line of an email; for an email seen before it
// returns that line and false.
func (c *Checker) remember(email string, line int) (int, bool) {
	var buf [people.MaxEmailLen]byte
	b := buf[:0]
	for i := 0; i < len(email) && i < len(buf); i++ {
		ch := email[i]
		if 'A' <= ch && ch <= 'Z' {
			ch += 'a' - 'A'
		}
		b = append(b, ch)
	}
	h1, h2 := maphash.Bytes(c.seedA, b), maphash.Bytes(c.seedB, b)
	key := [3]uint32{uint32(h1), uint32(h1 >> 32), uint32(h2)}
	if prev, ok := c.seen[key]; ok {
		return int(prev), false
	}
	c.seen[key] = int32(min(line, math.MaxInt32))
	return 0, true
}

// unneutralise undoes the apostrophe that ProblemWriter puts before a cell
// a spreadsheet would take for a formula.
func unneutralise(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.IndexByte("=+-@", s[1]) >= 0 {
		return s[1:]
	}
	return s
}

// language looks a language cell up, through a small cache: a file holds
// few distinct spellings.
func (c *Checker) language(s string) (string, bool) {
	if s == "" {
		return "", true
	}
	if l, ok := c.languages[s]; ok {
		return l.code, l.ok
	}
	code, ok := lookupLanguage(s)
	if len(c.languages) < maxCachedLanguages {
		c.languages[strings.Clone(s)] = languageVerdict{code, ok}
	}
	return code, ok
}

// languageVerdict is a cached language lookup.
type languageVerdict struct {
	code string
	ok   bool
}

const maxCachedLanguages = 256

// languageTags are the supported languages as tags, for matching codes
// i18n.Lookup does not know ("de-AT", "es-MX", "zh-HK").
var languageTags = func() []language.Tag {
	tags := make([]language.Tag, len(i18n.Languages))
	for i, l := range i18n.Languages {
		tags[i] = language.MustParse(l.Code)
	}
	return tags
}()

var languageMatcher = language.NewMatcher(languageTags)

// lookupLanguage finds the language of a cell: "" for a blank cell; an
// i18n code for what i18n.Lookup knows (codes, English and native names);
// else, for a BCP 47 code, the supported language of the same base language
// ("de-AT" → de, "pt-PT" → pt-BR, "zh-HK" → zh-Hant) — never a neighbour
// ("nb" is not Danish).
func lookupLanguage(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	if l, ok := i18n.Lookup(s); ok {
		return l.Code, true
	}
	tag, err := language.Parse(strings.ReplaceAll(s, "_", "-"))
	if err != nil {
		return "", false
	}
	_, i, conf := languageMatcher.Match(tag)
	base, _ := tag.Base()
	matched, _ := languageTags[i].Base()
	if conf == language.No || base != matched {
		return "", false
	}
	return i18n.Languages[i].Code, true
}

// parseRoles reads a roles cell: "speaker", "moderator", both, any case,
// separated by ";" (or ",", "|", "/", "&", "+", "and", spaces); blank, or
// "attendee", means an attendee only. Unknown words are returned as written.
func parseRoles(s string) (speaker, moderator bool, unknown []string) {
	switch strings.ToLower(s) {
	case "":
		return false, false, nil
	case "speaker":
		return true, false, nil
	case "moderator":
		return false, true, nil
	}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune(";,|/&+", r) || unicode.IsSpace(r)
	}) {
		switch strings.ToLower(w) {
		case "speaker", "speakers":
			speaker = true
		case "moderator", "moderators":
			moderator = true
		case "attendee", "attendees", "participant", "participants", "and":
		default:
			unknown = append(unknown, w)
		}
	}
	return speaker, moderator, unknown
}

// controlProblem reports a line break or other control character in a
// one-line field (a bio may hold line breaks and tabs).
func controlProblem(label, v string, multiline bool) string {
	clean := true
	for i := 0; i < len(v) && clean; i++ {
		// Controls are below 0x20 or 0x7F; C1 controls start with 0xC2 and
		// the line and paragraph separators with 0xE2 in UTF-8.
		b := v[i]
		clean = b >= 0x20 && b != 0x7F && b != 0xC2 && b != 0xE2
	}
	if clean {
		return ""
	}
	for _, r := range v {
		switch {
		case multiline && (r == '\n' || r == '\r' || r == '\t'):
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			return label + " contains a line break."
		case r < 0x20 || (r >= 0x7F && r < 0xA0):
			return fmt.Sprintf("%s contains an invisible control character (U+%04X).", label, r)
		}
	}
	return ""
}

// ---- email reasons ----

// emailProblem explains why ValidateEmail refused s in finer words when it
// can (which character, which part), with a corrected address when one is
// certain; else it returns ValidateEmail's own reason. It never decides
// validity: ValidateEmail does.
func emailProblem(s, reason string) (string, string) {
	if s == "" || len(s) > people.MaxEmailLen {
		return reason, ""
	}
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		if name := invisibleName(r); name != "" {
			return fmt.Sprintf("%q contains an invisible character (%s), often pasted in by accident.", s, name),
				validEmail(strings.Map(func(r rune) rune {
					if invisibleName(r) != "" {
						return -1
					}
					return r
				}, s))
		}
		if r == '＠' {
			return fmt.Sprintf("%q contains a full-width \"＠\" instead of \"@\".", s), validEmail(strings.ReplaceAll(s, "＠", "@"))
		}
		return fmt.Sprintf("%q contains %q: email addresses must be plain ASCII.", s, string(r)), ""
	}
	lower := strings.ToLower(s)
	if strings.HasPrefix(lower, "mailto:") {
		return fmt.Sprintf("%q starts with \"mailto:\": write the address alone.", s), validEmail(s[len("mailto:"):])
	}
	if i := strings.IndexByte(s, '<'); i >= 0 {
		if j := strings.IndexByte(s[i:], '>'); j > 0 {
			return fmt.Sprintf("%q holds a name and an address: write the address alone.", s), validEmail(s[i+1 : i+j])
		}
	}
	ats := strings.Count(s, "@")
	switch {
	case ats == 0:
		return fmt.Sprintf("%q has no \"@\".", s), ""
	case ats > 1 && strings.ContainsAny(s, ",; "):
		return fmt.Sprintf("%q holds more than one address: put each person on a row of their own.", s), ""
	case ats > 1:
		return fmt.Sprintf("%q has more than one \"@\".", s), ""
	case strings.ContainsAny(s, " \t"):
		return fmt.Sprintf("%q contains a space.", s), validEmail(strings.Join(strings.Fields(s), ""))
	}
	at := strings.IndexByte(s, '@')
	local, domain := s[:at], s[at+1:]
	switch {
	case local == "":
		return fmt.Sprintf("%q has nothing before the \"@\".", s), ""
	case domain == "":
		return fmt.Sprintf("%q has nothing after the \"@\".", s), ""
	case strings.HasSuffix(s, "."):
		return fmt.Sprintf("%q ends with a dot.", s), validEmail(strings.TrimRight(s, "."))
	case strings.Contains(s, ".."):
		return fmt.Sprintf("%q has two dots in a row.", s), ""
	case !strings.Contains(domain, "."):
		// "gmailcom": only a well-known domain is sure enough to suggest
		// ("intranet" is not intra.net).
		d := strings.ToLower(domain)
		for i := len(d) - 2; i > 0; i-- {
			if knownDomains[d[:i]+"."+d[i:]] {
				if fixed := validEmail(local + "@" + d[:i] + "." + d[i:]); fixed != "" {
					return fmt.Sprintf("%q is missing the dot before %q: did you mean %q?", s, d[i:], fixed), fixed
				}
			}
		}
		return fmt.Sprintf("The domain of %q, %q, has no dot: it should end like \".com\" or \".de\".", s, domain), ""
	case strings.HasPrefix(local, ".") || strings.HasSuffix(local, "."):
		return fmt.Sprintf("%q: the part before the \"@\" cannot start or end with a dot.", s), ""
	}
	if i := strings.IndexAny(s, `(),:;<>[]\"`); i >= 0 {
		return fmt.Sprintf("%q contains %q, which email addresses cannot hold.", s, s[i:i+1]), ""
	}
	return reason, ""
}

// validEmail returns s as ValidateEmail accepts it, or "".
func validEmail(s string) string {
	if e, msg := people.ValidateEmail(s); msg == "" {
		return e
	}
	return ""
}

// invisibleName names the invisible characters that copying from web pages
// and documents slips into addresses.
func invisibleName(r rune) string {
	switch r {
	case '\u00A0':
		return "a non-breaking space, U+00A0"
	case '\u00AD':
		return "a soft hyphen, U+00AD"
	case '\u200B':
		return "a zero-width space, U+200B"
	case '\u200C', '\u200D':
		return fmt.Sprintf("a zero-width joiner, U+%04X", r)
	case '\u2060':
		return "a word joiner, U+2060"
	case '\u200E', '\u200F':
		return fmt.Sprintf("a text direction mark, U+%04X", r)
	case '\u202F', '\u2007', '\u2009':
		return fmt.Sprintf("a narrow space, U+%04X", r)
	}
	return ""
}

// ---- domain typos ----

// domainVerdict is what the typo check thinks of a domain.
type domainVerdict struct {
	fix    string // the domain meant, when the check is sure enough
	badTLD string // an ending that is no top-level domain, when there is no fix
}

// knownDomains are real mail domains; they are never typos, even when one
// is a letter away from another ("ymail.com", "gmx.com").
var knownDomains = func() map[string]bool {
	m := map[string]bool{}
	for _, d := range strings.Fields(`
		gmail.com googlemail.com yahoo.com yahoo.co.uk yahoo.fr yahoo.de yahoo.es yahoo.it yahoo.ca yahoo.com.br
		yahoo.co.jp yahoo.co.in ymail.com rocketmail.com hotmail.com hotmail.co.uk hotmail.fr hotmail.de hotmail.it
		hotmail.es hotmail.nl hotmail.be hotmail.ch hotmail.se hotmail.dk hotmail.ca live.com live.co.uk live.fr
		live.de live.nl live.be live.it live.ca outlook.com outlook.de outlook.fr outlook.es outlook.it outlook.be
		msn.com passport.com icloud.com me.com mac.com aol.com aol.de aim.com protonmail.com protonmail.ch proton.me
		pm.me tutanota.com tuta.io mail.com email.com gmx.de gmx.net gmx.com gmx.at gmx.ch web.de t-online.de
		freenet.de arcor.de posteo.de mailbox.org orange.fr wanadoo.fr free.fr sfr.fr laposte.net neuf.fr libero.it
		virgilio.it tiscali.it alice.it telenet.be skynet.be ziggo.nl kpnmail.nl xs4all.nl planet.nl bluewin.ch
		comcast.net verizon.net att.net sbcglobal.net bellsouth.net cox.net charter.net earthlink.net btinternet.com
		sky.com virginmedia.com ntlworld.com talktalk.net blueyonder.co.uk mail.ru bk.ru list.ru inbox.ru yandex.ru
		yandex.com rambler.ru qq.com 163.com 126.com sina.com yeah.net naver.com hanmail.net daum.net
		uol.com.br bol.com.br terra.com.br zoho.com fastmail.com hey.com example.com example.org example.net`) {
		m[d] = true
	}
	return m
}()

// typoTargets are the domains a typo is matched against: those whose first
// label is long enough (5+ letters) that one letter away is a typo rather
// than another company ("aon.com" is not "aol.com").
var typoTargets = func() [][2]string {
	var t [][2]string
	for _, d := range strings.Fields(`gmail.com googlemail.com yahoo.com yahoo.co.uk yahoo.fr yahoo.de hotmail.com
		hotmail.co.uk hotmail.fr hotmail.de hotmail.it hotmail.es outlook.com outlook.de outlook.fr icloud.com
		protonmail.com t-online.de orange.fr wanadoo.fr laposte.net libero.it yandex.ru rambler.ru comcast.net
		verizon.net sbcglobal.net bellsouth.net btinternet.com freenet.de`) {
		dot := strings.LastIndexByte(d, '.')
		t = append(t, [2]string{d[:dot], d[dot+1:]})
	}
	return t
}()

// commonTLDs are the endings an unknown ending is corrected to, in order of
// preference (".con" → ".com", not ".co").
var commonTLDs = []string{"com", "net", "org", "edu", "gov"}

// domainTypo returns a suspicion that the email's domain is mistyped, with
// the corrected email when there is one.
func (c *Checker) domainTypo(email string) (reason, suggestion string) {
	at := strings.LastIndexByte(email, '@')
	if at < 0 {
		return "", ""
	}
	local, domain := email[:at], strings.ToLower(email[at+1:])
	v, ok := c.domains[domain]
	if !ok {
		v = judgeDomain(domain)
		if len(c.domains) < maxCachedDomains {
			c.domains[strings.Clone(domain)] = v
		}
	}
	switch {
	case v.fix != "":
		fixed := local + "@" + v.fix
		return fmt.Sprintf("%q looks like a typo: did you mean %q?", email, fixed), fixed
	case v.badTLD != "":
		return fmt.Sprintf("%q ends in %q, which is not a real domain ending: check the address.", email, "."+v.badTLD), ""
	}
	return "", ""
}

// judgeDomain looks for a typo in a lower-cased domain: an ending that is
// no top-level domain (".con", ".cmo"), or a well-known mail domain one
// letter off ("gmial.com", "hotmial.com", "yaho.co.uk").
func judgeDomain(d string) domainVerdict {
	dot := strings.LastIndexByte(d, '.')
	if knownDomains[d] || dot <= 0 {
		return domainVerdict{}
	}
	rest, tld := d[:dot], d[dot+1:]
	fixed := tld
	unknown := !realTLD(tld)
	if unknown {
		for _, t := range commonTLDs {
			if oneEdit(tld, t) {
				fixed = t
				break
			}
		}
	}
	candidate := rest + "." + fixed
	if candidate != d && knownDomains[candidate] {
		return domainVerdict{fix: candidate}
	}
	for _, t := range typoTargets {
		switch {
		case fixed == t[1] && oneEdit(rest, t[0]) && !firstLetterSwap(rest, t[0]):
			return domainVerdict{fix: t[0] + "." + t[1]}
		case rest == t[0] && t[1] == "com" && (fixed == "co" || fixed == "cm" || fixed == "om"):
			// Real endings, but nobody's Gmail is at gmail.co.
			return domainVerdict{fix: t[0] + ".com"}
		}
	}
	switch {
	case fixed != tld:
		return domainVerdict{fix: candidate}
	case unknown:
		return domainVerdict{badTLD: tld}
	}
	return domainVerdict{}
}

// realTLD reports whether tld is a top-level domain of the public suffix
// list.
func realTLD(tld string) bool {
	suffix, icann := publicsuffix.PublicSuffix("x." + tld)
	return icann || suffix != tld
}

// oneEdit reports whether a and b differ by exactly one insertion, deletion,
// substitution or swap of two neighbouring letters.
func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	la, lb := len(a), len(b)
	if la > lb {
		a, b, la, lb = b, a, lb, la
	}
	if lb-la > 1 {
		return false
	}
	i := 0
	for i < la && a[i] == b[i] {
		i++
	}
	if la == lb {
		return a[i+1:] == b[i+1:] || // substitution
			(i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]) // swap
	}
	return a[i:] == b[i+1:] // b has one letter more
}

// firstLetterSwap reports a substitution of the first letter, which people
// rarely mistype and real domains often differ by ("wahoo.com", "yahoo.com").
func firstLetterSwap(a, b string) bool {
	return len(a) == len(b) && len(a) > 0 && a[0] != b[0] && a[1:] == b[1:]
}

// ---- the problem file ----

// ProblemWriter writes the problem rows as CSV (UTF-8 with BOM, so Excel
// opens it right): the file's header plus a `problem` column; one line per
// problem row with its cells as uploaded and all its reasons joined by "; ".
// A cell a spreadsheet would take for a formula (starting with = + - @, tab,
// CR or LF) is written after an apostrophe, which Check removes again when
// the file comes back. When the header already has a problem column (a
// problem file uploaded again), that column is filled instead of a new one.
type ProblemWriter struct {
	// Comma is the delimiter, ',' unless set before the first Write (to the
	// uploaded file's, say, so that Excel in a semicolon locale opens it right).
	Comma rune

	w          io.Writer
	buf        *bufio.Writer
	cw         *csv.Writer
	header     []string
	problemCol int // the header's problem column, or -1
	started    bool
	cells      []string
}

// NewProblemWriter returns a writer of problem rows for a file with that
// header. The header is written with the first row, or by Close.
func NewProblemWriter(w io.Writer, header []string) (*ProblemWriter, error) {
	if len(header) == 0 {
		return nil, errors.New("bulk: problem file: no header")
	}
	p := &ProblemWriter{Comma: ',', w: w, header: header, problemCol: -1}
	for i, h := range header {
		if headerKey(h) == "problem" {
			p.problemCol = i
			break
		}
	}
	return p, nil
}

func (p *ProblemWriter) start() error {
	if p.started {
		return nil
	}
	p.started = true
	p.buf = bufio.NewWriter(p.w)
	if _, err := p.buf.WriteString("\ufeff"); err != nil {
		return fmt.Errorf("bulk: problem file: %w", err)
	}
	p.cw = csv.NewWriter(p.buf)
	p.cw.Comma = p.Comma
	p.cw.UseCRLF = true
	head := make([]string, 0, len(p.header)+1)
	for _, h := range p.header {
		head = append(head, neutralise(h))
	}
	if p.problemCol < 0 {
		head = append(head, "problem")
	}
	if err := p.cw.Write(head); err != nil {
		return fmt.Errorf("bulk: problem file: %w", err)
	}
	return nil
}

// Write writes one problem row: the record's cells (padded to the header,
// extra cells kept after the problem column) and its reasons.
func (p *ProblemWriter) Write(rec sheet.Record, problems []Problem) error {
	if err := p.start(); err != nil {
		return err
	}
	reasons := make([]string, 0, len(problems))
	for _, pr := range problems {
		if r := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(pr.Reason), ".")); r != "" {
			reasons = append(reasons, r)
		}
	}
	text := strings.Join(reasons, "; ")
	if text != "" && !strings.HasSuffix(text, "?") && !strings.HasSuffix(text, "!") {
		text += "."
	}
	p.cells = p.cells[:0]
	for i := range p.header {
		v := ""
		if i < len(rec.Cells) {
			v = rec.Cells[i]
		}
		if i == p.problemCol {
			v = text
		}
		p.cells = append(p.cells, neutralise(v))
	}
	if p.problemCol < 0 {
		p.cells = append(p.cells, neutralise(text))
	}
	extra := rec.Cells[min(len(p.header), len(rec.Cells)):]
	for len(extra) > 0 && extra[len(extra)-1] == "" {
		extra = extra[:len(extra)-1]
	}
	for _, v := range extra {
		p.cells = append(p.cells, neutralise(v))
	}
	if err := p.cw.Write(p.cells); err != nil {
		return fmt.Errorf("bulk: problem file: %w", err)
	}
	return nil
}

// Close writes what is buffered (and the header, when no row was written).
func (p *ProblemWriter) Close() error {
	if err := p.start(); err != nil {
		return err
	}
	p.cw.Flush()
	if err := p.cw.Error(); err != nil {
		return fmt.Errorf("bulk: problem file: %w", err)
	}
	if err := p.buf.Flush(); err != nil {
		return fmt.Errorf("bulk: problem file: %w", err)
	}
	return nil
}

// neutralise puts an apostrophe before a cell that a spreadsheet would run
// as a formula.
func neutralise(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r\n", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// ---- small words ----

// columnLabel is a column as a person says it.
func columnLabel(c Column) string {
	switch c {
	case ColEmail:
		return "email address"
	case ColFirstName:
		return "first name"
	case ColLastName:
		return "last name"
	case ColRoles:
		return "roles"
	}
	return string(c)
}

// columnLetter names a 0-based column as a spreadsheet does: A … Z, AA ….
func columnLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// joinWords joins "a", "b", "c" as `a, b and c` (with conj "and").
func joinWords(words []string, conj string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}

// thousands writes n with thousands separators: 2,500.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
