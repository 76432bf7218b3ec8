package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/event"
	"roster/web/webtest"
)

// The attendee pages speak the person's language (their participation's),
// or, before anyone is known, the event's: the document says which, Arabic
// right to left; form problems and refusals are said in it too.
func TestAttendeePagesInTheirLanguage(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		owner := ptOwner(t, app)
		org, _ := app.LoginAs(t, auth.RoleOrganizer)
		start := time.Now().Add(48 * time.Hour).Truncate(time.Hour)
		mk := func(name string, login event.LoginMethod, lang string) event.Event {
			t.Helper()
			e, err := event.NewService(db).Create(context.Background(), owner, event.Input{Name: name, TimeZone: "Europe/Paris",
				StartsAt: start, EndsAt: start.Add(time.Hour), LoginMethod: login, DefaultLanguage: lang})
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
		setLang := func(id int64, lang string) {
			t.Helper()
			if err := db.Gorm.Exec(`UPDATE participations SET language = ? WHERE id = ?`, lang, id).Error; err != nil {
				t.Fatal(err)
			}
		}

		// A magic-link event in German; Amal reads Arabic.
		me := mk("Salon", event.LoginMagicLink, "de")
		ids := ptSeed(t, app, app.PartnerID, me, ptPerson{email: "amal@example.com", first: "Amal", last: "Haddad"})
		setLang(ids[0], "ar")
		link, _, err := app.Participants.GenerateLoginLink(context.Background(), owner, me.ID, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		g := app.Anonymous(t)
		path := strings.TrimPrefix(link.URL, app.Server.URL)
		r := g.Get(path)
		ptWantBody(t, r, `<html lang="ar" dir="rtl"`, "مرحبًا Amal", "المتابعة باسم \u2068amal@…\u2069")
		wantStatus(t, g.PostForm(path, nil), http.StatusSeeOther)
		r = g.Get(eventPath(me, ""))
		wantStatus(t, r, http.StatusOK)
		ptWantBody(t, r, `<html lang="ar" dir="rtl"`, "ردهة الفعالية", "لم تبدأ الفعالية بعد")
		if got := ptTestID(r.Doc(), "lobby-tz").AttrOr("data-tz-text", ""); !strings.Contains(got, "{local}") || !strings.Contains(got, "Europe/Paris") {
			t.Fatalf("the browser's sentence for local times: %q", got)
		}
		// Nobody known yet: the event's language, its problems too.
		login := g.Get(eventPath(me, "/login"))
		ptWantBody(t, login, `<html lang="de" dir="ltr"`, "Anmeldelink per E-Mail senden")
		r = g.PostForm(eventPath(me, "/login"), url.Values{"email": {"not an address"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if got := ptTestID(r.Doc(), "login-request-error").Text(); got != "Geben Sie eine gültige E-Mail-Adresse ein." {
			t.Fatalf("bad address in German: %q", got)
		}

		// A password event in French; Kenji reads Japanese.
		pe := mk("Gala", event.LoginPassword, "fr")
		pids := ptSeed(t, app, app.PartnerID, pe, ptPerson{email: "kenji@example.com", first: "Kenji", last: "Sato"})
		setLang(pids[0], "ja")
		wantStatus(t, ptHX(org, http.MethodPost, ptRowPath(pe, pids[0], "/resend"), url.Values{}, ptPath(pe, "/users")), http.StatusOK)
		k := app.Anonymous(t)
		wantStatus(t, k.PostForm(lastLink(t, app, "kenji@example.com"), nil), http.StatusSeeOther)
		r = k.PostForm(eventPath(pe, "/password"), url.Values{"password": {"short"}, "confirm": {"other"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		ptWantBody(t, r, `<html lang="ja"`, "パスワードの設定")
		if got := ptTestID(r.Doc(), "set-password-error").Text(); got != "12文字以上にしてください。" {
			t.Fatalf("too short, in Japanese: %q", got)
		}
		if got := ptTestID(r.Doc(), "set-password-confirm-error").Text(); got != "2つのパスワードが一致しません。" {
			t.Fatalf("mismatch, in Japanese: %q", got)
		}
		r = app.Anonymous(t).PostForm(eventPath(pe, "/login"), url.Values{"email": {"kenji@example.com"}, "password": {"wrong guess 123"}})
		wantStatus(t, r, http.StatusUnauthorized)
		if got := ptTestID(r.Doc(), "password-login-error").Text(); got != "L’adresse e-mail ou le mot de passe est incorrect." {
			t.Fatalf("wrong password, in the event's French: %q", got)
		}
		// A link that no longer works, to a visitor nobody knows: the
		// browser's language; a missing sign-in on an event's page: the event's.
		r = app.Anonymous(t).Do(http.MethodGet, "/l/not-a-real-token", nil, http.Header{"Accept-Language": {"sv-SE,sv;q=0.9,en;q=0.5"}})
		wantStatus(t, r, http.StatusGone)
		ptWantBody(t, r, `<html lang="sv"`, "Länken har gått ut eller redan använts.")
		r = app.Anonymous(t).Get(eventPath(pe, ""))
		wantStatus(t, r, http.StatusUnauthorized)
		ptWantBody(t, r, `<html lang="fr"`, "Ouvrez le lien de connexion que vous avez reçu")
		// Blocked: refused in their own language.
		wantStatus(t, ptHX(org, http.MethodPost, ptRowPath(pe, pids[0], "/block"), url.Values{}, ptPath(pe, "/users")), http.StatusOK)
		r = k.Get(eventPath(pe, ""))
		wantStatus(t, r, http.StatusForbidden)
		ptWantBody(t, r, `<html lang="ja"`, "このイベントには入場できません")
	})
}
