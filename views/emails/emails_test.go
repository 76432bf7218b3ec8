package emails

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// allLangs are the 19 languages of PRODUCT.md §6.
var allLangs = []string{"en", "de", "fr", "es-ES", "nl", "ru", "pt-BR", "ja", "zh-Hans", "zh-Hant", "fi", "it", "fr-CA", "ko", "ar", "ca", "da", "sr", "sv"}

const link = "https://roster.example/i/AbC123-_x?lang=de&next=%2Flobby"

func sample() Data {
	return Data{
		Lang:         "en",
		PersonName:   "Jane",
		EventName:    "Winter Summit 2026",
		Organisation: "Acme Events",
		StartsAt:     time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC),
		EndsAt:       time.Date(2026, 12, 1, 16, 30, 0, 0, time.UTC),
		TimeZone:     "Europe/Berlin",
		Link:         link,
		LinkExpires:  time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC),
	}
}

type rendered struct {
	subject, text, html string
	doc                 *goquery.Document
}

func render(t *testing.T, kind Kind, d Data) rendered {
	t.Helper()
	subject, text, h, err := Render(context.Background(), kind, d)
	if err != nil {
		t.Fatalf("Render(%s, %s): %v", kind, d.Lang, err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(h))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	return rendered{subject, text, h, doc}
}

// voidElements have no end tag.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// assertWellFormed checks that every start tag has its end tag, in order,
// and that the document has one html, head, body and title.
func assertWellFormed(t *testing.T, h string, doc *goquery.Document) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(h))
	var stack []string
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				t.Fatalf("tokenize: %v", z.Err())
			}
			break
		}
		name, _ := z.TagName()
		switch tt {
		case html.StartTagToken:
			if !voidElements[string(name)] {
				stack = append(stack, string(name))
			}
		case html.EndTagToken:
			if len(stack) == 0 || stack[len(stack)-1] != string(name) {
				t.Fatalf("unbalanced </%s>; open: %v", name, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed elements: %v", stack)
	}
	if !strings.HasPrefix(strings.ToLower(h), "<!doctype html>") {
		t.Error("no doctype")
	}
	for _, sel := range []string{"html", "head", "body", "title"} {
		if n := doc.Find(sel).Length(); n != 1 {
			t.Errorf("%d <%s>", n, sel)
		}
	}
	// Nothing that loads, runs or submits.
	if n := doc.Find("script, img, link, iframe, object, embed, form, style").Length(); n != 0 {
		t.Errorf("%d forbidden elements", n)
	}
	doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		for _, a := range s.Nodes[0].Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("event handler %s", a.Key)
			}
		}
	})
}

// eventKinds are the kinds about an event.
var eventKinds = []Kind{KindInvitation, KindRegistration, KindConfirmEmail, KindLoginLink}

func TestEveryEventKindInEveryLanguage(t *testing.T) {
	t.Parallel()
	for _, kind := range eventKinds {
		for _, lang := range append(slices.Clone(allLangs), "xx", "") {
			t.Run(string(kind)+"/"+lang, func(t *testing.T) {
				t.Parallel()
				d := sample()
				d.Lang, d.RTL = lang, lang == "ar"
				d.Speaker, d.Moderator = true, true
				r := render(t, kind, d)
				if r.subject == "" || r.text == "" || r.html == "" {
					t.Fatalf("empty output: %q %q %d", r.subject, r.text, len(r.html))
				}
				if strings.ContainsAny(r.subject, "\r\n") {
					t.Errorf("subject has a line break: %q", r.subject)
				}
				for name, s := range map[string]string{"subject": r.subject, "text": r.text, "html": r.html} {
					if strings.ContainsAny(s, "{}") {
						t.Errorf("%s has an unexpanded placeholder: %q", name, s)
					}
				}
				// The link: alone on exactly one line of the text, and the button's href.
				if n := strings.Count(r.text, link); n != 1 {
					t.Errorf("link appears %d times in the text", n)
				}
				if !strings.Contains(r.text, "\n"+link+"\n") {
					t.Errorf("link not on a line of its own:\n%s", r.text)
				}
				buttons := r.doc.Find(`a[data-testid="email-button"]`)
				if buttons.Length() != 1 {
					t.Fatalf("%d buttons", buttons.Length())
				}
				if href, _ := buttons.Attr("href"); href != link {
					t.Errorf("button href %q, want %q", href, link)
				}
				if strings.TrimSpace(buttons.Text()) == "" {
					t.Error("button without a label")
				}
				// The event name, everywhere.
				for name, s := range map[string]string{"subject": r.subject, "text": r.text, "html": r.doc.Find("body").Text()} {
					if !strings.Contains(s, d.EventName) {
						t.Errorf("event name missing from the %s", name)
					}
				}
				// Who invites, the date in the event's zone, the expiry, the footer.
				body := r.doc.Find("body").Text()
				for _, want := range []string{"Acme Events", "Europe/Berlin", "UTC+1"} {
					if !strings.Contains(r.text, want) || !strings.Contains(body, want) {
						t.Errorf("%q missing", want)
					}
				}
				l := lookup(lang)
				expires, _ := l.dates.moment(d.LinkExpires, zoneOf(d.TimeZone))
				for _, want := range []string{l.t.Ignore, expires} {
					if !strings.Contains(r.text, want) || !strings.Contains(body, want) {
						t.Errorf("%q missing", want)
					}
				}
				assertWellFormed(t, r.html, r.doc)
				root := r.doc.Find("html")
				if got, _ := root.Attr("lang"); got != l.code {
					t.Errorf("lang=%q, want %q", got, l.code)
				}
				wantDir := map[bool]string{true: "rtl", false: "ltr"}[lang == "ar"]
				if got, _ := root.Attr("dir"); got != wantDir {
					t.Errorf("dir=%q, want %q", got, wantDir)
				}
			})
		}
	}
}

func TestEscaping(t *testing.T) {
	t.Parallel()
	const evil = `<script>alert("x")</script>&amp;'`
	d := sample()
	d.PersonName, d.EventName, d.Organisation = "Jane "+evil, "Summit "+evil, "Acme "+evil
	for _, kind := range eventKinds {
		r := render(t, kind, d)
		if r.doc.Find("script").Length() != 0 || strings.Contains(r.html, "<script") {
			t.Errorf("%s: <script> reached the HTML", kind)
		}
		body := r.doc.Find("body").Text()
		for _, v := range []string{d.EventName, d.Organisation} {
			if !strings.Contains(body, v) {
				t.Errorf("%s: %q not shown as text in the HTML", kind, v)
			}
			if !strings.Contains(r.text, v) {
				t.Errorf("%s: %q not verbatim in the text body", kind, v)
			}
		}
		if !strings.Contains(r.text, "Jane "+evil) || !strings.Contains(body, "Jane "+evil) {
			t.Errorf("%s: the name is not shown verbatim", kind)
		}
		if strings.Contains(r.text, "&lt;") || strings.Contains(r.text, "&#") {
			t.Errorf("%s: the text body is HTML-escaped", kind)
		}
		if !strings.Contains(r.subject, d.EventName) {
			t.Errorf("%s: subject %q", kind, r.subject)
		}
	}
	// A link with characters that need escaping in an attribute survives intact.
	d = sample()
	d.Link = `https://roster.example/l?t=a"b'c<d>&e=1`
	r := render(t, KindLoginLink, d)
	if href, _ := r.doc.Find(`a[data-testid="email-button"]`).Attr("href"); href != d.Link {
		t.Errorf("href %q", href)
	}
	if strings.Contains(r.html, `a"b`) || strings.Contains(r.html, `c<d`) {
		t.Error("link not escaped in the HTML")
	}
}

func TestSubjectIsOneLine(t *testing.T) {
	t.Parallel()
	d := sample()
	d.PersonName = "Jane\r\nBcc: mallory@example.com"
	d.Organisation = "Acme\nX-Injected: 1"
	d.EventName = "Summit\u2028Part\ttwo\u202e\x00"
	for _, kind := range eventKinds {
		for _, lang := range []string{"en", "de", "ja"} {
			d.Lang = lang
			r := render(t, kind, d)
			if strings.ContainsAny(r.subject, "\r\n\u2028\u2029\x00\u202e") {
				t.Errorf("%s %s: subject %q", kind, lang, r.subject)
			}
			if !strings.Contains(r.subject, "Summit Part two") {
				t.Errorf("%s %s: subject %q", kind, lang, r.subject)
			}
			for _, line := range strings.Split(r.text, "\n") {
				if strings.HasPrefix(line, "Bcc:") || strings.HasPrefix(line, "X-Injected") || strings.HasPrefix(line, "Part") {
					t.Errorf("%s %s: a name broke a line of the text: %q", kind, lang, line)
				}
			}
		}
	}
}

func TestGermanEmailIsGerman(t *testing.T) {
	t.Parallel()
	d := sample()
	d.Lang = "de"
	r := render(t, KindInvitation, d)
	if r.subject != "Acme Events lädt Sie zu Winter Summit 2026 ein" {
		t.Errorf("subject %q", r.subject)
	}
	for _, want := range []string{"Hallo Jane,", "Einladung", "Dienstag, 1. Dezember 2026, 09:00–17:30", "ignorieren"} {
		if !strings.Contains(r.text, want) {
			t.Errorf("text lacks %q:\n%s", want, r.text)
		}
	}
	if got := strings.TrimSpace(r.doc.Find(`a[data-testid="email-button"]`).Text()); got != "Einladung annehmen" {
		t.Errorf("button %q", got)
	}
}

func TestArabicIsRightToLeft(t *testing.T) {
	t.Parallel()
	for _, rtl := range []bool{true, false} { // the language decides, whatever the caller says
		d := sample()
		d.Lang, d.RTL = "ar", rtl
		r := render(t, KindRegistration, d)
		if dir, _ := r.doc.Find("html").Attr("dir"); dir != "rtl" {
			t.Errorf("html dir=%q", dir)
		}
		if r.doc.Find(`table[dir="rtl"]`).Length() == 0 {
			t.Error("no rtl on the layout table (clients that drop <html> attributes)")
		}
		r.doc.Find("td[align]").Each(func(_ int, s *goquery.Selection) {
			if a, _ := s.Attr("align"); a == "left" {
				t.Error("left-aligned cell in an Arabic email")
			}
		})
		if !strings.Contains(r.subject, "تسجيلك") || !strings.Contains(r.text, "الثلاثاء") {
			t.Errorf("not Arabic: %q\n%s", r.subject, r.text)
		}
		// The zone and the link stay left to right inside the Arabic text.
		if r.doc.Find(`span[dir="ltr"]`).Length() == 0 || r.doc.Find(`a[data-testid="email-link"][dir="ltr"]`).Length() != 1 {
			t.Error("left-to-right runs not marked")
		}
	}
}

func TestDatesInTheEventZone(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	cases := []struct {
		lang, zone    string
		start, end    time.Time
		want, wantNot []string
	}{
		{"en", "Europe/Berlin", start, start.Add(8 * time.Hour), []string{"Tuesday, 1 December 2026, 09:00–17:00 (Europe/Berlin, UTC+1)"}, []string{"08:00"}},
		{"en", "America/New_York", start, time.Time{}, []string{"Tuesday, 1 December 2026, 03:00 (America/New York, UTC-5)"}, []string{"08:00"}},
		{"en", "Asia/Kolkata", start, start.Add(time.Hour), []string{"13:30–14:30 (Asia/Kolkata, UTC+5:30)"}, nil},
		{"en", "Pacific/Auckland", start.Add(12 * time.Hour), start.Add(13 * time.Hour), []string{"Wednesday, 2 December 2026, 09:00–10:00 (Pacific/Auckland, UTC+13)"}, nil},
		{"en", "", start, time.Time{}, []string{"08:00 (UTC)"}, nil},
		{"en", "Not/AZone", start, time.Time{}, []string{"08:00 (UTC)"}, []string{"Not/AZone"}},
		{"en", "Local", start, time.Time{}, []string{"08:00 (UTC)"}, nil},
		{"en", "Europe/Berlin", start, start.Add(49 * time.Hour), []string{"Tuesday, 1 December 2026, 09:00 – Thursday, 3 December 2026, 10:00"}, nil},
		{"en", "Europe/Berlin", time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC), time.Time{}, []string{"Wednesday, 1 July 2026, 10:00 (Europe/Berlin, UTC+2)"}, nil},
		{"de", "Europe/Berlin", start, start.Add(8 * time.Hour), []string{"Dienstag, 1. Dezember 2026, 09:00–17:00"}, nil},
		{"fr", "Europe/Paris", start, start.Add(8 * time.Hour), []string{"mardi 1er décembre 2026, 09:00–17:00"}, nil},
		{"fr-CA", "America/Montreal", start.Add(6 * time.Hour), time.Time{}, []string{"mardi 1er décembre 2026, 9\u00a0h\u00a000"}, nil},
		{"es-ES", "Europe/Madrid", start, time.Time{}, []string{"martes, 1 de diciembre de 2026, 09:00"}, nil},
		{"nl", "Europe/Amsterdam", start, time.Time{}, []string{"dinsdag 1 december 2026, 09:00"}, nil},
		{"ru", "Europe/Moscow", start, time.Time{}, []string{"вторник, 1 декабря 2026\u00a0г., 11:00 (Europe/Moscow, UTC+3)"}, nil},
		{"pt-BR", "America/Sao_Paulo", start.Add(6 * time.Hour), time.Time{}, []string{"terça-feira, 1º de dezembro de 2026, 11:00 (America/Sao Paulo, UTC-3)"}, nil},
		{"ja", "Asia/Tokyo", start, start.Add(time.Hour), []string{"2026年12月1日(火) 17:00–18:00 (Asia/Tokyo, UTC+9)"}, nil},
		{"zh-Hans", "Asia/Shanghai", start, time.Time{}, []string{"2026年12月1日 星期二 16:00"}, nil},
		{"zh-Hant", "Asia/Taipei", start, time.Time{}, []string{"2026年12月1日 星期二 16:00"}, nil},
		{"fi", "Europe/Helsinki", start, start.Add(time.Hour), []string{"tiistai 1. joulukuuta 2026 klo 10.00–11.00"}, nil},
		{"it", "Europe/Rome", start, time.Time{}, []string{"martedì 1º dicembre 2026, 09:00"}, nil},
		{"ko", "Asia/Seoul", start, time.Time{}, []string{"2026년 12월 1일 (화) 17:00"}, nil},
		{"ar", "Asia/Riyadh", start, time.Time{}, []string{"الثلاثاء، 1 ديسمبر 2026، 11:00"}, nil},
		{"ca", "Europe/Madrid", start, time.Time{}, []string{"dimarts, 1 de desembre de 2026, 09:00"}, nil},
		{"da", "Europe/Copenhagen", start, time.Time{}, []string{"tirsdag den 1. december 2026 kl. 09.00"}, nil},
		{"sr", "Europe/Belgrade", start, time.Time{}, []string{"уторак, 1. децембра 2026. у 09:00"}, nil},
		{"sv", "Europe/Stockholm", start, time.Time{}, []string{"tisdag 1 december 2026 kl. 09:00"}, nil},
	}
	for _, c := range cases {
		d := sample()
		d.Lang, d.TimeZone, d.StartsAt, d.EndsAt = c.lang, c.zone, c.start, c.end
		d.LinkExpires = time.Time{}
		r := render(t, KindInvitation, d)
		body := r.doc.Find("body").Text()
		for _, w := range c.want {
			if !strings.Contains(r.text, w) {
				t.Errorf("%s %s: text lacks %q:\n%s", c.lang, c.zone, w, r.text)
			}
			if !strings.Contains(body, w) {
				t.Errorf("%s %s: HTML lacks %q", c.lang, c.zone, w)
			}
		}
		for _, w := range c.wantNot {
			if strings.Contains(r.text, w) {
				t.Errorf("%s %s: text has %q", c.lang, c.zone, w)
			}
		}
	}
}

func TestExpiry(t *testing.T) {
	t.Parallel()
	d := sample()
	d.LinkExpires = time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC) // already 1 December in Berlin
	for lang, want := range map[string]string{
		"en": "This link works until 1 December 2026, 00:30 (Europe/Berlin, UTC+1).",
		"de": "Dieser Link ist bis zum 1. Dezember 2026, 00:30 (Europe/Berlin, UTC+1) gültig.",
		"fr": "Ce lien est valable jusqu’au 1er décembre 2026, 00:30 (Europe/Berlin, UTC+1).",
		"it": "Questo link è valido fino a martedì 1º dicembre 2026, 00:30 (Europe/Berlin, UTC+1).",
		"fi": "Linkki on voimassa 1. joulukuuta 2026 klo 0.30 (Europe/Berlin, UTC+1) asti.",
		"ru": "Ссылка действительна до 1 декабря 2026\u00a0г., 00:30 (Europe/Berlin, UTC+1).",
	} {
		d.Lang = lang
		r := render(t, KindLoginLink, d)
		if !strings.Contains(r.text, want) {
			t.Errorf("%s: text lacks %q:\n%s", lang, want, r.text)
		}
		if !strings.Contains(r.doc.Find("body").Text(), want) {
			t.Errorf("%s: HTML lacks %q", lang, want)
		}
	}
	d = sample()
	d.LinkExpires = time.Time{}
	r := render(t, KindLoginLink, d)
	if strings.Contains(r.text, "until") || strings.Contains(r.html, "until") {
		t.Errorf("expiry shown without one:\n%s", r.text)
	}
}

func TestContentPerKind(t *testing.T) {
	t.Parallel()
	d := sample()
	d.Speaker = true
	inv := render(t, KindInvitation, d)
	if inv.subject != "Acme Events invites you to Winter Summit 2026" {
		t.Errorf("subject %q", inv.subject)
	}
	for _, want := range []string{"Hello Jane,", "Acme Events invites you to Winter Summit 2026.", "You are invited as a speaker.", "Accept the invitation"} {
		if !strings.Contains(inv.text, want) {
			t.Errorf("invitation lacks %q", want)
		}
	}
	if strings.Contains(inv.text, "Organiser") {
		t.Error("the invitation names the organiser twice")
	}
	if got := inv.doc.Find("strong").First().Text(); got != "Winter Summit 2026" {
		t.Errorf("event name not in bold: %q", got)
	}

	d.Speaker, d.Moderator, d.Organisation, d.PersonName = false, true, "", " "
	inv = render(t, KindInvitation, d)
	for _, want := range []string{"Hello,", "You are invited to Winter Summit 2026.", "You are invited as a moderator."} {
		if !strings.Contains(inv.text, want) {
			t.Errorf("invitation without organisation lacks %q:\n%s", want, inv.text)
		}
	}
	if inv.subject != "You are invited to Winter Summit 2026" {
		t.Errorf("subject %q", inv.subject)
	}

	d = sample()
	reg := render(t, KindRegistration, d)
	for _, want := range []string{"You are registered for Winter Summit 2026.", "Organiser: Acme Events", "Keep this link to yourself"} {
		if !strings.Contains(reg.text, want) {
			t.Errorf("registration lacks %q", want)
		}
	}
	if strings.Contains(reg.text, "speaker") || strings.Contains(reg.text, "moderator") {
		t.Error("a role mentioned without one")
	}
	conf := render(t, KindConfirmEmail, d)
	if conf.subject != "Confirm your email address for Winter Summit 2026" || !strings.Contains(conf.text, "complete your registration") {
		t.Errorf("confirm email: %q\n%s", conf.subject, conf.text)
	}
	login := render(t, KindLoginLink, d)
	if login.subject != "Your sign-in link for Winter Summit 2026" || !strings.Contains(login.text, "Keep this link to yourself") {
		t.Errorf("login link: %q\n%s", login.subject, login.text)
	}

	// No date known: no "When" line.
	d.StartsAt, d.EndsAt = time.Time{}, time.Time{}
	if r := render(t, KindLoginLink, d); strings.Contains(r.text, "When") {
		t.Errorf("a date line without a date:\n%s", r.text)
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	if _, _, _, err := Render(ctx, Kind("newsletter"), sample()); !errors.Is(err, ErrUnknownKind) {
		t.Errorf("unknown kind: %v", err)
	}
	for _, l := range []string{"", "/relative", "javascript:alert(1)", "mailto:a@b.c", "https://", "https://a.test/x\nBcc: y", "https://a.test/a b", "ftp://a.test/"} {
		d := sample()
		d.Link = l
		if _, _, _, err := Render(ctx, KindInvitation, d); !errors.Is(err, ErrBadLink) {
			t.Errorf("link %q: %v", l, err)
		}
	}
	d := sample()
	d.EventName = " \n "
	if _, _, _, err := Render(ctx, KindInvitation, d); !errors.Is(err, ErrNoEvent) {
		t.Errorf("no event name: %v", err)
	}
	d = sample()
	d.Link = "http://127.0.0.1:8080/l/abc"
	if _, _, _, err := Render(ctx, KindLoginLink, d); err != nil {
		t.Errorf("plain-http development link refused: %v", err)
	}
}
