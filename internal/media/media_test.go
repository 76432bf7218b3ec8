package media

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"

	"roster/internal/apperr"
)

func pngOf(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.RGBA{R: 200, A: 255})
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}

func TestImages(t *testing.T) {
	t.Parallel()
	s, err := NewStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	name, err := s.SaveImage(pngOf(50, 50))
	if err != nil || !strings.HasSuffix(name, ".png") {
		t.Fatalf("save: %q %v", name, err)
	}
	p, err := s.Path(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []struct {
		data []byte
		code apperr.Code
		want string
	}{
		{nil, apperr.CodeInvalid, "empty"},
		{[]byte("GIF89a......"), apperr.CodeInvalid, "PNG, JPEG or WebP"},
		{[]byte("<svg onload=alert(1)></svg>"), apperr.CodeInvalid, "PNG, JPEG or WebP"},
		{append(pngOf(2, 2)[:30], 0, 0, 0), apperr.CodeInvalid, "damaged"},
		{pngOf(4100, 10), apperr.CodeInvalid, "pixels"},
		{bytes.Repeat([]byte{0x89}, MaxImageBytes+1), apperr.CodeTooLarge, "2 MB"},
	} {
		_, err := s.SaveImage(bad.data)
		if !apperr.Is(err, bad.code) || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("want %s %q, got %v", bad.code, bad.want, err)
		}
	}
	for _, evil := range []string{"../etc/passwd", "x.png", strings.Repeat("a", 32) + ".svg", ""} {
		if _, err := s.Path(evil); err == nil {
			t.Errorf("Path(%q) must refuse", evil)
		}
	}
	if err := s.Remove(name); err != nil {
		t.Fatal(err)
	}
}
