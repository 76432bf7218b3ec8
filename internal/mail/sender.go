package mail

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	gomail "github.com/wneessen/go-mail"
)

// Sender delivers one email.
type Sender interface {
	Send(ctx context.Context, e Email) error
	// Captures reports whether emails stay in the outbox instead of leaving.
	Captures() bool
}

// OutboxSender keeps emails in the outbox (no SMTP configured).
type OutboxSender struct{}

// Send implements Sender: the email row already is the outbox entry.
func (OutboxSender) Send(context.Context, Email) error { return nil }

// Captures implements Sender.
func (OutboxSender) Captures() bool { return true }

// SMTPSender sends through an SMTP server.
type SMTPSender struct {
	host string
	opts []gomail.Option
	from string
}

// NewSMTPSender parses smtp://user:pass@host:port?from=addr (STARTTLS when
// offered) or smtps://… (implicit TLS); ?tls=none disables TLS for local relays.
func NewSMTPSender(raw, defaultFrom string) (*SMTPSender, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("ROSTER_SMTP_URL: %v", err)
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
	opts := []gomail.Option{gomail.WithPort(port)}
	switch {
	case u.Scheme == "smtps":
		opts = append(opts, gomail.WithSSL())
	case u.Query().Get("tls") == "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if u.User != nil {
		pw, _ := u.User.Password()
		// Autodiscovery never offers credentials over plain text; a local
		// relay without TLS (tls=none) gets PLAIN, which go-mail allows on loopback only.
		mech := gomail.SMTPAuthAutoDiscover
		if u.Query().Get("tls") == "none" {
			mech = gomail.SMTPAuthPlain
		}
		opts = append(opts, gomail.WithSMTPAuth(mech),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pw))
	}
	from := u.Query().Get("from")
	if from == "" {
		from = defaultFrom
	}
	return &SMTPSender{host: u.Hostname(), opts: opts, from: from}, nil
}

// Captures implements Sender.
func (*SMTPSender) Captures() bool { return false }

// Send implements Sender.
func (s *SMTPSender) Send(ctx context.Context, e Email) error {
	m := gomail.NewMsg()
	if err := m.From(s.from); err != nil {
		return fmt.Errorf("from %q: %w", s.from, err)
	}
	if err := m.To(e.To); err != nil {
		return fmt.Errorf("to %q: %w", e.To, err)
	}
	m.Subject(e.Subject)
	m.SetMessageID()
	m.SetDate()
	m.SetBodyString(gomail.TypeTextPlain, e.Text)
	if e.HTML != "" {
		m.AddAlternativeString(gomail.TypeTextHTML, e.HTML)
	}
	c, err := gomail.NewClient(s.host, s.opts...)
	if err != nil {
		return err
	}
	return c.DialAndSendWithContext(ctx, m)
}
