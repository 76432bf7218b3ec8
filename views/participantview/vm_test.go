package participantview

import (
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 3, 10, 4, 0, 0, time.UTC)

var statuses = []StatusOption{{StatusInvited, "Invited"}, {StatusRegistered, "Registered"}, {StatusAttended, "Attended"},
	{StatusSSOLogin, "SSO login"}, {StatusUnregistered, "Unregistered"}, {StatusBlocked, "Blocked"}}

// acts are the matrix's actions for a status (as the web layer passes them).
var acts = map[string][]Action{
	StatusInvited:      {{ActEdit, "Edit"}, {ActResendInvitation, "Resend email"}, {ActRemove, "Remove"}, {ActLoginLink, "Generate login link"}, {ActBlock, "Block"}},
	StatusRegistered:   {{ActEdit, "Edit"}, {ActResendRegistration, "Resend email"}, {ActViewAnalytics, "View analytics"}, {ActRemove, "Remove"}, {ActLoginLink, "Generate login link"}, {ActBlock, "Block"}},
	StatusAttended:     {{ActEdit, "Edit"}, {ActViewAnalytics, "View analytics"}, {ActRemove, "Remove"}, {ActBlock, "Block"}},
	StatusBlocked:      {{ActEdit, "Edit"}, {ActViewAnalytics, "View analytics"}, {ActUnblock, "Unblock"}},
	StatusUnregistered: nil,
}

func part(id int64, status, detail string) RowInput {
	return RowInput{ID: id, EventID: 7, Person: Person{Email: "jane.doe@example.com", FirstName: "Jane", LastName: "Doe"},
		Status: status, StatusLabel: strings.ToUpper(status[:1]) + status[1:], DetailLabel: detail, StatusAt: t0, CreatedAt: t0,
		Delivery: "sent", Actions: acts[status]}
}

func TestStateURLs(t *testing.T) {
	t.Parallel()
	base := "/events/7/users"
	if got := (State{}).URL(base); got != base {
		t.Fatalf("the default view has no query: %q", got)
	}
	st := State{Query: "  zoë ", Status: "invited", Sort: "created", Dir: "desc", Cursor: "abc"}
	if got := st.URL(base); got != base+"?cursor=abc&q=zo%C3%AB&status=invited" {
		t.Fatalf("defaults are dropped: %q", got)
	}
	st = State{Sort: "name", Dir: "desc", Size: 100, Role: "speaker"}
	if got := st.URL(base); got != base+"?dir=desc&role=speaker&size=100&sort=name" {
		t.Fatalf("non-defaults kept: %q", got)
	}
	if !(State{}).Desc() || (State{Sort: "name"}).Desc() || !(State{Sort: "name", Dir: "desc"}).Desc() {
		t.Fatal("default directions: dates newest first, the rest A to Z")
	}
}

func TestSortedByAndWithStatus(t *testing.T) {
	t.Parallel()
	st := State{Status: "attended", Cursor: "c"}
	name := st.SortedBy("name")
	if name.Sort != "name" || name.Dir != "" || name.Cursor != "" || name.Status != "attended" {
		t.Fatalf("first click: %+v", name)
	}
	rev := name.SortedBy("name")
	if rev.Dir != DirDesc || !rev.Desc() {
		t.Fatalf("second click reverses: %+v", rev)
	}
	if back := rev.SortedBy("name"); back.Dir != "" || back.Desc() {
		t.Fatalf("third click: %+v", back)
	}
	created := name.SortedBy("created")
	if created.Sort != "" || created.Dir != "" || !created.Desc() {
		t.Fatalf("created is the default sort, newest first: %+v", created)
	}
	if asc := created.SortedBy("created"); asc.Dir != DirAsc || asc.Desc() {
		t.Fatalf("created reversed: %+v", asc)
	}
	if ws := (State{Cursor: "x", Status: "invited"}).WithStatus(""); ws.Cursor != "" || ws.Status != "" {
		t.Fatalf("WithStatus restarts: %+v", ws)
	}
}

func TestViewOfPath(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]View{"/events/7/users": ViewUsers, "/events/7/speakers": ViewSpeakers,
		"/events/7/moderators/": ViewModerators} {
		v, id, ok := ViewOfPath(path)
		if !ok || v != want || id != 7 {
			t.Errorf("%s: %v %d %v", path, v, id, ok)
		}
	}
	for _, path := range []string{"", "/events", "/events/x/users", "/events/7/users/3", "/events/7/edit", "/events/-1/users"} {
		if _, _, ok := ViewOfPath(path); ok {
			t.Errorf("%s is not a list page", path)
		}
	}
	if ParseView("speakers") != ViewSpeakers || ParseView("weird") != ViewUsers {
		t.Fatal("ParseView")
	}
}

func keys(as []ActionVM) string {
	var out []string
	for _, a := range as {
		out = append(out, a.Key)
	}
	return strings.Join(out, ",")
}

// The row's menu is the matrix's actions, in menu order, with their URLs.
func TestRowActions(t *testing.T) {
	t.Parallel()
	for status, want := range map[string]string{
		StatusInvited:      "edit,resend_invitation,login_link,remove",
		StatusRegistered:   "edit,resend_registration,login_link,analytics,remove",
		StatusAttended:     "edit,analytics,remove",
		StatusBlocked:      "edit,analytics",
		StatusUnregistered: "",
	} {
		if got := keys(RowActions(part(1, status, ""))); got != want {
			t.Errorf("%s: %s, want %s", status, got, want)
		}
	}
	as := RowActions(part(9, StatusInvited, ""))
	last := as[len(as)-1]
	if last.Key != "remove" || !last.Danger || last.Confirm != "Remove Jane Doe from this event? Their other events and courses stay." {
		t.Fatalf("remove: %+v", last)
	}
	if as[0].URL != "/events/7/users/9/edit" || !as[0].Get || as[1].URL != "/events/7/users/9/resend" || as[1].Get {
		t.Fatalf("urls: %+v", as)
	}
	unknown := part(1, StatusInvited, "")
	unknown.Actions = []Action{{"teleport", "Teleport"}}
	if len(RowActions(unknown)) != 0 {
		t.Fatal("an action the view does not know is not shown")
	}
}

func TestNewRow(t *testing.T) {
	t.Parallel()
	p := part(3, StatusInvited, "Invited by team member to register")
	p.Delivery = DeliveryBounced
	p.Speaker = true
	p.Person.Bio = strings.Repeat("word ", 100)
	p.Person.ImagePath = "0123456789abcdef0123456789abcdef.png"
	r := NewRow(p, RowOpts{View: ViewSpeakers, CanDetail: true, CSRFToken: "tok"})
	if r.DOMID() != "participant-3" || r.Name != "Jane Doe" || r.StatusLabel != "Invited" || r.StatusClass != statusClasses[StatusInvited] {
		t.Fatalf("row: %+v", r)
	}
	if r.Detail != "Invited by team member to register" || r.Since != "3 Mar 2026, 10:04 UTC" {
		t.Fatalf("detail %q since %q", r.Detail, r.Since)
	}
	if r.DeliveryLabel != "Bounced" || r.FixURL != "/events/7/users/3/fix-email" {
		t.Fatalf("a bounce offers the fix: %q %q", r.DeliveryLabel, r.FixURL)
	}
	if r.ImageURL != "/media/0123456789abcdef0123456789abcdef.png?size=small" || r.Initials != "JD" {
		t.Fatalf("image %q initials %q", r.ImageURL, r.Initials)
	}
	if n := len([]rune(r.Bio)); n > bioExcerpt+1 || !strings.HasSuffix(r.Bio, "…") {
		t.Fatalf("bio excerpt %d: %q", n, r.Bio)
	}
	if r.MenuURL() != "/events/7/users/3/actions" || !r.Posts() {
		t.Fatal("menu")
	}
	p.Actions = nil // read-only staff: no Edit, so no fix either
	ro := NewRow(p, RowOpts{})
	if ro.Detail != "" || ro.FixURL != "" || ro.View != ViewUsers {
		t.Fatalf("without the permissions: %+v", ro)
	}
	p.Delivery = "none"
	if r := NewRow(p, RowOpts{}); r.DeliveryLabel != "" {
		t.Fatal("no email, no delivery state")
	}
	if StatusClass("weird") == "" || len(statusClasses) != len(statuses) {
		t.Fatal("every status has its colours")
	}
	noName := part(4, StatusInvited, "")
	noName.Person.FirstName, noName.Person.LastName = "", ""
	if NewRow(noName, RowOpts{}).Name != "jane.doe@example.com" {
		t.Fatal("a person without a name shows the email")
	}
}

func TestNewResults(t *testing.T) {
	t.Parallel()
	var rows []RowInput
	for i := range 6 {
		rows = append(rows, part(int64(i+1), StatusInvited, "Invited by team member"))
	}
	counts := Counts{Total: 2000, ByStatus: map[string]int64{StatusInvited: 1234}, ByRole: map[string]int64{RoleSpeaker: 12, RoleModerator: 3},
		ByRoleStatus: map[string]map[string]int64{RoleSpeaker: {StatusInvited: 9}, RoleModerator: {StatusInvited: 2}}}
	st := State{Query: "jane", Cursor: "CUR", Sort: "name"}
	in := ResultsInput{EventID: 7, View: ViewUsers, State: st, Rows: rows, Total: 2000, From: 51, To: 100, Next: "NEXT", HasPrev: true,
		Counts: counts, Statuses: statuses, Sizes: []int{25, 50, 100, 200}, DefaultSize: 50, CanManage: true}
	r := NewResults(in)
	if r.Range != "51 – 100 of 2,000" {
		t.Fatalf("range %q", r.Range)
	}
	if r.NextURL != "/events/7/users?cursor=NEXT&q=jane&sort=name" || r.PrevURL != "/events/7/users?q=jane&sort=name" {
		t.Fatalf("pages %q %q", r.NextURL, r.PrevURL)
	}
	if r.Chips[0].Count != "2,000" || r.Chips[1].Label != "Invited" || r.Chips[1].Count != "1,234" || r.Chips[1].URL != "/events/7/users?q=jane&sort=name&status=invited" {
		t.Fatalf("chips %+v", r.Chips[:2])
	}
	if !r.Chips[0].Current || r.Chips[1].Current || len(r.Chips) != 7 {
		t.Fatal("All is the current chip")
	}
	name := r.Columns[0]
	if name.Key != "name" || name.Dir != DirAsc || name.URL != "/events/7/users?dir=desc&q=jane&sort=name" || name.AriaSort() != "ascending" {
		t.Fatalf("name column %+v", name)
	}
	if created := r.Columns[4]; created.Dir != "" || created.URL != "/events/7/users?q=jane" {
		t.Fatalf("created column %+v", created)
	}
	if !r.Rows[5].MenuUp || !r.Rows[3].MenuUp || r.Rows[2].MenuUp {
		t.Fatal("the last three menus open upwards")
	}
	if r.ExportURL != "/events/7/users/export.csv?q=jane&sort=name" || r.ReturnURL != "/events/7/users?cursor=CUR&q=jane&sort=name" {
		t.Fatalf("export %q return %q", r.ExportURL, r.ReturnURL)
	}
	if !r.Sizes[1].Selected || r.Sizes[0].Selected {
		t.Fatal("the default size is selected")
	}
	sp := NewResults(ResultsInput{EventID: 7, View: ViewSpeakers, Counts: counts, Statuses: statuses})
	if sp.Chips[0].Count != "12" || sp.Chips[1].Count != "9" || sp.Chips[2].Count != "0" || sp.Range != "No results" || !sp.Empty() {
		t.Fatalf("speakers: the chips count the speakers: %+v %q", sp.Chips[:3], sp.Range)
	}
	// A role filter on All users counts that role's people too.
	filtered := NewResults(ResultsInput{EventID: 7, View: ViewUsers, State: State{Role: RoleModerator}, Counts: counts, Statuses: statuses})
	if filtered.Chips[0].Count != "3" || filtered.Chips[1].Count != "2" {
		t.Fatalf("moderator filter: %+v", filtered.Chips[:2])
	}
	if sp.ExportURL != "/events/7/users/export.csv?role=speaker" || len(sp.Columns) != 4 {
		t.Fatalf("speakers export %q", sp.ExportURL)
	}
	tabs := Tabs(7, ViewSpeakers, counts)
	if tabs[1].Count != "12" || !tabs[1].Current || tabs[0].Count != "2,000" {
		t.Fatalf("tabs %+v", tabs)
	}
}

func TestBulkMessage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		done    int
		skipped []string
		want    string
	}{
		{12, nil, "Resent 12 emails."},
		{1, nil, "Resent 1 email."},
		{12, []string{"Attended", "Attended", "Attended"}, "Resent 12 emails; skipped 3 (Attended)."},
		{0, []string{"Attended", "Blocked", "Attended"}, "Resent 0 emails; skipped 3 (2 Attended, 1 Blocked)."},
	} {
		if got := BulkMessage("Resent", "email", "emails", tc.done, tc.skipped); got != tc.want {
			t.Errorf("%q, want %q", got, tc.want)
		}
	}
}

var langs = []LanguageOption{{Code: "en", Label: "English", Maintained: true}, {Code: "de", Label: "German · Deutsch", Maintained: true},
	{Code: "ja", Label: "Japanese", Maintained: true}, {Code: "fr-CA", Label: "French (Canada)"}, {Code: "ar", Label: "Arabic"}}

func TestLanguagesAndForms(t *testing.T) {
	t.Parallel()
	m, o := Languages(langs, "fr-CA")
	if len(m) != 3 || len(o) != 2 || o[0].Label != "French (Canada) (not maintained)" || strings.Contains(m[1].Label, "not maintained") {
		t.Fatalf("groups %+v %+v", m, o)
	}
	if !o[0].Selected || m[0].Selected || langs[3].Selected {
		t.Fatal("fr-CA selected, the input untouched")
	}
	f := NewInviteForm(7, "de", langs, ViewModerators, "tok")
	if !f.Moderator || f.Speaker || f.Language != "de" || f.Action() != "/events/7/users" || f.Heading() != "Invite a moderator" || !f.ShowProfile() {
		t.Fatalf("invite form %+v", f)
	}
	if !f.Maintained[1].Selected || f.BioCount() != "0 / 2,500" {
		t.Fatalf("language or counter %q", f.BioCount())
	}
	p := part(4, StatusInvited, "")
	p.Language = "ja"
	ef := NewEditForm(p, langs, ViewUsers, "tok")
	if !ef.Edit || ef.Action() != "/events/7/users/4" || ef.Heading() != "Edit Jane Doe" || ef.Language != "ja" || ef.Email != "jane.doe@example.com" {
		t.Fatalf("edit form %+v", ef)
	}
	ef.Language = "ar"
	if ef = ef.WithLanguages(); !ef.Others[1].Selected {
		t.Fatal("WithLanguages follows Language")
	}
}

func TestSmallHelpers(t *testing.T) {
	t.Parallel()
	if got := Excerpt("short  text\n", 20); got != "short text" {
		t.Fatalf("%q", got)
	}
	if got := Excerpt("one two three four five", 15); got != "one two three…" {
		t.Fatalf("%q", got)
	}
	if got := RangeText(1, 50, 1234, false); got != "1 – 50 of 1,234" {
		t.Fatalf("%q", got)
	}
	if got := RangeText(51, 100, 1000, true); got != "51 – 100 of 1,000+" {
		t.Fatalf("a count that stopped: %q", got)
	}
	if FormatCount(1234567) != "1,234,567" || FormatCount(0) != "0" || FormatCount(-1000) != "-1,000" {
		t.Fatal("FormatCount")
	}
	if Initials("", "zoe@x.y") != "Z" || Initials("Ada King Lovelace", "") != "AL" {
		t.Fatal("Initials")
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	if got := EventSpan(t0, t0.Add(3*time.Hour), paris); got != "3 Mar 2026, 11:04 – 14:04 CET" {
		t.Fatalf("same day %q", got)
	}
	if got := EventSpan(t0, t0.Add(50*time.Hour), paris); got != "3 Mar, 11:04 – 5 Mar 2026, 13:04 CET" {
		t.Fatalf("days %q", got)
	}
	for d, want := range map[time.Duration]string{72 * time.Hour: "3 days", 5 * time.Hour: "5 hours", 90 * time.Minute: "90 minutes",
		30 * time.Second: "less than a minute"} {
		if got := Until(d); got != want {
			t.Errorf("Until(%v) = %q, want %q", d, got, want)
		}
	}
	links := EventLinks([]EventRef{{ID: 1, Name: "A"}}, EventRef{ID: 7, Name: "B"}, ViewSpeakers)
	if len(links) != 2 || !links[0].Current || links[0].URL != "/events/7/speakers" {
		t.Fatalf("the current event is always in the switcher: %+v", links)
	}
	if InviteURL(7, ViewSpeakers) != "/events/7/users/invite?view=speakers" || InviteURL(7, ViewUsers) != "/events/7/users/invite" {
		t.Fatal("InviteURL")
	}
}
