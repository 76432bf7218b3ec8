package emails

import (
	"strings"
	"time"
)

// Sample returns realistic data for an email of the kind, for the console's
// preview page: the organiser picks a kind and a language (set Lang on the
// result) and sees the rendered email. Links point at baseURL (the console's
// public URL; an unusable one is replaced by https://roster.example) with
// tokens that open nothing. Dates are a few weeks from now. The sample
// renders without error in every language; an unknown kind gets the
// invitation's data.
func Sample(kind Kind, baseURL string) Data {
	base := strings.TrimRight(strings.TrimSpace(baseURL), "/")
	if checkLink(base) != nil {
		base = "https://roster.example"
	}
	const zone = "Europe/Berlin"
	loc := zoneOf(zone)
	now := time.Now().In(loc)
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	at := func(days, hour, minute int) time.Time {
		return day.AddDate(0, 0, days).Add(time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute).UTC()
	}
	start := at(21, 9, 0)
	d := Data{
		Lang:         "en",
		PersonName:   "Jane",
		Organisation: "Acme Events",
		TimeZone:     zone,
	}
	switch kind {
	case KindStaffInvite:
		d.PersonName = "Sam"
		d.InviterName = "Alex Morgan"
		d.StaffRole = "organizer"
		d.Link = base + "/accept?token=preview-sample-token"
		d.LinkExpires = at(7, 18, 0)
	case KindClassroomInvite:
		d.Organisation = "Acme Academy"
		d.ClassroomRole = "student"
		d.Courses = []string{"Negotiation basics", "Advanced spreadsheets", "Presenting with confidence"}
		d.Link = base + "/classroom/its-me?token=preview-sample-token"
		d.LinkExpires = at(14, 18, 0)
	case KindDeletionOutcome:
		d.Approved = false
		d.Reason = "We must keep attendance records of accredited courses for five years."
		d.RequestedAt = at(-3, 14, 20)
	case KindExportReady:
		d.PersonName = "Sam"
		d.ExportName = "All users — Product Summit " + start.In(loc).Format("2006")
		d.RowCount = 12345
		d.Link = base + "/exports/preview-sample/download"
		d.LinkExpires = at(2, 18, 0)
	default:
		d.EventName = "Product Summit " + start.In(loc).Format("2006")
		d.StartsAt = start
		d.EndsAt = at(21, 17, 30)
		d.Link = base + "/l/preview-sample-token"
		switch kind {
		case KindInvitation:
			d.LinkExpires = at(14, 23, 59)
			d.Speaker = true
		case KindConfirmEmail:
			d.LinkExpires = at(2, 9, 0)
		default:
			d.LinkExpires = at(3, 9, 0)
		}
	}
	return d
}
