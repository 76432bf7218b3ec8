package people

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"roster/internal/apperr"
	"roster/internal/database"
)

// FindByEmailTx returns the partner's person with that email (any case).
func FindByEmailTx(ctx context.Context, tx database.Tx, partnerID int64, email string) (Person, bool, error) {
	r, err := byEmail(ctx, tx.Gorm, partnerID, strings.ToLower(strings.TrimSpace(email)))
	if database.IsNotFound(err) {
		return Person{}, false, nil
	}
	if err != nil {
		return Person{}, false, fmt.Errorf("people: find: %w", err)
	}
	return r.domain(), true, nil
}

// FindManyByEmailTx returns the partner's persons with these emails, by
// lower-cased email (at most 1,000 emails a call).
func FindManyByEmailTx(ctx context.Context, tx database.Tx, partnerID int64, emails []string) (map[string]Person, error) {
	lower := make([]string, len(emails))
	for i, e := range emails {
		lower[i] = strings.ToLower(strings.TrimSpace(e))
	}
	rs, err := byEmails(ctx, tx.Gorm, partnerID, lower)
	if err != nil {
		return nil, fmt.Errorf("people: find many: %w", err)
	}
	out := make(map[string]Person, len(rs))
	for _, r := range rs {
		out[strings.ToLower(r.Email)] = r.domain()
	}
	return out, nil
}

// GetTx returns one person of the partner.
func GetTx(ctx context.Context, tx database.Tx, partnerID, id int64) (Person, error) {
	r, err := byID(ctx, tx.Gorm, partnerID, id)
	if database.IsNotFound(err) {
		return Person{}, apperr.NotFound("This person does not exist.")
	}
	if err != nil {
		return Person{}, fmt.Errorf("people: get: %w", err)
	}
	return r.domain(), nil
}

// CreateTx creates a person from a validated profile, with a generated
// external id.
func CreateTx(ctx context.Context, tx database.Tx, partnerID int64, p Profile, now time.Time) (Person, error) {
	r := personRecord{PartnerID: partnerID, ExternalID: newExternalID(), Email: p.Email, FirstName: p.FirstName,
		LastName: p.LastName, Title: p.Title, Company: p.Company, Bio: p.Bio, Language: p.Language,
		Status: string(StatusActive), LoginEnabled: true, SearchText: SearchText(p.FirstName, p.LastName, p.Email),
		CreatedAt: now, UpdatedAt: now}
	if err := insert(ctx, tx.Gorm, &r); err != nil {
		if database.IsDuplicate(err) {
			return Person{}, &apperr.Error{Code: apperr.CodeConflict, Message: "Someone in your organisation already has this email.",
				Fields: map[string]string{"email": "Someone in your organisation already has this email."}}
		}
		return Person{}, fmt.Errorf("people: create: %w", err)
	}
	return r.domain(), nil
}

// Patch changes some fields of a person; nil fields stay.
type Patch struct {
	Email, FirstName, LastName, Title, Company, Bio, Language, ImagePath *string
}

// UpdateTx applies a patch and returns the updated person.
func UpdateTx(ctx context.Context, tx database.Tx, partnerID, id int64, patch Patch, now time.Time) (Person, error) {
	cur, err := GetTx(ctx, tx, partnerID, id)
	if err != nil {
		return Person{}, err
	}
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&cur.Email, patch.Email)
	set(&cur.FirstName, patch.FirstName)
	set(&cur.LastName, patch.LastName)
	set(&cur.Title, patch.Title)
	set(&cur.Company, patch.Company)
	set(&cur.Bio, patch.Bio)
	set(&cur.Language, patch.Language)
	set(&cur.ImagePath, patch.ImagePath)
	fields := map[string]any{"email": cur.Email, "first_name": cur.FirstName, "last_name": cur.LastName, "title": cur.Title,
		"company": cur.Company, "bio": cur.Bio, "language": cur.Language, "image_path": cur.ImagePath,
		"search_text": SearchText(cur.FirstName, cur.LastName, cur.Email), "updated_at": now}
	if err := update(ctx, tx.Gorm, partnerID, id, fields); err != nil {
		if database.IsDuplicate(err) {
			return Person{}, &apperr.Error{Code: apperr.CodeConflict, Message: "Someone in your organisation already has this email.",
				Fields: map[string]string{"email": "Someone in your organisation already has this email."}}
		}
		return Person{}, fmt.Errorf("people: update: %w", err)
	}
	cur.UpdatedAt = now
	return cur, nil
}

// ListByIDsTx returns the partner's persons with the given ids.
func ListByIDsTx(ctx context.Context, tx database.Tx, partnerID int64, ids []int64) (map[int64]Person, error) {
	rs, err := byIDs(ctx, tx.Gorm, partnerID, ids)
	if err != nil {
		return nil, fmt.Errorf("people: list: %w", err)
	}
	out := make(map[int64]Person, len(rs))
	for _, r := range rs {
		out[r.ID] = r.domain()
	}
	return out, nil
}

// newExternalID returns the id of a person created without one: "rst_",
// 11 hex digits of milliseconds, then 9 of a sequence that starts at a
// random place each millisecond. The ids grow with time, so that those of
// a bulk import go to the end of the unique index instead of everywhere in
// it. Ids of one process never repeat (within a millisecond, or when the
// clock goes back, the sequence goes on); two processes would have to
// start within 2^35 of each other in the same millisecond.
func newExternalID() string {
	extIDs.Lock()
	ms, seq := extIDs.clock(), uint64(0)
	if ms <= extIDs.ms {
		ms, seq = extIDs.ms, extIDs.seq+1
	} else {
		seq = rand.Uint64N(1 << 35) // and 2^35 more to go on with
	}
	extIDs.ms, extIDs.seq = ms, seq
	extIDs.Unlock()
	return fmt.Sprintf("rst_%011x%09x", ms, seq)
}

var extIDs = struct {
	sync.Mutex
	ms, seq uint64
	clock   func() uint64
}{clock: func() uint64 { return uint64(time.Now().UnixMilli()) }}

// HasImageTx reports whether a person of the partner has the stored image name.
func HasImageTx(ctx context.Context, tx database.Tx, partnerID int64, name string) (bool, error) {
	if name == "" {
		return false, nil
	}
	n, err := countImage(ctx, tx.Gorm, partnerID, name)
	if err != nil {
		return false, fmt.Errorf("people: image: %w", err)
	}
	return n > 0, nil
}

// CreateManyTx creates many persons from validated profiles in multi-row
// inserts (bulk imports, benchmarks). Duplicates fail the whole call.
func CreateManyTx(ctx context.Context, tx database.Tx, partnerID int64, ps []Profile, now time.Time) ([]Person, error) {
	rs := make([]personRecord, len(ps))
	for i, p := range ps {
		rs[i] = personRecord{PartnerID: partnerID, ExternalID: newExternalID(), Email: p.Email, FirstName: p.FirstName,
			LastName: p.LastName, Title: p.Title, Company: p.Company, Bio: p.Bio, Language: p.Language,
			Status: string(StatusActive), LoginEnabled: true, SearchText: SearchText(p.FirstName, p.LastName, p.Email),
			CreatedAt: now, UpdatedAt: now}
	}
	if err := insertMany(ctx, tx.Gorm, rs); err != nil {
		if database.IsDuplicate(err) {
			return nil, apperr.Conflict("Some of these emails already belong to someone in your organisation.")
		}
		return nil, fmt.Errorf("people: create many: %w", err)
	}
	out := make([]Person, len(rs))
	for i, r := range rs {
		out[i] = r.domain()
	}
	return out, nil
}
