// Package i18n lists the languages Roster speaks (PRODUCT.md §6): their BCP 47
// codes, English and native names, direction, and whether they are fully
// maintained.
package i18n

import "strings"

// Language is one supported language.
type Language struct {
	Code       string // BCP 47, e.g. "pt-BR"
	English    string // English name, e.g. "Portuguese (Brazil)"
	Native     string // the language's own name
	Maintained bool
	RTL        bool
}

// Default is the language used when none is known.
const Default = "en"

// Languages lists every language: the maintained ones first, then the others.
var Languages = []Language{
	{"en", "English", "English", true, false},
	{"de", "German", "Deutsch", true, false},
	{"fr", "French", "Français", true, false},
	{"es-ES", "Spanish (Spain)", "Español (España)", true, false},
	{"nl", "Dutch", "Nederlands", true, false},
	{"ru", "Russian", "Русский", true, false},
	{"pt-BR", "Portuguese (Brazil)", "Português (Brasil)", true, false},
	{"ja", "Japanese", "日本語", true, false},
	{"zh-Hans", "Chinese (Simplified)", "简体中文", true, false},
	{"zh-Hant", "Chinese (Traditional)", "繁體中文", true, false},
	{"fi", "Finnish", "Suomi", true, false},
	{"it", "Italian", "Italiano", false, false},
	{"fr-CA", "French (Canada)", "Français (Canada)", false, false},
	{"ko", "Korean", "한국어", false, false},
	{"ar", "Arabic", "العربية", false, true},
	{"ca", "Catalan", "Català", false, false},
	{"da", "Danish", "Dansk", false, false},
	{"sr", "Serbian", "Српски", false, false},
	{"sv", "Swedish", "Svenska", false, false},
}

var byKey = func() map[string]Language {
	m := map[string]Language{}
	for _, l := range Languages {
		m[strings.ToLower(l.Code)] = l
		m[strings.ToLower(l.English)] = l
		m[strings.ToLower(l.Native)] = l
	}
	// Common spellings a spreadsheet may hold.
	for alias, code := range map[string]string{
		"es": "es-ES", "spanish": "es-ES", "pt": "pt-BR", "portuguese": "pt-BR", "pt-br": "pt-BR", "pt_br": "pt-BR",
		"zh": "zh-Hans", "zh-cn": "zh-Hans", "zh_cn": "zh-Hans", "chinese": "zh-Hans", "zh-tw": "zh-Hant", "zh_tw": "zh-Hant",
		"en-us": "en", "en-gb": "en", "en_us": "en", "en_gb": "en", "fr_ca": "fr-CA", "es_es": "es-ES",
		"chinese (simplified)": "zh-Hans", "chinese (traditional)": "zh-Hant", "french canadian": "fr-CA",
	} {
		m[alias] = byKey0(code)
	}
	return m
}()

func byKey0(code string) Language {
	for _, l := range Languages {
		if l.Code == code {
			return l
		}
	}
	panic("i18n: unknown alias target " + code)
}

// Lookup finds a language by code (any case, "_" or "-") or by English or
// native name.
func Lookup(s string) (Language, bool) {
	l, ok := byKey[strings.ToLower(strings.TrimSpace(s))]
	if !ok {
		l, ok = byKey[strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "_", "-")]
	}
	return l, ok
}

// Valid reports whether code is exactly a supported language code.
func Valid(code string) bool {
	for _, l := range Languages {
		if l.Code == code {
			return true
		}
	}
	return false
}

// Get returns the language of code, or English when unknown.
func Get(code string) Language {
	if l, ok := Lookup(code); ok {
		return l
	}
	return Languages[0]
}
