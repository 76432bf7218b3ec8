package media

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"strings"
	"testing"

	"roster/internal/apperr"
)

// pngOf is a w×h PNG: a fully transparent RGBA image with one red pixel.
func pngOf(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.RGBA{R: 200, A: 255})
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}

// thirds is an opaque w×h image: red, green and blue thirds across its
// longer side.
func thirds(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			i := x * 3 / w
			if h > w {
				i = y * 3 / h
			}
			img.Set(x, y, []color.RGBA{{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}}[i])
		}
	}
	return img
}

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngChunk is one PNG chunk with its CRC.
func pngChunk(kind string, data []byte) []byte {
	var b bytes.Buffer
	_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
	b.WriteString(kind)
	b.Write(data)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(kind), data...)))
	return b.Bytes()
}

// pngHeader is a PNG signature and a valid IHDR declaring w×h RGBA pixels,
// and nothing else: what a decompression bomb shows before its pixels.
func pngHeader(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0)
	return append([]byte("\x89PNG\r\n\x1a\n"), pngChunk("IHDR", ihdr)...)
}

// webpSolid writes a lossless WebP (a VP8L bitstream by hand) of w×h pixels
// of one colour: no transform, no colour cache, no meta codes, and five
// Huffman codes of a single symbol each (green, red, blue, alpha, distance),
// so that every pixel takes no bits at all.
func webpSolid(w, h int, c color.NRGBA) []byte {
	var out []byte
	var acc uint64
	var n uint
	put := func(v uint32, bits uint) {
		acc |= uint64(v) << n
		n += bits
		for n >= 8 {
			out = append(out, byte(acc))
			acc >>= 8
			n -= 8
		}
	}
	put(0x2f, 8)
	put(uint32(w-1), 14)
	put(uint32(h-1), 14)
	put(1, 1) // alpha is used (a hint only)
	put(0, 3) // version
	put(0, 1) // no transform
	put(0, 1) // no colour cache
	put(0, 1) // no meta Huffman codes
	for _, sym := range []uint8{c.G, c.R, c.B, c.A, 0} {
		put(1, 1) // simple code
		put(0, 1) // of one symbol
		put(1, 1) // written in 8 bits
		put(uint32(sym), 8)
	}
	if n > 0 {
		out = append(out, byte(acc))
	}
	pad := len(out) % 2 // chunks are padded to an even size, the pad not counted in their own
	var b bytes.Buffer
	b.WriteString("RIFF")
	_ = binary.Write(&b, binary.LittleEndian, uint32(4+8+len(out)+pad))
	b.WriteString("WEBPVP8L")
	_ = binary.Write(&b, binary.LittleEndian, uint32(len(out)))
	b.Write(out)
	b.Write(make([]byte, pad))
	return b.Bytes()
}

// decoded reads a thumbnail back, checking its type and side.
func decoded(t *testing.T, th Thumbnail, variant, contentType string, side int) image.Image {
	t.Helper()
	if th.Variant != variant || th.ContentType != contentType || th.Side != side {
		t.Fatalf("%s: %s %d px, want %s %s %d px", variant, th.ContentType, th.Side, variant, contentType, side)
	}
	img, format, err := image.Decode(bytes.NewReader(th.Data))
	if err != nil {
		t.Fatalf("%s: %v", variant, err)
	}
	if "image/"+format != contentType || img.Bounds().Dx() != side || img.Bounds().Dy() != side {
		t.Fatalf("%s: stored %s %v, want %s %d×%d", variant, format, img.Bounds(), contentType, side, side)
	}
	return img
}

// near reports whether c is within 24 (of 255) of want on every channel.
func near(c color.Color, want color.NRGBA) bool {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	d := func(a, b uint8) bool { return int(a)-int(b) < 24 && int(b)-int(a) < 24 }
	return d(n.R, want.R) && d(n.G, want.G) && d(n.B, want.B) && d(n.A, want.A)
}

func TestProcess(t *testing.T) {
	t.Parallel()
	half := image.NewNRGBA(image.Rect(0, 0, 800, 600))
	for y := range 600 {
		for x := range 800 {
			half.SetNRGBA(x, y, color.NRGBA{R: 10, G: 20, B: 200, A: 128})
		}
	}
	lossless, err := os.ReadFile("testdata/1x1-lossless.webp")
	if err != nil {
		t.Fatal(err)
	}
	lossy, err := os.ReadFile("testdata/1x1-lossy.webp")
	if err != nil {
		t.Fatal(err)
	}
	orange := color.NRGBA{R: 250, G: 120, B: 10, A: 255}
	for _, tc := range []struct {
		name        string
		upload      []byte
		contentType string
		large       int
		small       int
		// centre is the colour expected in the middle of both variants.
		centre color.NRGBA
	}{
		{"PNG with alpha stays PNG", encodePNG(t, half), "image/png", 500, 96, color.NRGBA{R: 10, G: 20, B: 200, A: 128}},
		{"opaque PNG becomes JPEG", encodePNG(t, thirds(900, 900)), "image/jpeg", 500, 96, color.NRGBA{G: 255, A: 255}},
		{"JPEG", encodeJPEG(t, thirds(1200, 800)), "image/jpeg", 500, 96, color.NRGBA{G: 255, A: 255}},
		{"WebP, lossless, large", webpSolid(1024, 600, orange), "image/jpeg", 500, 96, orange},
		{"WebP, lossless with alpha", webpSolid(300, 300, color.NRGBA{R: 255, A: 100}), "image/png", 300, 96, color.NRGBA{R: 255, A: 100}},
		{"WebP 1×1 lossless (transparent)", lossless, "image/png", 1, 1, color.NRGBA{}},
		{"WebP 1×1 lossy", lossy, "image/jpeg", 1, 1, color.NRGBA{R: 128, G: 128, B: 128, A: 255}},
		{"a small source is not upscaled", encodeJPEG(t, thirds(200, 200)), "image/jpeg", 200, 96, color.NRGBA{G: 255, A: 255}},
		{"smaller than the small variant", encodePNG(t, thirds(60, 60)), "image/jpeg", 60, 60, color.NRGBA{G: 255, A: 255}},
		// The centred square of a wide image is its green third (100×100 of 300×100).
		{"wide, centre-cropped", encodePNG(t, thirds(300, 100)), "image/jpeg", 100, 96, color.NRGBA{G: 255, A: 255}},
		{"tall, centre-cropped", encodeJPEG(t, thirds(120, 360)), "image/jpeg", 120, 96, color.NRGBA{G: 255, A: 255}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ts, err := Process(tc.upload)
			if err != nil {
				t.Fatal(err)
			}
			if len(ts) != 2 {
				t.Fatalf("%d variants", len(ts))
			}
			for i, v := range []struct {
				name string
				side int
			}{{VariantLarge, tc.large}, {VariantSmall, tc.small}} {
				img := decoded(t, ts[i], v.name, tc.contentType, v.side)
				if c := img.At(v.side/2, v.side/2); !near(c, tc.centre) {
					t.Errorf("%s: centre %v, want about %v", v.name, c, tc.centre)
				}
			}
		})
	}

	// The crop keeps the centre only: no red or blue reaches the corners.
	ts, err := Process(encodePNG(t, thirds(300, 100)))
	if err != nil {
		t.Fatal(err)
	}
	img := decoded(t, ts[0], VariantLarge, "image/jpeg", 100)
	for _, p := range []image.Point{{2, 2}, {97, 2}, {2, 97}, {97, 97}} {
		if c := img.At(p.X, p.Y); !near(c, color.NRGBA{G: 255, A: 255}) {
			t.Errorf("corner %v is %v: the crop is not centred", p, c)
		}
	}

	// What is stored is re-encoded: the upload's metadata does not survive.
	up := encodePNG(t, thirds(50, 50))
	tagged := append(append(append([]byte{}, up[:33]...), pngChunk("tEXt", []byte("Comment\x00secret location"))...), up[33:]...)
	ts, err = Process(tagged)
	if err != nil {
		t.Fatal(err)
	}
	for _, th := range ts {
		if bytes.Contains(th.Data, []byte("secret")) || bytes.Equal(th.Data, tagged) {
			t.Fatalf("%s keeps the upload's bytes", th.Variant)
		}
	}
}

func TestProcessRefuses(t *testing.T) {
	t.Parallel()
	var g bytes.Buffer
	_ = gif.Encode(&g, image.NewPaletted(image.Rect(0, 0, 10, 10), []color.Color{color.Black, color.White}), nil)
	whole := pngOf(50, 50)
	for _, bad := range []struct {
		name string
		data []byte
		code apperr.Code
		want string
	}{
		{"empty", nil, apperr.CodeInvalid, "The image file is empty."},
		{"text", []byte("just some text, not an image\n"), apperr.CodeInvalid, "must be a PNG, JPEG or WebP file (this file is text/plain"},
		{"GIF", g.Bytes(), apperr.CodeInvalid, "must be a PNG, JPEG or WebP file (this file is image/gif)"},
		{"fake GIF", []byte("GIF89a......"), apperr.CodeInvalid, "PNG, JPEG or WebP"},
		{"SVG", []byte("<svg onload=alert(1)></svg>"), apperr.CodeInvalid, "PNG, JPEG or WebP"},
		{"damaged header", append(pngOf(2, 2)[:30], 0, 0, 0), apperr.CodeInvalid, "damaged or not really a PNG"},
		{"truncated PNG", whole[:len(whole)-30], apperr.CodeInvalid, "damaged or not really a PNG"},
		{"truncated JPEG", encodeJPEG(t, thirds(64, 64))[:300], apperr.CodeInvalid, "damaged or not really a JPEG"},
		{"20000×20000 PNG header", pngHeader(20000, 20000), apperr.CodeInvalid, "20000×20000 pixels; at most 4000 a side"},
		{"16000×16000 WebP of 13 bytes", webpSolid(16000, 16000, color.NRGBA{A: 255}), apperr.CodeInvalid, "16000×16000 pixels"},
		{"4100 wide", pngOf(4100, 10), apperr.CodeInvalid, "pixels"},
		{"over 2 MB", bytes.Repeat([]byte{0x89}, MaxImageBytes+1), apperr.CodeTooLarge, "the limit is 2 MB"},
	} {
		t.Run(bad.name, func(t *testing.T) {
			t.Parallel()
			ts, err := Process(bad.data)
			if !apperr.Is(err, bad.code) || !strings.Contains(err.Error(), bad.want) || ts != nil {
				t.Errorf("want %s %q, got %v", bad.code, bad.want, err)
			}
		})
	}
	// CheckImage reads the header only, and says the same about it.
	if _, err := CheckImage(pngHeader(20000, 20000)); !apperr.Is(err, apperr.CodeInvalid) {
		t.Fatalf("CheckImage of a bomb: %v", err)
	}
	for data, want := range map[string]string{string(pngOf(8, 8)): "image/png", string(webpSolid(8, 8, color.NRGBA{A: 255})): "image/webp",
		string(encodeJPEG(t, thirds(8, 8))): "image/jpeg"} {
		if ct, err := CheckImage([]byte(data)); err != nil || ct != want {
			t.Errorf("CheckImage: %q %v, want %s", ct, err, want)
		}
	}
}

// BenchmarkProcess renders the variants of the largest accepted photo.
func BenchmarkProcess(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, MaxImageSide, MaxImageSide*3/4))
	for i := range img.Pix {
		img.Pix[i] = uint8(i / 4000)
	}
	var buf bytes.Buffer
	_ = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80})
	if buf.Len() > MaxImageBytes {
		b.Fatalf("the source is %d bytes", buf.Len())
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Process(buf.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}
