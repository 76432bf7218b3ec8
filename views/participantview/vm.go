// Package participantview renders an event's people: the All users,
// Speakers and Moderators lists (search, status chips, sort, keyset pages,
// selection and bulk actions), each row with the actions the action matrix
// offers, and the dialogs of those actions (invite, edit, analytics, login
// link).
package participantview

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The views see no domain package: the web layer turns participations,
// events and languages into the plain inputs below (RowInput, ResultsInput,
// LanguageOption), and these pure functions build the view models.

// Statuses, sorts and actions by their wire names (the domain's values).
const (
	StatusInvited      = "invited"
	StatusRegistered   = "registered"
	StatusAttended     = "attended"
	StatusSSOLogin     = "sso_login"
	StatusUnregistered = "unregistered"
	StatusBlocked      = "blocked"

	SortCreated = "created"

	ActEdit               = "edit"
	ActResendInvitation   = "resend_invitation"
	ActResendRegistration = "resend_registration"
	ActViewAnalytics      = "analytics"
	ActRemove             = "remove"
	ActChatBlock          = "chat_block"
	ActChatUnblock        = "chat_unblock"
	ActLoginLink          = "login_link"
	ActBlock              = "block"
	ActUnblock            = "unblock"

	RoleSpeaker   = "speaker"
	RoleModerator = "moderator"

	DeliveryBounced = "bounced"
)

// View is one of the three list pages of an event.
type View string

// The list pages.
const (
	ViewUsers      View = "users"
	ViewSpeakers   View = "speakers"
	ViewModerators View = "moderators"
)

// Views lists the pages in the order of their tabs.
var Views = []View{ViewUsers, ViewSpeakers, ViewModerators}

// ParseView reads a view name ("users" for anything unknown).
func ParseView(s string) View {
	switch View(s) {
	case ViewSpeakers:
		return ViewSpeakers
	case ViewModerators:
		return ViewModerators
	}
	return ViewUsers
}

// ViewOfPath returns the view of a list page's path ("/events/7/speakers"),
// and false for any other path.
func ViewOfPath(path string) (View, int64, bool) {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if len(parts) != 3 || parts[0] != "events" {
		return "", 0, false
	}
	id, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || id <= 0 {
		return "", 0, false
	}
	switch View(parts[2]) {
	case ViewUsers, ViewSpeakers, ViewModerators:
		return View(parts[2]), id, true
	}
	return "", 0, false
}

// Title is the page's heading.
func (v View) Title() string {
	switch v {
	case ViewSpeakers:
		return "Speakers"
	case ViewModerators:
		return "Moderators"
	}
	return "All users"
}

// Role is the role the view is limited to ("" for everyone).
func (v View) Role() string {
	switch v {
	case ViewSpeakers:
		return RoleSpeaker
	case ViewModerators:
		return RoleModerator
	}
	return ""
}

// Profiles reports whether the view shows profiles (photo, title, bio).
func (v View) Profiles() bool { return v == ViewSpeakers || v == ViewModerators }

// singular names one person of the view ("speaker").
func (v View) singular() string {
	switch v {
	case ViewSpeakers:
		return "speaker"
	case ViewModerators:
		return "moderator"
	}
	return "person"
}

// ListURL is the address of an event's list page.
func ListURL(eventID int64, v View) string {
	return "/events/" + strconv.FormatInt(eventID, 10) + "/" + string(v)
}

// ParticipantURL is the base address of one participant's actions.
func ParticipantURL(eventID, id int64) string {
	return "/events/" + strconv.FormatInt(eventID, 10) + "/users/" + strconv.FormatInt(id, 10)
}

func usersBase(eventID int64) string { return "/events/" + strconv.FormatInt(eventID, 10) + "/users" }

// InviteURL opens the invitation form with the view's role chosen.
func InviteURL(eventID int64, v View) string {
	u := usersBase(eventID) + "/invite"
	if v != ViewUsers {
		u += "?view=" + string(v)
	}
	return u
}

// ---- list state ----

// Sort directions.
const (
	DirAsc  = "asc"
	DirDesc = "desc"
)

// State is the whole view state of a list page, as its URL holds it. Size
// 0 is the default page size (the web layer stores the default as 0).
type State struct {
	Query  string
	Status string
	Role   string
	Sort   string
	Dir    string
	Size   int
	Cursor string
}

// SortKey is the effective sort column ("created" by default).
func (s State) SortKey() string {
	if s.Sort == "" {
		return SortCreated
	}
	return s.Sort
}

// defaultDir is the natural direction of a column: newest first for dates,
// A to Z for the rest.
func defaultDir(col string) string {
	if col == SortCreated {
		return DirDesc
	}
	return DirAsc
}

// Desc reports whether the list is sorted descending.
func (s State) Desc() bool {
	if s.Dir == "" {
		return defaultDir(s.SortKey()) == DirDesc
	}
	return s.Dir == DirDesc
}

// Values is the canonical query of the state: defaults are left out, so that
// equal views share one address.
func (s State) Values() url.Values {
	v := url.Values{}
	if q := strings.TrimSpace(s.Query); q != "" {
		v.Set("q", q)
	}
	if s.Status != "" {
		v.Set("status", s.Status)
	}
	if s.Role != "" {
		v.Set("role", s.Role)
	}
	if s.Sort != "" && s.Sort != SortCreated {
		v.Set("sort", s.Sort)
	}
	if s.Dir != "" && s.Dir != defaultDir(s.SortKey()) {
		v.Set("dir", s.Dir)
	}
	if s.Size > 0 {
		v.Set("size", strconv.Itoa(s.Size))
	}
	if s.Cursor != "" {
		v.Set("cursor", s.Cursor)
	}
	return v
}

// URL is base with the state's canonical query.
func (s State) URL(base string) string {
	if q := s.Values().Encode(); q != "" {
		return base + "?" + q
	}
	return base
}

// first returns the state on its first page.
func (s State) first() State { s.Cursor = ""; return s }

// WithStatus filters by status (from the first page).
func (s State) WithStatus(status string) State {
	s = s.first()
	s.Status = status
	return s
}

// SortedBy sorts by col: a second click on the sorted column reverses it.
func (s State) SortedBy(col string) State {
	s = s.first()
	if s.SortKey() == col {
		if s.Desc() {
			s.Dir = DirAsc
		} else {
			s.Dir = DirDesc
		}
	} else {
		s.Dir = ""
	}
	s.Sort = col
	if s.Sort == SortCreated {
		s.Sort = ""
	}
	if s.Dir == defaultDir(s.SortKey()) {
		s.Dir = ""
	}
	return s
}

// Filtered reports whether a search or status filter narrows the list.
func (s State) Filtered() bool {
	return strings.TrimSpace(s.Query) != "" || s.Status != "" || s.Role != ""
}

// ---- view models ----

// Option is one choice of a <select>.
type Option struct {
	Value, Label string
	Selected     bool
}

// EventLink is one event of the switcher.
type EventLink struct {
	Name, Dates, URL string
	Current          bool
}

// Tab is one of the All users / Speakers / Moderators tabs.
type Tab struct {
	Label, Count, URL, TestID string
	Current                   bool
}

// Chip is one status filter, with its live count.
type Chip struct {
	Label, Count, URL, TestID, Status string
	Current                           bool
}

// Column is a table header; URL sorts by it ("" when not sortable).
type Column struct {
	Label, Key, URL, Class string
	// Dir is the column's current direction ("" when not sorted by it).
	Dir string
}

// AriaSort is the column's aria-sort value.
func (c Column) AriaSort() string {
	switch c.Dir {
	case DirAsc:
		return "ascending"
	case DirDesc:
		return "descending"
	}
	return "none"
}

// Arrow is the visible sort indicator.
func (c Column) Arrow() string {
	switch c.Dir {
	case DirAsc:
		return "↑"
	case DirDesc:
		return "↓"
	}
	return ""
}

// PageVM is a list page.
type PageVM struct {
	EventID               int64
	EventName, EventDates string
	EventLogin            string
	View                  View
	Events                []EventLink
	Tabs                  []Tab
	Query, Role           string
	Roles                 []Option
	Results               ResultsVM
	CanManage             bool
	InviteURL, ExportURL  string
	// ImportURL opens the bulk invite (CSV or Excel).
	ImportURL               string
	CSRFToken               string
	EventsURL, EventEditURL string
}

// ResultsVM is the part of a list page that searching, filtering, sorting and
// paging replace: chips, the selection bar, the table and the pages.
type ResultsVM struct {
	EventID   int64
	View      View
	State     State
	ListURL   string
	Chips     []Chip
	Columns   []Column
	Rows      []RowVM
	Range     string
	PrevURL   string
	NextURL   string
	Sizes     []Option
	ExportURL string
	// ReturnURL is the view's address, where bulk actions come back to.
	ReturnURL string
	CanManage bool
	CSRFToken string
}

// Empty reports whether the page has no rows.
func (r ResultsVM) Empty() bool { return len(r.Rows) == 0 }

// ActionVM is one row action: a link that opens a dialog (GET) or a button
// of the row's POST form.
type ActionVM struct {
	Key, Label, URL, Confirm, TestID string
	Get, Danger                      bool
}

// RowVM is one participant.
type RowVM struct {
	ID, EventID           int64
	View                  View
	Name, Email, Initials string
	ImageURL              string
	Title, Company, Bio   string
	Speaker, Moderator    bool
	Status, StatusLabel   string
	StatusClass           string
	// Detail is the detailed status and when it was reached (the popover);
	// empty when the viewer may not see it.
	Detail, Since           string
	Delivery, DeliveryLabel string
	// DeliveryIcon is the class of the delivery state's icon.
	DeliveryIcon string
	// DeliveryHint names the delivery state and its time (the icon's label
	// and hover; the stylesheet adds what each state means).
	DeliveryHint string
	// FixURL opens the in-place "fix email and resend" form when the last email bounced.
	FixURL string
	// LinkUsed says when and from what browser the person last used a
	// link (in the status popover; empty when never, or hidden).
	LinkUsed  string
	Created   string
	Actions   []ActionVM
	MenuUp    bool
	CSRFToken string
}

// DOMID is the row's element id, "participant-<id>".
func (r RowVM) DOMID() string { return "participant-" + strconv.FormatInt(r.ID, 10) }

// MenuURL loads the row's action menu (a page of its own without JavaScript).
func (r RowVM) MenuURL() string { return ParticipantURL(r.EventID, r.ID) + "/actions" }

// BioURL loads the whole bio (or, with ?short=1, the excerpt again).
func (r RowVM) BioURL() string { return ParticipantURL(r.EventID, r.ID) + "/bio" }

func (r RowVM) fixInputID() string { return "fix-" + strconv.FormatInt(r.ID, 10) }

func (r RowVM) tipID() string { return "st-" + strconv.FormatInt(r.ID, 10) }

// Posts reports whether the row has POST actions (its form is needed).
func (r RowVM) Posts() bool {
	for _, a := range r.Actions {
		if !a.Get {
			return true
		}
	}
	return false
}

// statusClasses are the badge colours of each status: short component
// classes of the stylesheet (sb-*), since every row carries one (the page's
// HTML budget).
var statusClasses = map[string]string{
	StatusInvited:      "sb-invited",
	StatusRegistered:   "sb-registered",
	StatusAttended:     "sb-attended",
	StatusSSOLogin:     "sb-sso",
	StatusUnregistered: "sb-unregistered",
	StatusBlocked:      "sb-blocked",
}

// StatusClass returns the badge colours of a status.
func StatusClass(status string) string {
	if c, ok := statusClasses[status]; ok {
		return c
	}
	return statusClasses[StatusUnregistered]
}

// chipDots are the dots of the status chips.
var chipDots = map[string]string{
	StatusInvited:      "bg-sky-500",
	StatusRegistered:   "bg-indigo-500",
	StatusAttended:     "bg-emerald-500",
	StatusSSOLogin:     "bg-violet-500",
	StatusUnregistered: "bg-slate-400",
	StatusBlocked:      "bg-red-500",
}

func chipDot(status string) string {
	if c, ok := chipDots[status]; ok {
		return c
	}
	return "bg-slate-300"
}

// deliveryIcons are the icon classes of the delivery states (literal, for the stylesheet's scan).
var deliveryIcons = map[string]string{
	"queued":        "dl dl-queued",
	"sent":          "dl dl-sent",
	"deferred":      "dl dl-deferred",
	DeliveryBounced: "dl dl-bounced",
}

// deliveryLabels are the short delivery states shown beside the status
// ("none", no email yet, shows nothing).
var deliveryLabels = map[string]string{
	"queued":        "Queued",
	"sent":          "Sent",
	"deferred":      "Deferred",
	DeliveryBounced: "Bounced",
}

// actionOrder is the order of the row menu; Remove comes last.
var actionOrder = map[string]int{
	ActEdit: 0, ActResendInvitation: 1, ActResendRegistration: 1, ActLoginLink: 2, ActViewAnalytics: 3,
	ActChatBlock: 4, ActChatUnblock: 4, ActRemove: 9,
}

// actionPaths are the URL suffixes and test ids of the actions.
var actionPaths = map[string][2]string{
	ActEdit:               {"/edit", "action-edit"},
	ActResendInvitation:   {"/resend", "action-resend"},
	ActResendRegistration: {"/resend", "action-resend"},
	ActViewAnalytics:      {"/analytics", "action-analytics"},
	ActRemove:             {"/remove", "action-remove"},
	ActChatBlock:          {"/chat-block", "action-chat-block"},
	ActChatUnblock:        {"/chat-unblock", "action-chat-unblock"},
	ActLoginLink:          {"/login-link", "action-login-link"},
}

// RemoveQuestion is the confirmation of Remove.
func RemoveQuestion(name string) string {
	return "Remove " + name + " from this event? Their other events and courses stay."
}

// Action is one action the action matrix offers on a row (and the viewer
// may do): its wire name and button text.
type Action struct{ Key, Label string }

// Person is what a row shows of the person.
type Person struct {
	Email, FirstName, LastName string
	Title, Company, Bio        string
	ImagePath, Language        string
}

// Name is "First Last", or the email without a name.
func (p Person) Name() string {
	if n := strings.TrimSpace(strings.TrimSpace(p.FirstName) + " " + strings.TrimSpace(p.LastName)); n != "" {
		return n
	}
	return p.Email
}

// RowInput is a participation as the view needs it. Actions are the action
// matrix's (participation.Actions), already limited to what the viewer may
// do; the labels are the domain's.
type RowInput struct {
	ID, EventID         int64
	Person              Person
	Speaker, Moderator  bool
	Status, StatusLabel string
	DetailLabel         string
	StatusAt, CreatedAt time.Time
	Delivery            string
	// EmailAt is when the last email was queued (nil: never).
	EmailAt  *time.Time
	Language string
	Actions  []Action
	// LinkUsedAt is when the person last used one of their links (nil:
	// never), LinkDevice the browser summary of that use.
	LinkUsedAt *time.Time
	LinkDevice string
}

// RowActions turns the offered actions into the row's menu, in menu order.
func RowActions(in RowInput) []ActionVM {
	base := ParticipantURL(in.EventID, in.ID)
	out := make([]ActionVM, 0, len(in.Actions))
	for _, a := range in.Actions {
		path, ok := actionPaths[a.Key]
		if !ok {
			continue
		}
		vm := ActionVM{Key: a.Key, Label: a.Label, URL: base + path[0], TestID: path[1],
			Get: a.Key == ActEdit || a.Key == ActViewAnalytics}
		if a.Key == ActRemove {
			vm.Danger, vm.Confirm = true, RemoveQuestion(in.Person.Name())
		}
		out = append(out, vm)
	}
	sort.SliceStable(out, func(i, j int) bool { return actionOrder[out[i].Key] < actionOrder[out[j].Key] })
	return out
}

// RowOpts says who looks at a row and where.
type RowOpts struct {
	View View
	// CanDetail shows the detailed status (PermDetailedStatus).
	CanDetail bool
	CSRFToken string
}

// Initials are the avatar letters of a name (or of the email).
func Initials(name, email string) string {
	src := strings.TrimSpace(name)
	if src == "" {
		src, _, _ = strings.Cut(email, "@")
	}
	words := strings.FieldsFunc(src, func(r rune) bool { return unicode.IsSpace(r) || r == '.' || r == '-' || r == '_' })
	if len(words) == 0 {
		return "?"
	}
	first, _ := utf8.DecodeRuneInString(words[0])
	out := []rune{unicode.ToUpper(first)}
	if len(words) > 1 {
		last, _ := utf8.DecodeRuneInString(words[len(words)-1])
		out = append(out, unicode.ToUpper(last))
	}
	return string(out)
}

// ImageURL is where a stored profile image is served ("" for none).
func ImageURL(name string) string {
	if name == "" {
		return ""
	}
	return "/media/" + url.PathEscape(name)
}

// SmallImageURL is the small (96 px) version of a stored profile image, for rows.
func SmallImageURL(name string) string {
	if name == "" {
		return ""
	}
	return ImageURL(name) + "?size=small"
}

// DateTime renders an instant in UTC the same way everywhere.
func DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2 Jan 2006, 15:04") + " UTC"
}

// Date renders an instant's UTC date.
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2 Jan 2006")
}

// NewRow builds a participant's row.
func NewRow(in RowInput, o RowOpts) RowVM {
	if o.View == "" {
		o.View = ViewUsers
	}
	p := in.Person
	r := RowVM{ID: in.ID, EventID: in.EventID, View: o.View, Name: p.Name(), Email: p.Email,
		Initials: Initials(strings.TrimSpace(p.FirstName+" "+p.LastName), p.Email), ImageURL: SmallImageURL(p.ImagePath),
		Title: p.Title, Company: p.Company, Bio: Excerpt(p.Bio, bioExcerpt), Speaker: in.Speaker, Moderator: in.Moderator,
		Status: in.Status, StatusLabel: in.StatusLabel, StatusClass: StatusClass(in.Status), Created: Date(in.CreatedAt),
		Actions: RowActions(in), CSRFToken: o.CSRFToken}
	if o.CanDetail {
		r.Detail, r.Since = in.DetailLabel, DateTime(in.StatusAt)
		if in.LinkUsedAt != nil {
			r.LinkUsed = LinkUsed(*in.LinkUsedAt, in.LinkDevice)
		}
	}
	if l, ok := deliveryLabels[in.Delivery]; ok {
		r.Delivery, r.DeliveryLabel, r.DeliveryIcon = in.Delivery, l, deliveryIcons[in.Delivery]
		r.DeliveryHint = "Last email: " + l
		if in.EmailAt != nil {
			r.DeliveryHint += ", " + DateTime(*in.EmailAt)
		}
	}
	if in.Delivery == DeliveryBounced && r.offers(ActEdit) {
		r.FixURL = ParticipantURL(in.EventID, in.ID) + "/fix-email"
	}
	return r
}

func (r RowVM) offers(key string) bool {
	for _, a := range r.Actions {
		if a.Key == key {
			return true
		}
	}
	return false
}

// bioExcerpt is how much of a bio a row shows (two lines).
const bioExcerpt = 100

// LinkUsed is the line about the last use of a link: "Link used 3 Mar
// 2026, 10:04 UTC, Firefox on Windows".
func LinkUsed(at time.Time, device string) string {
	out := "Link used " + DateTime(at)
	if device != "" {
		out += ", " + device
	}
	return out
}

// Excerpt shortens s to at most n characters, at a word boundary, with "…".
func Excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)[:n]
	cut := len(rs)
	for i := len(rs) - 1; i > n*2/3; i-- {
		if rs[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(rs[:cut]), " ,.;:") + "…"
}

// Counts are an event's counters: in total, per status, per role, and per
// status among the speakers and among the moderators (ByRoleStatus).
type Counts struct {
	Total        int64
	ByStatus     map[string]int64
	ByRole       map[string]int64
	ByRoleStatus map[string]map[string]int64
}

// StatusOption is one status of the chips (in the domain's order).
type StatusOption struct{ Value, Label string }

// ResultsInput is what a list page's results are built from.
type ResultsInput struct {
	EventID int64
	View    View
	State   State
	Rows    []RowInput
	// Total, From, To, Next, HasPrev and Prev are the page's (keyset
	// cursors are opaque strings).
	Total, From, To int64
	// TotalAtLeast: the search count stopped at Total ("1,000+").
	TotalAtLeast bool
	Next, Prev   string
	HasPrev      bool
	Counts       Counts
	Statuses     []StatusOption
	Sizes        []int
	DefaultSize  int
	CanDetail    bool
	CanManage    bool
	CSRFToken    string
}

// FormatCount writes 1234567 as "1,234,567".
func FormatCount(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// RangeText is "1 – 50 of 2,000" ("No results" for an empty page);
// "of 1,000+" when the count stopped at a lower bound (large searches).
func RangeText(from, to, total int64, atLeast bool) string {
	if to == 0 {
		return "No results"
	}
	out := FormatCount(from) + " – " + FormatCount(to) + " of " + FormatCount(total)
	if atLeast {
		out += "+"
	}
	return out
}

// columnsOf are the table's columns per view: label, sort key, class.
func columnsOf(v View) [][3]string {
	if v.Profiles() {
		return [][3]string{{"Name", "name", "min-w-[14rem]"}, {"Title / company", "", "hidden lg:table-cell"},
			{"Bio", "", "hidden xl:table-cell"}, {"Status", "status", ""}}
	}
	return [][3]string{{"Name", "name", ""}, {"Email", "email", "hidden md:table-cell"}, {"Roles", "", "hidden lg:table-cell"},
		{"Status", "status", ""}, {"Created", "created", "hidden sm:table-cell"}}
}

// NewResults builds the results of a list page.
func NewResults(in ResultsInput) ResultsVM {
	v := in.View
	if v == "" {
		v = ViewUsers
	}
	list := ListURL(in.EventID, v)
	st := in.State
	r := ResultsVM{EventID: in.EventID, View: v, State: st, ListURL: list, Range: RangeText(in.From, in.To, in.Total, in.TotalAtLeast),
		ReturnURL: st.URL(list), CanManage: in.CanManage, CSRFToken: in.CSRFToken}

	// Chips: counts come from the maintained counters, of everyone or of
	// the role the page (or its role filter) is limited to.
	role := v.Role()
	if role == "" && (st.Role == RoleSpeaker || st.Role == RoleModerator) {
		role = st.Role
	}
	all := Chip{Label: "All", URL: st.WithStatus("").URL(list), TestID: "chip-all", Current: st.Status == ""}
	byStatus := in.Counts.ByStatus
	all.Count = FormatCount(in.Counts.Total)
	if role != "" {
		byStatus = in.Counts.ByRoleStatus[role]
		all.Count = FormatCount(in.Counts.ByRole[role])
	}
	r.Chips = append(r.Chips, all)
	for _, s := range in.Statuses {
		c := Chip{Label: s.Label, Status: s.Value, URL: st.WithStatus(s.Value).URL(list), TestID: "chip-" + s.Value,
			Current: st.Status == s.Value, Count: FormatCount(byStatus[s.Value])}
		r.Chips = append(r.Chips, c)
	}

	for _, col := range columnsOf(v) {
		c := Column{Label: col[0], Key: col[1], Class: col[2]}
		if c.Key != "" {
			c.URL = st.SortedBy(c.Key).URL(list)
			if st.SortKey() == c.Key {
				c.Dir = DirAsc
				if st.Desc() {
					c.Dir = DirDesc
				}
			}
		}
		r.Columns = append(r.Columns, c)
	}

	opts := RowOpts{View: v, CanDetail: in.CanDetail, CSRFToken: in.CSRFToken}
	r.Rows = make([]RowVM, 0, len(in.Rows))
	for i, p := range in.Rows {
		row := NewRow(p, opts)
		// The menus of the last rows open upwards, inside the table.
		row.MenuUp = len(in.Rows) > 4 && i >= len(in.Rows)-3
		r.Rows = append(r.Rows, row)
	}

	if in.Next != "" {
		next := st
		next.Cursor = in.Next
		r.NextURL = next.URL(list)
	}
	if in.HasPrev {
		prev := st
		prev.Cursor = in.Prev
		r.PrevURL = prev.URL(list)
	}
	size := st.Size
	if size == 0 {
		size = in.DefaultSize
	}
	for _, n := range in.Sizes {
		r.Sizes = append(r.Sizes, Option{Value: strconv.Itoa(n), Label: strconv.Itoa(n), Selected: n == size})
	}
	r.ExportURL = ExportURL(in.EventID, v, st)
	return r
}

// ExportURL streams the view's filtered list as CSV.
func ExportURL(eventID int64, v View, st State) string {
	st.Cursor, st.Size = "", 0
	if r := v.Role(); r != "" {
		st.Role = string(r)
	}
	return st.URL(usersBase(eventID) + "/export.csv")
}

// RoleOptions are the choices of the role filter of the All users page.
func RoleOptions(selected string) []Option {
	out := []Option{{Value: "", Label: "All roles"}}
	for _, r := range [][2]string{{"speaker", "Speakers"}, {"moderator", "Moderators"}} {
		out = append(out, Option{Value: r[0], Label: r[1]})
	}
	for i := range out {
		out[i].Selected = out[i].Value == selected
	}
	return out
}

// Tabs are the All users / Speakers / Moderators tabs with their counts.
func Tabs(eventID int64, current View, c Counts) []Tab {
	counts := map[View]int64{ViewUsers: c.Total, ViewSpeakers: c.ByRole[RoleSpeaker], ViewModerators: c.ByRole[RoleModerator]}
	out := make([]Tab, 0, len(Views))
	for _, v := range Views {
		out = append(out, Tab{Label: v.Title(), Count: FormatCount(counts[v]), URL: ListURL(eventID, v),
			TestID: "tab-" + string(v), Current: v == current})
	}
	return out
}

// EventSpan renders an event's dates in its own time zone:
// "12 Jun 2026, 09:00 – 17:30 CEST" or "12 Jun, 09:00 – 14 Jun 2026, 17:30 CEST".
func EventSpan(start, end time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	s, e := start.In(loc), end.In(loc)
	if s.IsZero() || e.IsZero() {
		return ""
	}
	if s.YearDay() == e.YearDay() && s.Year() == e.Year() {
		return s.Format("2 Jan 2006, 15:04") + " – " + e.Format("15:04 MST")
	}
	if s.Year() == e.Year() {
		return s.Format("2 Jan, 15:04") + " – " + e.Format("2 Jan 2006, 15:04 MST")
	}
	return s.Format("2 Jan 2006, 15:04") + " – " + e.Format("2 Jan 2006, 15:04 MST")
}

// EventLink is one event of the switcher.
type EventRef struct {
	ID       int64
	Name     string
	StartsAt time.Time
}

// EventLinks is the event switcher: the given events (latest start first)
// with the current one always present.
func EventLinks(events []EventRef, current EventRef, v View) []EventLink {
	out := make([]EventLink, 0, len(events)+1)
	seen := false
	for _, e := range events {
		if e.ID == current.ID {
			seen = true
		}
		out = append(out, EventLink{Name: e.Name, Dates: Date(e.StartsAt), URL: ListURL(e.ID, v), Current: e.ID == current.ID})
	}
	if !seen {
		out = append([]EventLink{{Name: current.Name, Dates: Date(current.StartsAt), URL: ListURL(current.ID, v), Current: true}}, out...)
	}
	return out
}

// ---- bulk actions ----

// BulkMessage is the toast of a bulk action: "Resent 12 emails; skipped 3
// (Attended)". one and many name what was done ("email", "emails");
// skipped holds the reason of each person left alone.
func BulkMessage(verb, one, many string, done int, skipped []string) string {
	what := many
	if done == 1 {
		what = one
	}
	msg := verb + " " + strconv.Itoa(done) + " " + what
	if len(skipped) == 0 {
		return msg + "."
	}
	reasons := map[string]int{}
	var order []string
	for _, r := range skipped {
		if reasons[r] == 0 {
			order = append(order, r)
		}
		reasons[r]++
	}
	parts := make([]string, 0, len(order))
	for _, r := range order {
		if len(order) == 1 {
			parts = append(parts, r)
		} else {
			parts = append(parts, strconv.Itoa(reasons[r])+" "+r)
		}
	}
	return msg + "; skipped " + strconv.Itoa(len(skipped)) + " (" + strings.Join(parts, ", ") + ")."
}

// ---- forms ----

// LanguageOption is one language of the picker.
type LanguageOption struct {
	Code, Label string
	Maintained  bool
	Selected    bool
}

// Languages are the picker's two groups: maintained languages, then the rest
// (marked "not maintained"), in the given order, with code selected.
func Languages(all []LanguageOption, code string) (maintained, others []LanguageOption) {
	for _, o := range all {
		o.Selected = o.Code == code
		if o.Maintained {
			maintained = append(maintained, o)
		} else {
			o.Label += " (not maintained)"
			others = append(others, o)
		}
	}
	return maintained, others
}

// FormVM is the invite form and the edit form. Errors keys: email,
// first_name, last_name, language, title, company, bio, image, form.
type FormVM struct {
	EventID, ID int64
	View        View
	// Edit is true for the Edit form, false for Invite.
	Edit                                 bool
	Email, FirstName, LastName, Language string
	Title, Company, Bio                  string
	Speaker, Moderator                   bool
	ImageURL                             string
	Name                                 string
	Maintained, Others                   []LanguageOption
	// All are the languages to choose from (the web layer lists them).
	All       []LanguageOption
	Errors    map[string]string
	CSRFToken string
	// Done is the confirmation shown above a cleared invite form.
	Done string
	// BlockURL or UnblockURL (the one the action matrix offers, for
	// organisers) bar the person from the event or lift the bar; LinksURL
	// lists their login links.
	BlockURL, UnblockURL, LinksURL string
}

// BlockFormID is the id of the Edit dialog's Block (or Unblock) form, which
// the button in the dialog's footer submits.
const BlockFormID = "pv-block"

// BlockQuestion is the confirmation of Block.
func BlockQuestion(name string) string {
	return "Block " + name + " from this event? They can no longer enter, and their unused login links stop working. You can unblock them later."
}

// UnblockQuestion is the confirmation of Unblock.
func UnblockQuestion(name string) string {
	return "Unblock " + name + "? They return to the status they had and can enter again; send them a new link if they need one."
}

// BioMax is the longest bio, in characters (people.MaxBioLen).
const BioMax = 2500

// Action is where the form posts.
func (f FormVM) Action() string {
	if f.Edit {
		return ParticipantURL(f.EventID, f.ID)
	}
	return usersBase(f.EventID)
}

// Heading is the dialog's title.
func (f FormVM) Heading() string {
	if f.Edit {
		return "Edit " + f.Name
	}
	switch f.View {
	case ViewSpeakers:
		return "Invite a speaker"
	case ViewModerators:
		return "Invite a moderator"
	}
	return "Invite a person"
}

// BioCount is the counter under the bio ("120 / 2,500").
func (f FormVM) BioCount() string {
	return FormatCount(int64(utf8.RuneCountInString(f.Bio))) + " / " + FormatCount(BioMax)
}

// ShowProfile reports whether the profile fields start visible.
func (f FormVM) ShowProfile() bool { return f.Speaker || f.Moderator }

// NewInviteForm is an empty invite form for a view (its role chosen).
func NewInviteForm(eventID int64, language string, langs []LanguageOption, v View, csrf string) FormVM {
	f := FormVM{EventID: eventID, View: v, Language: language, All: langs, CSRFToken: csrf,
		Speaker: v == ViewSpeakers, Moderator: v == ViewModerators}
	return f.WithLanguages()
}

// NewEditForm is the edit form of a participant.
func NewEditForm(in RowInput, langs []LanguageOption, v View, csrf string) FormVM {
	p := in.Person
	lang := in.Language
	if lang == "" {
		lang = p.Language
	}
	base := ParticipantURL(in.EventID, in.ID)
	f := FormVM{EventID: in.EventID, ID: in.ID, View: v, Edit: true, Email: p.Email, FirstName: p.FirstName,
		LastName: p.LastName, Language: lang, Title: p.Title, Company: p.Company, Bio: p.Bio, Speaker: in.Speaker,
		Moderator: in.Moderator, ImageURL: ImageURL(p.ImagePath), Name: p.Name(), All: langs, CSRFToken: csrf,
		LinksURL: base + "/links"}
	for _, a := range in.Actions {
		switch a.Key {
		case ActBlock:
			f.BlockURL = base + "/block"
		case ActUnblock:
			f.UnblockURL = base + "/unblock"
		}
	}
	return f.WithLanguages()
}

// WithLanguages refreshes the language groups after Language changed.
func (f FormVM) WithLanguages() FormVM {
	f.Maintained, f.Others = Languages(f.All, f.Language)
	return f
}

// ---- dialogs ----

// AnalyticsVM is the View analytics dialog.
type AnalyticsVM struct {
	Name, Email, StatusLabel, StatusClass string
	Visits, PreEvent, DuringEvent         string
	FirstVisit, LastVisit                 string
	Sessions                              []SessionLine
	History                               []HistoryLine
	// Links is the person's login links.
	Links LinksVM
}

// LinksVM is a person's login links, with their Revoke buttons.
type LinksVM struct {
	Name, Email, StatusLabel, StatusClass string
	Links                                 []LinkVM
	// Live counts the links that still work; RevokeAllURL revokes them
	// ("" when the viewer may not, or none is live).
	Live         int
	RevokeAllURL string
	CSRFToken    string
}

// LinkVM is one login link.
type LinkVM struct {
	ID                        int64
	Purpose, Created, Expires string
	// LastUsed is "Never" or when and from what browser.
	LastUsed               string
	StateLabel, StateClass string
	// RevokeURL revokes the link ("" when it no longer works, or the
	// viewer may not).
	RevokeURL string
}

// LinkInput is a login link as the web layer hands it over.
type LinkInput struct {
	ID                int64
	Purpose, State    string
	CreatedAt         time.Time
	CreatedBy         string
	ExpiresAt         time.Time
	LastUsedAt        *time.Time
	LastUsedDevice    string
	UsedAt, RevokedAt *time.Time
}

// LinksInput is a person's links as the web layer hands them over.
type LinksInput struct {
	EventID, ID                      int64
	Name, Email, StatusLabel, Status string
	Links                            []LinkInput
	Live                             int
	CanManage                        bool
	CSRFToken                        string
}

var linkPurposes = map[string]string{
	"login": "Sign-in link", "invitation": "Invitation", "confirm_email": "Email confirmation",
	"classroom_invite": "Classroom invitation",
}

var linkStates = map[string][2]string{
	"active":  {"Works", "bg-emerald-50 text-emerald-700 ring-emerald-600/20"},
	"used":    {"Used", "bg-slate-100 text-slate-600 ring-slate-500/20"},
	"revoked": {"Revoked", "bg-red-50 text-red-700 ring-red-600/20"},
	"expired": {"Expired", "bg-amber-50 text-amber-700 ring-amber-600/20"},
}

// LinksURL lists a participant's login links.
func LinksURL(eventID, id int64) string { return ParticipantURL(eventID, id) + "/links" }

// NewLinks builds a person's login links panel.
func NewLinks(in LinksInput) LinksVM {
	vm := LinksVM{Name: in.Name, Email: in.Email, StatusLabel: in.StatusLabel, StatusClass: StatusClass(in.Status),
		Live: in.Live, CSRFToken: in.CSRFToken}
	base := LinksURL(in.EventID, in.ID)
	if in.CanManage && in.Live > 0 {
		vm.RevokeAllURL = base + "/revoke"
	}
	for _, l := range in.Links {
		x := LinkVM{ID: l.ID, Purpose: linkPurposes[l.Purpose], Created: DateTime(l.CreatedAt), Expires: DateTime(l.ExpiresAt),
			LastUsed: "Never used"}
		if x.Purpose == "" {
			x.Purpose = l.Purpose
		}
		if l.CreatedBy != "" {
			x.Created += " by " + l.CreatedBy
		}
		if l.LastUsedAt != nil {
			x.LastUsed = LinkUsed(*l.LastUsedAt, l.LastUsedDevice)
		}
		st := linkStates[l.State]
		x.StateLabel, x.StateClass = st[0], st[1]
		if in.CanManage && l.State == "active" {
			x.RevokeURL = base + "/" + strconv.FormatInt(l.ID, 10) + "/revoke"
		}
		vm.Links = append(vm.Links, x)
	}
	return vm
}

// RevokeAllQuestion is the confirmation of revoking a person's links.
func RevokeAllQuestion(name string, n int) string {
	if n == 1 {
		return "Revoke the working login link of " + name + "? It stops working at once."
	}
	return "Revoke the " + strconv.Itoa(n) + " working login links of " + name + "? They stop working at once."
}

// RevokeEventLinksURL revokes every working link of an event.
func RevokeEventLinksURL(eventID int64) string { return usersBase(eventID) + "/links/revoke" }

// RevokeEventVM is the confirmation of revoking an event's links.
type RevokeEventVM struct {
	EventID           int64
	EventName         string
	Live              int64
	Return, CSRFToken string
}

// Summary says how many links would stop.
func (vm RevokeEventVM) Summary() string {
	switch vm.Live {
	case 0:
		return "No login link of " + vm.EventName + " works at the moment: there is nothing to revoke."
	case 1:
		return "1 login link of " + vm.EventName + " works at the moment."
	}
	return strconv.FormatInt(vm.Live, 10) + " login links of " + vm.EventName + " work at the moment."
}

// SessionLine is one session joined.
type SessionLine struct{ Name, At string }

// HistoryLine is one recorded status change.
type HistoryLine struct {
	At, From, To, Cause, Actor string
	ToClass                    string
}

// LoginLinkVM is the Generate login link dialog.
type LoginLinkVM struct {
	Name, Email, URL string
	// QR is a data: URL of the link's QR code (PNG).
	QR      string
	Expires string
}

// Until says how long until an expiry, roughly: "3 days", "5 hours",
// "12 minutes".
func Until(d time.Duration) string {
	unit := func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + many
	}
	switch {
	case d >= 48*time.Hour:
		return unit(int((d+12*time.Hour)/(24*time.Hour)), "day", "days")
	case d >= 2*time.Hour:
		return unit(int((d+30*time.Minute)/time.Hour), "hour", "hours")
	case d > time.Minute:
		return unit(int(d/time.Minute), "minute", "minutes")
	}
	return "less than a minute"
}

// EmptyVM is the page shown when there is no event to list people of.
type EmptyVM struct {
	View      View
	CanCreate bool
}
