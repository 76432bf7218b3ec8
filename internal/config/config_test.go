package config

import (
	"strings"
	"testing"
)

func TestLoadDefaults(t *testing.T) {
	t.Parallel()
	c, err := Load(func(string) string { return "" }, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.BaseURL != "http://127.0.0.1:8080" || c.DataDir != "roster-data" || c.Secure() {
		t.Fatalf("unexpected defaults: %+v", c)
	}
}

func TestLoadErrorsNameTheVariable(t *testing.T) {
	t.Parallel()
	cases := map[string]map[string]string{
		"ROSTER_ADDR":            {"ROSTER_ADDR": "nope"},
		"ROSTER_BASE_URL":        {"ROSTER_BASE_URL": "ftp://x"},
		"ROSTER_DATABASE_URL":    {"ROSTER_DATABASE_URL": "mysql://x"},
		"ROSTER_SMTP_URL":        {"ROSTER_SMTP_URL": "http://mail"},
		"ROSTER_SESSION_KEYS":    {"ROSTER_SESSION_KEYS": "abcd"},
		"ROSTER_LOG_FORMAT":      {"ROSTER_LOG_FORMAT": "xml"},
		"ROSTER_TRUSTED_PROXIES": {"ROSTER_TRUSTED_PROXIES": "10.0.0.0/8, proxy.internal"},
	}
	for name, env := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Load(func(k string) string { return env[k] }, nil)
			if err == nil || !strings.HasPrefix(err.Error(), name+":") {
				t.Fatalf("want an error naming %s, got %v", name, err)
			}
		})
	}
}

func TestFlagsWinAndKeysRotate(t *testing.T) {
	t.Parallel()
	addr := "0.0.0.0:9000"
	flags := map[string]*string{"ROSTER_ADDR": &addr}
	k1 := strings.Repeat("ab", 32)
	k2 := strings.Repeat("cd", 32)
	c, err := Load(func(k string) string {
		return map[string]string{"ROSTER_ADDR": "127.0.0.1:1", "ROSTER_SESSION_KEYS": k1 + "," + k2}[k]
	}, flags)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != addr || c.BaseURL != "http://localhost:9000" || len(c.SessionKeys) != 2 || c.SessionKeys[0][0] != 0xab {
		t.Fatalf("got %+v", c)
	}
}

func TestEnsureSessionKeysPersists(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := Config{DataDir: dir}
	b := Config{DataDir: dir}
	if err := a.EnsureSessionKeys(); err != nil {
		t.Fatal(err)
	}
	if err := b.EnsureSessionKeys(); err != nil {
		t.Fatal(err)
	}
	if string(a.SessionKeys[0]) != string(b.SessionKeys[0]) {
		t.Fatal("the generated key must be reused")
	}
}

func TestTrustedProxies(t *testing.T) {
	t.Parallel()
	c, err := Load(func(k string) string {
		return map[string]string{"ROSTER_TRUSTED_PROXIES": " 10.0.0.0/8, 192.0.2.7 ,2001:db8::1,"}[k]
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range c.TrustedProxies {
		got = append(got, n.String())
	}
	if strings.Join(got, " ") != "10.0.0.0/8 192.0.2.7/32 2001:db8::1/128" {
		t.Fatalf("trusted proxies = %v", got)
	}
	if c, _ := Load(func(string) string { return "" }, nil); len(c.TrustedProxies) != 0 {
		t.Fatal("proxies are trusted by default")
	}
}
