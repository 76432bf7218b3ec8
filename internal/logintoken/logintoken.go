package logintoken

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"

	"roster/internal/apperr"
	"roster/internal/database"
)

// Purpose says what a link is for.
type Purpose string

// The purposes (mirrored by a CHECK constraint).
const (
	PurposeLogin           Purpose = "login"
	PurposeInvitation      Purpose = "invitation"
	PurposeConfirmEmail    Purpose = "confirm_email"
	PurposeClassroomInvite Purpose = "classroom_invite"
)

// Token is a stored link (its secret is never stored, only its SHA-256).
type Token struct {
	ID, PartnerID, PersonID int64
	EventID                 *int64
	ParticipationID         *int64
	Purpose                 Purpose
	ExpiresAt               time.Time
	UsedAt, RevokedAt       *time.Time
	LastUsedAt              *time.Time
	LastUsedIP, LastUsedUA  string
	CreatedByStaffID        *int64
	CreatedAt               time.Time
}

// Issue describes a link to create.
type Issue struct {
	PartnerID, PersonID int64
	EventID             *int64
	ParticipationID     *int64
	Purpose             Purpose
	TTL                 time.Duration
	CreatedByStaffID    *int64
}

// Hash returns the stored form of a raw token.
func Hash(raw string) string {
	h := sha256.Sum256([]byte(raw))
	return hex.EncodeToString(h[:])
}

// IssueTx creates a link inside tx and returns its raw secret (32 random
// bytes, URL-safe), shown or emailed once.
func IssueTx(ctx context.Context, tx database.Tx, in Issue, now time.Time) (string, Token, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", Token{}, err
	}
	raw := base64.RawURLEncoding.EncodeToString(b)
	r := tokenRecord{PartnerID: in.PartnerID, PersonID: in.PersonID, EventID: in.EventID, ParticipationID: in.ParticipationID,
		Purpose: string(in.Purpose), TokenHash: Hash(raw), ExpiresAt: now.Add(in.TTL), CreatedByStaffID: in.CreatedByStaffID,
		CreatedAt: now}
	if err := insert(ctx, tx.Gorm, &r); err != nil {
		return "", Token{}, fmt.Errorf("logintoken: issue: %w", err)
	}
	return raw, r.domain(), nil
}

// errGone never says whether a link ever existed.
func errGone() error {
	return apperr.Gone("This link has expired or was already used. Ask the organiser for a new one.")
}

// CheckTx returns the live token of raw (unused, unrevoked, unexpired).
func CheckTx(ctx context.Context, tx database.Tx, raw string, now time.Time) (Token, error) {
	if raw == "" || len(raw) > 100 {
		return Token{}, errGone()
	}
	r, err := live(ctx, tx.Gorm, Hash(raw), now)
	if database.IsNotFound(err) {
		return Token{}, errGone()
	}
	if err != nil {
		return Token{}, fmt.Errorf("logintoken: check: %w", err)
	}
	return r.domain(), nil
}

// SpendTx uses a link once, atomically, recording when and from where.
func SpendTx(ctx context.Context, tx database.Tx, raw string, ip, ua string, now time.Time) (Token, error) {
	if raw == "" || len(raw) > 100 {
		return Token{}, errGone()
	}
	if len(ua) > 300 {
		ua = ua[:300]
	}
	ok, err := spend(ctx, tx.Gorm, Hash(raw), ip, ua, now)
	if err != nil {
		return Token{}, fmt.Errorf("logintoken: spend: %w", err)
	}
	if !ok {
		return Token{}, errGone()
	}
	r, err := byHash(ctx, tx.Gorm, Hash(raw))
	if err != nil {
		return Token{}, fmt.Errorf("logintoken: spend: %w", err)
	}
	return r.domain(), nil
}

// CountRequestedTx counts the links of a purpose a participation asked for
// itself (no staff member made them) since a time: the rate limit of
// emailed sign-in links.
func CountRequestedTx(ctx context.Context, tx database.Tx, participationID int64, purpose Purpose, since time.Time) (int, error) {
	n, err := countRecent(ctx, tx.Gorm, participationID, string(purpose), since)
	if err != nil {
		return 0, fmt.Errorf("logintoken: count: %w", err)
	}
	return int(n), nil
}

// State says whether a link can still be used.
type State string

// The link states.
const (
	StateActive  State = "active"
	StateUsed    State = "used"
	StateRevoked State = "revoked"
	StateExpired State = "expired"
)

// StateAt is the link's state at now (a revoked link stays revoked even if
// it was used before).
func (t Token) StateAt(now time.Time) State {
	switch {
	case t.RevokedAt != nil:
		return StateRevoked
	case t.UsedAt != nil:
		return StateUsed
	case !t.ExpiresAt.After(now):
		return StateExpired
	}
	return StateActive
}

// Use is when, and from what browser, a link was last used.
type Use struct {
	At        time.Time
	UserAgent string
}

// ForParticipationTx lists a participation's links, newest first (at most
// limit).
func ForParticipationTx(ctx context.Context, tx database.Tx, partnerID, participationID int64, limit int) ([]Token, error) {
	rs, err := forParticipation(ctx, tx.Gorm, partnerID, participationID, limit)
	if err != nil {
		return nil, fmt.Errorf("logintoken: list: %w", err)
	}
	out := make([]Token, len(rs))
	for i, r := range rs {
		out[i] = r.domain()
	}
	return out, nil
}

// LastUsedTx returns, for each of the participations that used a link, when
// and from what browser the latest use was.
func LastUsedTx(ctx context.Context, tx database.Tx, partnerID int64, participationIDs []int64) (map[int64]Use, error) {
	out := map[int64]Use{}
	if len(participationIDs) == 0 {
		return out, nil
	}
	rs, err := lastUsed(ctx, tx.Gorm, partnerID, participationIDs)
	if err != nil {
		return nil, fmt.Errorf("logintoken: last used: %w", err)
	}
	for _, r := range rs {
		if r.ParticipationID == nil || r.LastUsedAt == nil {
			continue
		}
		if cur, ok := out[*r.ParticipationID]; !ok || r.LastUsedAt.After(cur.At) {
			out[*r.ParticipationID] = Use{At: *r.LastUsedAt, UserAgent: r.LastUsedUA}
		}
	}
	return out, nil
}

// RevokeOneTx revokes one live link of a participation; it reports false
// when the link was already used, revoked or expired, and NotFound when the
// participation has no such link.
func RevokeOneTx(ctx context.Context, tx database.Tx, partnerID, participationID, id int64, now time.Time) (bool, error) {
	r, err := byParticipationID(ctx, tx.Gorm, partnerID, participationID, id)
	if database.IsNotFound(err) {
		return false, apperr.NotFound("This link does not exist.")
	}
	if err != nil {
		return false, fmt.Errorf("logintoken: revoke: %w", err)
	}
	n, err := revokeWhere(ctx, tx.Gorm, now, "id = ?", r.ID)
	if err != nil {
		return false, fmt.Errorf("logintoken: revoke: %w", err)
	}
	return n == 1, nil
}

// RevokeParticipationTx revokes every live link of a participation and
// says how many.
func RevokeParticipationTx(ctx context.Context, tx database.Tx, partnerID, participationID int64, now time.Time) (int64, error) {
	n, err := revokeWhere(ctx, tx.Gorm, now, "partner_id = ? AND participation_id = ?", partnerID, participationID)
	if err != nil {
		return 0, fmt.Errorf("logintoken: revoke: %w", err)
	}
	return n, nil
}

// RevokeEventTx revokes every live link of an event and says how many.
func RevokeEventTx(ctx context.Context, tx database.Tx, partnerID, eventID int64, now time.Time) (int64, error) {
	n, err := revokeWhere(ctx, tx.Gorm, now, "partner_id = ? AND event_id = ?", partnerID, eventID)
	if err != nil {
		return 0, fmt.Errorf("logintoken: revoke: %w", err)
	}
	return n, nil
}

// RevokePurposeForPersonTx revokes every live link of one purpose of a
// person (a resent classroom invitation makes the earlier ones stop working).
func RevokePurposeForPersonTx(ctx context.Context, tx database.Tx, partnerID, personID int64, purpose Purpose, now time.Time) error {
	if _, err := revokeWhere(ctx, tx.Gorm, now, "partner_id = ? AND person_id = ? AND purpose = ?", partnerID, personID, string(purpose)); err != nil {
		return fmt.Errorf("logintoken: revoke: %w", err)
	}
	return nil
}

// CountLiveEventTx counts the links of an event that still work.
func CountLiveEventTx(ctx context.Context, tx database.Tx, partnerID, eventID int64, now time.Time) (int64, error) {
	n, err := countLiveEvent(ctx, tx.Gorm, partnerID, eventID, now)
	if err != nil {
		return 0, fmt.Errorf("logintoken: count: %w", err)
	}
	return n, nil
}
