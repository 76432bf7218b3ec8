package people

import "testing"

func TestFold(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Noël  Lefèvre Noel@X.example": "noel lefevre noel@x.example",
		"Zoë":                          "zoe",
		"Åsa Ørsted":                   "asa orsted",
		"Straße":                       "strasse",
		"李雷":                           "李雷",
		"  ŁUKASZ  ":                   "lukasz",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// The ASCII path of Fold agrees with the general one on ASCII text, and
// leaves everything else to it.
func TestFoldASCIIAgrees(t *testing.T) {
	t.Parallel()
	cases := []string{"", " ", "  \t\n", "a", "A", "jane doe jane@x.example", "Jane  Doe", " jane", "jane ", "a\tb", "a\r\nb",
		"O'Brien-Smith", "x_y+z@Example.COM", "\vA\fB ", "12 34", "~!@#$%^&*()"}
	for c := byte(0); c < 0x80; c++ {
		cases = append(cases, string([]byte{'a', c, 'Z', ' ', c}))
	}
	for _, in := range cases {
		got, ok := foldASCII(in)
		if !ok {
			t.Fatalf("foldASCII(%q) refused ASCII text", in)
		}
		if want := foldUnicode(in); got != want {
			t.Errorf("foldASCII(%q) = %q, the general fold %q", in, got, want)
		}
	}
	if _, ok := foldASCII("Zoë"); ok {
		t.Error("foldASCII accepted non-ASCII text")
	}
}
