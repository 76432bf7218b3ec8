package participation_test

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"testing"
	"time"

	"roster/internal/apperr"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/media"
	"roster/internal/participation"
	"roster/internal/people"
)

func jpegBytes(side int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, side, side))
	for i := range img.Pix {
		img.Pix[i] = 0xc0
	}
	var b bytes.Buffer
	_ = jpeg.Encode(&b, img, nil)
	return b.Bytes()
}

// Profile images are stored in the invite's and the edit's transaction, the
// replaced one goes in the same transaction, and only the partner's staff
// get them.
func TestProfileImages(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		f := setup(t, db)
		ctx := context.Background()
		stored := func(name string) int64 {
			var n int64
			db.Gorm.Raw(`SELECT count(*) FROM images WHERE name = ?`, name).Scan(&n)
			return n
		}

		// A damaged image (its header is fine, its pixels are cut) is the
		// image field's error, and nothing is written.
		whole := pngBytes()
		_, err := f.svc.Invite(ctx, f.admin, f.eventID, participation.InviteInput{Profile: people.Profile{Email: "cut@example.com",
			FirstName: "Cut", LastName: "Off"}, Speaker: true, Image: whole[:len(whole)-20]})
		if ae, ok := apperr.As(err); !ok || ae.Code != apperr.CodeInvalid || ae.Fields["image"] == "" {
			t.Fatalf("a damaged image: %v", err)
		}
		var persons, images int64
		db.Gorm.Raw(`SELECT count(*) FROM persons`).Scan(&persons)
		db.Gorm.Raw(`SELECT count(*) FROM images`).Scan(&images)
		if persons != 0 || images != 0 {
			t.Fatal("a refused invite wrote something")
		}

		sp, err := f.svc.Invite(ctx, f.admin, f.eventID, participation.InviteInput{Profile: people.Profile{Email: "sam@example.com",
			FirstName: "Sam", LastName: "Speaker"}, Speaker: true, Image: jpegBytes(800)})
		if err != nil {
			t.Fatal(err)
		}
		first := sp.Person.ImagePath
		if stored(first) != 2 {
			t.Fatalf("%d variants stored for %q", stored(first), first)
		}
		for variant, side := range map[string]int{media.VariantLarge: 500, media.VariantSmall: 96} {
			img, err := f.svc.ProfileImage(ctx, f.support, first, variant)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(img.Data))
			if err != nil || img.ContentType != "image/jpeg" || cfg.Width != side || img.ETag == "" {
				t.Fatalf("%s: %s %d px %v", variant, img.ContentType, cfg.Width, err)
			}
		}
		if _, err := f.svc.ProfileImage(ctx, f.other, first, media.VariantLarge); !apperr.Is(err, apperr.CodeNotFound) {
			t.Fatalf("another partner's image: %v", err)
		}

		// Edited with a new image: the old one is gone with the change.
		edit := participation.EditInput{Profile: people.Profile{Email: "sam@example.com", FirstName: "Sam", LastName: "Speaker",
			Language: "en"}, Speaker: true, Image: pngBytes()}
		ed, err := f.svc.Update(ctx, f.admin, f.eventID, sp.ID, edit)
		if err != nil {
			t.Fatal(err)
		}
		second := ed.Person.ImagePath
		if second == first || stored(first) != 0 || stored(second) != 2 {
			t.Fatalf("after the edit: %q (%d stored), old %q (%d stored)", second, stored(second), first, stored(first))
		}
		if _, err := f.svc.ProfileImage(ctx, f.admin, first, media.VariantLarge); !apperr.Is(err, apperr.CodeNotFound) {
			t.Fatalf("the replaced image: %v", err)
		}
		if img, err := f.svc.ProfileImage(ctx, f.admin, second, media.VariantSmall); err != nil || img.ContentType != "image/png" {
			t.Fatalf("the new image: %v %s", err, img.ContentType)
		}

		// A failed edit leaves the image as it was (the new one is rolled back).
		edit.Profile.Email = "not an email"
		if _, err := f.svc.Update(ctx, f.admin, f.eventID, sp.ID, edit); !apperr.Is(err, apperr.CodeInvalid) {
			t.Fatalf("a bad edit: %v", err)
		}
		var total int64
		db.Gorm.Raw(`SELECT count(*) FROM images`).Scan(&total)
		if total != 2 || stored(second) != 2 {
			t.Fatalf("%d images after a refused edit", total)
		}

		// Invited again (to another event) with a new image: the person's
		// previous image is replaced, and removed.
		other := insertEvent(t, db, f.admin.PartnerID, "Other", "password", f.now.Add(time.Hour), f.now.Add(2*time.Hour), false, false)
		again, err := f.svc.Invite(ctx, f.admin, other, participation.InviteInput{Profile: people.Profile{Email: "sam@example.com",
			FirstName: "Sam", LastName: "Speaker"}, Moderator: true, Image: jpegBytes(64)})
		if err != nil {
			t.Fatal(err)
		}
		third := again.Person.ImagePath
		if third == second || stored(second) != 0 || stored(third) != 2 {
			t.Fatalf("re-invited: %q, previous %q still stored %d times", third, second, stored(second))
		}

		// An image another person still uses stays when one of them drops it.
		ann := f.invite(t, "ann@example.com", "Ann", "Other", false)
		db.Gorm.Exec(`UPDATE persons SET image_path = ? WHERE id = ?`, third, ann.PersonID)
		edit = participation.EditInput{Profile: people.Profile{Email: "sam@example.com", FirstName: "Sam", LastName: "Speaker",
			Language: "en"}, Speaker: true, RemoveImage: true}
		if ed, err = f.svc.Update(ctx, f.admin, f.eventID, sp.ID, edit); err != nil || ed.Person.ImagePath != "" {
			t.Fatalf("remove image: %v %q", err, ed.Person.ImagePath)
		}
		if stored(third) != 2 {
			t.Fatal("an image still in use was removed")
		}
		if _, err := f.svc.ProfileImage(ctx, f.admin, third, media.VariantLarge); err != nil {
			t.Fatalf("the shared image: %v", err)
		}
		edit.Profile = people.Profile{Email: "ann@example.com", FirstName: "Ann", LastName: "Other", Language: "de"}
		if _, err := f.svc.Update(ctx, f.admin, f.eventID, ann.ID, edit); err != nil {
			t.Fatal(err)
		}
		if stored(third) != 0 {
			t.Fatal("an image no one uses is kept")
		}
	})
}
