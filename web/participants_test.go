package web_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/event"
	"roster/internal/participation"
	"roster/internal/people"
	"roster/web/webtest"
)

// ptOwner is a principal of the app's partner for seeding through services.
func ptOwner(t *testing.T, app *webtest.App) auth.Principal {
	t.Helper()
	st := app.Staff(t, auth.RoleOwner)
	return auth.Principal{StaffID: st.ID, PartnerID: app.PartnerID, Role: auth.RoleOwner, Email: st.Email}
}

// ptEvent creates an event (starting tomorrow) through the events service.
func ptEvent(t *testing.T, app *webtest.App, p auth.Principal, name string, login event.LoginMethod) event.Event {
	t.Helper()
	start := time.Now().Add(24 * time.Hour).Truncate(time.Hour)
	e, err := event.NewService(app.DB).Create(context.Background(), p, event.Input{Name: name, TimeZone: "Europe/Paris",
		StartsAt: start, EndsAt: start.Add(8 * time.Hour), LoginMethod: login, DefaultLanguage: "en"})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// ptPerson is a participant to seed: its transitions replayed by the
// state machine (participation.SeedTx), from an invitation.
type ptPerson struct {
	email, first, last string
	speaker, moderator bool
	then               []participation.Trigger
}

// Transitions after the invitation that give each status.
var (
	ptRegistered   = []participation.Trigger{participation.TrRegister}
	ptAttended     = []participation.Trigger{participation.TrVisitBefore}
	ptChatter      = []participation.Trigger{participation.TrVisitBefore, participation.TrAcceptChatTerms}
	ptBlocked      = []participation.Trigger{participation.TrBlock}
	ptUnregistered = []participation.Trigger{participation.TrUnregister}
)

// ptSeed creates people and their participations in e; it returns the
// participation ids in order.
func ptSeed(t *testing.T, app *webtest.App, partnerID int64, e event.Event, ps ...ptPerson) []int64 {
	t.Helper()
	ctx := context.Background()
	var ids []int64
	err := app.DB.InTx(ctx, func(tx database.Tx) error {
		base := time.Now().Add(-time.Duration(len(ps)+1) * time.Minute)
		var seeds []participation.Seed
		for i, x := range ps {
			person, found, err := people.FindByEmailTx(ctx, tx, partnerID, x.email)
			if err != nil {
				return err
			}
			if !found {
				if person, err = people.CreateTx(ctx, tx, partnerID, people.Profile{Email: x.email, FirstName: x.first, LastName: x.last,
					Language: "en"}, base); err != nil {
					return err
				}
			}
			at := base.Add(time.Duration(i) * time.Minute)
			steps := []participation.SeedStep{{Trigger: participation.TrInvite, At: at, Actor: participation.Actor{Kind: participation.ActorSystem}}}
			for j, tr := range x.then {
				steps = append(steps, participation.SeedStep{Trigger: tr, At: at.Add(time.Duration(j+1) * time.Second),
					Actor: participation.Actor{Kind: participation.ActorPerson}})
			}
			seeds = append(seeds, participation.Seed{PersonID: person.ID, IsSpeaker: x.speaker, IsModerator: x.moderator, Steps: steps})
		}
		var err error
		ids, err = participation.SeedTx(ctx, tx, partnerID, e, seeds)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func ptPath(e event.Event, rest string) string {
	return "/events/" + strconv.FormatInt(e.ID, 10) + rest
}

func ptRowPath(e event.Event, id int64, action string) string {
	return ptPath(e, "/users/"+strconv.FormatInt(id, 10)+action)
}

// ptHX sends an htmx request from a page (HX-Current-URL).
func ptHX(c *webtest.Client, method, path string, v url.Values, page string) *webtest.Response {
	h := http.Header{"Hx-Request": {"true"}, "X-Csrf-Token": {c.CSRF()}}
	if page != "" {
		h.Set("Hx-Current-Url", c.Base+page)
	}
	var body *strings.Reader
	if v != nil {
		body = strings.NewReader(v.Encode())
		h.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		body = strings.NewReader("")
	}
	return c.Do(method, path, body, h)
}

// ptMultipart posts a multipart form (htmx when hx), with an optional image.
func ptMultipart(t *testing.T, c *webtest.Client, path string, v url.Values, image []byte, hx bool, page string) *webtest.Response {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range v {
		for _, x := range vs {
			_ = w.WriteField(k, x)
		}
	}
	if image != nil {
		fw, err := w.CreateFormFile("image", "portrait.png")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = fw.Write(image)
	}
	if !hx {
		_ = w.WriteField("_csrf", c.CSRF())
	}
	_ = w.Close()
	h := http.Header{"Content-Type": {w.FormDataContentType()}}
	if hx {
		h.Set("Hx-Request", "true")
		h.Set("X-Csrf-Token", c.CSRF())
		if page != "" {
			h.Set("Hx-Current-Url", c.Base+page)
		}
	}
	return c.Do(http.MethodPost, path, &buf, h)
}

func ptPNG(t *testing.T, side int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, side, side))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func ptTestID(doc *goquery.Document, id string) *goquery.Selection {
	return doc.Find(`[data-testid="` + id + `"]`)
}

// ptNames lists the names of the rows shown.
func ptNames(doc *goquery.Document) []string {
	var out []string
	doc.Find(`tr[data-testid="participant-row"] .pv-name`).Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.TrimSpace(s.Text()))
	})
	return out
}

func ptStatus(t *testing.T, app *webtest.App, p auth.Principal, e event.Event, id int64) participation.Participation {
	t.Helper()
	row, _, err := app.Participants.Get(context.Background(), p, e.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	return row
}

func ptWantBody(t *testing.T, r *webtest.Response, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(r.Body, w) {
			body := r.Body
			if len(body) > 1500 {
				body = body[:1500]
			}
			t.Fatalf("the answer lacks %q: %s", w, body)
		}
	}
}

// The All users page: paging by keyset with "1 – 50 of N", search,
// filters with live counts, sorting, page sizes, the URL holding the view,
// clear refusals of bad values, and the navigation entries.
func TestParticipantsList(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		org, _ := app.LoginAs(t, auth.RoleOrganizer)

		// Without events the navigation's entries explain what to do.
		for _, path := range []string{"/events/users", "/events/speakers", "/events/moderators"} {
			r := org.Get(path)
			wantStatus(t, r, http.StatusOK)
			if ptTestID(r.Doc(), "pv-no-events").Length() != 1 || ptTestID(r.Doc(), "pv-go-events").AttrOr("href", "") != "/events" {
				t.Fatalf("%s: no empty state", path)
			}
		}

		owner := ptOwner(t, app)
		older := ptEvent(t, app, owner, "Spring Meetup", event.LoginSSO)
		_ = older
		e := ptEvent(t, app, owner, "Summit", event.LoginMagicLink)
		var ps []ptPerson
		for i := range 56 {
			ps = append(ps, ptPerson{email: fmt.Sprintf("person%02d@example.com", i), first: "Person", last: fmt.Sprintf("%02d", i)})
		}
		ps = append(ps,
			ptPerson{email: "zoe@example.com", first: "Zoë", last: "Ångström", speaker: true, then: ptAttended},
			ptPerson{email: "reg@example.com", first: "Rita", last: "Registered", moderator: true, then: ptRegistered},
			ptPerson{email: "blocked@example.com", first: "Bob", last: "Blocked", then: ptBlocked},
			ptPerson{email: "gone@example.com", first: "Una", last: "Unregistered", then: ptUnregistered})
		ptSeed(t, app, app.PartnerID, e, ps...)

		// The navigation opens the latest-starting event.
		r := org.Get("/events/users")
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != ptPath(e, "/users") {
			t.Fatalf("/events/users goes to %q", loc)
		}
		if loc := org.Get("/events/speakers").Header.Get("Location"); loc != ptPath(e, "/speakers") {
			t.Fatalf("/events/speakers goes to %q", loc)
		}

		r = org.Get(ptPath(e, "/users"))
		wantStatus(t, r, http.StatusOK)
		doc := r.Doc()
		if n := doc.Find(`tr[data-testid="participant-row"]`).Length(); n != 50 {
			t.Fatalf("%d rows on the first page", n)
		}
		if got := strings.TrimSpace(ptTestID(doc, "range").Text()); got != "1 – 50 of 60" {
			t.Fatalf("range %q", got)
		}
		if len(r.Body) > 100_000 {
			t.Fatalf("a page of 50 rows is %d bytes", len(r.Body))
		}
		for chip, want := range map[string]string{"chip-all": "60", "chip-invited": "56", "chip-attended": "1", "chip-registered": "1",
			"chip-blocked": "1", "chip-unregistered": "1", "chip-sso_login": "0"} {
			if got := strings.TrimSpace(ptTestID(doc, chip).Find(`.chip-n`).Text()); got != want {
				t.Errorf("%s count %q, want %q", chip, got, want)
			}
		}
		// The Speakers page, and a role filter, count that role's people.
		for path, counts := range map[string]map[string]string{
			ptPath(e, "/speakers"):                  {"chip-all": "1", "chip-attended": "1", "chip-invited": "0", "chip-registered": "0"},
			ptPath(e, "/users") + "?role=moderator": {"chip-all": "1", "chip-registered": "1", "chip-invited": "0", "chip-attended": "0"},
		} {
			rd := org.Get(path)
			wantStatus(t, rd, http.StatusOK)
			for chip, want := range counts {
				if got := strings.TrimSpace(ptTestID(rd.Doc(), chip).Find(`.chip-n`).Text()); got != want {
					t.Errorf("%s: %s count %q, want %q", path, chip, got, want)
				}
			}
		}
		if ptTestID(doc, "invite-open").Length() != 1 || ptTestID(doc, "bulk-resend").Length() != 1 {
			t.Fatal("an organiser may invite and act in bulk")
		}
		if doc.Find(`[data-testid="event-switch"]`).Length() != 2 {
			t.Fatal("the switcher lists both events")
		}
		// The second page, by its opaque cursor, and back.
		next := ptTestID(doc, "page-next").AttrOr("href", "")
		if !strings.Contains(next, "cursor=") {
			t.Fatalf("next link %q", next)
		}
		r = org.Get(next)
		wantStatus(t, r, http.StatusOK)
		if got := strings.TrimSpace(ptTestID(r.Doc(), "range").Text()); got != "51 – 60 of 60" {
			t.Fatalf("second page range %q", got)
		}
		if ptTestID(r.Doc(), "page-next").Length() != 0 {
			t.Fatal("no next page after the last")
		}
		prev := ptTestID(r.Doc(), "page-prev").AttrOr("href", "")
		if got := strings.TrimSpace(ptTestID(org.Get(prev).Doc(), "range").Text()); got != "1 – 50 of 60" {
			t.Fatalf("previous page %q (%s)", got, prev)
		}

		// Search: a substring of the name or email, case and accents aside.
		for q, want := range map[string]string{"ZOE": "Zoë Ångström", "angstr": "Zoë Ångström", "REG@example": "Rita Registered"} {
			r = org.Get(ptPath(e, "/users?q="+url.QueryEscape(q)))
			wantStatus(t, r, http.StatusOK)
			if got := ptNames(r.Doc()); len(got) != 1 || got[0] != want {
				t.Errorf("search %q: %v", q, got)
			}
		}
		r = org.Get(ptPath(e, "/users?q=nobody-at-all"))
		if ptTestID(r.Doc(), "clear-filters").Length() != 1 || strings.TrimSpace(ptTestID(r.Doc(), "range").Text()) != "No results" {
			t.Fatal("an empty search says so and offers to clear it")
		}

		// Filters: status and role, the chips marking the current one.
		r = org.Get(ptPath(e, "/users?status=blocked"))
		if got := ptNames(r.Doc()); len(got) != 1 || got[0] != "Bob Blocked" {
			t.Fatalf("status filter: %v", got)
		}
		if ptTestID(r.Doc(), "chip-blocked").AttrOr("aria-current", "") != "true" {
			t.Fatal("the current chip is marked")
		}
		if got := ptNames(org.Get(ptPath(e, "/users?role=moderator")).Doc()); len(got) != 1 || got[0] != "Rita Registered" {
			t.Fatalf("role filter: %v", got)
		}

		// Sorting by name, both ways; page sizes.
		if got := ptNames(org.Get(ptPath(e, "/users?sort=name&size=25")).Doc()); len(got) != 25 || got[0] != "Bob Blocked" {
			t.Fatalf("sorted by name: %d %v", len(got), got[:1])
		}
		if got := ptNames(org.Get(ptPath(e, "/users?sort=name&dir=desc")).Doc()); got[0] != "Zoë Ångström" {
			t.Fatalf("sorted by name, descending: %v", got[:1])
		}
		if got := ptNames(org.Get(ptPath(e, "/users?sort=email")).Doc()); got[0] != "Bob Blocked" {
			t.Fatalf("sorted by email: %v", got[:1])
		}
		sortLink := ptTestID(org.Get(ptPath(e, "/users?sort=name")).Doc(), "sort-name").AttrOr("href", "")
		if sortLink != ptPath(e, "/users?dir=desc&sort=name") {
			t.Fatalf("a second click reverses: %q", sortLink)
		}

		// Bad values are refused with a clear message, never a 500.
		for q, want := range map[string]string{"status=weird": "Unknown status", "sort=age": "Unknown sort", "cursor=bm9wZQ": "out of date",
			"size=7": "page size", "dir=up": "sort direction", "role=chef": "Unknown role"} {
			r = org.Get(ptPath(e, "/users?"+q))
			wantStatus(t, r, http.StatusUnprocessableEntity)
			ptWantBody(t, r, want)
		}
		// A cursor of another sort is as bad as a forged one.
		r = org.Get(ptPath(e, "/users?sort=name&"+strings.SplitN(next, "?", 2)[1]))
		wantStatus(t, r, http.StatusUnprocessableEntity)

		// htmx gets the results only, and the canonical address to push.
		r = org.Do(http.MethodGet, ptPath(e, "/users?q=zoe&status=&sort=&dir=&size=50"), nil, http.Header{"Hx-Request": {"true"}})
		wantStatus(t, r, http.StatusOK)
		if strings.Contains(r.Body, "<html") || ptTestID(r.Doc(), "pv-results").Length() != 1 || r.Doc().Find(`#pv-state[hx-swap-oob]`).Length() != 1 {
			t.Fatalf("fragment: %.300s", r.Body)
		}
		if got := r.Header.Get("Hx-Push-Url"); got != ptPath(e, "/users?q=zoe") {
			t.Fatalf("pushed %q", got)
		}
		r = org.Do(http.MethodGet, ptPath(e, "/users?status=nope"), nil, http.Header{"Hx-Request": {"true"}})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		ptWantBody(t, r, "data-toast", "Unknown status")

		// Speakers and moderators pages: the role is fixed, profiles shown.
		r = org.Get(ptPath(e, "/speakers?role=moderator"))
		wantStatus(t, r, http.StatusOK)
		if got := ptNames(r.Doc()); len(got) != 1 || got[0] != "Zoë Ångström" || r.Doc().Find(".pv-bio").Length() != 1 {
			t.Fatalf("speakers: %v", got)
		}
		if ptTestID(r.Doc(), "invite-open").AttrOr("href", "") != ptPath(e, "/users/invite?view=speakers") {
			t.Fatal("the speakers' invite button chooses the role")
		}
		if got := ptNames(org.Get(ptPath(e, "/moderators")).Doc()); len(got) != 1 || got[0] != "Rita Registered" {
			t.Fatalf("moderators: %v", got)
		}

		// Read-only roles see the list without the means to change it.
		support, _ := app.LoginAs(t, auth.RoleSupport)
		r = support.Get(ptPath(e, "/users"))
		wantStatus(t, r, http.StatusOK)
		if ptTestID(r.Doc(), "invite-open").Length() != 0 || ptTestID(r.Doc(), "bulk-resend").Length() != 0 || ptTestID(r.Doc(), "bulk-export").Length() != 1 {
			t.Fatal("support reads and exports, nothing more")
		}
		classroom, _ := app.LoginAs(t, auth.RoleClassroomAdmin)
		for _, path := range []string{ptPath(e, "/users"), ptPath(e, "/speakers"), "/events/users"} {
			wantStatus(t, classroom.Get(path), http.StatusForbidden)
		}
		wantStatus(t, app.Anonymous(t).Get(ptPath(e, "/users")), http.StatusSeeOther)

		// Another partner's event does not exist for us, and ours for them.
		other := app.OtherPartner(t, "Other Org")
		theirs := app.Login(t, app.StaffIn(t, other, auth.RoleOwner).Email, webtest.Password)
		for _, path := range []string{ptPath(e, "/users"), ptPath(e, "/speakers"), ptPath(e, "/users/export.csv")} {
			wantStatus(t, theirs.Get(path), http.StatusNotFound)
		}
		if r := theirs.Get("/events/users"); r.Status != http.StatusOK || ptTestID(r.Doc(), "pv-no-events").Length() != 1 {
			t.Fatal("the other partner has no events")
		}
		wantStatus(t, org.Get("/events/999999/users"), http.StatusNotFound)
		wantStatus(t, org.Get("/events/abc/users"), http.StatusNotFound)
	})
}

// CSV export: the filtered list streamed with its header, formula cells
// neutralised, and a selection on its own.
func TestParticipantsExport(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		org, _ := app.LoginAs(t, auth.RoleOrganizer)
		owner := ptOwner(t, app)
		e := ptEvent(t, app, owner, "Summit: 2026 édition", event.LoginMagicLink)
		ids := ptSeed(t, app, app.PartnerID, e,
			ptPerson{email: "formula@example.com", first: "=1+1", last: "@SUM(A1)"},
			ptPerson{email: "plain@example.com", first: "Plain", last: "Person", then: ptAttended},
			ptPerson{email: "third@example.com", first: "Third", last: "Person"})

		r := org.Get(ptPath(e, "/users/export.csv"))
		wantStatus(t, r, http.StatusOK)
		if ct := r.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Fatalf("content type %q", ct)
		}
		cd := r.Header.Get("Content-Disposition")
		if !strings.HasPrefix(cd, `attachment; filename="summit-2026-dition-participants-`) || !strings.HasSuffix(cd, `.csv"`) {
			t.Fatalf("disposition %q", cd)
		}
		lines := strings.Split(strings.TrimSpace(r.Body), "\n")
		if lines[0] != strings.Join(participation.ExportColumns, ",") || len(lines) != 4 {
			t.Fatalf("csv:\n%s", r.Body)
		}
		if !strings.Contains(r.Body, "'=1+1,'@SUM(A1),formula@example.com") {
			t.Fatalf("formula cells must be neutralised:\n%s", r.Body)
		}
		// The filters apply; the page's export link carries them.
		r = org.Get(ptPath(e, "/users/export.csv?status=attended"))
		if lines := strings.Split(strings.TrimSpace(r.Body), "\n"); len(lines) != 2 || !strings.Contains(lines[1], "plain@example.com") {
			t.Fatalf("filtered export:\n%s", r.Body)
		}
		if href := ptTestID(org.Get(ptPath(e, "/users?status=attended&q=pl")).Doc(), "export-all").AttrOr("href", ""); href != ptPath(e, "/users/export.csv?q=pl&status=attended") {
			t.Fatalf("export link %q", href)
		}
		// A bad filter is an error page, not a CSV.
		r = org.Get(ptPath(e, "/users/export.csv?status=weird"))
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if strings.Contains(r.Header.Get("Content-Type"), "csv") || r.Header.Get("Content-Disposition") != "" {
			t.Fatal("a refused export is not a download")
		}
		// The selection.
		r = org.PostForm(ptPath(e, "/users/export"), url.Values{"ids": {strconv.FormatInt(ids[1], 10), strconv.FormatInt(ids[2], 10)}})
		wantStatus(t, r, http.StatusOK)
		if lines := strings.Split(strings.TrimSpace(r.Body), "\n"); len(lines) != 3 || strings.Contains(r.Body, "formula@") ||
			!strings.Contains(r.Header.Get("Content-Disposition"), "-selection-") {
			t.Fatalf("selection export:\n%s", r.Body)
		}
		wantStatus(t, org.PostForm(ptPath(e, "/users/export"), url.Values{}), http.StatusUnprocessableEntity)
		wantStatus(t, org.PostForm(ptPath(e, "/users/export"), url.Values{"ids": {"x"}}), http.StatusUnprocessableEntity)
		// Support may export; classroom admins may not.
		support, _ := app.LoginAs(t, auth.RoleSupport)
		wantStatus(t, support.Get(ptPath(e, "/users/export.csv")), http.StatusOK)
		classroom, _ := app.LoginAs(t, auth.RoleClassroomAdmin)
		wantStatus(t, classroom.Get(ptPath(e, "/users/export.csv")), http.StatusForbidden)
		// Another partner's staff cannot export our selection through their event.
		other := app.OtherPartner(t, "Other Org")
		otherOwner := auth.Principal{StaffID: app.StaffIn(t, other, auth.RoleOwner).ID, PartnerID: other, Role: auth.RoleOwner}
		theirEvent := ptEvent(t, app, otherOwner, "Theirs", event.LoginMagicLink)
		r = org.PostForm(ptPath(theirEvent, "/users/export"), url.Values{"ids": {strconv.FormatInt(ids[0], 10)}})
		wantStatus(t, r, http.StatusNotFound)
	})
}

// ptInvite is a valid invitation form.
func ptInvite(email string, kv ...string) url.Values {
	v := url.Values{"email": {email}, "first_name": {"Ada"}, "last_name": {"Lovelace"}, "language": {"en"}, "send": {"1"}}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			v.Del(kv[i])
		} else {
			v.Set(kv[i], kv[i+1])
		}
	}
	return v
}

func ptCountPersons(t *testing.T, app *webtest.App, email string) int64 {
	t.Helper()
	var n int64
	if err := app.DB.Gorm.Raw("SELECT count(*) FROM persons WHERE lower(email) = ?", strings.ToLower(email)).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// Inviting one person: with and without the email, the new row at the top,
// inline errors for every field, duplicates refused, the partner's person
// reused, images checked, and the roles and tenancy enforced.
func TestParticipantsInvite(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		org, _ := app.LoginAs(t, auth.RoleOrganizer)
		owner := ptOwner(t, app)
		e := ptEvent(t, app, owner, "Summit", event.LoginMagicLink)
		list := ptPath(e, "/users")

		// The form, as a dialog for htmx and as a page without JavaScript.
		r := org.Do(http.MethodGet, ptPath(e, "/users/invite?view=speakers"), nil, http.Header{"Hx-Request": {"true"}})
		wantStatus(t, r, http.StatusOK)
		if r.Header.Get("Hx-Retarget") != "#modal-body" || ptTestID(r.Doc(), "invite-form").Length() != 1 || strings.Contains(r.Body, "<html") {
			t.Fatalf("invite dialog: %v", r.Header)
		}
		if _, ok := ptTestID(r.Doc(), "form-speaker").Attr("checked"); !ok {
			t.Fatal("Invite speaker chooses the role")
		}
		r = org.Get(ptPath(e, "/users/invite"))
		wantStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Body, "<html") || r.Doc().Find(`optgroup[label="Not maintained"] option`).Length() != 8 {
			t.Fatal("invite page with the 19 languages")
		}

		// Invite with the email: the row arrives at the top, the form is cleared.
		r = ptMultipart(t, org, list, ptInvite("ada@example.com", "speaker", "1", "title", "Countess", "view", "users"), ptPNG(t, 64), true, list)
		wantStatus(t, r, http.StatusOK)
		doc := r.Doc()
		if ptTestID(doc, "invite-form").Length() != 1 || ptTestID(doc, "form-email").AttrOr("value", "x") != "" {
			t.Fatal("the form is cleared for the next person")
		}
		ptWantBody(t, r, `hx-swap-oob="afterbegin:#pv-rows"`, "ada@example.com", "Ada Lovelace is invited", "Queued", `id="pv-chips"`)
		page := org.Get(list)
		if got := ptNames(page.Doc()); len(got) != 1 || got[0] != "Ada Lovelace" {
			t.Fatalf("after the invite: %v", got)
		}
		adaID, _ := strconv.ParseInt(strings.TrimPrefix(page.Doc().Find(`tr[data-testid="participant-row"]`).AttrOr("id", ""), "participant-"), 10, 64)
		ada := ptStatus(t, app, owner, e, adaID)
		if ada.Status != participation.StatusInvited || !ada.IsSpeaker || (ada.Delivery != participation.DeliveryQueued && ada.Delivery != participation.DeliverySent) || ada.Person.ImagePath == "" || ada.Person.Title != "Countess" {
			t.Fatalf("invited: %+v", ada)
		}
		// The image is served to the partner's staff only, privately cached.
		img := org.Get("/media/" + ada.Person.ImagePath)
		wantStatus(t, img, http.StatusOK)
		if img.Header.Get("Content-Type") != "image/png" || img.Header.Get("X-Content-Type-Options") != "nosniff" ||
			!strings.HasPrefix(img.Header.Get("Cache-Control"), "private, max-age=") {
			t.Fatalf("image headers %v", img.Header)
		}
		wantStatus(t, org.Get("/media/../../etc/passwd"), http.StatusNotFound)
		wantStatus(t, org.Get("/media/0123456789abcdef0123456789abcdef.png"), http.StatusNotFound)

		// Without the email: added, nothing queued.
		r = ptMultipart(t, org, list, ptInvite("grace@example.com", "first_name", "Grace", "last_name", "Hopper", "send", "0"), nil, true, list)
		wantStatus(t, r, http.StatusOK)
		ptWantBody(t, r, "Grace Hopper is added without an email")
		if d := ptStatus(t, app, owner, e, adaID+1); d.Delivery != participation.DeliveryNone || d.EmailSentAt != nil {
			t.Fatalf("invited without email: %+v", d)
		}

		// Already in the event: a clear error on the email, no second row.
		r = ptMultipart(t, org, list, ptInvite("ADA@example.com"), nil, true, list)
		wantStatus(t, r, http.StatusOK)
		if msg := r.Doc().Find("#pv-email-error").Text(); !strings.Contains(msg, "already in this event") {
			t.Fatalf("duplicate: %q", msg)
		}
		if n := len(ptNames(org.Get(list).Doc())); n != 2 {
			t.Fatalf("%d rows after a duplicate", n)
		}
		// Without JavaScript the same error comes on the page, with its status.
		r = ptMultipart(t, org, list, ptInvite("ada@example.com"), nil, false, "")
		wantStatus(t, r, http.StatusConflict)
		ptWantBody(t, r, "already in this event", "<html")

		// A person of the partner (in another event) is reused, not duplicated.
		other := ptEvent(t, app, owner, "Other event", event.LoginSSO)
		r = ptMultipart(t, org, ptPath(other, "/users"), ptInvite("ada@example.com", "first_name", "Someone", "last_name", "Else"), nil, true, ptPath(other, "/users"))
		wantStatus(t, r, http.StatusOK)
		ptWantBody(t, r, "is invited")
		if n := ptCountPersons(t, app, "ada@example.com"); n != 1 {
			t.Fatalf("%d persons with the email", n)
		}

		// Every field's error, inline, and nothing written.
		long := strings.Repeat("x", 201)
		r = ptMultipart(t, org, list, url.Values{"email": {"Noël@example.com"}, "first_name": {""}, "last_name": {" "}, "language": {"klingon"},
			"speaker": {"1"}, "title": {long}, "company": {long}, "bio": {strings.Repeat("é", 2501)}}, nil, true, list)
		wantStatus(t, r, http.StatusOK)
		doc = r.Doc()
		for id, want := range map[string]string{"#pv-email-error": "plain ASCII", "#pv-first-error": "first name is required",
			"#pv-last-error": "last name is required", "#pv-lang-error": "not a language", "#pv-title-error": "longer than 200",
			"#pv-company-error": "longer than 200", "#pv-bio-error": "longer than 2500"} {
			if got := doc.Find(id).Text(); !strings.Contains(got, want) {
				t.Errorf("%s: %q, want %q", id, got, want)
			}
		}
		if ptTestID(doc, "form-first-name").AttrOr("aria-invalid", "") != "true" || ptTestID(doc, "form-title").AttrOr("value", "") != long {
			t.Fatal("the form comes back with its values and marks")
		}
		if ptCountPersons(t, app, "Noël@example.com") != 0 {
			t.Fatal("a refused invitation wrote a person")
		}
		r = ptMultipart(t, org, list, url.Values{"email": {"bad"}}, nil, false, "")
		wantStatus(t, r, http.StatusUnprocessableEntity)
		ptWantBody(t, r, "not a valid email address", "<html")

		// Images: the real type and the size are checked.
		r = ptMultipart(t, org, list, ptInvite("img1@example.com", "speaker", "1"), []byte("GIF89a not really an image, just text"), true, list)
		if msg := r.Doc().Find("#pv-image-error").Text(); !strings.Contains(msg, "PNG, JPEG or WebP") {
			t.Fatalf("bad type: %q", msg)
		}
		big := append(ptPNG(t, 8), bytes.Repeat([]byte{0}, 2<<20+100<<10)...)
		r = ptMultipart(t, org, list, ptInvite("img2@example.com", "speaker", "1"), big, true, list)
		if msg := r.Doc().Find("#pv-image-error").Text(); !strings.Contains(msg, "the limit is 2 MB") {
			t.Fatalf("oversize: %q", msg)
		}
		huge := bytes.Repeat([]byte{1}, 5<<20)
		wantStatus(t, ptMultipart(t, org, list, ptInvite("img3@example.com", "speaker", "1"), huge, true, list), http.StatusRequestEntityTooLarge)
		if ptCountPersons(t, app, "img1@example.com")+ptCountPersons(t, app, "img2@example.com")+ptCountPersons(t, app, "img3@example.com") != 0 {
			t.Fatal("refused images wrote persons")
		}

		// Plain (no JavaScript) success: back to the list with a flash.
		r = ptMultipart(t, org, list, ptInvite("plain@example.com", "view", "moderators"), nil, false, "")
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != ptPath(e, "/moderators") {
			t.Fatalf("back to %q", loc)
		}
		ptWantBody(t, org.Get(ptPath(e, "/users")), "is invited")

		// Roles and tenancy.
		for _, role := range []auth.Role{auth.RoleSupport, auth.RoleClassroomAdmin} {
			c, _ := app.LoginAs(t, role)
			wantStatus(t, ptMultipart(t, c, list, ptInvite("x-"+string(role)+"@example.com"), nil, true, list), http.StatusForbidden)
			wantStatus(t, c.Get(ptPath(e, "/users/invite")), http.StatusForbidden)
		}
		otherPartner := app.OtherPartner(t, "Other Org")
		theirs := app.Login(t, app.StaffIn(t, otherPartner, auth.RoleOwner).Email, webtest.Password)
		wantStatus(t, ptMultipart(t, theirs, list, ptInvite("intruder@example.com"), nil, true, ""), http.StatusNotFound)
		wantStatus(t, theirs.Get(ptPath(e, "/users/invite")), http.StatusNotFound)
		wantStatus(t, theirs.Get("/media/"+ada.Person.ImagePath), http.StatusNotFound)
	})
}

// Every row action, allowed and refused: the action matrix decides on the
// server whatever the client sends (a forged request gets the service's 409
// and changes nothing), the roles and tenancy hold, and the answers are the
// new row with a toast (htmx) or the list again (no JavaScript).
func TestParticipantRowActions(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		org, _ := app.LoginAs(t, auth.RoleOrganizer)
		owner := ptOwner(t, app)
		e := ptEvent(t, app, owner, "Summit", event.LoginMagicLink)
		ssoEvent := ptEvent(t, app, owner, "SSO day", event.LoginSSO)
		ids := ptSeed(t, app, app.PartnerID, e,
			ptPerson{email: "inv@example.com", first: "Ina", last: "Invited"},
			ptPerson{email: "reg@example.com", first: "Reg", last: "Istered", then: ptRegistered},
			ptPerson{email: "att@example.com", first: "Ann", last: "Attended", then: ptAttended},
			ptPerson{email: "chat@example.com", first: "Chad", last: "Chatter", then: ptChatter},
			ptPerson{email: "blk@example.com", first: "Bea", last: "Blocked", then: ptBlocked},
			ptPerson{email: "unr@example.com", first: "Una", last: "Unregistered", then: ptUnregistered},
			ptPerson{email: "rm@example.com", first: "Rem", last: "Oved"})
		invited, registered, attended, chatter, blocked, unregistered, removable := ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6]
		ssoInvited := ptSeed(t, app, app.PartnerID, ssoEvent, ptPerson{email: "inv@example.com"})[0]
		list := ptPath(e, "/users")
		refused := func(path string, id int64, wantMsg string) {
			t.Helper()
			before := ptStatus(t, app, owner, e, id)
			r := ptHX(org, http.MethodPost, path, url.Values{}, list)
			wantStatus(t, r, http.StatusConflict)
			ptWantBody(t, r, "data-toast", wantMsg)
			after := ptStatus(t, app, owner, e, id)
			// The mail worker may move an earlier email's delivery state (and
			// with it the row's update time) meanwhile; nothing else may change.
			mailed := after.Delivery != before.Delivery
			if after.Status != before.Status || after.ChatBlocked != before.ChatBlocked || (!mailed && !after.UpdatedAt.Equal(before.UpdatedAt)) {
				t.Fatalf("a refused %s changed the row: %+v -> %+v", path, before, after)
			}
		}

		// The menu offers the matrix's actions only.
		for id, want := range map[int64][]string{
			invited:      {"action-edit", "action-resend", "action-login-link", "action-remove"},
			registered:   {"action-edit", "action-resend", "action-login-link", "action-analytics", "action-remove"},
			attended:     {"action-edit", "action-analytics", "action-remove"},
			chatter:      {"action-edit", "action-analytics", "action-chat-block", "action-remove"},
			blocked:      {"action-edit", "action-analytics"},
			unregistered: {},
		} {
			r := ptHX(org, http.MethodGet, ptRowPath(e, id, "/actions"), nil, list)
			wantStatus(t, r, http.StatusOK)
			var got []string
			r.Doc().Find("[data-testid^=action-]").Each(func(_ int, s *goquery.Selection) { got = append(got, s.AttrOr("data-testid", "")) })
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("row %d offers %v, want %v", id, got, want)
			}
		}
		// Without JavaScript the menu is a page of plain forms.
		r := org.Get(ptRowPath(e, invited, "/actions"))
		wantStatus(t, r, http.StatusOK)
		if r.Doc().Find(`[data-testid="actions-page"] form[method="post"] input[name="_csrf"]`).Length() != 1 || !strings.Contains(r.Body, "<html") {
			t.Fatal("actions page")
		}

		// Resend: the invited and the registered; not the others.
		r = ptHX(org, http.MethodPost, ptRowPath(e, invited, "/resend"), url.Values{}, list)
		wantStatus(t, r, http.StatusOK)
		ptWantBody(t, r, `id="participant-`+strconv.FormatInt(invited, 10)+`"`, "The invitation is on its way to inv@example.com", "data-toast")
		if d := ptStatus(t, app, owner, e, invited).Delivery; d != participation.DeliveryQueued && d != participation.DeliverySent {
			t.Fatalf("delivery after resend %q", d)
		}
		r = ptHX(org, http.MethodPost, ptRowPath(e, registered, "/resend"), url.Values{}, list)
		wantStatus(t, r, http.StatusOK)
		ptWantBody(t, r, "registration confirmation is on its way")
		refused(ptRowPath(e, attended, "/resend"), attended, "not available for this person: they are Attended")
		refused(ptRowPath(e, blocked, "/resend"), blocked, "Blocked")
		refused(ptRowPath(e, unregistered, "/resend"), unregistered, "Unregistered")

		// Block from chat: attendees who accepted the chat terms.
		r = ptHX(org, http.MethodPost, ptRowPath(e, chatter, "/chat-block"), url.Values{}, list)
		wantStatus(t, r, http.StatusOK)
		ptWantBody(t, r, "Chad Chatter is blocked from the chat")
		if !ptStatus(t, app, owner, e, chatter).ChatBlocked {
			t.Fatal("not blocked from chat")
		}
		refused(ptRowPath(e, chatter, "/chat-block"), chatter, "not available")
		refused(ptRowPath(e, attended, "/chat-block"), attended, "not available")
		refused(ptRowPath(e, invited, "/chat-unblock"), invited, "not available")
		r = ptHX(org, http.MethodPost, ptRowPath(e, chatter, "/chat-unblock"), url.Values{}, list)
		wantStatus(t, r, http.StatusOK)
		ptWantBody(t, r, "can use the chat again")

		// Login links: magic-link events, invited or registered people.
		r = ptHX(org, http.MethodPost, ptRowPath(e, registered, "/login-link"), url.Values{}, list)
		wantStatus(t, r, http.StatusOK)
		if r.Header.Get("Hx-Retarget") != "#modal-body" || !strings.Contains(ptTestID(r.Doc(), "login-link-url").AttrOr("value", ""), "/l/") ||
			!strings.HasPrefix(ptTestID(r.Doc(), "login-link-qr").AttrOr("src", ""), "data:image/png;base64,") {
			t.Fatalf("login link dialog: %.500s", r.Body)
		}
		ptWantBody(t, r, "Expires ", "(in 3 days)")
		refused(ptRowPath(e, attended, "/login-link"), attended, "Generate login link is not available")
		before := ptStatus(t, app, owner, ssoEvent, ssoInvited)
		r = ptHX(org, http.MethodPost, ptPath(ssoEvent, "/users/"+strconv.FormatInt(ssoInvited, 10)+"/login-link"), url.Values{}, ptPath(ssoEvent, "/users"))
		wantStatus(t, r, http.StatusConflict)
		if after := ptStatus(t, app, owner, ssoEvent, ssoInvited); !after.UpdatedAt.Equal(before.UpdatedAt) {
			t.Fatal("refused login link changed the row")
		}
		r = org.PostForm(ptRowPath(e, invited, "/login-link"), nil)
		wantStatus(t, r, http.StatusOK)
		ptWantBody(t, r, "<html", "login-link-url")

		// View analytics: everyone but the invited and the unregistered.
		r = ptHX(org, http.MethodGet, ptRowPath(e, attended, "/analytics"), nil, list)
		wantStatus(t, r, http.StatusOK)
		if r.Header.Get("Hx-Retarget") != "#modal-body" || ptTestID(r.Doc(), "an-history").Find("li").Length() != 2 {
			t.Fatalf("analytics: %.600s", r.Body)
		}
		ptWantBody(t, r, "Pre-event visit", "Invited by a team member")
		wantStatus(t, ptHX(org, http.MethodGet, ptRowPath(e, invited, "/analytics"), nil, list), http.StatusConflict)
		support, _ := app.LoginAs(t, auth.RoleSupport)
		wantStatus(t, support.Get(ptRowPath(e, attended, "/analytics")), http.StatusOK)

		// Edit: the dialog, inline errors, the saved row, refusals.
		r = ptHX(org, http.MethodGet, ptRowPath(e, invited, "/edit"), nil, list)
		wantStatus(t, r, http.StatusOK)
		if ptTestID(r.Doc(), "form-email").AttrOr("value", "") != "inv@example.com" || r.Header.Get("Hx-Retarget") != "#modal-body" {
			t.Fatal("edit dialog")
		}
		wantStatus(t, ptHX(org, http.MethodGet, ptRowPath(e, unregistered, "/edit"), nil, list), http.StatusConflict)
		r = ptMultipart(t, org, ptRowPath(e, invited, ""), url.Values{"email": {"inv@example.com"}, "first_name": {""}, "last_name": {"Invited"},
			"language": {"de"}}, nil, true, list)
		wantStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Doc().Find("#pv-first-error").Text(), "required") || ptTestID(r.Doc(), "edit-form").Length() != 1 {
			t.Fatal("edit errors inline")
		}
		r = ptMultipart(t, org, ptRowPath(e, invited, ""), url.Values{"email": {"ina@example.com"}, "first_name": {"Ina"}, "last_name": {"Edited"},
			"language": {"de"}, "moderator": {"1"}, "bio": {"Hello"}}, ptPNG(t, 32), true, list)
		wantStatus(t, r, http.StatusOK)
		if r.Header.Get("Hx-Trigger") != "roster-modal-close" {
			t.Fatal("a saved edit closes the dialog")
		}
		ptWantBody(t, r, `hx-swap-oob="true"`, "Ina Edited", "ina@example.com", "Changes to Ina Edited are saved")
		got := ptStatus(t, app, owner, e, invited)
		if got.Person.Email != "ina@example.com" || !got.IsModerator || got.Language != "de" || got.Person.ImagePath == "" {
			t.Fatalf("after the edit: %+v", got)
		}
		// Edited out of the speakers' page, the row leaves it.
		r = ptMultipart(t, org, ptRowPath(e, invited, ""), url.Values{"email": {"ina@example.com"}, "first_name": {"Ina"}, "last_name": {"Edited"},
			"language": {"de"}}, nil, true, ptPath(e, "/moderators"))
		ptWantBody(t, r, `hx-swap-oob="delete"`)
		before = ptStatus(t, app, owner, e, unregistered)
		r = ptMultipart(t, org, ptRowPath(e, unregistered, ""), url.Values{"email": {"unr@example.com"}, "first_name": {"Hacked"}, "last_name": {"X"},
			"language": {"en"}}, nil, true, list)
		wantStatus(t, r, http.StatusConflict)
		if after := ptStatus(t, app, owner, e, unregistered); after.Person.FirstName != "Una" || !after.UpdatedAt.Equal(before.UpdatedAt) {
			t.Fatal("a forged edit changed the person")
		}

		// Remove: confirmed in the browser; the row goes (no main content).
		refused(ptRowPath(e, blocked, "/remove"), blocked, "Remove is not available")
		refused(ptRowPath(e, unregistered, "/remove"), unregistered, "Remove is not available")
		r = ptHX(org, http.MethodPost, ptRowPath(e, removable, "/remove"), url.Values{}, list)
		wantStatus(t, r, http.StatusOK)
		if strings.Contains(r.Body, "<tr") || !strings.Contains(r.Body, "Rem Oved was removed from this event") {
			t.Fatalf("remove answer: %s", r.Body)
		}
		ptWantBody(t, r, `hx-swap-oob="true" data-testid="status-chips"`, `class="chip-n">6<`)
		wantStatus(t, ptHX(org, http.MethodPost, ptRowPath(e, removable, "/remove"), url.Values{}, list), http.StatusNotFound)
		if ptCountPersons(t, app, "rm@example.com") != 1 {
			t.Fatal("removing keeps the person")
		}

		// Without JavaScript: back to the list (its filters kept) with a flash.
		r = org.Do(http.MethodPost, ptRowPath(e, registered, "/resend"), strings.NewReader(url.Values{"_csrf": {org.CSRF()}}.Encode()),
			http.Header{"Content-Type": {"application/x-www-form-urlencoded"}, "Referer": {org.Base + ptPath(e, "/speakers?q=reg")}})
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != ptPath(e, "/speakers?q=reg") {
			t.Fatalf("back to %q", loc)
		}
		ptWantBody(t, org.Get(list), "registration confirmation is on its way")

		// Roles: support and classroom admins change nothing.
		classroom, _ := app.LoginAs(t, auth.RoleClassroomAdmin)
		for _, c := range []*webtest.Client{support, classroom} {
			for _, action := range []string{"/resend", "/remove", "/chat-block", "/chat-unblock", "/login-link", ""} {
				wantStatus(t, ptHX(c, http.MethodPost, ptRowPath(e, registered, action), url.Values{}, list), http.StatusForbidden)
			}
			wantStatus(t, c.Get(ptRowPath(e, registered, "/edit")), http.StatusForbidden)
		}
		wantStatus(t, classroom.Get(ptRowPath(e, attended, "/analytics")), http.StatusForbidden)

		// Tenancy: another partner's staff reach nothing of ours, and a
		// participant is only found under its own event.
		otherPartner := app.OtherPartner(t, "Other Org")
		theirs := app.Login(t, app.StaffIn(t, otherPartner, auth.RoleOwner).Email, webtest.Password)
		for _, action := range []string{"/resend", "/remove", "/chat-block", "/chat-unblock", "/login-link", ""} {
			wantStatus(t, ptHX(theirs, http.MethodPost, ptRowPath(e, registered, action), url.Values{}, ""), http.StatusNotFound)
		}
		for _, action := range []string{"/edit", "/analytics", "/actions"} {
			wantStatus(t, theirs.Get(ptRowPath(e, attended, action)), http.StatusNotFound)
		}
		wantStatus(t, ptHX(org, http.MethodPost, ptPath(ssoEvent, "/users/"+strconv.FormatInt(registered, 10)+"/resend"), url.Values{}, ""), http.StatusNotFound)
		wantStatus(t, org.Get(ptPath(e, "/users/abc/edit")), http.StatusNotFound)
	})
}

// Bulk resend and remove: the rows the matrix refuses are skipped and
// counted; the view comes back refreshed.
func TestParticipantsBulk(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		org, _ := app.LoginAs(t, auth.RoleOrganizer)
		owner := ptOwner(t, app)
		e := ptEvent(t, app, owner, "Summit", event.LoginMagicLink)
		ids := ptSeed(t, app, app.PartnerID, e,
			ptPerson{email: "a@example.com", first: "A", last: "Invited"},
			ptPerson{email: "b@example.com", first: "B", last: "Invited"},
			ptPerson{email: "c@example.com", first: "C", last: "Registered", then: ptRegistered},
			ptPerson{email: "d@example.com", first: "D", last: "Attended", then: ptAttended},
			ptPerson{email: "e@example.com", first: "E", last: "Attended", then: ptAttended},
			ptPerson{email: "f@example.com", first: "F", last: "Blocked", then: ptBlocked})
		sel := func(xs ...int64) url.Values {
			v := url.Values{"return": {ptPath(e, "/users?status=invited")}}
			for _, x := range xs {
				v.Add("ids", strconv.FormatInt(x, 10))
			}
			return v
		}
		r := ptHX(org, http.MethodPost, ptPath(e, "/users/bulk/resend"), sel(ids[0], ids[1], ids[2], ids[3], ids[4]), "")
		wantStatus(t, r, http.StatusOK)
		ptWantBody(t, r, "Resent 3 emails; skipped 2 (Attended).", `id="pv-results"`, `id="pv-state"`)
		if n := r.Doc().Find(`#pv-results tr[data-testid="participant-row"]`).Length(); n != 2 {
			t.Fatalf("the returned view is the invited: %d rows", n)
		}

		r = ptHX(org, http.MethodPost, ptPath(e, "/users/bulk/remove"), sel(ids[0], ids[3], ids[5]), "")
		wantStatus(t, r, http.StatusOK)
		ptWantBody(t, r, "Removed 2 people; skipped 1 (Blocked).")
		if _, _, err := app.Participants.Get(context.Background(), owner, e.ID, ids[0]); err == nil {
			t.Fatal("removed in bulk, still there")
		}

		// Without JavaScript: back to the given view (never off-site) with a flash.
		r = org.PostForm(ptPath(e, "/users/bulk/resend"), sel(ids[1]))
		wantStatus(t, r, http.StatusSeeOther)
		if loc := r.Header.Get("Location"); loc != ptPath(e, "/users?status=invited") {
			t.Fatalf("back to %q", loc)
		}
		ptWantBody(t, org.Get(ptPath(e, "/users")), "Resent 1 email.")
		v := sel(ids[1])
		v.Set("return", "https://evil.example/x")
		if loc := org.PostForm(ptPath(e, "/users/bulk/resend"), v).Header.Get("Location"); loc != ptPath(e, "/users") {
			t.Fatalf("an off-site return went to %q", loc)
		}

		wantStatus(t, ptHX(org, http.MethodPost, ptPath(e, "/users/bulk/resend"), url.Values{}, ""), http.StatusUnprocessableEntity)
		wantStatus(t, ptHX(org, http.MethodPost, ptPath(e, "/users/bulk/remove"), url.Values{"ids": {"1; DROP"}}, ""), http.StatusUnprocessableEntity)
		support, _ := app.LoginAs(t, auth.RoleSupport)
		wantStatus(t, ptHX(support, http.MethodPost, ptPath(e, "/users/bulk/resend"), sel(ids[1]), ""), http.StatusForbidden)
		// Another partner's ids in our event are not ours to touch.
		otherPartner := app.OtherPartner(t, "Other Org")
		otherOwner := auth.Principal{StaffID: app.StaffIn(t, otherPartner, auth.RoleOwner).ID, PartnerID: otherPartner, Role: auth.RoleOwner}
		theirEvent := ptEvent(t, app, otherOwner, "Theirs", event.LoginMagicLink)
		theirID := ptSeed(t, app, otherPartner, theirEvent, ptPerson{email: "t@example.com", first: "T", last: "Theirs"})[0]
		r = ptHX(org, http.MethodPost, ptPath(e, "/users/bulk/remove"), sel(theirID), "")
		wantStatus(t, r, http.StatusOK)
		ptWantBody(t, r, "Removed 0 people; skipped 1 (no longer in the event).")
		if _, _, err := app.Participants.Get(context.Background(), otherOwner, theirEvent.ID, theirID); err != nil {
			t.Fatal("another partner's participant was touched")
		}
		theirs := app.Login(t, app.StaffIn(t, otherPartner, auth.RoleOwner).Email, webtest.Password)
		wantStatus(t, ptHX(theirs, http.MethodPost, ptPath(e, "/users/bulk/remove"), sel(ids[1]), ""), http.StatusNotFound)
	})
}
