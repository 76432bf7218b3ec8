package people

import (
	"strings"
	"unicode"

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
