// Package mailtest runs a real SMTP server in-process (emersion/go-smtp) that
// keeps every message it receives, for tests of outgoing mail.
package mailtest

import (
	"errors"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Message is one received email.
type Message struct {
	From string
	To   []string
	Data string
}

// Server is a running SMTP server.
type Server struct {
	Addr     string
	User     string
	Password string
	mu       sync.Mutex
	msgs     []Message
	srv      *smtp.Server
	tries    map[string]int
	reject   func(rcpt string, try int) *smtp.SMTPError
	delay    time.Duration
	conns    int
	received int
	discard  bool
}

// Discard makes the server count messages without keeping them (long runs).
func (s *Server) Discard() {
	s.mu.Lock()
	s.discard, s.msgs = true, nil
	s.mu.Unlock()
}

// Connections is the number of SMTP connections opened so far.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns
}

// Reject makes the server answer RCPT TO with the error f returns (nil
// accepts); try counts the RCPT commands seen for that recipient, from 1.
func (s *Server) Reject(f func(rcpt string, try int) *smtp.SMTPError) {
	s.mu.Lock()
	s.reject = f
	s.mu.Unlock()
}

// Slow makes the server take d to accept each message's data.
func (s *Server) Slow(d time.Duration) {
	s.mu.Lock()
	s.delay = d
	s.mu.Unlock()
}

// Count is the number of messages received so far.
func (s *Server) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.received
}

// Start runs a server on a free loopback port that requires AUTH PLAIN with
// user/password ("" disables auth); it stops at cleanup.
func Start(t testing.TB, user, password string) *Server {
	t.Helper()
	s, err := Listen(user, password)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// Listen runs a server on a free loopback port (outside tests: Close it).
func Listen(user, password string) (*Server, error) {
	s := &Server{User: user, Password: password, tries: map[string]int{}}
	s.srv = smtp.NewServer(backend{s})
	s.srv.Domain = "localhost"
	s.srv.AllowInsecureAuth = true
	s.srv.ReadTimeout = 10 * time.Second
	s.srv.WriteTimeout = 10 * time.Second
	s.srv.MaxRecipients = 50
	s.srv.EnableSMTPUTF8 = true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s.Addr = ln.Addr().String()
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Close stops the server.
func (s *Server) Close() { _ = s.srv.Close() }

// Messages returns the messages received so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

type backend struct{ s *Server }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) {
	b.s.mu.Lock()
	b.s.conns++
	b.s.mu.Unlock()
	return &session{s: b.s}, nil
}

type session struct {
	s      *Server
	authed bool
	msg    Message
}

var errAuth = &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "authentication failed"}

func (se *session) AuthMechanisms() []string {
	if se.s.User == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (se *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != se.s.User || password != se.s.Password {
			return errAuth
		}
		se.authed = true
		return nil
	}), nil
}

func (se *session) Mail(from string, _ *smtp.MailOptions) error {
	if se.s.User != "" && !se.authed {
		return smtp.ErrAuthRequired
	}
	se.msg = Message{From: from}
	return nil
}

func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	se.s.mu.Lock()
	reject, try := se.s.reject, 0
	if reject != nil {
		se.s.tries[to]++
		try = se.s.tries[to]
	}
	se.s.mu.Unlock()
	if reject != nil {
		if err := reject(to, try); err != nil {
			return err
		}
	}
	se.msg.To = append(se.msg.To, to)
	return nil
}

func (se *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if len(se.msg.To) == 0 {
		return errors.New("no recipient")
	}
	se.msg.Data = string(b)
	se.s.mu.Lock()
	delay := se.s.delay
	se.s.mu.Unlock()
	time.Sleep(delay)
	se.s.mu.Lock()
	se.s.received++
	if !se.s.discard {
		se.s.msgs = append(se.s.msgs, se.msg)
	}
	se.s.mu.Unlock()
	return nil
}

func (se *session) Reset()        { se.msg = Message{} }
func (se *session) Logout() error { return nil }
