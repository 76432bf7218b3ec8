package people

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"roster/internal/database"
)

// special folds letters that do not decompose into a base letter and a mark.
var special = strings.NewReplacer(
	"ß", "ss", "ø", "o", "Ø", "o", "ł", "l", "Ł", "l", "æ", "ae", "Æ", "ae",
	"œ", "oe", "Œ", "oe", "đ", "d", "Đ", "d", "ð", "d", "Ð", "d", "þ", "th", "Þ", "th", "ı", "i",
)

// Fold lower-cases s, strips accents and collapses spaces: the form that
// search compares (PostgreSQL's unaccent is not assumed), applied to both the
// stored search text and the query.
func Fold(s string) string {
	if f, ok := foldASCII(s); ok {
		return f // most names and every valid email: no transform needed
	}
	return foldUnicode(s)
}

// asciiSpace are the ASCII characters strings.Fields splits on.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// foldASCII is Fold for text of ASCII characters only, in one pass, without
// a copy when s is folded already; ok is false for any other text.
func foldASCII(s string) (folded string, ok bool) {
	clean, prevSpace := true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return "", false
		}
		space := asciiSpace[c]
		if ('A' <= c && c <= 'Z') || (space && (prevSpace || c != ' ')) {
			clean = false
		}
		prevSpace = space
	}
	if clean && (len(s) == 0 || !prevSpace) {
		return s, true
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if asciiSpace[c] {
			pending = b.Len() > 0
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String(), true
}

// foldUnicode is Fold for any text.
func foldUnicode(s string) string {
	// A transform.Chain keeps state: it is built per call, never shared
	// between goroutines.
	stripMarks := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(stripMarks, special.Replace(s))
	if err != nil {
		out = s
	}
	return strings.ToLower(strings.Join(strings.Fields(out), " "))
}

// SearchText is the normalised "first last email" that person search matches.
func SearchText(first, last, email string) string {
	return Fold(first + " " + last + " " + email)
}

// LikePattern turns a search into a substring LIKE pattern over folded text
// (see Fold), with LIKE's wildcards taken literally; "" means no filter.
func LikePattern(q string) string {
	return database.ContainsPattern(Fold(q))
}
