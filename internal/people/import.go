package people

import (
	"context"
	"fmt"
	"strings"
	"time"

	"roster/internal/database"
)

// CreateNewTx creates, in one set-based write, the persons of these
// validated profiles whose email (any case) the partner does not have yet,
// and returns them by lower-cased email; the profiles whose email is taken
// are left out (FindManyByEmailTx reads those). The profiles' emails are
// expected distinct (bulk imports remove duplicates first).
func CreateNewTx(ctx context.Context, tx database.Tx, partnerID int64, ps []Profile, now time.Time) (map[string]Person, error) {
	if len(ps) == 0 {
		return map[string]Person{}, nil
	}
	rs := make([]personRecord, len(ps))
	for i, p := range ps {
		rs[i] = personRecord{PartnerID: partnerID, ExternalID: newExternalID(), Email: p.Email, FirstName: p.FirstName,
			LastName: p.LastName, Title: p.Title, Company: p.Company, Bio: p.Bio, Language: p.Language,
			Status: string(StatusActive), LoginEnabled: true, SearchText: SearchText(p.FirstName, p.LastName, p.Email),
			CreatedAt: now, UpdatedAt: now}
	}
	var ids map[string]int64
	var err error
	if tx.Dialect == database.Postgres {
		ids, err = insertNewPG(ctx, tx.SQL(), partnerID, rs, now)
	} else {
		ids, err = insertNewSQLite(ctx, tx.SQL(), partnerID, rs, now)
	}
	if err != nil {
		return nil, fmt.Errorf("people: create new: %w", err)
	}
	out := make(map[string]Person, len(ids))
	for _, r := range rs {
		key := strings.ToLower(r.Email)
		if id, ok := ids[key]; ok {
			r.ID = id
			out[key] = r.domain()
		}
	}
	return out, nil
}

// FindAllByEmailTx is FindManyByEmailTx for any number of emails.
func FindAllByEmailTx(ctx context.Context, tx database.Tx, partnerID int64, emails []string) (map[string]Person, error) {
	lower := make([]string, len(emails))
	for i, e := range emails {
		lower[i] = strings.ToLower(strings.TrimSpace(e))
	}
	rs, err := byEmailsAny(ctx, tx, partnerID, lower)
	if err != nil {
		return nil, fmt.Errorf("people: find all: %w", err)
	}
	out := make(map[string]Person, len(rs))
	for _, r := range rs {
		out[strings.ToLower(r.Email)] = r.domain()
	}
	return out, nil
}
