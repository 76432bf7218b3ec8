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
