// Package partner owns the tenant: every row of people data belongs to one partner.
package partner

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"roster/internal/apperr"
	"roster/internal/database"
)

// Partner is a tenant.
type Partner struct {
	ID        int64
	Name      string
	CreatedAt time.Time
	// MailFromName is the sender name of its emails ("" = its name);
	// MailReplyTo where replies go ("" = the sender address).
	MailFromName, MailReplyTo string
}

// ValidateName checks an organisation name.
func ValidateName(name string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", apperr.Invalid("The organisation name is required.")
	case utf8.RuneCountInString(name) > 120:
		return "", apperr.Invalid("The organisation name is longer than 120 characters.")
	}
	return name, nil
}

// CreateTx creates a partner with fresh API secrets.
func CreateTx(ctx context.Context, tx database.Tx, name string) (Partner, error) {
	name, err := ValidateName(name)
	if err != nil {
		return Partner{}, err
	}
	p, err := insert(ctx, tx.Gorm, name, secret(), secret(), time.Now().UTC())
	if database.IsDuplicate(err) {
		return Partner{}, apperr.Conflict("An organisation named %q already exists.", name)
	}
	if err != nil {
		return Partner{}, fmt.Errorf("partner: create: %w", err)
	}
	return p, nil
}

// EnsureTx returns the partner with that name, creating it when missing.
func EnsureTx(ctx context.Context, tx database.Tx, name string) (Partner, bool, error) {
	name, err := ValidateName(name)
	if err != nil {
		return Partner{}, false, err
	}
	p, err := byName(ctx, tx.Gorm, name)
	if err == nil {
		return p, false, nil
	}
	if !database.IsNotFound(err) {
		return Partner{}, false, fmt.Errorf("partner: find: %w", err)
	}
	p, err = CreateTx(ctx, tx, name)
	return p, err == nil, err
}

// GetTx returns one partner.
func GetTx(ctx context.Context, tx database.Tx, id int64) (Partner, error) {
	p, err := byID(ctx, tx.Gorm, id)
	if database.IsNotFound(err) {
		return Partner{}, apperr.NotFound("This organisation does not exist.")
	}
	if err != nil {
		return Partner{}, fmt.Errorf("partner: get: %w", err)
	}
	return p, nil
}

// ListTx returns every partner, by name.
func ListTx(ctx context.Context, tx database.Tx) ([]Partner, error) {
	ps, err := all(ctx, tx.Gorm)
	if err != nil {
		return nil, fmt.Errorf("partner: list: %w", err)
	}
	return ps, nil
}

// RenameTx renames a partner.
func RenameTx(ctx context.Context, tx database.Tx, id int64, name string) (Partner, error) {
	name, err := ValidateName(name)
	if err != nil {
		return Partner{}, err
	}
	err = rename(ctx, tx.Gorm, id, name, time.Now().UTC())
	if database.IsDuplicate(err) {
		return Partner{}, apperr.Conflict("An organisation named %q already exists.", name)
	}
	if err != nil {
		return Partner{}, fmt.Errorf("partner: rename: %w", err)
	}
	return GetTx(ctx, tx, id)
}

// ValidateMailIdentity checks a sender name and a reply-to address (either may be empty).
func ValidateMailIdentity(fromName, replyTo string) (string, string, error) {
	fromName, replyTo = strings.TrimSpace(fromName), strings.TrimSpace(replyTo)
	switch {
	case utf8.RuneCountInString(fromName) > 80:
		return "", "", apperr.InvalidFields(map[string]string{"mail_from_name": "The sender name is longer than 80 characters."})
	case strings.ContainsAny(fromName, "\r\n<>\"@"):
		return "", "", apperr.InvalidFields(map[string]string{"mail_from_name": "The sender name cannot contain line breaks, quotes, @ or angle brackets."})
	}
	if replyTo != "" {
		a, err := mail.ParseAddress(replyTo)
		if err != nil || a.Name != "" || a.Address != replyTo || !strings.Contains(replyTo[strings.LastIndexByte(replyTo, '@')+1:], ".") {
			return "", "", apperr.InvalidFields(map[string]string{"mail_reply_to": "The reply-to address is not a valid email address (like events@example.org)."})
		}
	}
	return fromName, replyTo, nil
}

// SetMailIdentityTx sets the sender name and reply-to address of a partner's emails.
func SetMailIdentityTx(ctx context.Context, tx database.Tx, id int64, fromName, replyTo string) (Partner, error) {
	fromName, replyTo, err := ValidateMailIdentity(fromName, replyTo)
	if err != nil {
		return Partner{}, err
	}
	if err := setMailIdentity(ctx, tx.Gorm, id, fromName, replyTo, time.Now().UTC()); err != nil {
		if database.IsNotFound(err) {
			return Partner{}, apperr.NotFound("This organisation does not exist.")
		}
		return Partner{}, fmt.Errorf("partner: mail identity: %w", err)
	}
	return GetTx(ctx, tx, id)
}

func secret() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
