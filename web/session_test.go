package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Keys rotate: a cookie signed with the previous key still verifies while that
// key is listed after the new one, and stops verifying once it is dropped.
func TestSessionKeyRotation(t *testing.T) {
	t.Parallel()
	oldKey, newKey := []byte(strings.Repeat("o", 32)), []byte(strings.Repeat("n", 32))
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	s, _ := newCookieStore([][]byte{oldKey}, false).New(req, "roster")
	s.Values["sid"] = "token"
	if err := s.Save(req, rec); err != nil {
		t.Fatal(err)
	}
	cookie := rec.Result().Cookies()[0]
	read := func(keys ...[]byte) (string, error) {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.AddCookie(cookie)
		got, err := newCookieStore(keys, false).Get(r, "roster")
		if err != nil {
			return "", err
		}
		v, _ := got.Values["sid"].(string)
		return v, nil
	}
	if v, err := read(newKey, oldKey); err != nil || v != "token" {
		t.Fatalf("rotated keys must still read the old cookie: %q %v", v, err)
	}
	if v, err := read(newKey); err == nil || v != "" {
		t.Fatalf("a dropped key must not verify: %q %v", v, err)
	}
	if !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Path != "/" {
		t.Fatalf("cookie options: %+v", cookie)
	}
}
