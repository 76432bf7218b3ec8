package web_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/event"
	"roster/web/webtest"
)

// mdPNG is a side×side PNG with transparency (so it is stored as a PNG).
func mdPNG(t *testing.T, side int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, side, side))
	for y := range side {
		for x := range side {
			img.SetNRGBA(x, y, color.NRGBA{R: uint8(x), G: uint8(y), B: 90, A: 200})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A profile image uploaded with the invite form is served re-encoded, in
// two sizes, with a validator and long private caching, to the partner's
// staff only.
func TestProfileImageServed(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		org, _ := app.LoginAs(t, auth.RoleOrganizer)
		owner := ptOwner(t, app)
		e := ptEvent(t, app, owner, "Summit", event.LoginMagicLink)
		list := ptPath(e, "/users")
		upload := mdPNG(t, 640)
		r := ptMultipart(t, org, list, ptInvite("pic@example.com", "speaker", "1"), upload, true, list)
		wantStatus(t, r, http.StatusOK)
		var name string
		app.DB.Gorm.Raw(`SELECT image_path FROM persons WHERE email = ?`, "pic@example.com").Scan(&name)
		if len(name) != 32 {
			t.Fatalf("stored name %q", name)
		}

		etags := map[string]string{}
		for path, side := range map[string]int{"/media/" + name: 500, "/media/" + name + "?size=small": 96} {
			r := org.Get(path)
			wantStatus(t, r, http.StatusOK)
			h := r.Header
			if h.Get("Content-Type") != "image/png" || h.Get("Cache-Control") != "private, max-age=31536000, immutable" ||
				h.Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(h.Get("ETag"), `"`) {
				t.Fatalf("%s: headers %v", path, h)
			}
			img, err := png.Decode(strings.NewReader(r.Body))
			if err != nil || img.Bounds().Dx() != side || img.Bounds().Dy() != side {
				t.Fatalf("%s: %v %v", path, img, err)
			}
			if r.Body == string(upload) {
				t.Fatalf("%s serves the upload itself", path)
			}
			etags[path] = h.Get("ETag")
		}
		large, small := etags["/media/"+name], etags["/media/"+name+"?size=small"]
		if large == small {
			t.Fatal("the two sizes share an ETag")
		}

		// Revalidation: the same ETag (strong or weak, alone or in a list) is 304 without a body.
		for _, inm := range []string{large, "W/" + large, `"other", ` + large, "*"} {
			r := org.Do(http.MethodGet, "/media/"+name, nil, http.Header{"If-None-Match": {inm}})
			wantStatus(t, r, http.StatusNotModified)
			if r.Body != "" || r.Header.Get("ETag") != large || r.Header.Get("Cache-Control") != "private, max-age=31536000, immutable" {
				t.Fatalf("304 for %q: %q %v", inm, r.Body, r.Header)
			}
		}
		r = org.Do(http.MethodGet, "/media/"+name+"?size=small", nil, http.Header{"If-None-Match": {large}})
		wantStatus(t, r, http.StatusOK)
		if r.Header.Get("ETag") != small {
			t.Fatal("the small size answers with its own ETag")
		}

		// Every staff role of the partner sees it; another partner never does.
		support, _ := app.LoginAs(t, auth.RoleSupport)
		wantStatus(t, support.Get("/media/"+name+"?size=small"), http.StatusOK)
		theirs := app.Login(t, app.StaffIn(t, app.OtherPartner(t, "Other Org"), auth.RoleOwner).Email, webtest.Password)
		for _, path := range []string{"/media/" + name, "/media/" + name + "?size=small"} {
			r := theirs.Do(http.MethodGet, path, nil, http.Header{"If-None-Match": {large}})
			wantStatus(t, r, http.StatusNotFound)
			if strings.Contains(r.Body, "PNG") || r.Header.Get("ETag") != "" {
				t.Fatalf("another partner learns about the image: %v", r.Header)
			}
		}
		wantStatus(t, org.Get("/media/"+strings.Repeat("0", 32)), http.StatusNotFound)
		wantStatus(t, org.Get("/media/"+name+".png"), http.StatusNotFound)
	})
}
