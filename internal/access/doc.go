// Package access owns identity-provider groups (synced through SCIM), their
// members, and which groups may enter a closed SSO event.
package access
