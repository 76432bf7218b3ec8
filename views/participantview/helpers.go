package participantview

import "strconv"

// Class strings are complete literals (Tailwind scans them here).
const (
	tabOn        = "-mb-px flex items-center gap-2 border-b-2 border-indigo-600 px-0.5 pb-2.5 text-sm font-medium text-indigo-700"
	tabOff       = "-mb-px flex items-center gap-2 border-b-2 border-transparent px-0.5 pb-2.5 text-sm font-medium text-slate-500 hover:border-slate-300 hover:text-slate-800"
	tabCountOn   = "rounded-full bg-indigo-50 px-1.5 py-px text-xs tabular-nums text-indigo-700"
	tabCountOff  = "rounded-full bg-slate-100 px-1.5 py-px text-xs tabular-nums text-slate-600"
	chipOn       = "chip chip-on"
	chipOff      = "chip"
	switchOn     = "mi justify-between gap-3 bg-indigo-50 text-indigo-800"
	switchOff    = "mi justify-between gap-3"
	menuDown     = "rm-m"
	menuUp       = "rm-m rm-up"
	fieldClass   = "input mt-1.5"
	fieldInvalid = "input input-invalid mt-1.5"
	selectField  = "select mt-1.5"
	selectBad    = "select input-invalid mt-1.5"
)

func tabClass(on bool) string      { return pick(on, tabOn, tabOff) }
func tabCountClass(on bool) string { return pick(on, tabCountOn, tabCountOff) }
func chipClass(on bool) string     { return pick(on, chipOn, chipOff) }
func switchClass(on bool) string   { return pick(on, switchOn, switchOff) }
func menuClass(up bool) string     { return pick(up, menuUp, menuDown) }
func inputClass(err string) string { return pick(err != "", fieldInvalid, fieldClass) }
func selectClass(err string) string {
	return pick(err != "", selectBad, selectField)
}

func pick(on bool, a, b string) string {
	if on {
		return a
	}
	return b
}

func idString(id int64) string { return strconv.FormatInt(id, 10) }

// bulkURL is the address of a bulk action of an event's list.
func bulkURL(eventID int64, action string) string { return usersBase(eventID) + "/" + action }

// firstPost is the action of a row's POST form: its first POST action (each
// button names its own with formaction).
func firstPost(as []ActionVM) string {
	for _, a := range as {
		if !a.Get {
			return a.URL
		}
	}
	return ""
}

func formTestID(f FormVM) string { return pick(f.Edit, "edit-form", "invite-form") }

func emptyBody(v View) string {
	switch v {
	case ViewSpeakers:
		return "Invite a speaker, or tick Speaker when editing someone already in the event."
	case ViewModerators:
		return "Invite a moderator, or tick Moderator when editing someone already in the event."
	}
	return "Invite people one by one; they appear here with their registration status."
}
