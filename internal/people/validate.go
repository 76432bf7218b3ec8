package people

import (
	"net/mail"
	"strconv"
	"strings"
	"unicode/utf8"

	"roster/internal/i18n"
)

// ValidateEmail checks an email address: plain ASCII, one @, a dotted
// domain, no display name. It returns the trimmed address or a
// plain-language reason.
func ValidateEmail(s string) (string, string) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", "The email address is required."
	case len(s) > MaxEmailLen:
		return "", "The email address is longer than 254 characters."
	}
	for _, r := range s {
		if r > 127 {
			return "", "The email address must contain only plain ASCII characters (" + string(r) + " is not)."
		}
	}
	a, err := mail.ParseAddress(s)
	at := strings.LastIndex(s, "@")
	if err != nil || a.Address != s || at < 1 || !strings.Contains(s[at:], ".") || strings.HasSuffix(s, ".") {
		return "", "\"" + s + "\" is not a valid email address."
	}
	return s, ""
}

// Validate checks a profile; the map names each field in error with its reason.
func (p Profile) Validate() (Profile, map[string]string) {
	errs := map[string]string{}
	var msg string
	if p.Email, msg = ValidateEmail(p.Email); msg != "" {
		errs["email"] = msg
	}
	p.FirstName, p.LastName = strings.TrimSpace(p.FirstName), strings.TrimSpace(p.LastName)
	p.Title, p.Company, p.Bio = strings.TrimSpace(p.Title), strings.TrimSpace(p.Company), strings.TrimSpace(p.Bio)
	check := func(field, v, label string, required bool, max int) {
		switch {
		case required && v == "":
			errs[field] = label + " is required."
		case utf8.RuneCountInString(v) > max:
			errs[field] = label + " is longer than " + strconv.Itoa(max) + " characters."
		}
	}
	check("first_name", p.FirstName, "The first name", true, MaxNameLen)
	check("last_name", p.LastName, "The last name", true, MaxNameLen)
	check("title", p.Title, "The title", false, MaxTitleLen)
	check("company", p.Company, "The company", false, MaxCompanyLen)
	check("bio", p.Bio, "The bio", false, MaxBioLen)
	if p.Language == "" {
		p.Language = i18n.Default
	}
	if l, ok := i18n.Lookup(p.Language); ok {
		p.Language = l.Code
	} else {
		errs["language"] = "\"" + p.Language + "\" is not a language Roster knows."
	}
	if len(errs) == 0 {
		return p, nil
	}
	return p, errs
}

// MaskEmail shows enough of an address to recognise it: "jane@…".
func MaskEmail(email string) string {
	local, _, ok := strings.Cut(email, "@")
	if !ok {
		return "…"
	}
	return local + "@…"
}
