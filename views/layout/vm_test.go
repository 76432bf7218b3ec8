package layout

import (
	"encoding/json"
	"testing"
)

func TestInitials(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, email, want string }{
		{"Ada Lovelace", "", "AL"},
		{"ada", "", "A"},
		{"Jean-Luc de la Picard", "", "JP"},
		{"", "grace.hopper@navy.mil", "GH"},
		{"", "", "?"},
		{"  élodie durand ", "", "ÉD"},
	}
	for _, c := range cases {
		if got := initials(c.name, c.email); got != c.want {
			t.Errorf("initials(%q, %q) = %q, want %q", c.name, c.email, got, c.want)
		}
	}
}

func TestCSRFHeadersIsJSON(t *testing.T) {
	t.Parallel()
	tok := `a"b</script>&c`
	var h map[string]string
	if err := json.Unmarshal([]byte(csrfHeaders(tok)), &h); err != nil || h["X-CSRF-Token"] != tok {
		t.Fatalf("csrfHeaders = %q (%v)", csrfHeaders(tok), err)
	}
}

func TestNavIcon(t *testing.T) {
	t.Parallel()
	for href, want := range map[string]string{"/": "home", "/events": "calendar", "/events/3/people": "calendar", "/eventsx": "squares", "/staff": "shield", "/unknown": "squares"} {
		if got := navIcon(href); got != want {
			t.Errorf("navIcon(%q) = %q, want %q", href, got, want)
		}
	}
}
