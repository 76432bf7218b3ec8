package emails

import (
	"strconv"
	"strings"
	"time"

	// The event's zone must resolve even on hosts without a zoneinfo database.
	_ "time/tzdata"
)

// dateStyle is how one language writes dates and times.
type dateStyle struct {
	weekdays [7]string  // indexed by time.Weekday (Sunday first)
	months   [12]string // in the form the patterns need (genitive, partitive, "de …")
	// full and short are date patterns with {W} weekday, {D} day, {M} month
	// name, {N} month number and {Y} year; short has no weekday.
	full, short string
	day1        string // how the first of the month is written, when not "1" ("1er")
	clockSep    string // between hours and minutes: ":", ".", " h "
	padHour     bool   // 09:00 rather than 9:00
	at          string // between the date and the time
	expiryFull  bool   // the expiry sentence needs the weekday (Italian, Catalan articles)
}

// zoneOf loads the event's zone; an empty, unknown or host-dependent name
// falls back to UTC.
func zoneOf(name string) *time.Location {
	if name == "" || name == "Local" {
		return time.UTC
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// zoneLabel names the zone and its offset at t: "Europe/Berlin, UTC+1".
func zoneLabel(loc *time.Location, t time.Time) string {
	name := loc.String()
	_, off := t.In(loc).Zone()
	if name == "UTC" && off == 0 {
		return "UTC"
	}
	return strings.ReplaceAll(name, "_", " ") + ", " + utcOffset(off)
}

// utcOffset writes an offset in seconds as "UTC+1", "UTC+5:30", "UTC-3".
func utcOffset(off int) string {
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	s := "UTC" + sign + strconv.Itoa(off/3600)
	if m := off % 3600 / 60; m != 0 {
		s += ":" + twoDigits(m)
	}
	return s
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// date writes t's calendar day (t already in the event's zone).
func (s *dateStyle) date(t time.Time, withWeekday bool) string {
	pattern := s.short
	if withWeekday {
		pattern = s.full
	}
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 && s.day1 != "" {
		day = s.day1
	}
	return strings.NewReplacer(
		"{W}", s.weekdays[t.Weekday()],
		"{D}", day,
		"{M}", s.months[t.Month()-1],
		"{N}", strconv.Itoa(int(t.Month())),
		"{Y}", strconv.Itoa(t.Year()),
	).Replace(pattern)
}

// clock writes t's time of day, 24-hour.
func (s *dateStyle) clock(t time.Time) string {
	h := strconv.Itoa(t.Hour())
	if s.padHour {
		h = twoDigits(t.Hour())
	}
	return h + s.clockSep + twoDigits(t.Minute())
}

// when writes an event's time span in loc and names the zone separately:
// "Tuesday, 1 December 2026, 09:00–17:00" and "Europe/Berlin, UTC+1".
// A zero or non-positive end shows the start alone.
func (s *dateStyle) when(start, end time.Time, loc *time.Location) (span, zone string) {
	a := start.In(loc)
	span = s.date(a, true) + s.at + s.clock(a)
	if !end.IsZero() && end.After(start) {
		b := end.In(loc)
		if a.Year() == b.Year() && a.YearDay() == b.YearDay() {
			span += "–" + s.clock(b)
		} else {
			span += " – " + s.date(b, true) + s.at + s.clock(b)
		}
	}
	return span, zoneLabel(loc, start)
}

// moment writes a single instant for the expiry sentence, without the
// weekday unless the language's grammar wants one.
func (s *dateStyle) moment(t time.Time, loc *time.Location) (text, zone string) {
	a := t.In(loc)
	return s.date(a, s.expiryFull) + s.at + s.clock(a), zoneLabel(loc, t)
}

var (
	enDates = dateStyle{
		weekdays: [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		months:   [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		full:     "{W}, {D} {M} {Y}", short: "{D} {M} {Y}",
		clockSep: ":", padHour: true, at: ", ",
	}
	deDates = dateStyle{
		weekdays: [7]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"},
		months:   [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		full:     "{W}, {D}. {M} {Y}", short: "{D}. {M} {Y}",
		clockSep: ":", padHour: true, at: ", ",
	}
	frDates = dateStyle{
		weekdays: [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
		months:   [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		full:     "{W} {D} {M} {Y}", short: "{D} {M} {Y}", day1: "1er",
		clockSep: ":", padHour: true, at: ", ",
	}
	frCADates = func() dateStyle {
		d := frDates
		d.clockSep, d.padHour = "\u00a0h\u00a0", false // 9 h 00
		return d
	}()
	esDates = dateStyle{
		weekdays: [7]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"},
		months:   [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		full:     "{W}, {D} de {M} de {Y}", short: "{D} de {M} de {Y}",
		clockSep: ":", padHour: true, at: ", ",
	}
	nlDates = dateStyle{
		weekdays: [7]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"},
		months:   [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
		full:     "{W} {D} {M} {Y}", short: "{D} {M} {Y}",
		clockSep: ":", padHour: true, at: ", ",
	}
	ruDates = dateStyle{
		weekdays: [7]string{"воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"},
		months:   [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		full:     "{W}, {D} {M} {Y}\u00a0г.", short: "{D} {M} {Y}\u00a0г.",
		clockSep: ":", padHour: true, at: ", ",
	}
	ptBRDates = dateStyle{
		weekdays: [7]string{"domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"},
		months:   [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		full:     "{W}, {D} de {M} de {Y}", short: "{D} de {M} de {Y}", day1: "1º",
		clockSep: ":", padHour: true, at: ", ",
	}
	jaDates = dateStyle{
		weekdays: [7]string{"日", "月", "火", "水", "木", "金", "土"},
		full:     "{Y}年{N}月{D}日({W})", short: "{Y}年{N}月{D}日",
		clockSep: ":", at: " ",
	}
	zhDates = dateStyle{
		weekdays: [7]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"},
		full:     "{Y}年{N}月{D}日 {W}", short: "{Y}年{N}月{D}日",
		clockSep: ":", at: " ",
	}
	fiDates = dateStyle{
		weekdays: [7]string{"sunnuntai", "maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai"},
		months:   [12]string{"tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta", "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"},
		full:     "{W} {D}. {M} {Y}", short: "{D}. {M} {Y}",
		clockSep: ".", at: " klo ",
	}
	itDates = dateStyle{
		weekdays: [7]string{"domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"},
		months:   [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		full:     "{W} {D} {M} {Y}", short: "{D} {M} {Y}", day1: "1º",
		clockSep: ":", padHour: true, at: ", ", expiryFull: true,
	}
	koDates = dateStyle{
		weekdays: [7]string{"일", "월", "화", "수", "목", "금", "토"},
		full:     "{Y}년 {N}월 {D}일 ({W})", short: "{Y}년 {N}월 {D}일",
		clockSep: ":", padHour: true, at: " ",
	}
	arDates = dateStyle{
		weekdays: [7]string{"الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"},
		months:   [12]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
		full:     "{W}، {D} {M} {Y}", short: "{D} {M} {Y}",
		clockSep: ":", padHour: true, at: "، ",
	}
	caDates = dateStyle{
		weekdays: [7]string{"diumenge", "dilluns", "dimarts", "dimecres", "dijous", "divendres", "dissabte"},
		months:   [12]string{"de gener", "de febrer", "de març", "d’abril", "de maig", "de juny", "de juliol", "d’agost", "de setembre", "d’octubre", "de novembre", "de desembre"},
		full:     "{W}, {D} {M} de {Y}", short: "{D} {M} de {Y}",
		clockSep: ":", padHour: true, at: ", ", expiryFull: true,
	}
	daDates = dateStyle{
		weekdays: [7]string{"søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"},
		months:   [12]string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"},
		full:     "{W} den {D}. {M} {Y}", short: "{D}. {M} {Y}",
		clockSep: ".", padHour: true, at: " kl. ",
	}
	srDates = dateStyle{
		weekdays: [7]string{"недеља", "понедељак", "уторак", "среда", "четвртак", "петак", "субота"},
		months:   [12]string{"јануара", "фебруара", "марта", "априла", "маја", "јуна", "јула", "августа", "септембра", "октобра", "новембра", "децембра"},
		full:     "{W}, {D}. {M} {Y}.", short: "{D}. {M} {Y}.",
		clockSep: ":", padHour: true, at: " у ",
	}
	svDates = dateStyle{
		weekdays: [7]string{"söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"},
		months:   [12]string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"},
		full:     "{W} {D} {M} {Y}", short: "{D} {M} {Y}",
		clockSep: ":", padHour: true, at: " kl. ",
	}
)
