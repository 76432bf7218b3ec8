// Package webtest runs the real web server, with real services, on a test
// database, and gives tests HTTP clients signed in as staff of any role.
package webtest

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/riverqueue/river"

	"roster/internal/audit"
	"roster/internal/auth"
	"roster/internal/bulk"
	"roster/internal/classroom"
	"roster/internal/database"
	"roster/internal/directory"
	"roster/internal/event"
	"roster/internal/jobs"
	"roster/internal/mail"
	"roster/internal/media"
	"roster/internal/overview"
	"roster/internal/participation"
	"roster/internal/partner"
	"roster/internal/searchindex"
	"roster/web"
)

// App is a running console on a test database.
type App struct {
	DB     *database.DB
	Server *httptest.Server
	Auth   *auth.Service
	Mail   *mail.Service
	Jobs   *jobs.Client
	// Participants is the participation service the server uses.
	Participants *participation.Service
	// Imports is the bulk invite service.
	Imports *bulk.Service
	// Classroom is the classroom service the server uses.
	Classroom *classroom.Service
	PartnerID int64
	Partner   string
}

// Password is the password of every staff member made by Staff.
const Password = "correct horse battery staple"

// Option changes how New builds the app.
type Option func(*setup)

type setup struct {
	deps   web.Deps
	sender mail.Sender
}

// HTTPS makes the console believe it is served over https (Secure, __Host- cookies).
func HTTPS() Option { return func(s *setup) { s.deps.Secure = true } }

// Sender delivers the app's emails through sender instead of the outbox.
func Sender(sender mail.Sender) Option {
	return func(s *setup) { s.sender, s.deps.MailCaptured = sender, sender.Captures() }
}

// BounceToken turns the bounce webhook on with token.
func BounceToken(token string) Option { return func(s *setup) { s.deps.BounceToken = token } }

// TrustedProxies makes the server believe X-Forwarded-For from these networks.
func TrustedProxies(nets ...*net.IPNet) Option {
	return func(s *setup) { s.deps.TrustedProxies = nets }
}

// New starts the console on db with a partner named "Acme Events".
func New(t testing.TB, db *database.DB, opts ...Option) *App {
	t.Helper()
	ctx := context.Background()
	level := slog.LevelError
	if os.Getenv("ROSTER_TEST_LOG") != "" {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: level}))
	workers := river.NewWorkers()
	a := &App{DB: db, Partner: "Acme Events"}
	set := setup{sender: mail.OutboxSender{}, deps: web.Deps{MailCaptured: true}}
	for _, o := range opts {
		o(&set)
	}
	deliveryChanged := func(ctx context.Context, id int64, st mail.Status) error {
		return a.Participants.DeliveryChanged(ctx, id, st)
	}
	w := mail.Register(workers, db, set.sender, log, deliveryChanged)
	w.Backoff = func(int) time.Duration { return 100 * time.Millisecond }
	a.Imports = bulk.NewService(bulk.Deps{DB: db, Log: log})
	bulk.Register(workers, a.Imports)
	jc, err := jobs.New(db, log, jobs.Options{Workers: workers, PollInterval: 50 * time.Millisecond,
		Queues: map[string]int{mail.Queue: 4, searchindex.Queue: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if err := jc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	a.Jobs = jc
	a.Server = httptest.NewUnstartedServer(nil)
	base := "http://" + a.Server.Listener.Addr().String()
	a.Mail = mail.NewService(db, jc)
	a.Mail.OnStatus = deliveryChanged
	a.Imports.Jobs, a.Imports.Mail = jc, a.Mail
	a.Auth = auth.NewService(db, a.Mail, base, log)
	a.Auth.Compose = web.EmailComposer{}
	images := media.NewStore(db)
	a.Participants = participation.NewService(participation.Deps{DB: db, Mail: a.Mail, Compose: web.EmailComposer{},
		Media: images, BaseURL: base, Log: log})
	a.Imports.Participants = a.Participants
	deps := set.deps
	deps.Log, deps.Auth, deps.Mail, deps.Audit, deps.Overview, deps.Events = log, a.Auth, a.Mail, audit.NewReader(db),
		overview.NewService(db), event.NewService(db)
	deps.Imports, deps.Directory = a.Imports, directory.NewService(db)
	a.Classroom = classroom.NewService(classroom.Deps{DB: db, Mail: a.Mail, Compose: web.EmailComposer{}, BaseURL: base, Log: log})
	deps.Classroom = a.Classroom
	deps.Participants, deps.Ready, deps.BaseURL, deps.SessionKeys = a.Participants, db.Ping, base,
		[][]byte{[]byte(strings.Repeat("k", 32))}
	a.Server.Config.Handler = web.NewServer(deps)
	a.Server.Start()
	t.Cleanup(func() {
		a.Server.Close()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = jc.Stop(sctx)
	})
	err = db.InTx(ctx, func(tx database.Tx) error {
		p, _, err := partner.EnsureTx(ctx, tx, a.Partner)
		a.PartnerID = p.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// Staff creates an active staff member of the app's partner.
func (a *App) Staff(t testing.TB, role auth.Role) auth.Staff {
	t.Helper()
	return a.StaffIn(t, a.PartnerID, role)
}

// StaffIn creates an active staff member of partner partnerID.
func (a *App) StaffIn(t testing.TB, partnerID int64, role auth.Role) auth.Staff {
	t.Helper()
	var st auth.Staff
	email := string(role) + "-" + strings.ReplaceAll(strings.ToLower(t.Name()), "/", "-") + "-" + randSuffix() + "@example.com"
	err := a.DB.InTx(context.Background(), func(tx database.Tx) error {
		var err error
		st, err = auth.CreateStaffTx(context.Background(), tx, auth.NewStaff{PartnerID: partnerID, Email: email,
			Name: "Test " + role.Label(), Role: role, Password: Password})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// OtherPartner creates a second partner (for tenancy tests).
func (a *App) OtherPartner(t testing.TB, name string) int64 {
	t.Helper()
	var id int64
	err := a.DB.InTx(context.Background(), func(tx database.Tx) error {
		p, _, err := partner.EnsureTx(context.Background(), tx, name)
		id = p.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// Client is a browser-like HTTP client (cookie jar, no redirects followed).
type Client struct {
	t    testing.TB
	HTTP *http.Client
	Base string
}

// Anonymous returns a client with no session.
func (a *App) Anonymous(t testing.TB) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{t: t, Base: a.Server.URL, HTTP: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// LoginAs creates a staff member of role and returns a client signed in as them.
func (a *App) LoginAs(t testing.TB, role auth.Role) (*Client, auth.Staff) {
	t.Helper()
	st := a.Staff(t, role)
	return a.Login(t, st.Email, Password), st
}

// Login signs in through the login form.
func (a *App) Login(t testing.TB, email, password string) *Client {
	t.Helper()
	c := a.Anonymous(t)
	r := c.PostForm("/login", url.Values{"email": {email}, "password": {password}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("login as %s: status %d: %s", email, r.Status, r.Body)
	}
	return c
}

// Response is a read response.
type Response struct {
	Status int
	Header http.Header
	Body   string
	t      testing.TB
}

// Doc parses the body as HTML.
func (r *Response) Doc() *goquery.Document {
	d, err := goquery.NewDocumentFromReader(strings.NewReader(r.Body))
	if err != nil {
		r.t.Fatal(err)
	}
	return d
}

// Do sends a request with headers.
func (c *Client) Do(method, path string, body io.Reader, header http.Header) *Response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.Base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	res, err := c.HTTP.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return &Response{Status: res.StatusCode, Header: res.Header, Body: string(b), t: c.t}
}

// Get fetches a page.
func (c *Client) Get(path string) *Response { return c.Do(http.MethodGet, path, nil, nil) }

// HXGet fetches a fragment as htmx does.
func (c *Client) HXGet(path string) *Response {
	return c.Do(http.MethodGet, path, nil, http.Header{"Hx-Request": {"true"}})
}

// CSRF returns the client's CSRF token, fetching the login page to get one first.
func (c *Client) CSRF() string {
	c.t.Helper()
	if tok := c.cookie("_csrf"); tok != "" {
		return tok
	}
	c.Get("/login")
	return c.cookie("_csrf")
}

func (c *Client) cookie(name string) string {
	u, _ := url.Parse(c.Base)
	for _, k := range c.HTTP.Jar.Cookies(u) {
		if k.Name == name {
			return k.Value
		}
	}
	return ""
}

// PostForm submits a plain form with its _csrf field.
func (c *Client) PostForm(path string, v url.Values) *Response {
	c.t.Helper()
	if v == nil {
		v = url.Values{}
	}
	if v.Get("_csrf") == "" {
		v.Set("_csrf", c.CSRF())
	}
	return c.Do(http.MethodPost, path, strings.NewReader(v.Encode()),
		http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
}

// HXPost submits a form as htmx does: token in the X-CSRF-Token header.
func (c *Client) HXPost(path string, v url.Values) *Response {
	c.t.Helper()
	if v == nil {
		v = url.Values{}
	}
	return c.Do(http.MethodPost, path, strings.NewReader(v.Encode()), http.Header{
		"Content-Type": {"application/x-www-form-urlencoded"}, "Hx-Request": {"true"}, "X-Csrf-Token": {c.CSRF()}})
}

// PostNoCSRF submits a form without any token (for CSRF tests).
func (c *Client) PostNoCSRF(path string, v url.Values, header http.Header) *Response {
	c.t.Helper()
	h := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	for k, vs := range header {
		h[k] = vs
	}
	return c.Do(http.MethodPost, path, strings.NewReader(v.Encode()), h)
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

var counter atomic.Int64

func init() { counter.Store(time.Now().UnixNano()) }

func randSuffix() string { return strconv.FormatInt(counter.Add(1), 36) }
