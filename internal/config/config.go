// Package config loads and validates Roster's configuration from ROSTER_*
// environment variables (secrets also from *_FILE) and command-line flags.
package config

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Config is the validated configuration of one Roster process.
type Config struct {
	// DatabaseURL is "postgres://…" or "sqlite://PATH"; empty means SQLite in DataDir.
	DatabaseURL string
	// Addr is the listen address of the HTTP server.
	Addr string
	// BaseURL is the public URL of the console, used in every emailed or printed link.
	BaseURL string
	// SessionKeys sign session cookies, newest first (older ones still verify).
	SessionKeys [][]byte
	// SMTPURL is smtp://user:pass@host:port (or smtps://); empty keeps emails in the outbox.
	SMTPURL string
	// DataDir holds the SQLite database, uploads and the generated session key.
	DataDir string
	// LogFormat is "text" or "json".
	LogFormat string
	// LogLevel is debug, info, warn or error.
	LogLevel string
	// Demo fills an empty database with demo data on serve.
	Demo bool
	// BounceToken authenticates the inbound bounce webhook (POST
	// /hooks/mail/bounce, "Authorization: Bearer <token>"); empty disables it.
	BounceToken string
	// JobRescueAfter is how long a background job may run before it counts
	// as stuck (its process died) and runs again.
	JobRescueAfter time.Duration
	// TrustedProxies are the networks of the reverse proxies whose
	// X-Forwarded-For names the client; empty means the connection's own
	// address is the client (a forged header changes nothing).
	TrustedProxies []*net.IPNet
}

// Var documents one environment variable.
type Var struct{ Name, Flag, Default, Help string }

// Vars lists every environment variable, for --help and the README.
var Vars = []Var{
	{"ROSTER_DATABASE_URL", "database-url", "sqlite in the data directory", "postgres://user@host/db, or sqlite:///path/roster.db"},
	{"ROSTER_ADDR", "addr", "127.0.0.1:8080", "HTTP listen address"},
	{"ROSTER_BASE_URL", "base-url", "http://<addr>", "public URL used in links (https enables Secure, __Host- cookies)"},
	{"ROSTER_SESSION_KEYS", "session-keys", "generated into the data directory", "comma-separated cookie signing keys (hex or base64, ≥32 bytes), newest first"},
	{"ROSTER_SMTP_URL", "smtp-url", "none: emails stay in the Outbox", "smtps://user:pass@host:465 (implicit TLS), smtp://user:pass@host:587 (STARTTLS required), add ?tls=none for a plain-text local relay and ?from=addr for the sender"},
	{"ROSTER_BOUNCE_WEBHOOK_TOKEN", "bounce-webhook-token", "none: the bounce webhook is off", "bearer token (≥ 32 characters) of POST /hooks/mail/bounce"},
	{"ROSTER_JOB_RESCUE_AFTER", "job-rescue-after", "15m", "how long a background job may run before it is considered stuck and run again"},
	{"ROSTER_TRUSTED_PROXIES", "trusted-proxies", "none: the client is the connection's address", "comma-separated addresses or CIDR networks of reverse proxies whose X-Forwarded-For is believed (rate limits and the audit log use the client address)"},
	{"ROSTER_DATA_DIR", "data-dir", "./roster-data", "directory for the SQLite database, uploads and generated keys"},
	{"ROSTER_LOG_FORMAT", "log-format", "text", "text or json"},
	{"ROSTER_LOG_LEVEL", "log-level", "info", "debug, info, warn or error"},
}

// Usage returns the environment section of --help.
func Usage() string {
	var b strings.Builder
	b.WriteString("Environment (each also a --flag; secrets may be given as NAME_FILE):\n")
	for _, v := range Vars {
		fmt.Fprintf(&b, "  %-22s --%-13s %s (default: %s)\n", v.Name, v.Flag, v.Help, v.Default)
	}
	return b.String()
}

// RegisterFlags adds one flag per variable to fs; Load gives flags precedence.
func RegisterFlags(fs *flag.FlagSet) map[string]*string {
	out := map[string]*string{}
	for _, v := range Vars {
		out[v.Name] = fs.String(v.Flag, "", v.Help+" ($"+v.Name+")")
	}
	return out
}

// Load reads the configuration: flags (when set) win over the environment.
// Every problem is reported as one line naming the variable.
func Load(getenv func(string) string, flags map[string]*string) (Config, error) {
	get := func(name string) (string, error) {
		if p, ok := flags[name]; ok && p != nil && *p != "" {
			return *p, nil
		}
		if v := getenv(name); v != "" {
			return v, nil
		}
		if f := getenv(name + "_FILE"); f != "" {
			b, err := os.ReadFile(f)
			if err != nil {
				return "", fmt.Errorf("%s_FILE: cannot read %s: %v", name, f, err)
			}
			return strings.TrimSpace(string(b)), nil
		}
		return "", nil
	}
	var errs []error
	val := func(name, def string) string {
		v, err := get(name)
		if err != nil {
			errs = append(errs, err)
		}
		if v == "" {
			return def
		}
		return v
	}
	c := Config{
		DatabaseURL: val("ROSTER_DATABASE_URL", ""),
		Addr:        val("ROSTER_ADDR", "127.0.0.1:8080"),
		BaseURL:     val("ROSTER_BASE_URL", ""),
		SMTPURL:     val("ROSTER_SMTP_URL", ""),
		DataDir:     val("ROSTER_DATA_DIR", "roster-data"),
		LogFormat:   val("ROSTER_LOG_FORMAT", "text"),
		LogLevel:    val("ROSTER_LOG_LEVEL", "info"),
		BounceToken: val("ROSTER_BOUNCE_WEBHOOK_TOKEN", ""),
	}
	if d, err := time.ParseDuration(val("ROSTER_JOB_RESCUE_AFTER", "15m")); err != nil || d < time.Second {
		errs = append(errs, fmt.Errorf("ROSTER_JOB_RESCUE_AFTER: must be a duration of at least 1s, like 15m"))
	} else {
		c.JobRescueAfter = d
	}
	for _, item := range strings.Split(val("ROSTER_TRUSTED_PROXIES", ""), ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if !strings.Contains(item, "/") {
			if ip := net.ParseIP(item); ip != nil && ip.To4() != nil {
				item += "/32"
			} else {
				item += "/128"
			}
		}
		_, n, err := net.ParseCIDR(item)
		if err != nil {
			errs = append(errs, fmt.Errorf("ROSTER_TRUSTED_PROXIES: %q is not an address or a CIDR network such as 10.0.0.0/8", item))
			continue
		}
		c.TrustedProxies = append(c.TrustedProxies, n)
	}
	if c.BounceToken != "" && len(c.BounceToken) < 32 {
		errs = append(errs, fmt.Errorf("ROSTER_BOUNCE_WEBHOOK_TOKEN: must be at least 32 characters long"))
	}
	keys := val("ROSTER_SESSION_KEYS", "")

	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("ROSTER_ADDR: %q is not host:port", c.Addr))
	}
	if c.BaseURL == "" {
		host := c.Addr
		if h, p, err := net.SplitHostPort(c.Addr); err == nil && (h == "" || h == "0.0.0.0" || h == "::") {
			host = net.JoinHostPort("localhost", p)
		}
		c.BaseURL = "http://" + host
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("ROSTER_BASE_URL: %q must be an absolute http(s) URL", c.BaseURL))
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") &&
		!strings.HasPrefix(c.DatabaseURL, "postgresql://") && !strings.HasPrefix(c.DatabaseURL, "sqlite://") {
		errs = append(errs, fmt.Errorf("ROSTER_DATABASE_URL: must start with postgres:// or sqlite://"))
	}
	if c.SMTPURL != "" {
		if u, err := url.Parse(c.SMTPURL); err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
			errs = append(errs, fmt.Errorf("ROSTER_SMTP_URL: must look like smtp://user:pass@host:587 or smtps://host:465"))
		}
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("ROSTER_LOG_FORMAT: %q is not text or json", c.LogFormat))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("ROSTER_LOG_LEVEL: %q is not debug, info, warn or error", c.LogLevel))
	}
	if keys != "" {
		for i, k := range strings.Split(keys, ",") {
			b, err := decodeKey(strings.TrimSpace(k))
			if err != nil {
				errs = append(errs, fmt.Errorf("ROSTER_SESSION_KEYS: key %d %v", i+1, err))
				continue
			}
			c.SessionKeys = append(c.SessionKeys, b)
		}
	}
	return c, errors.Join(errs...)
}

func decodeKey(s string) ([]byte, error) {
	var b []byte
	if h, err := hex.DecodeString(s); err == nil {
		b = h
	} else if d, err := base64.StdEncoding.DecodeString(s); err == nil {
		b = d
	} else if d, err := base64.RawURLEncoding.DecodeString(s); err == nil {
		b = d
	} else {
		return nil, fmt.Errorf("is neither hex nor base64")
	}
	if len(b) < 32 {
		return nil, fmt.Errorf("is %d bytes; at least 32 are needed", len(b))
	}
	return b, nil
}

// Secure reports whether the console is served over https.
func (c Config) Secure() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// EnsureSessionKeys fills SessionKeys from DataDir/session.key, creating it
// with a random key on first use, when none were configured.
func (c *Config) EnsureSessionKeys() error {
	if len(c.SessionKeys) > 0 {
		return nil
	}
	if err := os.MkdirAll(c.DataDir, 0o700); err != nil {
		return fmt.Errorf("ROSTER_DATA_DIR: cannot create %s: %v", c.DataDir, err)
	}
	path := filepath.Join(c.DataDir, "session.key")
	if b, err := os.ReadFile(path); err == nil {
		k, err := decodeKey(strings.TrimSpace(string(b)))
		if err != nil {
			return fmt.Errorf("ROSTER_SESSION_KEYS: %s %v", path, err)
		}
		c.SessionKeys = [][]byte{k}
		return nil
	}
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		return err
	}
	if err := os.WriteFile(path, []byte(hex.EncodeToString(k)+"\n"), 0o600); err != nil {
		return fmt.Errorf("ROSTER_DATA_DIR: cannot write %s: %v", path, err)
	}
	c.SessionKeys = [][]byte{k}
	return nil
}
