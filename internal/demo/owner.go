package demo

// OwnerEmail is the email of the demo owner of the organisation partnerName.
func OwnerEmail(partnerName string) string { return "owner@" + slug(partnerName) + ".example" }
