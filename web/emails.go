package web

import (
	"context"

	"roster/internal/auth"
	"roster/internal/classroom"
	"roster/internal/participation"
	"roster/views/emails"
)

// EmailComposer renders the attendee emails with views/emails for the
// participation service (domain packages never import views).
type EmailComposer struct{}

// Compose implements participation.Composer.
func (EmailComposer) Compose(ctx context.Context, kind participation.EmailKind, d participation.EmailData) (string, string, string, error) {
	return emails.Render(ctx, emails.Kind(kind), emails.Data{Lang: d.Lang, RTL: d.RTL, PersonName: d.PersonName,
		EventName: d.EventName, Organisation: d.Organisation, StartsAt: d.StartsAt, EndsAt: d.EndsAt, TimeZone: d.TimeZone,
		Link: d.Link, LinkExpires: d.LinkExpires, Speaker: d.Speaker, Moderator: d.Moderator})
}

// StaffInvite implements auth.Composer.
func (EmailComposer) StaffInvite(ctx context.Context, lang string, in auth.StaffInvite) (string, string, string, error) {
	return emails.Render(ctx, emails.KindStaffInvite, emails.Data{Lang: lang, PersonName: in.Name, Organisation: in.Organisation,
		InviterName: in.InviterName, StaffRole: string(in.Role), Link: in.Link, LinkExpires: in.Expires})
}

// ClassroomInvite implements classroom.Composer.
func (EmailComposer) ClassroomInvite(ctx context.Context, d classroom.InviteEmail) (string, string, string, error) {
	return emails.Render(ctx, emails.KindClassroomInvite, emails.Data{Lang: d.Lang, PersonName: d.PersonName,
		Organisation: d.Organisation, ClassroomRole: string(d.Role), Courses: d.Courses, Link: d.Link, LinkExpires: d.LinkExpires})
}
