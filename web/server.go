// Package web is Roster's HTTP layer: echo routes, middleware, and thin
// handlers that turn a request into one service call and render a templ view.
package web

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"roster/internal/audit"
	"roster/internal/auth"
	"roster/internal/bulk"
	"roster/internal/classroom"
	"roster/internal/directory"
	"roster/internal/event"
	"roster/internal/mail"
	"roster/internal/overview"
	"roster/internal/participation"
	"roster/static"
)

// Deps is everything the web layer needs, built once in run.
type Deps struct {
	Log          *slog.Logger
	Auth         *auth.Service
	Mail         *mail.Service
	Audit        *audit.Reader
	Events       *event.Service
	Participants *participation.Service
	Imports      *bulk.Service
	Directory    *directory.Service
	Classroom    *classroom.Service
	Overview     *overview.Service
	Ready        func(ctx context.Context) error
	BaseURL      string
	// Secure is true when BaseURL is https: Secure cookies with __Host- names.
	Secure      bool
	SessionKeys [][]byte
	// MailCaptured is true when emails stay in the outbox (no SMTP).
	MailCaptured bool
	// BounceToken authenticates the inbound bounce webhook; "" turns it off.
	BounceToken string
	Version     string
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names the
	// client; without them the connection's address is the client.
	TrustedProxies []*net.IPNet
}

// Server holds the handlers' dependencies.
type Server struct {
	Deps
	cookies *sessions.CookieStore
	// linkRequests limits the sign-in links asked for by email, per client.
	linkRequests *ipLimiter
	// passwordLogins limits attendees' password sign-ins per client, before
	// any password is hashed (the service throttles failures per account).
	passwordLogins *ipLimiter
	// classroomLogins limits classroom sign-ins per client.
	classroomLogins *ipLimiter
}

// ipExtractor decides who the client is, for rate limits, sessions and the
// audit log: the connection's address, or with trusted proxies the nearest
// address in X-Forwarded-For that is not one of them (a client cannot forge
// its way past a limit with the header).
func ipExtractor(proxies []*net.IPNet) echo.IPExtractor {
	if len(proxies) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range proxies {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// NewServer builds the echo instance: the middleware order lives here alone.
func NewServer(d Deps) *echo.Echo {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	s := &Server{Deps: d, cookies: newCookieStore(d.SessionKeys, d.Secure), linkRequests: newIPLimiter(10, 15*time.Minute),
		passwordLogins: newIPLimiter(30, 15*time.Minute), classroomLogins: newIPLimiter(30, 15*time.Minute)}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	e.IPExtractor = ipExtractor(d.TrustedProxies)
	e.Server.ReadHeaderTimeout = 10 * time.Second
	e.Server.IdleTimeout = 120 * time.Second

	e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: http.StatusMovedPermanently}))
	e.Use(middleware.RequestID())
	e.Use(s.securityHeaders)
	e.Use(s.accessLog())
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{DisableErrorHandler: false, DisablePrintStack: true,
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			s.Log.ErrorContext(c.Request().Context(), "panic", "err", err, "request_id", requestID(c), "stack", string(stack))
			return err
		}}))
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: "10M", Skipper: func(c echo.Context) bool {
		// The bulk invite upload streams its file and bounds it itself; course
		// files have their own limit (courseFileLimit).
		return (c.Path() == importUploadPath || c.Path() == courseFilesPath) && c.Request().Method == http.MethodPost
	}}))
	e.Use(courseFileLimit)

	e.GET("/static/*", echo.WrapHandler(static.Handler()))
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	// Machine-to-machine: a bearer token, no session, so no CSRF token either.
	e.POST("/hooks/mail/bounce", s.bounceHook)

	app := e.Group("", s.csrf(), s.loadPrincipal, s.auditOrigin)
	s.routes(app)
	return e
}
