package emails

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// newKinds are the kinds that are not about an event.
var newKinds = []Kind{KindStaffInvite, KindClassroomInvite, KindDeletionOutcome, KindExportReady}

// sampleOf is the preview sample of a kind with the test's link, when it has one.
func sampleOf(kind Kind) Data {
	d := Sample(kind, "https://roster.example")
	if d.Link != "" {
		d.Link = link
	}
	return d
}

func TestKindsAndLabels(t *testing.T) {
	t.Parallel()
	want := []Kind{"invitation", "registration", "confirm_email", "login_link", "staff_invite", "classroom_invite", "deletion_outcome", "export_ready"}
	if !slices.Equal(Kinds, want) {
		t.Errorf("Kinds = %v", Kinds)
	}
	seen := map[string]bool{}
	for _, k := range Kinds {
		l := Label(k)
		if l == "" || l == string(k) || seen[l] {
			t.Errorf("Label(%s) = %q", k, l)
		}
		seen[l] = true
	}
	if Label(KindLoginLink) != "Sign-in link" || Label(KindDeletionOutcome) != "Deletion request outcome" {
		t.Errorf("labels: %q %q", Label(KindLoginLink), Label(KindDeletionOutcome))
	}
	if Label("newsletter") != "newsletter" {
		t.Error("unknown kind label")
	}
}

// TestEveryNewKindInEveryLanguage: the staff, classroom, deletion and export
// emails render completely in every language.
func TestEveryNewKindInEveryLanguage(t *testing.T) {
	t.Parallel()
	for _, kind := range newKinds {
		for _, lang := range append(slices.Clone(allLangs), "xx", "", "pt-PT", "zh-TW") {
			t.Run(string(kind)+"/"+lang, func(t *testing.T) {
				t.Parallel()
				d := sampleOf(kind)
				d.Lang = lang
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
				buttons := r.doc.Find(`a[data-testid="email-button"]`)
				if d.Link != "" {
					if n := strings.Count(r.text, link); n != 1 || !strings.Contains(r.text, "\n"+link+"\n") {
						t.Errorf("link not alone on one line of the text:\n%s", r.text)
					}
					if href, _ := buttons.Attr("href"); buttons.Length() != 1 || href != link || strings.TrimSpace(buttons.Text()) == "" {
						t.Errorf("%d buttons, href %q", buttons.Length(), href)
					}
					if href, _ := r.doc.Find(`a[data-testid="email-link"]`).Attr("href"); href != link {
						t.Errorf("bare link %q", href)
					}
				} else if buttons.Length() != 0 || r.doc.Find("a").Length() != 0 || strings.Contains(r.text, "http") {
					t.Error("a link in an email without one")
				}
				l := lookup(lang)
				body := r.doc.Find("body").Text()
				want := []string{l.t.Ignore, "Jane"}
				if kind == KindStaffInvite || kind == KindExportReady {
					want[1] = "Sam"
				}
				switch kind {
				case KindStaffInvite:
					want = append(want, "Acme Events", "Alex Morgan", l.t.StaffOrganizer, l.t.StaffAction, l.t.Keep)
				case KindClassroomInvite:
					want = append(want, "Acme Academy", l.t.ClassStudent, "Negotiation basics", "Presenting with confidence", l.t.Keep)
				case KindDeletionOutcome:
					want = append(want, "Acme Events", d.Reason, l.t.DelNoteDeclined, l.dates.date(d.RequestedAt.In(zoneOf(d.TimeZone)), false))
				case KindExportReady:
					want = append(want, d.ExportName, l.numbers.format(12345), l.t.ExportKeep)
				}
				if !d.LinkExpires.IsZero() {
					expires, _ := l.dates.moment(d.LinkExpires, zoneOf(d.TimeZone))
					want = append(want, expires, "Europe/Berlin")
				}
				for _, w := range want {
					if !strings.Contains(r.text, w) || !strings.Contains(body, w) {
						t.Errorf("%q missing", w)
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

// TestSample: the preview sample of every kind renders in every language,
// whatever base URL the console has.
func TestSample(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"https://roster.acme.test", "http://localhost:8080/", "", "not a URL", "javascript:alert(1)"} {
		for _, kind := range Kinds {
			d := Sample(kind, base)
			if d.Link != "" {
				want := strings.TrimRight(base, "/")
				if checkLink(want) != nil {
					want = "https://roster.example"
				}
				if !strings.HasPrefix(d.Link, want+"/") {
					t.Errorf("%s %q: link %q", kind, base, d.Link)
				}
			} else if kind != KindDeletionOutcome {
				t.Errorf("%s: no link", kind)
			}
			for _, lang := range allLangs {
				d.Lang = lang
				if _, _, _, err := Render(context.Background(), kind, d); err != nil {
					t.Errorf("%s %s %q: %v", kind, lang, base, err)
				}
			}
		}
	}
	if d := Sample(KindInvitation, ""); d.EventName == "" || d.StartsAt.IsZero() || !d.StartsAt.After(time.Now()) {
		t.Errorf("invitation sample: %+v", d)
	}
}

func TestNewKindsContent(t *testing.T) {
	t.Parallel()
	d := sampleOf(KindStaffInvite)
	staff := render(t, KindStaffInvite, d)
	if staff.subject != "Alex Morgan invited you to join Acme Events on Roster" {
		t.Errorf("subject %q", staff.subject)
	}
	for _, want := range []string{"Hello Sam,", "Alex Morgan has invited you to join the team of Acme Events on Roster.", "\nAcme Events\nRole: Organiser\n", "Choose a password"} {
		if !strings.Contains(staff.text, want) {
			t.Errorf("staff invite lacks %q:\n%s", want, staff.text)
		}
	}
	if got := strings.TrimSpace(staff.doc.Find(`a[data-testid="email-button"]`).Text()); got != "Choose your password" {
		t.Errorf("button %q", got)
	}
	for role, label := range map[string]string{"owner": "Owner", "admin": "Admin", "organizer": "Organiser", "classroom_admin": "Classroom admin", "support": "Support", "": ""} {
		d.StaffRole, d.InviterName = role, ""
		r := render(t, KindStaffInvite, d)
		if r.subject != "You're invited to join Acme Events on Roster" {
			t.Errorf("subject without inviter %q", r.subject)
		}
		if label == "" && strings.Contains(r.text, "Role") || label != "" && !strings.Contains(r.text, "Role: "+label+"\n") {
			t.Errorf("role %q:\n%s", role, r.text)
		}
	}

	d = sampleOf(KindClassroomInvite)
	class := render(t, KindClassroomInvite, d)
	if class.subject != "Acme Academy invites you to its virtual classroom" {
		t.Errorf("subject %q", class.subject)
	}
	if !strings.Contains(class.text, "Role: Student\nCourses:\n- Negotiation basics\n- Advanced spreadsheets\n- Presenting with confidence\n") {
		t.Errorf("classroom box:\n%s", class.text)
	}
	if got := strings.TrimSpace(class.doc.Find(`a[data-testid="email-button"]`).Text()); got != "It's me" {
		t.Errorf("button %q", got)
	}
	if n := class.doc.Find("bdi").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Text() == "Advanced spreadsheets" }).Length(); n != 1 {
		t.Errorf("course not isolated: %d", n)
	}
	d.Organisation, d.Courses, d.ClassroomRole = "", []string{" ", "\n"}, "instructor"
	class = render(t, KindClassroomInvite, d)
	if class.subject != "You're invited to a virtual classroom" || strings.Contains(class.text, "Courses") || !strings.Contains(class.text, "Role: Instructor") {
		t.Errorf("classroom without organisation or courses: %q\n%s", class.subject, class.text)
	}

	d = sampleOf(KindExportReady)
	exp := render(t, KindExportReady, d)
	if exp.subject != "Your export is ready: "+d.ExportName {
		t.Errorf("subject %q", exp.subject)
	}
	for _, want := range []string{"\n" + d.ExportName + "\nRows: 12,345\nOrganisation: Acme Events\n", "do not forward this link"} {
		if !strings.Contains(exp.text, want) {
			t.Errorf("export lacks %q:\n%s", want, exp.text)
		}
	}
	d.RowCount, d.Organisation = -1, ""
	if r := render(t, KindExportReady, d); strings.Contains(r.text, "Rows") || strings.Contains(r.text, "Organisation") {
		t.Errorf("rows or organisation shown without one:\n%s", r.text)
	}
	d.RowCount = 0
	if r := render(t, KindExportReady, d); !strings.Contains(r.text, "Rows: 0\n") {
		t.Errorf("an empty export:\n%s", r.text)
	}
}

// TestDeletionOutcome: approved and declined, the reason shown (escaped) only
// when declined, and a button only with a contact link.
func TestDeletionOutcome(t *testing.T) {
	t.Parallel()
	const reason = `Records <b>must</b> be kept & "audited" for 5 years`
	d := sampleOf(KindDeletionOutcome)
	d.Reason = reason + "\r\nBcc: x@example.com"
	r := render(t, KindDeletionOutcome, d)
	if r.subject != "Your data deletion request has been declined" {
		t.Errorf("subject %q", r.subject)
	}
	oneLineReason := reason + " Bcc: x@example.com"
	if !strings.Contains(r.text, "Reason: "+oneLineReason+"\n") {
		t.Errorf("reason not in the text:\n%s", r.text)
	}
	if strings.Contains(r.html, "<b>must") || !strings.Contains(r.html, "&lt;b&gt;must&lt;/b&gt; be kept &amp; &#34;audited&#34;") {
		t.Errorf("reason not escaped in the HTML")
	}
	if r.doc.Find("b").Length() != 0 || !strings.Contains(r.doc.Find("bdi").Text(), oneLineReason) {
		t.Error("reason not shown as isolated text")
	}
	for _, want := range []string{"Acme Events has declined your request to delete your personal data.", "Your data has not been deleted.", "Requested on: "} {
		if !strings.Contains(r.text, want) {
			t.Errorf("declined lacks %q:\n%s", want, r.text)
		}
	}
	if r.doc.Find("a").Length() != 0 || strings.Contains(r.text, "If the button") {
		t.Error("a button without a link")
	}

	d.Approved = true
	r = render(t, KindDeletionOutcome, d)
	if r.subject != "Your data deletion request has been approved" || strings.Contains(r.text, "Reason") || strings.Contains(r.text, "audited") {
		t.Errorf("approved: %q\n%s", r.subject, r.text)
	}
	if !strings.Contains(r.text, "This cannot be undone.") {
		t.Errorf("approved lacks the note:\n%s", r.text)
	}

	d.Organisation, d.RequestedAt, d.Link = "", time.Time{}, "https://acme.example/privacy"
	d.LinkExpires = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r = render(t, KindDeletionOutcome, d)
	if !strings.Contains(r.text, "Your request to delete your personal data has been approved.") || strings.Contains(r.text, "Requested") {
		t.Errorf("without organisation or date:\n%s", r.text)
	}
	if strings.Contains(r.text, "until") {
		t.Error("an expiry on a contact link")
	}
	if r.doc.Find(`table[style*="f8fafc"]`).Length() != 0 {
		t.Error("an empty details box")
	}
	if got := strings.TrimSpace(r.doc.Find(`a[data-testid="email-button"]`).Text()); got != "Contact us" || !strings.Contains(r.text, "please contact us.\n\nhttps://acme.example/privacy\n") {
		t.Errorf("contact button %q:\n%s", got, r.text)
	}

	d.Link = "javascript:alert(1)"
	if _, _, _, err := Render(context.Background(), KindDeletionOutcome, d); !errors.Is(err, ErrBadLink) {
		t.Errorf("bad contact link: %v", err)
	}
}

// TestRowCounts: the number of rows is written the way the language writes numbers.
func TestRowCounts(t *testing.T) {
	t.Parallel()
	d := sampleOf(KindExportReady)
	d.RowCount = 1234567
	for lang, want := range map[string]string{
		"en": "Rows: 1,234,567", "de": "Zeilen: 1.234.567", "fr": "Lignes\u00a0: 1\u202f234\u202f567",
		"fr-CA": "Lignes\u00a0: 1\u00a0234\u00a0567", "es-ES": "Filas: 1.234.567", "ru": "Количество строк: 1\u00a0234\u00a0567",
		"ja": "行数：1,234,567", "ar": "عدد الصفوف: 1,234,567", "sv": "Rader: 1\u00a0234\u00a0567", "pt-BR": "Linhas: 1.234.567",
	} {
		d.Lang = lang
		r := render(t, KindExportReady, d)
		// The HTML puts a space between the label's span and the value.
		number := want[strings.LastIndex(want, " ")+1:]
		if strings.HasPrefix(lang, "ja") {
			number = want[strings.LastIndex(want, "：")+len("："):]
		}
		if !strings.Contains(r.text, want) || !strings.Contains(r.doc.Find("body").Text(), number) {
			t.Errorf("%s: lacks %q:\n%s", lang, want, r.text)
		}
	}
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 0, "0"}, {"en", 999, "999"}, {"en", 1000, "1,000"}, {"en", 12345, "12,345"}, {"en", -12345, "-12,345"},
		{"de", 12345, "12.345"}, {"fr", 12345, "12\u202f345"}, {"fi", 12345, "12\u00a0345"},
		{"es-ES", 1234, "1234"}, {"es-ES", 12345, "12.345"}, {"es-ES", 1234567, "1.234.567"},
	} {
		if got := languages[c.lang].numbers.format(c.n); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

func TestArabicNewKinds(t *testing.T) {
	t.Parallel()
	for _, kind := range newKinds {
		d := sampleOf(kind)
		d.Lang, d.RTL = "ar", false
		d.Link = link // the deletion outcome too: its contact button
		r := render(t, kind, d)
		if dir, _ := r.doc.Find("html").Attr("dir"); dir != "rtl" {
			t.Errorf("%s: html dir=%q", kind, dir)
		}
		if r.doc.Find(`table[dir="rtl"]`).Length() == 0 {
			t.Errorf("%s: no rtl on the layout table", kind)
		}
		r.doc.Find("td[align]").Each(func(_ int, s *goquery.Selection) {
			if a, _ := s.Attr("align"); a == "left" {
				t.Errorf("%s: left-aligned cell", kind)
			}
		})
		if r.doc.Find(`a[data-testid="email-link"][dir="ltr"]`).Length() != 1 {
			t.Errorf("%s: link not left to right", kind)
		}
		// Latin names sit isolated in the Arabic sentences.
		for _, v := range []string{d.Organisation, d.InviterName, d.ExportName} {
			if v == "" {
				continue
			}
			if r.doc.Find("bdi").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Text() == v }).Length() == 0 {
				t.Errorf("%s: %q not isolated", kind, v)
			}
		}
		if !strings.ContainsAny(r.subject, "ابتثجحخدذرزسشصضطظعغفقكلمنهوي") {
			t.Errorf("%s: subject not Arabic: %q", kind, r.subject)
		}
	}
}

func TestNewKindsEscapingAndOneLine(t *testing.T) {
	t.Parallel()
	const evil = `<script>alert("x")</script>&amp;'`
	for _, kind := range newKinds {
		d := sampleOf(kind)
		d.PersonName = "Jane\r\nBcc: mallory@example.com"
		d.Organisation = "Acme " + evil + "\nX-Injected: 1"
		d.InviterName = "Alex " + evil + "\u2028Part two"
		d.ExportName = "Export " + evil + "\r\nX-Injected: 2"
		d.Courses = []string{"Course " + evil + "\nX-Injected: 3"}
		d.Reason = "Reason " + evil
		for _, lang := range []string{"en", "de", "ja", "ar"} {
			d.Lang = lang
			r := render(t, kind, d)
			if r.doc.Find("script").Length() != 0 || strings.Contains(r.html, "<script") {
				t.Errorf("%s %s: <script> reached the HTML", kind, lang)
			}
			if strings.ContainsAny(r.subject, "\r\n\u2028\u2029") {
				t.Errorf("%s %s: subject %q", kind, lang, r.subject)
			}
			for _, line := range strings.Split(r.text, "\n") {
				if strings.HasPrefix(line, "Bcc:") || strings.HasPrefix(line, "X-Injected") || strings.HasPrefix(line, "Part") {
					t.Errorf("%s %s: a value broke a line of the text: %q", kind, lang, line)
				}
			}
			if strings.Contains(r.text, "&lt;") || strings.Contains(r.text, "&#") {
				t.Errorf("%s %s: the text body is HTML-escaped", kind, lang)
			}
			body := r.doc.Find("body").Text()
			shown := map[Kind]string{KindStaffInvite: "Alex " + evil + " Part two", KindClassroomInvite: "Course " + evil + " X-Injected: 3",
				KindDeletionOutcome: "Reason " + evil, KindExportReady: "Export " + evil + " X-Injected: 2"}[kind]
			if !strings.Contains(body, shown) || !strings.Contains(r.text, shown) {
				t.Errorf("%s %s: %q not shown verbatim", kind, lang, shown)
			}
		}
	}
}

func TestNewKindsErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, kind := range newKinds {
		d := sampleOf(kind)
		d.EventName = "" // not needed
		if _, _, _, err := Render(ctx, kind, d); err != nil {
			t.Errorf("%s without an event: %v", kind, err)
		}
		if kind == KindDeletionOutcome {
			continue
		}
		for _, l := range []string{"", "/relative", "javascript:alert(1)", "https://a.test/x\nBcc: y"} {
			d.Link = l
			if _, _, _, err := Render(ctx, kind, d); !errors.Is(err, ErrBadLink) {
				t.Errorf("%s link %q: %v", kind, l, err)
			}
		}
	}
	d := sampleOf(KindStaffInvite)
	d.Organisation = " \n"
	if _, _, _, err := Render(ctx, KindStaffInvite, d); !errors.Is(err, ErrNoOrganisation) {
		t.Errorf("staff invite without organisation: %v", err)
	}
	d = sampleOf(KindExportReady)
	d.ExportName = ""
	if _, _, _, err := Render(ctx, KindExportReady, d); !errors.Is(err, ErrNoExport) {
		t.Errorf("export without a name: %v", err)
	}
	for _, kind := range eventKinds {
		d := sampleOf(kind)
		d.EventName = ""
		if _, _, _, err := Render(ctx, kind, d); !errors.Is(err, ErrNoEvent) {
			t.Errorf("%s without an event: %v", kind, err)
		}
	}
}
