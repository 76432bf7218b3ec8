package demo

import (
	"context"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"roster/internal/apperr"
	"roster/internal/audit"
	"roster/internal/auth"
	"roster/internal/database"
	"roster/internal/event"
	"roster/internal/participation"
	"roster/internal/partner"
	"roster/internal/people"
)

// DefaultPartnerName is the partner seeded when Options.PartnerName is empty.
const DefaultPartnerName = "Demo Organisation"

// The demo events. The open one is named after the year of Options.Now.
const (
	openEventPrefix = "Product Summit "
	closedEventName = "Engineering All-Hands (SSO)"
)

// Sizes of the demo data.
const (
	openParticipants  = 2000
	employees         = 320
	closedFromGroups  = 125
	closedOutsiders   = 15
	classroomUsers    = 80
	classroomAdmins   = 6
	classInstructors  = 12
	batch1Invited     = 900
	batch2Invited     = 400
	deletionRequested = 3
)

// Options says what to seed.
type Options struct {
	// PartnerName is the partner to fill (created when missing); empty means
	// DefaultPartnerName.
	PartnerName string
	// Now anchors every generated time (zero means the current time).
	Now time.Time
	// Seed makes the generated people, statuses and times reproducible.
	Seed int64
}

// StaffCredential is a generated staff account, printed once by the CLI.
type StaffCredential struct {
	Email    string
	Name     string
	Role     auth.Role
	Password string
}

// Result summarises what Seed wrote.
type Result struct {
	PartnerID      int64
	PartnerName    string
	PartnerCreated bool
	Staff          []StaffCredential

	Persons int
	Events  int
	// Participants counts participations in both events.
	Participants            int
	OpenEventID             int64
	OpenEventName           string
	OpenEventParticipants   int
	ClosedEventID           int64
	ClosedEventName         string
	ClosedEventParticipants int
	Speakers                int
	Moderators              int
	ImportBatches           int

	Groups        int
	GrantedGroups int
	GroupMembers  int

	Courses        int
	ActiveCourses  int
	ClassroomUsers int
	Enrollments    int

	DeletionRequests int
}

// staffEmail is the email of the demo staff account with role in the partner
// named partnerName: role@<partner-slug>.example (OwnerEmail agrees).
func staffEmail(role auth.Role, partnerName string) string {
	return strings.ReplaceAll(string(role), "_", "-") + "@" + slug(partnerName) + ".example"
}

// Seed fills a partner with realistic demo data — two events with their
// people, identity-provider groups, courses and classroom users, and one
// staff account per role — in one transaction. It refuses, writing
// nothing, when the partner already has the demo events.
func Seed(ctx context.Context, db *database.DB, opts Options) (Result, error) {
	if opts.PartnerName == "" {
		opts.PartnerName = DefaultPartnerName
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	opts.Now = opts.Now.UTC().Truncate(time.Second)

	// Everything random is decided before the transaction, so it stays short.
	pl := newPlanner(opts).plan()

	var res Result
	err := db.InTx(ctx, func(tx database.Tx) error {
		p, created, err := partner.EnsureTx(ctx, tx, opts.PartnerName)
		if err != nil {
			return err
		}
		if !created {
			exists, err := hasDemoEvent(ctx, tx.Gorm, p.ID, openEventPrefix, closedEventName)
			if err != nil {
				return fmt.Errorf("demo: look for demo events: %w", err)
			}
			if exists {
				return apperr.Conflict("The demo data is already there for %q.", p.Name)
			}
		}
		res, err = pl.write(ctx, tx, p)
		if err != nil {
			return err
		}
		res.PartnerCreated = created
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// The registration statuses and detailed statuses (PRODUCT.md §2), as stored.
const (
	stInvited      = "invited"
	stRegistered   = "registered"
	stAttended     = "attended"
	stSSOLogin     = "sso_login"
	stUnregistered = "unregistered"
	stBlocked      = "blocked"

	dtInvited           = "invited_by_team_member"
	dtInvitedToRegister = "invited_by_team_member_to_register"
	dtConfirmedEmail    = "confirmed_email"
	dtRegisteredNoConf  = "registered_no_confirmation_required"
	dtPreEventVisit     = "pre_event_visit"
	dtDuringEventVisit  = "during_event_visit"
)

// step is one transition of a participation's history.
type step struct {
	status, detail, cause string
	// staff is the acting staff member's role; empty when the person acted.
	staff auth.Role
	at    time.Time
}

type visitPlan struct {
	kind    string
	session int // index into the event's sessions, -1 for site visits
	at      time.Time
	ua      string
}

type partPlan struct {
	event      int // 0: open event, 1: closed SSO event
	person     int
	speaker    bool
	moderator  bool
	steps      []step
	visits     []visitPlan
	invitedBy  auth.Role
	invitedAt  *time.Time
	emailSent  *time.Time
	delivery   string
	language   string
	chatTerms  *time.Time
	chatBlock  bool
	batch      int // index into batches, -1 for none
	searchText string
}

type groupPlan struct {
	name, externalID string
	members          []int // person indexes
	granted          bool
}

type membershipPlan struct {
	person       int
	role, status string
	invitedAt    time.Time
	registeredAt *time.Time
	courses      []int
}

type batchPlan struct {
	fileName, sha, options string
	at                     time.Time
	invited, skipped       int
}

type deletionPlan struct {
	person                int
	origin, reason, state string
	at                    time.Time
}

// planned is the whole demo, with persons and staff referred to by index or
// role until their ids exist.
type planned struct {
	opts        Options
	openStart   time.Time
	openEnd     time.Time
	closedStart time.Time
	closedEnd   time.Time
	sessions    []sessionRow
	persons     []personRow
	parts       []partPlan
	batches     []batchPlan
	groups      []groupPlan
	members     []membershipPlan
	deletions   []deletionPlan
}

type planner struct {
	r    *rand.Rand
	now  time.Time
	opts Options
	pl   *planned
	// emails already used (lower-cased), for uniqueness per partner.
	used map[string]bool
}

func newPlanner(opts Options) *planner {
	return &planner{
		r:    rand.New(rand.NewPCG(uint64(opts.Seed), 0x726f73746572)),
		now:  opts.Now,
		opts: opts,
		pl:   &planned{opts: opts},
		used: map[string]bool{},
	}
}

func (g *planner) chance(p float64) bool { return g.r.Float64() < p }

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func pickWeighted[T any](r *rand.Rand, ws []weighted[T]) T {
	total := 0
	for _, w := range ws {
		total += w.W
	}
	n := r.IntN(total)
	for _, w := range ws {
		if n < w.W {
			return w.V
		}
		n -= w.W
	}
	return ws[len(ws)-1].V
}

// between returns a whole-second time in [a, b] (a when b is not after a).
func (g *planner) between(a, b time.Time) time.Time {
	if !b.After(a) {
		return a
	}
	t := a.Add(time.Duration(g.r.Int64N(int64(b.Sub(a))))).Truncate(time.Second)
	if t.Before(a) {
		return a
	}
	return t
}

// after returns a time a little after t (at least a second), never after limit.
func (g *planner) after(t, limit time.Time, typical time.Duration) time.Time {
	d := time.Second + time.Duration(g.r.ExpFloat64()*float64(typical))
	out := t.Add(d).Truncate(time.Second)
	if out.After(limit) {
		out = g.between(t.Add(time.Second), limit)
	}
	if !out.After(t) {
		out = t.Add(time.Second)
	}
	return out
}

func ptr[T any](v T) *T { return &v }

func (g *planner) plan() *planned {
	day := g.now.Truncate(24 * time.Hour)
	g.pl.openStart = day.Add(-24*time.Hour + 8*time.Hour)
	g.pl.openEnd = day.Add(24*time.Hour + 17*time.Hour)
	g.pl.closedStart = day.Add(7*24*time.Hour + 14*time.Hour)
	g.pl.closedEnd = g.pl.closedStart.Add(2 * time.Hour)
	for _, s := range sessionPlan {
		start := g.pl.openStart.Truncate(24 * time.Hour).
			Add(time.Duration(s.Day)*24*time.Hour + time.Duration(s.StartH)*time.Hour + time.Duration(s.StartM)*time.Minute)
		g.pl.sessions = append(g.pl.sessions, sessionRow{Name: s.Name, StartsAt: start,
			EndsAt: start.Add(time.Duration(s.Minutes) * time.Minute)})
	}
	g.planBatches()
	g.planOpenEvent()
	g.planEmployees()
	g.planGroups()
	g.planClosedEvent()
	g.planClassroom()
	g.planDeletions()
	return g.pl
}

// newPerson adds a person and returns its index.
func (g *planner) newPerson(n name, domain, externalID, language string, created time.Time) int {
	local := emailLocal(n.FirstASCII) + "." + emailLocal(n.LastASCII)
	email := local + "@" + domain
	for i := 2; g.used[strings.ToLower(email)]; i++ {
		email = local + strconv.Itoa(i) + "@" + domain
	}
	g.used[strings.ToLower(email)] = true
	g.pl.persons = append(g.pl.persons, personRow{
		ExternalID: externalID, Email: email, FirstName: n.First, LastName: n.Last, Language: language,
		Status: "active", LoginEnabled: true, SearchText: people.SearchText(n.First, n.Last, email),
		CreatedAt: created, UpdatedAt: created,
	})
	return len(g.pl.persons) - 1
}

func (g *planner) randomName() name {
	if g.chance(0.05) {
		return pick(g.r, unicodeNames)
	}
	f, l := pick(g.r, asciiFirst), pick(g.r, asciiLast)
	return name{First: f, Last: l, FirstASCII: f, LastASCII: l}
}

// profile gives a speaker or moderator a title, company and bio.
func (g *planner) profile(i int) {
	p := &g.pl.persons[i]
	if p.Company == "" {
		p.Company = pick(g.r, companies).Name
	}
	p.Title = pick(g.r, titles)
	full := strings.TrimSpace(p.FirstName + " " + p.LastName)
	p.Bio = fmt.Sprintf(pick(g.r, bioTemplates), full, p.Title, p.Company, pick(g.r, talkTopics), p.FirstName)
}

func (g *planner) planBatches() {
	start := g.pl.openStart
	for i, b := range []struct {
		file    string
		days    int
		invited int
		skipped int
	}{{"summit-attendees-wave1.csv", 45, batch1Invited, 12}, {"summit-partners-wave2.csv", 20, batch2Invited, 5}} {
		sha := make([]byte, 32)
		for j := range sha {
			sha[j] = byte(g.r.UintN(256))
		}
		g.pl.batches = append(g.pl.batches, batchPlan{
			fileName: b.file, sha: hex.EncodeToString(sha),
			options: fmt.Sprintf(`{"send_email":true,"default_language":"en","wave":%d}`, i+1),
			at:      start.Add(-time.Duration(b.days)*24*time.Hour + 10*time.Hour), invited: b.invited, skipped: b.skipped,
		})
	}
}

// planOpenEvent plans the open magic-link event: a registration form and
// email confirmation, running now (started yesterday, ends tomorrow).
func (g *planner) planOpenEvent() {
	S, now := g.pl.openStart, g.now
	batchLeft := []int{g.pl.batches[0].invited, g.pl.batches[1].invited}
	for i := 0; i < openParticipants; i++ {
		n := g.randomName()
		lang := pickWeighted(g.r, languages)
		var domain, company string
		if g.chance(0.7) {
			c := pick(g.r, companies)
			domain, company = c.Domain, c.Name
		} else {
			domain = pick(g.r, freemail)
		}
		speaker, moderator := g.chance(0.075), g.chance(0.04)

		var status string
		switch x := g.r.Float64(); {
		case speaker || moderator:
			status = []string{stInvited, stRegistered, stRegistered, stAttended, stAttended, stAttended}[g.r.IntN(6)]
		case x < 0.38:
			status = stInvited
		case x < 0.68:
			status = stRegistered
		case x < 0.92:
			status = stAttended
		case x < 0.97:
			status = stUnregistered
		default:
			status = stBlocked
		}

		// Who invited them, and when: a CSV batch or one by one.
		pp := partPlan{event: 0, speaker: speaker, moderator: moderator, language: lang, batch: -1}
		var invitedAt time.Time
		cause := "invite"
		pp.invitedBy = auth.RoleOrganizer
		if g.chance(0.25) {
			pp.invitedBy = pick(g.r, []auth.Role{auth.RoleAdmin, auth.RoleOwner})
		}
		switch {
		case !speaker && !moderator && batchLeft[0] > 0 && g.chance(0.5):
			pp.batch, cause = 0, "import"
		case !speaker && !moderator && batchLeft[1] > 0 && g.chance(0.35):
			pp.batch, cause = 1, "import"
		}
		if pp.batch >= 0 {
			batchLeft[pp.batch]--
			b := g.pl.batches[pp.batch]
			invitedAt = b.at.Add(time.Duration(b.invited-batchLeft[pp.batch]) * 150 * time.Millisecond).Truncate(time.Second)
			pp.invitedBy = auth.RoleOrganizer
		} else {
			invitedAt = g.between(S.Add(-60*24*time.Hour), S.Add(-2*time.Hour))
		}
		// A few organisers are still inviting while the event runs.
		recent := status == stInvited && pp.batch < 0 && g.chance(0.03)
		if recent {
			invitedAt = g.between(now.Add(-50*time.Minute), now.Add(-time.Minute))
		}
		pp.invitedAt = ptr(invitedAt)
		pp.steps = []step{{stInvited, dtInvitedToRegister, cause, pp.invitedBy, invitedAt}}

		// The invitation email (or none: "Invite without email").
		switch {
		case recent:
			pp.delivery = "queued"
		case status == stInvited && pp.batch < 0 && g.chance(0.12):
			pp.delivery = "none"
		default:
			pp.emailSent = ptr(invitedAt.Add(time.Duration(20+g.r.IntN(100)) * time.Second))
			switch x := g.r.Float64(); {
			case status == stInvited && x < 0.04:
				pp.delivery = "bounced"
			case status == stInvited && x < 0.06:
				pp.delivery = "deferred"
			default:
				pp.delivery = "sent"
			}
		}

		last := invitedAt
		beforeStart := S.Add(-time.Hour)
		register := func() {
			at := g.after(last, beforeStart, 4*24*time.Hour)
			pp.steps = append(pp.steps, step{stRegistered, dtConfirmedEmail, "confirm_email", "", at})
			// The confirmation email went out just before they confirmed.
			pp.emailSent, pp.delivery = ptr(at.Add(-time.Duration(1+g.r.IntN(30))*time.Minute)), "sent"
			if pp.emailSent.Before(last) {
				pp.emailSent = ptr(last)
			}
			last = at
		}
		attend := func() {
			ua := pick(g.r, userAgents)
			during := g.chance(0.65)
			if !during || g.chance(0.4) {
				for k, n := 0, 1+g.r.IntN(3); k < n; k++ {
					at := g.after(last, S.Add(-time.Minute), 2*24*time.Hour)
					if k == 0 {
						pp.steps = append(pp.steps, step{stAttended, dtPreEventVisit, "visit", "", at})
					}
					pp.visits = append(pp.visits, visitPlan{"pre_event", -1, at, ua})
					last = at
				}
			}
			if during {
				first := g.between(S, now.Add(-10*time.Minute))
				if first.Before(last) {
					first = last.Add(time.Second)
				}
				pp.steps = append(pp.steps, step{stAttended, dtDuringEventVisit, "visit", "", first})
				pp.visits = append(pp.visits, visitPlan{"during_event", -1, first, ua})
				last = first
				for k, n := 0, g.r.IntN(4); k < n; k++ {
					at := g.after(last, now.Add(-time.Minute), 3*time.Hour)
					pp.visits = append(pp.visits, visitPlan{"during_event", -1, at, ua})
					last = at
				}
				for si, s := range g.pl.sessions {
					from := s.StartsAt
					if first.After(from) {
						from = first
					}
					to := s.EndsAt
					if now.Before(to) {
						to = now
					}
					if to.After(from) && g.chance(0.55) {
						at := g.between(from, to)
						pp.visits = append(pp.visits, visitPlan{"session_join", si, at, ua})
						if at.After(last) {
							last = at
						}
					}
				}
			}
			slices.SortStableFunc(pp.visits, func(a, b visitPlan) int { return a.at.Compare(b.at) })
			if g.chance(0.6) {
				at := g.after(pp.visits[0].at, now.Add(-time.Second), 20*time.Minute)
				pp.chatTerms = ptr(at)
				pp.chatBlock = g.chance(0.05)
			}
		}

		switch status {
		case stRegistered:
			register()
		case stAttended:
			register()
			attend()
		case stUnregistered:
			if g.chance(0.7) {
				register()
			}
			at := g.after(last, beforeStart, 5*24*time.Hour)
			pp.steps = append(pp.steps, step{stUnregistered, stUnregistered, "unregister", "", at})
		case stBlocked:
			register()
			if g.chance(0.4) {
				attend()
			}
			at := g.after(last, now.Add(-time.Minute), 12*time.Hour)
			pp.steps = append(pp.steps, step{stBlocked, stBlocked, "block", pick(g.r, []auth.Role{auth.RoleOrganizer, auth.RoleAdmin}), at})
		}

		// The person exists from their first invitation.
		pi := g.newPerson(n, domain, fmt.Sprintf("CRM-%06d", 100000+i), lang, invitedAt)
		if company != "" {
			g.pl.persons[pi].Company = company
		}
		if speaker || moderator {
			g.profile(pi)
		}
		if status == stBlocked && g.chance(0.3) {
			g.pl.persons[pi].Status = "blocked"
		}
		pp.person = pi
		pp.searchText = g.pl.persons[pi].SearchText
		g.pl.parts = append(g.pl.parts, pp)
	}
	for i := range g.pl.batches {
		g.pl.batches[i].invited -= batchLeft[i]
	}
}

// planEmployees adds the partner's own people, synced from the identity provider.
func (g *planner) planEmployees() {
	slug := slug(g.opts.PartnerName)
	for i := 0; i < employees; i++ {
		created := g.between(g.now.Add(-90*24*time.Hour), g.now.Add(-30*24*time.Hour))
		pi := g.newPerson(g.randomName(), slug+".example", fmt.Sprintf("EMP-%05d", 10000+i), pickWeighted(g.r, languages), created)
		g.pl.persons[pi].Company = g.opts.PartnerName
	}
}

func (g *planner) planGroups() {
	first := openParticipants // employees follow the open event's persons
	sizes := map[string]int{"Engineering": 90, "Product": 45, "Design": 25, "Leadership": 14}
	for _, n := range groupNames {
		id := make([]byte, 16)
		for j := range id {
			id[j] = byte(g.r.UintN(256))
		}
		ext := hex.EncodeToString(id)
		ext = ext[:8] + "-" + ext[8:12] + "-" + ext[12:16] + "-" + ext[16:20] + "-" + ext[20:]
		size := sizes[n]
		if size == 0 {
			size = 15 + g.r.IntN(25)
		}
		seen := map[int]bool{}
		var members []int
		for len(members) < size {
			pi := first + g.r.IntN(employees)
			if !seen[pi] {
				seen[pi] = true
				members = append(members, pi)
			}
		}
		slices.Sort(members)
		g.pl.groups = append(g.pl.groups, groupPlan{name: n, externalID: ext, members: members, granted: grantedGroups[n]})
	}
}

// planClosedEvent plans the closed SSO event next week: members of the
// granted groups, and a few people invited from outside them.
func (g *planner) planClosedEvent() {
	inGranted, inAny := map[int]bool{}, map[int]bool{}
	var granted []int
	for _, gr := range g.pl.groups {
		for _, m := range gr.members {
			inAny[m] = true
			if gr.granted && !inGranted[m] {
				inGranted[m] = true
				granted = append(granted, m)
			}
		}
	}
	slices.Sort(granted)
	g.r.Shuffle(len(granted), func(i, j int) { granted[i], granted[j] = granted[j], granted[i] })
	var outside []int
	for pi := openParticipants; pi < openParticipants+employees; pi++ {
		if !inGranted[pi] {
			outside = append(outside, pi)
		}
	}
	g.r.Shuffle(len(outside), func(i, j int) { outside[i], outside[j] = outside[j], outside[i] })

	created := g.now.Add(-30 * 24 * time.Hour)
	add := func(pi int, status string) {
		p := g.pl.persons[pi]
		pp := partPlan{event: 1, person: pi, language: p.Language, batch: -1, delivery: "none", searchText: p.SearchText}
		start := created
		if p.CreatedAt.After(start) {
			start = p.CreatedAt
		}
		last := g.between(start, g.now.Add(-2*time.Hour))
		invite := func() {
			pp.invitedBy = auth.RoleOrganizer
			pp.invitedAt = ptr(last)
			pp.steps = append(pp.steps, step{stInvited, dtInvited, "invite", auth.RoleOrganizer, last})
			pp.emailSent, pp.delivery = ptr(last.Add(time.Minute)), "sent"
			if g.chance(0.03) {
				pp.delivery = "bounced"
			}
		}
		ssoLogin := func() {
			if len(pp.steps) > 0 {
				last = g.after(last, g.now.Add(-time.Minute), 2*24*time.Hour)
			}
			pp.steps = append(pp.steps, step{stSSOLogin, stSSOLogin, "sso_login", "", last})
		}
		switch status {
		case stInvited:
			invite()
		case stRegistered:
			invite()
			last = g.after(last, g.now.Add(-time.Minute), 2*24*time.Hour)
			pp.steps = append(pp.steps, step{stRegistered, dtRegisteredNoConf, "register", "", last})
		case stSSOLogin:
			if !inGranted[pi] {
				invite()
			}
			ssoLogin()
		case stAttended:
			ssoLogin()
			ua := pick(g.r, userAgents)
			for k, n := 0, 1+g.r.IntN(2); k < n; k++ {
				last = g.after(last, g.now.Add(-time.Minute), 24*time.Hour)
				if k == 0 {
					pp.steps = append(pp.steps, step{stAttended, dtPreEventVisit, "visit", "", last})
				}
				pp.visits = append(pp.visits, visitPlan{"pre_event", -1, last, ua})
			}
		case stUnregistered:
			invite()
			last = g.after(last, g.now.Add(-time.Minute), 3*24*time.Hour)
			pp.steps = append(pp.steps, step{stUnregistered, stUnregistered, "unregister", "", last})
		case stBlocked:
			ssoLogin()
			last = g.after(last, g.now.Add(-time.Minute), 24*time.Hour)
			pp.steps = append(pp.steps, step{stBlocked, stBlocked, "block", auth.RoleOrganizer, last})
		}
		g.pl.parts = append(g.pl.parts, pp)
	}
	for _, pi := range granted[:min(closedFromGroups, len(granted))] {
		var status string
		switch x := g.r.Float64(); {
		case x < 0.50:
			status = stSSOLogin
		case x < 0.65:
			status = stAttended
		case x < 0.77:
			status = stInvited
		case x < 0.90:
			status = stRegistered
		case x < 0.95:
			status = stUnregistered
		default:
			status = stBlocked
		}
		add(pi, status)
	}
	for _, pi := range outside[:min(closedOutsiders, len(outside))] {
		status := []string{stInvited, stInvited, stRegistered, stRegistered, stSSOLogin}[g.r.IntN(5)]
		add(pi, status)
	}
}

// planClassroom plans classroom users drawn from all persons (persons are
// shared across events and courses) and their enrollments.
func (g *planner) planClassroom() {
	all := make([]int, len(g.pl.persons))
	for i := range all {
		all[i] = i
	}
	g.r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	chosen := all[:classroomUsers]
	active := []int{}
	for ci, c := range courses {
		if c.Plan == "current" {
			active = append(active, ci)
		}
	}
	for k, pi := range chosen {
		m := membershipPlan{person: pi, role: "student"}
		switch {
		case k < classroomAdmins:
			m.role = "admin"
		case k < classroomAdmins+classInstructors:
			m.role = "instructor"
		}
		start := g.now.Add(-60 * 24 * time.Hour)
		if c := g.pl.persons[pi].CreatedAt; c.After(start) {
			start = c
		}
		m.invitedAt = g.between(start, g.now.Add(-time.Hour))
		m.status = "pending"
		if g.chance(0.75) {
			m.status = "registered"
			m.registeredAt = ptr(g.after(m.invitedAt, g.now.Add(-time.Minute), 2*24*time.Hour))
		}
		switch m.role {
		case "instructor":
			// Two instructors per course, every course covered.
			i := k - classroomAdmins
			m.courses = []int{i % len(courses)}
		case "student":
			n := 1 + g.r.IntN(3)
			picked := map[int]bool{}
			for len(m.courses) < n {
				ci := active[g.r.IntN(len(active))]
				if g.chance(0.15) {
					ci = g.r.IntN(len(courses))
				}
				if !picked[ci] {
					picked[ci] = true
					m.courses = append(m.courses, ci)
				}
			}
			slices.Sort(m.courses)
		}
		g.pl.members = append(g.pl.members, m)
	}
}

// planDeletions plans a small queue of full-deletion requests.
func (g *planner) planDeletions() {
	reasons := []struct{ origin, reason, state string }{
		{"Product Summit CSV import", "Asked by email to be erased from all our systems (GDPR Art. 17).", "pending"},
		{"Invited by an organiser", "Left the company; their manager asked us to remove the account.", "pending"},
		{"Kaltura API (user.add)", "Test account created by mistake.", "rejected"},
	}
	seen := map[int]bool{}
	for i, r := range reasons[:deletionRequested] {
		pi := g.r.IntN(openParticipants)
		for seen[pi] {
			pi = g.r.IntN(openParticipants)
		}
		seen[pi] = true
		g.pl.deletions = append(g.pl.deletions, deletionPlan{person: pi, origin: r.origin, reason: r.reason, state: r.state,
			at: g.now.Add(-time.Duration(3-i) * 26 * time.Hour)})
	}
}

// write inserts the planned demo into partner p inside tx.
func (pl *planned) write(ctx context.Context, tx database.Tx, p partner.Partner) (Result, error) {
	now := pl.opts.Now
	res := Result{PartnerID: p.ID, PartnerName: p.Name}
	g := tx.Gorm
	wrap := func(what string, err error) error { return fmt.Errorf("demo: %s: %w", what, err) }

	// Staff: one account per role, with a generated password.
	staffID := map[auth.Role]int64{}
	names := map[auth.Role]string{
		auth.RoleOwner: "Alex Morgan", auth.RoleAdmin: "Sam Rivera", auth.RoleOrganizer: "Jordan Lee",
		auth.RoleClassroomAdmin: "Taylor Kim", auth.RoleSupport: "Casey Novak",
	}
	for _, role := range auth.Roles {
		email := staffEmail(role, p.Name)
		pw := auth.GeneratePassword()
		st, err := auth.CreateStaffTx(ctx, tx, auth.NewStaff{PartnerID: p.ID, Email: email, Name: names[role], Role: role, Password: pw})
		if err != nil {
			return res, err
		}
		staffID[role] = st.ID
		res.Staff = append(res.Staff, StaffCredential{Email: st.Email, Name: st.Name, Role: role, Password: pw})
	}
	staffPtr := func(r auth.Role) *int64 {
		if r == "" {
			return nil
		}
		id := staffID[r]
		return &id
	}

	// Persons.
	for i := range pl.persons {
		pl.persons[i].PartnerID = p.ID
	}
	if err := insertAll(ctx, g, pl.persons); err != nil {
		return res, wrap("persons", err)
	}
	res.Persons = len(pl.persons)

	// Events and sessions.
	openName := fmt.Sprintf("%s%d", openEventPrefix, pl.openStart.Year())
	events := []eventRow{
		{PartnerID: p.ID, Name: openName, TimeZone: "Europe/Berlin", StartsAt: pl.openStart, EndsAt: pl.openEnd,
			LoginMethod: "magic_link", RegistrationFormRequired: true, EmailConfirmationRequired: true,
			DefaultLanguage: "en", OutsideGroupsAllowed: true,
			CreatedAt: pl.openStart.Add(-75 * 24 * time.Hour), UpdatedAt: pl.openStart.Add(-62 * 24 * time.Hour)},
		{PartnerID: p.ID, Name: closedEventName, TimeZone: "America/New_York", StartsAt: pl.closedStart, EndsAt: pl.closedEnd,
			LoginMethod: "sso", Closed: true, DefaultLanguage: "en", OutsideGroupsAllowed: true,
			CreatedAt: now.Add(-31 * 24 * time.Hour), UpdatedAt: now.Add(-31 * 24 * time.Hour)},
	}
	if err := insertAll(ctx, g, events); err != nil {
		return res, wrap("events", err)
	}
	res.Events = len(events)
	res.OpenEventID, res.OpenEventName = events[0].ID, events[0].Name
	res.ClosedEventID, res.ClosedEventName = events[1].ID, events[1].Name
	for i := range pl.sessions {
		pl.sessions[i].PartnerID, pl.sessions[i].EventID = p.ID, events[0].ID
		pl.sessions[i].CreatedAt, pl.sessions[i].UpdatedAt = events[0].CreatedAt, events[0].CreatedAt
	}
	if err := insertAll(ctx, g, pl.sessions); err != nil {
		return res, wrap("sessions", err)
	}

	// The CSV import batches of the open event.
	batches := make([]bulkJobRow, len(pl.batches))
	for i, b := range pl.batches {
		started := b.at.Add(20 * time.Second)
		finished := started.Add(time.Duration(b.invited+b.skipped) * 150 * time.Millisecond).Add(time.Second).Truncate(time.Second)
		batches[i] = bulkJobRow{PartnerID: p.ID, EventID: &events[0].ID, Kind: "invite", Status: "done",
			CreatedByStaffID: staffPtr(auth.RoleOrganizer), FileName: b.fileName, FileSHA256: b.sha, OptionsJSON: b.options,
			Total: b.invited + b.skipped, Processed: b.invited + b.skipped, Invited: b.invited, Skipped: b.skipped,
			CreatedAt: b.at, StartedAt: &started, FinishedAt: &finished,
			ReportJSON: fmt.Sprintf(`{"rows":%d,"will_invite":%d,"already_in":%d,"format":"csv","delimiter":"comma","checked_by":"Organizer"}`,
				b.invited+b.skipped, b.invited, b.skipped)}
	}
	if err := insertAll(ctx, g, batches); err != nil {
		return res, wrap("bulk jobs", err)
	}
	res.ImportBatches = len(batches)

	// Participations: each plan's past is replayed through the registration
	// state machine (participation.SeedTx), which alone writes statuses,
	// history and counters.
	seeds := [2][]participation.Seed{}
	for _, pp := range pl.parts {
		personID := pl.persons[pp.person].ID
		sd := participation.Seed{PersonID: personID, IsSpeaker: pp.speaker, IsModerator: pp.moderator, Language: pp.language,
			InvitedByStaffID: staffPtr(pp.invitedBy), InvitedAt: pp.invitedAt, EmailSentAt: pp.emailSent,
			Delivery: participation.Delivery(pp.delivery)}
		if pp.batch >= 0 {
			sd.ImportBatchID = &batches[pp.batch].ID
		}
		person := participation.Actor{Kind: participation.ActorPerson, ID: strconv.FormatInt(personID, 10)}
		var blockedAt *time.Time
		for _, st := range pp.steps {
			actor := person
			if st.staff != "" {
				actor = participation.Actor{Kind: participation.ActorStaff, ID: strconv.FormatInt(staffID[st.staff], 10)}
			}
			add := func(t participation.Trigger) {
				sd.Steps = append(sd.Steps, participation.SeedStep{Trigger: t, At: st.at, Actor: actor})
			}
			switch st.cause {
			case "invite":
				add(participation.TrInvite)
			case "import":
				add(participation.TrImport)
			case "confirm_email":
				add(participation.TrRegister) // the registration form, then the confirmation link
				add(participation.TrConfirmEmail)
			case "register":
				add(participation.TrRegister)
			case "visit":
				if st.detail == dtPreEventVisit {
					add(participation.TrVisitBefore)
				} else {
					add(participation.TrVisitDuring)
				}
			case "sso_login":
				add(participation.TrSSOLogin)
			case "unregister":
				add(participation.TrUnregister)
			case "block":
				add(participation.TrBlock)
				blockedAt = ptr(st.at)
			default:
				return res, fmt.Errorf("demo: unknown cause %q", st.cause)
			}
		}
		// Chat terms are accepted in the event; a block ends that.
		if pp.chatTerms != nil && (blockedAt == nil || pp.chatTerms.Before(*blockedAt)) {
			sd.Steps = append(sd.Steps, participation.SeedStep{Trigger: participation.TrAcceptChatTerms, At: *pp.chatTerms, Actor: person})
			if pp.chatBlock {
				moderator := participation.Actor{Kind: participation.ActorStaff, ID: strconv.FormatInt(staffID[auth.RoleOrganizer], 10)}
				at := pp.chatTerms.Add(17 * time.Minute)
				if blockedAt == nil || at.Before(*blockedAt) {
					sd.Steps = append(sd.Steps, participation.SeedStep{Trigger: participation.TrChatBlock, At: at, Actor: moderator})
				}
			}
		}
		for _, v := range pp.visits {
			sv := participation.SeedVisit{Kind: v.kind, At: v.at, UserAgent: v.ua}
			if v.session >= 0 {
				sv.SessionID = &pl.sessions[v.session].ID
			}
			sd.Visits = append(sd.Visits, sv)
		}
		seeds[pp.event] = append(seeds[pp.event], sd)
		if pp.speaker {
			res.Speakers++
		}
		if pp.moderator {
			res.Moderators++
		}
	}
	for i, ev := range events {
		e := event.Event{ID: ev.ID, PartnerID: p.ID, Name: ev.Name, LoginMethod: event.LoginMethod(ev.LoginMethod),
			RegistrationFormRequired: ev.RegistrationFormRequired, EmailConfirmationRequired: ev.EmailConfirmationRequired,
			StartsAt: ev.StartsAt, EndsAt: ev.EndsAt, TimeZone: ev.TimeZone}
		if _, err := participation.SeedTx(ctx, tx, p.ID, e, seeds[i]); err != nil {
			return res, wrap("participations", err)
		}
	}
	res.OpenEventParticipants, res.ClosedEventParticipants = len(seeds[0]), len(seeds[1])
	res.Participants = len(pl.parts)

	// Identity-provider groups, their members, and the closed event's grants.
	groupsCreated := now.Add(-120 * 24 * time.Hour)
	groups := make([]groupRow, len(pl.groups))
	for i, gr := range pl.groups {
		groups[i] = groupRow{PartnerID: p.ID, ExternalID: gr.externalID, DisplayName: gr.name,
			CreatedAt: groupsCreated, UpdatedAt: groupsCreated}
	}
	if err := insertAll(ctx, g, groups); err != nil {
		return res, wrap("groups", err)
	}
	var members []memberRow
	var grants []grantRow
	for i, gr := range pl.groups {
		for _, pi := range gr.members {
			members = append(members, memberRow{PartnerID: p.ID, GroupID: groups[i].ID, PersonID: pl.persons[pi].ID,
				CreatedAt: pl.persons[pi].CreatedAt.Add(time.Minute)})
		}
		if gr.granted {
			grants = append(grants, grantRow{PartnerID: p.ID, EventID: events[1].ID, GroupID: groups[i].ID,
				GrantedByStaffID: staffPtr(auth.RoleOrganizer), CreatedAt: events[1].CreatedAt.Add(time.Hour)})
		}
	}
	if err := insertAll(ctx, g, members); err != nil {
		return res, wrap("group members", err)
	}
	if err := insertAll(ctx, g, grants); err != nil {
		return res, wrap("group access", err)
	}
	res.Groups, res.GrantedGroups, res.GroupMembers = len(groups), len(grants), len(members)

	// Courses, plans, classroom users and enrollments.
	coursesCreated := now.Add(-150 * 24 * time.Hour)
	crs := make([]courseRow, len(courses))
	for i, c := range courses {
		crs[i] = courseRow{PartnerID: p.ID, Name: c.Name, Description: c.Description, SearchText: people.Fold(c.Name), CreatedAt: coursesCreated, UpdatedAt: coursesCreated}
	}
	if err := insertAll(ctx, g, crs); err != nil {
		return res, wrap("courses", err)
	}
	var plans []planRow
	for i, c := range courses {
		switch c.Plan {
		case "current":
			plans = append(plans, planRow{PartnerID: p.ID, CourseID: crs[i].ID, StartsAt: now.Add(-30 * 24 * time.Hour),
				EndsAt: now.Add(time.Duration(60+15*i) * 24 * time.Hour), CreatedAt: coursesCreated})
			res.ActiveCourses++
		case "past":
			plans = append(plans, planRow{PartnerID: p.ID, CourseID: crs[i].ID, StartsAt: now.Add(-140 * 24 * time.Hour),
				EndsAt: now.Add(-20 * 24 * time.Hour), CreatedAt: coursesCreated})
		}
	}
	if err := insertAll(ctx, g, plans); err != nil {
		return res, wrap("course plans", err)
	}
	res.Courses = len(crs)
	memberships := make([]membershipRow, len(pl.members))
	var enrollments []enrollmentRow
	for i, m := range pl.members {
		updated := m.invitedAt
		if m.registeredAt != nil {
			updated = *m.registeredAt
		}
		memberships[i] = membershipRow{PartnerID: p.ID, PersonID: pl.persons[m.person].ID, Role: m.role, Status: m.status,
			InvitedByStaffID: staffPtr(auth.RoleClassroomAdmin), InvitedAt: ptr(m.invitedAt), RegisteredAt: m.registeredAt,
			CreatedAt: m.invitedAt, UpdatedAt: updated}
		for _, ci := range m.courses {
			enrollments = append(enrollments, enrollmentRow{PartnerID: p.ID, CourseID: crs[ci].ID,
				PersonID: pl.persons[m.person].ID, CreatedAt: m.invitedAt})
		}
	}
	if err := insertAll(ctx, g, memberships); err != nil {
		return res, wrap("classroom users", err)
	}
	if err := insertAll(ctx, g, enrollments); err != nil {
		return res, wrap("enrollments", err)
	}
	res.ClassroomUsers, res.Enrollments = len(memberships), len(enrollments)

	// A small queue of deletion requests.
	var dels []deletionRequestRow
	for _, d := range pl.deletions {
		pr := pl.persons[d.person]
		row := deletionRequestRow{PartnerID: p.ID, PersonID: &pl.persons[d.person].ID,
			FullName: strings.TrimSpace(pr.FirstName + " " + pr.LastName), Email: pr.Email, Origin: d.origin, Reason: d.reason,
			RequestedByStaffID: staffPtr(auth.RoleOrganizer), Status: d.state, CreatedAt: d.at}
		if d.state != "pending" {
			row.DecidedByStaffID, row.DecidedAt = staffPtr(auth.RoleSupport), ptr(d.at.Add(3*time.Hour))
		}
		dels = append(dels, row)
	}
	if err := insertAll(ctx, g, dels); err != nil {
		return res, wrap("deletion requests", err)
	}
	res.DeletionRequests = len(dels)

	pid := p.ID
	err := audit.RecordTx(ctx, tx, audit.Entry{PartnerID: &pid, ActorKind: audit.ActorSystem, ActorLabel: "demo data",
		Action: "demo.seed", TargetKind: "partner", TargetID: strconv.FormatInt(p.ID, 10), CreatedAt: now,
		After: map[string]any{"persons": res.Persons, "events": res.Events, "participants": res.Participants,
			"courses": res.Courses, "classroom_users": res.ClassroomUsers, "seed": pl.opts.Seed}})
	if err != nil {
		return res, err
	}
	return res, nil
}
