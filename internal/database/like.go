package database

import "strings"

// likeEscaper makes LIKE's wildcards literal (used with ESCAPE '\').
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// ContainsPattern is the LIKE pattern (with ESCAPE '\') matching any text
// that contains s literally; "" when s is empty (no filter).
func ContainsPattern(s string) string {
	if s == "" {
		return ""
	}
	return "%" + likeEscaper.Replace(s) + "%"
}
