package web

import (
	"net"
	"net/http/httptest"
	"testing"
)

// The client address behind rate limits, sessions and the audit log: a
// forged X-Forwarded-For changes nothing unless it comes through a trusted
// proxy.
func TestIPExtractor(t *testing.T) {
	t.Parallel()
	_, private, _ := net.ParseCIDR("10.0.0.0/8")
	for _, tc := range []struct {
		name    string
		proxies []*net.IPNet
		remote  string
		xff     string
		want    string
	}{
		{"no proxy: the header is ignored", nil, "10.0.0.5:4000", "203.0.113.9", "10.0.0.5"},
		{"no proxy: loopback is not trusted either", nil, "127.0.0.1:4000", "203.0.113.9", "127.0.0.1"},
		{"through a trusted proxy", []*net.IPNet{private}, "10.0.0.5:4000", "203.0.113.9", "203.0.113.9"},
		{"through two trusted proxies", []*net.IPNet{private}, "10.0.0.5:4000", "203.0.113.9, 10.0.0.6", "203.0.113.9"},
		{"a forged first entry stays behind the real client", []*net.IPNet{private}, "10.0.0.5:4000", "1.1.1.1, 203.0.113.9", "203.0.113.9"},
		{"straight from an untrusted address", []*net.IPNet{private}, "198.51.100.7:4000", "203.0.113.9", "198.51.100.7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tc.remote
			if tc.xff != "" {
				r.Header.Set("X-Forwarded-For", tc.xff)
			}
			if got := ipExtractor(tc.proxies)(r); got != tc.want {
				t.Errorf("client = %q, want %q", got, tc.want)
			}
		})
	}
}
