// Package media stores uploaded profile images under generated names, after
// checking their real type and size.
package media

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"image"
	_ "image/jpeg" // decoders for DecodeConfig
	_ "image/png"
	"net/http"
	"os"
	"path/filepath"
	"regexp"

	"roster/internal/apperr"
)

// MaxImageBytes is the largest profile image accepted.
const MaxImageBytes = 2 << 20

// MaxImageSide is the largest width or height accepted.
const MaxImageSide = 4000

// Store keeps files in a directory.
type Store struct{ dir string }

// NewStore uses dir (created when missing).
func NewStore(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("media: %w", err)
	}
	return &Store{dir: dir}, nil
}

var extOf = map[string]string{"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp"}

// CheckImage returns the real content type of a profile image, or a
// plain-language error: PNG, JPEG or WebP, at most 2 MB and 4000 px a side.
func CheckImage(data []byte) (string, error) {
	if len(data) == 0 {
		return "", apperr.Invalid("The image file is empty.")
	}
	if len(data) > MaxImageBytes {
		return "", apperr.TooLarge("The image is %.1f MB; the limit is 2 MB.", float64(len(data))/(1<<20))
	}
	ct := http.DetectContentType(data)
	if _, ok := extOf[ct]; !ok {
		return "", apperr.Invalid("The image must be a PNG, JPEG or WebP file (this file is %s).", ct)
	}
	if ct != "image/webp" {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return "", apperr.Invalid("The image file is damaged or not really a %s.", ct)
		}
		if cfg.Width > MaxImageSide || cfg.Height > MaxImageSide {
			return "", apperr.Invalid("The image is %d×%d pixels; at most %d a side, ideally 500×500.", cfg.Width, cfg.Height, MaxImageSide)
		}
	}
	return ct, nil
}

// SaveImage checks and stores a profile image; it returns the stored name.
func (s *Store) SaveImage(data []byte) (string, error) {
	ct, err := CheckImage(data)
	if err != nil {
		return "", err
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	name := hex.EncodeToString(b) + extOf[ct]
	if err := os.WriteFile(filepath.Join(s.dir, name), data, 0o640); err != nil {
		return "", fmt.Errorf("media: save: %w", err)
	}
	return name, nil
}

var validName = regexp.MustCompile(`^[0-9a-f]{32}\.(png|jpg|webp)$`)

// Path returns the file of a stored name, refusing anything not made by SaveImage.
func (s *Store) Path(name string) (string, error) {
	if !validName.MatchString(name) {
		return "", apperr.NotFound("This file does not exist.")
	}
	return filepath.Join(s.dir, name), nil
}

// Remove deletes a stored file (missing files are fine).
func (s *Store) Remove(name string) error {
	p, err := s.Path(name)
	if err != nil {
		return nil
	}
	if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("media: remove: %w", err)
	}
	return nil
}
