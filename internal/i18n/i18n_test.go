package i18n

import "testing"

func TestLanguages(t *testing.T) {
	t.Parallel()
	if len(Languages) != 19 {
		t.Fatalf("%d languages, want 19", len(Languages))
	}
	maintained := 0
	for i, l := range Languages {
		if l.Maintained {
			maintained++
			if i >= 11 {
				t.Fatalf("maintained languages come first: %s at %d", l.Code, i)
			}
		}
	}
	if maintained != 11 {
		t.Fatalf("%d maintained, want 11", maintained)
	}
	for in, want := range map[string]string{
		"pt-BR": "pt-BR", "PT_br": "pt-BR", "Portuguese (Brazil)": "pt-BR", "german": "de", "Deutsch": "de",
		"zh-hans": "zh-Hans", "Chinese (Traditional)": "zh-Hant", "fr-ca": "fr-CA", "Arabic": "ar", " en ": "en",
	} {
		if l, ok := Lookup(in); !ok || l.Code != want {
			t.Errorf("Lookup(%q) = %q %v, want %q", in, l.Code, ok, want)
		}
	}
	for _, bad := range []string{"", "xx", "Klingon", "english-ish"} {
		if _, ok := Lookup(bad); ok {
			t.Errorf("Lookup(%q) must fail", bad)
		}
	}
	if !Get("ar").RTL || Get("nope").Code != "en" || !Valid("zh-Hant") || Valid("zh") {
		t.Fatal("Get/Valid")
	}
}
