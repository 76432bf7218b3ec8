// Package media checks uploaded profile images by their real type and size,
// re-encodes them to square thumbnails, and stores these in the database so
// that every replica serves them.
package media

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"net/http"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"

	"roster/internal/apperr"
)

// MaxImageBytes is the largest profile image accepted.
const MaxImageBytes = 2 << 20

// MaxImageSide is the largest width or height accepted. It is checked on the
// declared dimensions before any pixel is decoded, so a small file declaring
// a huge image (a decompression bomb) never allocates its pixels.
const MaxImageSide = 4000

// The stored variants of a profile image.
const (
	// VariantLarge is the profile picture: at most LargeSide a side.
	VariantLarge = "large"
	// VariantSmall is the avatar of lists and rows: at most SmallSide a side.
	VariantSmall = "small"
)

// The sides of the variants, in pixels. A smaller source is never upscaled:
// its variants keep its own (square) side.
const (
	LargeSide = 500
	SmallSide = 96
)

// JPEGQuality is the quality of re-encoded opaque images.
const JPEGQuality = 85

// format is an accepted upload format.
type format struct {
	label        string
	decodeConfig func([]byte) (image.Config, error)
	decode       func([]byte) (image.Image, error)
}

// formats are the accepted uploads by sniffed content type. Each one uses
// its own decoder (not image.Decode), so that no other format registered
// anywhere in the binary (GIF, BMP…) slips through.
var formats = map[string]format{
	"image/png": {"PNG",
		func(b []byte) (image.Config, error) { return png.DecodeConfig(bytes.NewReader(b)) },
		func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) }},
	"image/jpeg": {"JPEG",
		func(b []byte) (image.Config, error) { return jpeg.DecodeConfig(bytes.NewReader(b)) },
		func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) }},
	"image/webp": {"WebP",
		func(b []byte) (image.Config, error) { return webp.DecodeConfig(bytes.NewReader(b)) },
		func(b []byte) (image.Image, error) { return webp.Decode(bytes.NewReader(b)) }},
}

// CheckImage returns the real content type of a profile image, or a
// plain-language error: PNG, JPEG or WebP, at most 2 MB and 4000 px a side.
// It reads the header only; Process decodes the pixels.
func CheckImage(data []byte) (string, error) {
	_, ct, err := check(data)
	return ct, err
}

// check sniffs the type and reads the declared dimensions.
func check(data []byte) (image.Config, string, error) {
	if len(data) == 0 {
		return image.Config{}, "", apperr.Invalid("The image file is empty.")
	}
	if len(data) > MaxImageBytes {
		return image.Config{}, "", apperr.TooLarge("The image is %.1f MB; the limit is 2 MB.", float64(len(data))/(1<<20))
	}
	ct := http.DetectContentType(data)
	f, ok := formats[ct]
	if !ok {
		return image.Config{}, "", apperr.Invalid("The image must be a PNG, JPEG or WebP file (this file is %s).", ct)
	}
	cfg, err := f.decodeConfig(data)
	if err != nil {
		return cfg, "", apperr.Invalid("The image file is damaged or not really a %s.", f.label)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return cfg, "", apperr.Invalid("The image file is damaged or not really a %s.", f.label)
	}
	if cfg.Width > MaxImageSide || cfg.Height > MaxImageSide {
		return cfg, "", apperr.Invalid("The image is %d×%d pixels; at most %d a side, ideally %d×%d.",
			cfg.Width, cfg.Height, MaxImageSide, LargeSide, LargeSide)
	}
	return cfg, ct, nil
}

// Thumbnail is one variant of a profile image, re-encoded: what is stored
// and served (the upload's own bytes never are, which also drops their
// metadata).
type Thumbnail struct {
	Variant     string
	ContentType string
	Data        []byte
	// Side is the width and the height, in pixels.
	Side int
}

// Process checks an upload and renders its variants (large, then small):
// the centred square of the image, scaled down with a Catmull-Rom filter,
// re-encoded as JPEG (quality 85), or as PNG when the source has
// transparency. The EXIF orientation of JPEGs is ignored (the standard
// decoder does not read it, and the metadata is dropped): a phone photo
// stored sideways with an orientation tag comes out sideways, and is
// uploaded again turned the right way.
func Process(upload []byte) ([]Thumbnail, error) {
	cfg, ct, err := check(upload)
	if err != nil {
		return nil, err
	}
	f := formats[ct]
	src, err := f.decode(upload)
	if err != nil {
		return nil, apperr.Invalid("The image file is damaged or not really a %s.", f.label)
	}
	b := src.Bounds()
	if b.Dx() != cfg.Width || b.Dy() != cfg.Height {
		// Decoders check this; refuse rather than trust a mismatch.
		return nil, apperr.Invalid("The image file is damaged or not really a %s.", f.label)
	}
	side := min(b.Dx(), b.Dy())
	x0, y0 := b.Min.X+(b.Dx()-side)/2, b.Min.Y+(b.Dy()-side)/2
	crop := image.Rect(x0, y0, x0+side, y0+side)
	transparent := !opaque(src, crop)

	large := scale(src, crop, min(side, LargeSide))
	small := scale(large, large.Bounds(), min(side, SmallSide))
	out := make([]Thumbnail, 0, 2)
	for _, v := range []struct {
		name string
		img  *image.RGBA
	}{{VariantLarge, large}, {VariantSmall, small}} {
		t, err := encode(v.img, transparent)
		if err != nil {
			return nil, err
		}
		t.Variant = v.name
		out = append(out, t)
	}
	return out, nil
}

// scale draws the sr part of src onto a new side×side image.
func scale(src image.Image, sr image.Rectangle, side int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, side, side))
	if sr.Dx() == side && sr.Dy() == side {
		draw.Draw(dst, dst.Bounds(), src, sr.Min, draw.Src)
		return dst
	}
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, sr, draw.Src, nil)
	return dst
}

// opaque reports whether r of img has no transparent pixel. Images that
// cannot say (no Opaque method) count as transparent: PNG keeps them exact.
func opaque(img image.Image, r image.Rectangle) bool {
	if s, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		img = s.SubImage(r)
	}
	o, ok := img.(interface{ Opaque() bool })
	return ok && o.Opaque()
}

func encode(img *image.RGBA, transparent bool) (Thumbnail, error) {
	var buf bytes.Buffer
	t := Thumbnail{Side: img.Bounds().Dx()}
	if transparent {
		t.ContentType = "image/png"
		if err := png.Encode(&buf, img); err != nil {
			return t, fmt.Errorf("media: encode png: %w", err)
		}
	} else {
		t.ContentType = "image/jpeg"
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: JPEGQuality}); err != nil {
			return t, fmt.Errorf("media: encode jpeg: %w", err)
		}
	}
	t.Data = buf.Bytes()
	return t, nil
}
