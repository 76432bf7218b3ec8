// Package dashview renders the console's start page.
package dashview

// DashVM is the view model of the dashboard.
type DashVM struct {
	PartnerName string
	Stats       []Stat
	Links       []QuickLink
}

// Stat is one figure on the dashboard, optionally linking to its list.
type Stat struct {
	Label, Value, Href, TestID string
}

// QuickLink is a shortcut to an area of the console.
type QuickLink struct {
	Label, Href, Description string
}

// statTestID is the data-testid of a stat card.
func statTestID(s Stat) string {
	if s.TestID != "" {
		return s.TestID
	}
	return "stat"
}
