package media

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"time"

	"roster/internal/apperr"
	"roster/internal/database"
)

// Store keeps profile images in the database (table images), so that every
// replica serves what any of them stored.
type Store struct {
	db *database.DB
	// Now is the clock.
	Now func() time.Time
}

// NewStore stores images in db.
func NewStore(db *database.DB) *Store {
	return &Store{db: db, Now: func() time.Time { return time.Now().UTC() }}
}

// Image is one stored variant, ready to serve.
type Image struct {
	ContentType string
	Data        []byte
	// ETag is the quoted start of the data's SHA-256 (a strong validator).
	ETag      string
	CreatedAt time.Time
}

// validName matches the names newName makes.
var validName = regexp.MustCompile(`^[0-9a-f]{32}$`)

// newName is a random 128-bit name in hex: unguessable and never reused.
func newName() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// SaveTx checks and processes an upload and stores its variants in tx for
// the partner; it returns the new image's name. Processing decodes the whole
// image: to keep a transaction short (on SQLite it holds the write lock),
// call Process before the transaction and InsertTx inside it.
func (s *Store) SaveTx(ctx context.Context, tx database.Tx, partnerID int64, upload []byte) (string, error) {
	ts, err := Process(upload)
	if err != nil {
		return "", err
	}
	return s.InsertTx(ctx, tx, partnerID, ts)
}

// InsertTx stores the variants made by Process in tx for the partner, under
// a new name, which it returns.
func (s *Store) InsertTx(ctx context.Context, tx database.Tx, partnerID int64, ts []Thumbnail) (string, error) {
	if len(ts) == 0 {
		return "", fmt.Errorf("media: insert: no variants")
	}
	name, now := newName(), s.Now()
	rs := make([]imageRecord, len(ts))
	for i, t := range ts {
		sum := sha256.Sum256(t.Data)
		rs[i] = imageRecord{Name: name, Variant: t.Variant, PartnerID: partnerID, ContentType: t.ContentType, Data: t.Data,
			SHA256: hex.EncodeToString(sum[:]), CreatedAt: now}
	}
	if err := insertImages(ctx, tx.Gorm, rs); err != nil {
		return "", fmt.Errorf("media: insert: %w", err)
	}
	return name, nil
}

// RemoveTx deletes every variant of a partner's image in tx. Unknown names
// (including those of other partners) are fine: nothing is deleted.
func (s *Store) RemoveTx(ctx context.Context, tx database.Tx, partnerID int64, name string) error {
	if !validName.MatchString(name) {
		return nil
	}
	if err := deleteImages(ctx, tx.Gorm, partnerID, name); err != nil {
		return fmt.Errorf("media: remove: %w", err)
	}
	return nil
}

// Get returns one variant of a partner's image. Names that are not the
// partner's, malformed names and unknown variants are not found.
func (s *Store) Get(ctx context.Context, partnerID int64, name, variant string) (Image, error) {
	if !validName.MatchString(name) || (variant != VariantLarge && variant != VariantSmall) {
		return Image{}, apperr.NotFound("This image does not exist.")
	}
	r, err := getImage(ctx, s.db.Gorm, partnerID, name, variant)
	if database.IsNotFound(err) {
		return Image{}, apperr.NotFound("This image does not exist.")
	}
	if err != nil {
		return Image{}, fmt.Errorf("media: get: %w", err)
	}
	return Image{ContentType: r.ContentType, Data: r.Data, ETag: `"` + r.SHA256[:min(32, len(r.SHA256))] + `"`,
		CreatedAt: r.CreatedAt}, nil
}
