package attendeeview

import (
	"slices"
	"testing"
)

// Every language of internal/i18n has a complete catalog (init checks each
// against English: every message, the same placeholders, nothing extra);
// Arabic is written right to left; unknown codes read English.
func TestCatalogs(t *testing.T) {
	t.Parallel()
	want := []string{"ar", "ca", "da", "de", "en", "es-ES", "fi", "fr", "fr-CA", "it", "ja", "ko", "nl", "pt-BR", "ru", "sr", "sv",
		"zh-Hans", "zh-Hant"}
	if got := Languages(); !slices.Equal(got, want) {
		t.Fatalf("catalogs %v", got)
	}
	if For("ar").Dir() != "rtl" || For("de").Dir() != "ltr" || For("xx").Lang != "en" {
		t.Fatal("direction and fallback")
	}
	if got := Fill(For("de").LandingContinue, "email", "jane@…"); got != "Weiter als jane@…" {
		t.Fatalf("fill: %q", got)
	}
	for _, l := range want[1:] {
		if For(l).SigninWrong == For("en").SigninWrong && l != "en" {
			t.Errorf("%s: the wrong-password answer is untranslated", l)
		}
	}
}
