package media

import (
	"bytes"
	"context"
	"errors"
	"image"
	"strings"
	"testing"

	"roster/internal/apperr"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/partner"
)

func TestStore(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		var mine, theirs partner.Partner
		err := db.InTx(ctx, func(tx database.Tx) error {
			var err error
			if mine, err = partner.CreateTx(ctx, tx, "Acme"); err != nil {
				return err
			}
			theirs, err = partner.CreateTx(ctx, tx, "Other")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		s := NewStore(db)
		var name string
		err = db.InTx(ctx, func(tx database.Tx) error {
			name, err = s.SaveTx(ctx, tx, mine.ID, encodePNG(t, thirds(800, 600)))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if !validName.MatchString(name) {
			t.Fatalf("name %q", name)
		}
		etags := map[string]bool{}
		for variant, side := range map[string]int{VariantLarge: 500, VariantSmall: 96} {
			img, err := s.Get(ctx, mine.ID, name, variant)
			if err != nil {
				t.Fatal(err)
			}
			cfg, format, err := image.DecodeConfig(bytes.NewReader(img.Data))
			if err != nil || format != "jpeg" || img.ContentType != "image/jpeg" || cfg.Width != side || cfg.Height != side {
				t.Fatalf("%s: %s %s %dx%d %v", variant, img.ContentType, format, cfg.Width, cfg.Height, err)
			}
			if len(img.ETag) != 34 || !strings.HasPrefix(img.ETag, `"`) || !strings.HasSuffix(img.ETag, `"`) || etags[img.ETag] {
				t.Fatalf("%s: ETag %s", variant, img.ETag)
			}
			etags[img.ETag] = true
			if img.CreatedAt.IsZero() {
				t.Fatalf("%s: no creation time", variant)
			}
		}

		// Another partner's image does not exist for them, and they cannot remove it.
		if _, err := s.Get(ctx, theirs.ID, name, VariantLarge); !apperr.Is(err, apperr.CodeNotFound) {
			t.Fatalf("another partner's image: %v", err)
		}
		if err := db.InTx(ctx, func(tx database.Tx) error { return s.RemoveTx(ctx, tx, theirs.ID, name) }); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Get(ctx, mine.ID, name, VariantSmall); err != nil {
			t.Fatalf("another partner removed the image: %v", err)
		}
		for _, bad := range [][2]string{{name, "medium"}, {name, ""}, {"../" + name, VariantLarge}, {name + ".png", VariantLarge},
			{strings.ToUpper(name), VariantLarge}, {"", VariantLarge}} {
			if _, err := s.Get(ctx, mine.ID, bad[0], bad[1]); !apperr.Is(err, apperr.CodeNotFound) {
				t.Errorf("Get(%q, %q): %v", bad[0], bad[1], err)
			}
		}

		// A refused upload stores nothing; a rolled back transaction neither.
		var before int64
		db.Gorm.Raw(`SELECT count(*) FROM images`).Scan(&before)
		err = db.InTx(ctx, func(tx database.Tx) error {
			_, err := s.SaveTx(ctx, tx, mine.ID, []byte("not an image"))
			return err
		})
		if !apperr.Is(err, apperr.CodeInvalid) {
			t.Fatalf("a text upload: %v", err)
		}
		rollback := errors.New("rollback")
		var gone string
		err = db.InTx(ctx, func(tx database.Tx) error {
			if gone, err = s.SaveTx(ctx, tx, mine.ID, pngOf(40, 40)); err != nil {
				return err
			}
			return rollback
		})
		if !errors.Is(err, rollback) {
			t.Fatal(err)
		}
		if _, err := s.Get(ctx, mine.ID, gone, VariantLarge); !apperr.Is(err, apperr.CodeNotFound) {
			t.Fatalf("a rolled back image: %v", err)
		}
		var after int64
		db.Gorm.Raw(`SELECT count(*) FROM images`).Scan(&after)
		if after != before || before != 2 {
			t.Fatalf("%d rows before, %d after", before, after)
		}

		// Removing deletes both variants; removing again is fine.
		for range 2 {
			if err := db.InTx(ctx, func(tx database.Tx) error { return s.RemoveTx(ctx, tx, mine.ID, name) }); err != nil {
				t.Fatal(err)
			}
		}
		for _, v := range []string{VariantLarge, VariantSmall} {
			if _, err := s.Get(ctx, mine.ID, name, v); !apperr.Is(err, apperr.CodeNotFound) {
				t.Fatalf("%s after remove: %v", v, err)
			}
		}
	})
}
