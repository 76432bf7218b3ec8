package auth

import "testing"

// A person's new password: the staff side's length rule, the confirmation,
// not the address, not a few characters repeated.
func TestCheckNewPassword(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, pw, confirm string
		field             string // "" for accepted
	}{
		{"accepted", "a quiet walk by the river", "a quiet walk by the river", ""},
		{"too short", "eleven char", "eleven char", "password"},
		{"not confirmed", "a quiet walk by the river", "a quiet walk by the rivers", "confirm"},
		{"the address inside", "Margaret-2026-summit", "Margaret-2026-summit", "password"},
		{"guessable", "121212121212121", "121212121212121", "password"},
		{"too long", string(make([]byte, 600)), string(make([]byte, 600)), "password"},
	}
	for _, c := range cases {
		errs := CheckNewPassword(c.pw, c.confirm, "margaret@example.com")
		switch {
		case c.field == "" && errs != nil:
			t.Errorf("%s: refused: %v", c.name, errs)
		case c.field != "" && errs[c.field] == "":
			t.Errorf("%s: no error on %s: %v", c.name, c.field, errs)
		}
	}
	// A short local part is no reason to refuse a password containing it.
	if errs := CheckNewPassword("a quiet walk by the river", "a quiet walk by the river", "al@example.com"); errs != nil {
		t.Errorf("short address: %v", errs)
	}
}
