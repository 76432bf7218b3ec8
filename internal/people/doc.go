// Package people owns persons: the partner-wide identities (the API's
// "user") that events, courses and login links refer to. A person is unique
// per partner by external id and by case-insensitive email.
package people
