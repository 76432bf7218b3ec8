package mail

import (
	"context"
	"errors"
	"fmt"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
)

// Sender delivers one email. It calls begin right before it hands the email
// to the server (on a live connection), and nothing is transmitted when begin
// fails: the worker records there that a transaction has begun (see SendWorker).
type Sender interface {
	Send(ctx context.Context, e Email, begin func(context.Context) error) error
	// Captures reports whether emails stay in the outbox instead of leaving.
	Captures() bool
}

// DeliveryError is a refused or failed delivery. Permanent ones (an SMTP 5xx
// reply) are never retried; the others are.
type DeliveryError struct {
	Permanent bool
	Code      int // the SMTP reply code, 0 when the server gave none
	Err       error
}

func (e *DeliveryError) Error() string { return e.Err.Error() }
func (e *DeliveryError) Unwrap() error { return e.Err }

// IsPermanent reports whether err is a permanent refusal.
func IsPermanent(err error) bool {
	var de *DeliveryError
	return errors.As(err, &de) && de.Permanent
}

// OutboxSender keeps emails in the outbox (no SMTP configured).
type OutboxSender struct{}

// Send implements Sender: the email row already is the outbox entry.
func (OutboxSender) Send(ctx context.Context, _ Email, begin func(context.Context) error) error {
	return begin(ctx)
}

// Captures implements Sender.
func (OutboxSender) Captures() bool { return true }

// SMTPSender sends through an SMTP server, reusing its connections.
type SMTPSender struct {
	client  *gomail.Client // configuration; each pooled connection is one smtp.Client
	from    string         // envelope and header address
	idle    chan pooled
	maxIdle time.Duration
	timeout time.Duration
}

type pooled struct {
	c     *smtp.Client
	since time.Time
}

// PoolSize is how many SMTP connections stay open for reuse.
const PoolSize = 16

// NewSMTPSender parses the SMTP URL (ROSTER_SMTP_URL):
//
//	smtps://user:pass@host:465   implicit TLS
//	smtp://user:pass@host:587    STARTTLS, required: a server that does not offer it is refused
//	smtp://host:25?tls=none      plain text, for a relay on the same machine or network only
//
// ?from=addr sets the sender address (else defaultFrom).
func NewSMTPSender(raw, defaultFrom string) (*SMTPSender, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("ROSTER_SMTP_URL: %v", err)
	}
	if u.Scheme != "smtp" && u.Scheme != "smtps" {
		return nil, fmt.Errorf("ROSTER_SMTP_URL: the scheme must be smtp or smtps, not %q", u.Scheme)
	}
	port := 587
	if u.Scheme == "smtps" {
		port = 465
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("ROSTER_SMTP_URL: bad port %q", p)
		}
	}
	q := u.Query()
	plain := q.Get("tls") == "none"
	if t := q.Get("tls"); t != "" && t != "none" {
		return nil, fmt.Errorf("ROSTER_SMTP_URL: tls=%s is unknown (only tls=none, for a local relay)", t)
	}
	timeout := 30 * time.Second
	opts := []gomail.Option{gomail.WithPort(port), gomail.WithTimeout(timeout)}
	switch {
	case u.Scheme == "smtps":
		if plain {
			return nil, errors.New("ROSTER_SMTP_URL: smtps:// is TLS; tls=none goes with smtp://")
		}
		opts = append(opts, gomail.WithSSL())
	case plain:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if u.User != nil {
		pw, _ := u.User.Password()
		// Autodiscovery never offers credentials over plain text; with
		// tls=none the operator chose plain text to a relay they trust, so
		// PLAIN is sent without encryption.
		mech := gomail.SMTPAuthAutoDiscover
		if plain {
			mech = gomail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, gomail.WithSMTPAuth(mech),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pw))
	}
	from := q.Get("from")
	if from == "" {
		from = defaultFrom
	}
	c, err := gomail.NewClient(u.Hostname(), opts...)
	if err != nil {
		return nil, fmt.Errorf("ROSTER_SMTP_URL: %v", err)
	}
	return &SMTPSender{client: c, from: from, idle: make(chan pooled, PoolSize), maxIdle: 20 * time.Second, timeout: timeout}, nil
}

// Captures implements Sender.
func (*SMTPSender) Captures() bool { return false }

// Close closes the idle connections.
func (s *SMTPSender) Close() {
	for {
		select {
		case p := <-s.idle:
			_ = s.client.CloseWithSMTPClient(p.c)
		default:
			return
		}
	}
}

// conn returns an open connection: an idle one that still answers, or a new one.
func (s *SMTPSender) conn(ctx context.Context) (*smtp.Client, error) {
	for {
		select {
		case p := <-s.idle:
			if time.Since(p.since) > s.maxIdle || p.c.Noop() != nil {
				_ = s.client.CloseWithSMTPClient(p.c)
				continue
			}
			return p.c, nil
		default:
			c, err := s.client.DialToSMTPClientWithContext(ctx)
			if err != nil {
				return nil, &DeliveryError{Err: fmt.Errorf("connect to the SMTP server: %w", err), Code: replyCode(err),
					Permanent: false}
			}
			return c, nil
		}
	}
}

func (s *SMTPSender) release(c *smtp.Client) {
	select {
	case s.idle <- pooled{c: c, since: time.Now()}:
	default:
		_ = s.client.CloseWithSMTPClient(c)
	}
}

// message builds the MIME message: text and HTML alternatives, the partner's
// sender name and reply-to, a stable Message-ID, and the headers of a
// transactional email (no List-Unsubscribe: these are not newsletters).
func (s *SMTPSender) message(e Email) (*gomail.Msg, error) {
	m := gomail.NewMsg()
	from := s.from
	if e.FromName != "" {
		addr := from
		if i := strings.LastIndexByte(from, '<'); i >= 0 {
			addr = strings.Trim(from[i:], "<> ")
		}
		if err := m.FromFormat(e.FromName, addr); err != nil {
			return nil, fmt.Errorf("from %q: %w", addr, err)
		}
	} else if err := m.From(from); err != nil {
		return nil, fmt.Errorf("from %q: %w", from, err)
	}
	if err := m.To(e.To); err != nil {
		return nil, &DeliveryError{Permanent: true, Err: fmt.Errorf("the address %q cannot be used: %w", e.To, err)}
	}
	if e.ReplyTo != "" {
		if err := m.ReplyTo(e.ReplyTo); err != nil {
			return nil, fmt.Errorf("reply-to %q: %w", e.ReplyTo, err)
		}
	}
	m.Subject(e.Subject)
	if e.MessageID != "" {
		m.SetMessageIDWithValue(strings.Trim(e.MessageID, "<>"))
	} else {
		m.SetMessageID()
	}
	m.SetDate()
	if e.Language != "" {
		m.SetGenHeader(gomail.HeaderContentLang, e.Language)
	}
	m.SetGenHeader("Auto-Submitted", "auto-generated")
	m.SetGenHeader("X-Auto-Response-Suppress", "All")
	m.SetBodyString(gomail.TypeTextPlain, e.Text)
	if e.HTML != "" {
		m.AddAlternativeString(gomail.TypeTextHTML, e.HTML)
	}
	return m, nil
}

// Send implements Sender.
func (s *SMTPSender) Send(ctx context.Context, e Email, begin func(context.Context) error) error {
	m, err := s.message(e)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	c, err := s.conn(ctx)
	if err != nil {
		return err
	}
	if err := begin(ctx); err != nil {
		s.release(c)
		return err
	}
	err = s.client.SendWithSMTPClient(c, m)
	if err == nil {
		s.release(c)
		return nil
	}
	code := replyCode(err)
	if code != 0 {
		s.release(c) // the server answered: the connection is still good (go-mail sent RSET)
	} else {
		_ = s.client.CloseWithSMTPClient(c)
	}
	return &DeliveryError{Permanent: code >= 500 && code < 600, Code: code, Err: err}
}

// replyCode is the SMTP reply code in err, 0 when there is none (a network error).
func replyCode(err error) int {
	var se *gomail.SendError
	if errors.As(err, &se) {
		if c := se.ErrorCode(); c != 0 {
			return c
		}
	}
	var pe *textproto.Error
	if errors.As(err, &pe) {
		return pe.Code
	}
	return 0
}
