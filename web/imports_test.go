package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"roster/internal/auth"
	"roster/internal/bulk"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/event"
	"roster/internal/mail"
	"roster/web/webtest"
)

// upload posts a file to the bulk invite form (a plain form, or htmx).
func upload(t *testing.T, c *webtest.Client, path, name string, content []byte, hx bool) *webtest.Response {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if !hx {
		_ = w.WriteField("_csrf", c.CSRF())
	}
	if name != "" {
		fw, err := w.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = fw.Write(content)
	}
	_ = w.Close()
	h := http.Header{"Content-Type": {w.FormDataContentType()}}
	if hx {
		h.Set("Hx-Request", "true")
		h.Set("X-Csrf-Token", c.CSRF())
	}
	return c.Do(http.MethodPost, path, &buf, h)
}

const importCSV = "Email,First name,Last name,Company,Title,Language,Roles\r\n" +
	"ada@example.com,Ada,Lovelace,Analytical,Countess,en,speaker\r\n" +
	"grace@example.com,Grace,Hopper,Navy,,German,\r\n" +
	"alan@example.com,Alan,Turing,,,fr,moderator\r\n" +
	"not-an-email,Bad,Row,,,,\r\n" +
	"Noël@example.com,Noël,Accent,,,,\r\n" +
	"typo@gmial.com,Typo,Domain,,,,\r\n" +
	"ADA@example.com,Ada,Again,,,,\r\n" +
	"there@example.com,Already,There,,,,\r\n" +
	"klingon@example.com,Worf,Son,,,tlh,\r\n"

// The bulk invite end to end: template, check with its flight plan and
// problems (and their download), start, progress to the end with counts,
// the people in the list with their invitations queued, and undo (which
// keeps whoever moved on).
func TestBulkInvite(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		org, _ := app.LoginAs(t, auth.RoleOrganizer)
		owner := ptOwner(t, app)
		e := ptEvent(t, app, owner, "Summit", event.LoginMagicLink)
		ptSeed(t, app, app.PartnerID, e, ptPerson{email: "there@example.com", first: "Already", last: "There"})
		uploadPath := ptPath(e, "/users/import")

		// The templates.
		r := org.Get(uploadPath)
		wantStatus(t, r, http.StatusOK)
		if ptTestID(r.Doc(), "import-columns").Find("tbody tr").Length() != 7 {
			t.Fatal("the upload page explains the 7 columns")
		}
		if ptTestID(org.Get(ptPath(e, "/users")).Doc(), "bulk-invite-open").AttrOr("href", "") != uploadPath {
			t.Fatal("All users links to the bulk invite")
		}
		tpl := org.Get(uploadPath + "/template.csv")
		wantStatus(t, tpl, http.StatusOK)
		if !strings.HasPrefix(strings.TrimPrefix(tpl.Body, "\ufeff"), "email,first_name,last_name,company,title,language,roles") {
			t.Fatalf("template: %q", tpl.Body)
		}
		if x := org.Get(uploadPath + "/template.xlsx"); !strings.HasPrefix(x.Body, "PK") {
			t.Fatal("the .xlsx template is a zip")
		}

		// The check: nothing written, the flight plan adds up.
		r = upload(t, org, uploadPath, "people.csv", []byte(importCSV), false)
		wantStatus(t, r, http.StatusSeeOther)
		batchURL := r.Header.Get("Location")
		page := org.Get(batchURL)
		wantStatus(t, page, http.StatusOK)
		doc := page.Doc()
		plan := map[string]string{}
		for _, id := range []string{"plan-invite", "plan-already", "plan-duplicate", "plan-invalid", "plan-typo"} {
			plan[id] = strings.TrimSpace(ptTestID(doc, id).Find("dd").Text())
		}
		want := map[string]string{"plan-invite": "3", "plan-already": "1", "plan-duplicate": "1", "plan-invalid": "3", "plan-typo": "1"}
		for k, v := range want {
			if plan[k] != v {
				t.Errorf("%s: %s, want %s (plan %v)", k, plan[k], v, plan)
			}
		}
		problems := ptTestID(doc, "import-problems-table").Text()
		for _, reason := range []string{"not-an-email", "ë", "gmail.com", "line 2", "tlh"} {
			if !strings.Contains(problems, reason) {
				t.Errorf("the problems do not mention %q:\n%s", reason, problems)
			}
		}
		if n := countRows(t, db, `SELECT count(*) FROM participations WHERE event_id = ?`, e.ID); n != 1 {
			t.Fatalf("the check wrote participations: %d", n)
		}
		csv := org.Get(batchURL + "/problems.csv")
		wantStatus(t, csv, http.StatusOK)
		if !strings.Contains(csv.Body, "problem") || !strings.Contains(csv.Body, "typo@gmial.com") || strings.Contains(csv.Body, "grace@example.com") {
			t.Fatalf("problem rows: %s", csv.Body)
		}

		// Start with the email; the job runs to the end.
		r = org.PostForm(batchURL+"/start", url.Values{"send": {"1"}})
		wantStatus(t, r, http.StatusSeeOther)
		wantStatus(t, org.PostForm(batchURL+"/start", url.Values{"send": {"1"}}), http.StatusConflict)
		bid, _ := strconv.ParseInt(batchURL[strings.LastIndexByte(batchURL, '/')+1:], 10, 64)
		waitFor(t, func() bool {
			b, err := app.Imports.Get(context.Background(), owner, e.ID, bid)
			return err == nil && b.Status == bulk.StatusDone
		})
		r = org.Get(batchURL + "/progress")
		wantStatus(t, r, http.StatusOK)
		for id, want := range map[string]string{"count-invited": "3", "count-skipped": "2", "count-failed": "4"} {
			if got := strings.TrimSpace(ptTestID(r.Doc(), id).Text()); got != want {
				t.Errorf("%s: %s, want %s", id, got, want)
			}
		}
		names := ptNames(org.Get(ptPath(e, "/users")).Doc())
		if len(names) != 4 {
			t.Fatalf("after the import: %v", names)
		}
		page2, err := app.Mail.List(context.Background(), app.PartnerID, mail.Filter{})
		if err != nil || len(page2.Emails) != 3 {
			t.Fatalf("invitations queued: %d %v", len(page2.Emails), err)
		}
		if n := countRows(t, db, `SELECT count(*) FROM participations WHERE import_batch_id = ? AND language = 'de'`, bid); n != 1 {
			t.Fatal("German by its English name")
		}

		// One of them moves on; undo keeps them and removes the others.
		var adaID int64
		if err := db.Gorm.Raw(`SELECT id FROM participations WHERE import_batch_id = ? AND email_lower = 'ada@example.com'`, bid).Scan(&adaID).Error; err != nil {
			t.Fatal(err)
		}
		link, _, err := app.Participants.GenerateLoginLink(context.Background(), owner, e.ID, adaID)
		if err != nil {
			t.Fatal(err)
		}
		guest := app.Anonymous(t)
		path := strings.TrimPrefix(link.URL, app.Server.URL)
		guest.Get(path)
		wantStatus(t, guest.PostForm(path, nil), http.StatusSeeOther)
		r = org.PostForm(batchURL+"/undo", nil)
		wantStatus(t, r, http.StatusOK)
		kept := ptTestID(r.Doc(), "undo-kept").Text()
		if !strings.Contains(kept, "ada@example.com") || !strings.Contains(ptTestID(r.Doc(), "undo-result").Text(), "2 people removed") {
			t.Fatalf("undo: %s", ptTestID(r.Doc(), "import-result").Text())
		}
		if n := countRows(t, db, `SELECT count(*) FROM participations WHERE event_id = ?`, e.ID); n != 2 {
			t.Fatalf("after the undo: %d participations", n)
		}
		if n := countRows(t, db, `SELECT count(*) FROM emails WHERE status = 'queued' AND to_address <> 'ada@example.com'`); n != 0 {
			t.Fatalf("%d emails still queued after the undo", n)
		}
		wantStatus(t, org.PostForm(batchURL+"/undo", nil), http.StatusConflict)
		list := org.Get(ptPath(e, "/imports"))
		if rows := ptTestID(list.Doc(), "imports-row"); rows.Length() != 1 || !strings.Contains(rows.Text(), "Undone") {
			t.Fatalf("imports list: %s", rows.Text())
		}
	})
}

func countRows(t *testing.T, db *database.DB, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.Gorm.Raw(q, args...).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// Bad uploads get a clear reason and write nothing; roles and partners are
// enforced on every import route.
func TestBulkInviteRefusals(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		app := webtest.New(t, db)
		org, _ := app.LoginAs(t, auth.RoleOrganizer)
		owner := ptOwner(t, app)
		e := ptEvent(t, app, owner, "Summit", event.LoginMagicLink)
		uploadPath := ptPath(e, "/users/import")
		cases := []struct {
			name, file string
			content    []byte
			status     int
			reason     string
		}{
			{"windows-1252", "w.csv", []byte("email,first_name,last_name\r\nrene@example.com,Ren\xe9,Dupont\r\n"), http.StatusUnprocessableEntity, "Windows-1252"},
			{"utf-16", "u.csv", []byte("\xff\xfee\x00m\x00a\x00i\x00l\x00\r\x00\n\x00"), http.StatusUnprocessableEntity, "UTF-16"},
			{"no file", "", nil, http.StatusUnprocessableEntity, "Choose a CSV"},
			{"missing column", "m.csv", []byte("email,first_name\r\na@example.com,A\r\n"), http.StatusUnprocessableEntity, "last_name"},
			{"header only", "h.csv", []byte("email,first_name,last_name\r\n"), http.StatusUnprocessableEntity, "no rows"},
		}
		for _, tc := range cases {
			r := upload(t, org, uploadPath, tc.file, tc.content, false)
			if r.Status != tc.status || !strings.Contains(ptTestID(r.Doc(), "import-error").Text(), tc.reason) {
				t.Errorf("%s: %d %q", tc.name, r.Status, ptTestID(r.Doc(), "import-error").Text())
			}
		}
		// htmx gets the reason in place.
		r := upload(t, org, uploadPath, "w.csv", cases[0].content, true)
		wantStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Body, "Windows-1252") || strings.Contains(r.Body, "<html") {
			t.Fatalf("htmx refusal: %s", r.Body)
		}
		// Too large.
		app.Imports.MaxUpload = 1 << 10
		r = upload(t, org, uploadPath, "big.csv", bytes.Repeat([]byte("x"), 4<<10), false)
		if r.Status != http.StatusRequestEntityTooLarge || !strings.Contains(r.Body, "larger than") {
			t.Fatalf("too large: %d", r.Status)
		}
		app.Imports.MaxUpload = bulk.DefaultMaxUpload
		if n := countRows(t, db, `SELECT count(*) FROM bulk_jobs`); n != 0 {
			t.Fatalf("refused files left %d batches", n)
		}

		// Roles and partners.
		r = upload(t, org, uploadPath, "people.csv", []byte(importCSV), false)
		wantStatus(t, r, http.StatusSeeOther)
		batchURL := r.Header.Get("Location")
		sup, _ := app.LoginAs(t, auth.RoleSupport)
		wantStatus(t, sup.Get(batchURL), http.StatusOK)
		wantStatus(t, sup.PostForm(batchURL+"/start", url.Values{"send": {"0"}}), http.StatusForbidden)
		wantStatus(t, upload(t, sup, uploadPath, "people.csv", []byte(importCSV), false), http.StatusForbidden)
		other := app.OtherPartner(t, "Other Org")
		st := app.StaffIn(t, other, auth.RoleOwner)
		oc := app.Login(t, st.Email, webtest.Password)
		wantStatus(t, oc.Get(batchURL), http.StatusNotFound)
		wantStatus(t, oc.Get(batchURL+"/problems.csv"), http.StatusNotFound)
		wantStatus(t, oc.PostForm(batchURL+"/start", url.Values{"send": {"0"}}), http.StatusNotFound)
		// Discard: then it cannot start.
		wantStatus(t, org.PostForm(batchURL+"/discard", nil), http.StatusSeeOther)
		wantStatus(t, org.PostForm(batchURL+"/start", url.Values{"send": {"0"}}), http.StatusConflict)
	})
}
