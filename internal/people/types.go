package people

import "time"

// Status is a person's account status across the partner.
type Status string

// The person statuses.
const (
	StatusActive  Status = "active"
	StatusBlocked Status = "blocked"
	StatusDeleted Status = "deleted"
)

// Person is a partner-wide identity (the API's "user"), shared by every event
// and course of the partner.
type Person struct {
	ID                  int64
	PartnerID           int64
	ExternalID          string
	Email               string
	FirstName, LastName string
	Title, Company, Bio string
	ImagePath           string
	Language            string
	Status              Status
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

// Name is "First Last".
func (p Person) Name() string {
	switch {
	case p.FirstName == "":
		return p.LastName
	case p.LastName == "":
		return p.FirstName
	}
	return p.FirstName + " " + p.LastName
}

// SortName is the key the lists sort people by name with.
func (p Person) SortName() string { return Fold(p.FirstName + " " + p.LastName) }

// Profile is the editable part of a person.
type Profile struct {
	Email               string
	FirstName, LastName string
	Title, Company, Bio string
	Language            string
}

// Limits of the person fields.
const (
	MaxNameLen    = 100
	MaxTitleLen   = 200
	MaxCompanyLen = 200
	MaxBioLen     = 2500
	MaxEmailLen   = 254
)
