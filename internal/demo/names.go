package demo

import (
	"strings"

	"roster/internal/people"
)

// name is a person's name with the plain-ASCII form used for their email.
type name struct {
	First, Last           string
	FirstASCII, LastASCII string
}

// asciiFirst and asciiLast are the bulk of the names (plain ASCII).
var asciiFirst = []string{
	"Olivia", "Liam", "Emma", "Noah", "Ava", "Oliver", "Sophia", "Elijah", "Isabella", "James",
	"Mia", "William", "Amelia", "Benjamin", "Harper", "Lucas", "Evelyn", "Henry", "Abigail", "Alexander",
	"Emily", "Daniel", "Charlotte", "Matthew", "Grace", "Samuel", "Hannah", "David", "Lily", "Joseph",
	"Anna", "Lukas", "Lena", "Jonas", "Marie", "Felix", "Laura", "Paul", "Julia", "Leon",
	"Camille", "Hugo", "Louise", "Louis", "Manon", "Arthur", "Sofia", "Mateo", "Lucia", "Pablo",
	"Daan", "Sanne", "Bram", "Fleur", "Ivan", "Olga", "Sergei", "Anastasia", "Joao", "Beatriz",
	"Gabriel", "Larissa", "Haruto", "Yui", "Sota", "Aoi", "Wei", "Mei", "Jun", "Xin",
	"Mikko", "Aino", "Eetu", "Venla", "Giulia", "Marco", "Priya", "Arjun", "Fatima", "Omar",
	"Chen", "Nadia", "Tomas", "Elena", "Victor", "Clara", "Oscar", "Ines", "Adam", "Eva",
}

var asciiLast = []string{
	"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
	"Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White",
	"Harris", "Clark", "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green",
	"Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Klein",
	"Bernard", "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Fernandez", "Lopez", "Sanchez", "Perez",
	"de Jong", "Jansen", "de Vries", "Bakker", "Visser", "Smirnov", "Ivanov", "Kuznetsov", "Popov", "Silva",
	"Santos", "Oliveira", "Souza", "Sato", "Suzuki", "Takahashi", "Tanaka", "Wang", "Li", "Zhang",
	"Liu", "Chen", "Korhonen", "Virtanen", "Nieminen", "Rossi", "Russo", "Ferrari", "Patel", "Khan",
	"Novak", "Horvat", "Kowalski", "Nowak", "Murphy", "Kelly", "O'Brien", "Byrne", "Costa", "Ricci",
}

// unicodeNames are drawn for about 5% of persons: accents, other scripts.
var unicodeNames = []name{
	{"Noël", "Lefèvre", "noel", "lefevre"},
	{"Zoë", "Brontë", "zoe", "bronte"},
	{"雷", "李", "lei", "li"},
	{"Åsa", "Lindström", "asa", "lindstrom"},
	{"Søren", "Kierkegård", "soren", "kierkegard"},
	{"José", "Núñez", "jose", "nunez"},
	{"Jürgen", "Müller", "jurgen", "muller"},
	{"François", "Gaillard", "francois", "gaillard"},
	{"Łukasz", "Wójcik", "lukasz", "wojcik"},
	{"Дмитрий", "Иванов", "dmitry", "ivanov"},
	{"Анна", "Соколова", "anna", "sokolova"},
	{"太郎", "山田", "taro", "yamada"},
	{"花子", "佐藤", "hanako", "sato"},
	{"Chloé", "Rousseau", "chloe", "rousseau"},
	{"Renée", "Côté", "renee", "cote"},
	{"Björk", "Guðmundsdóttir", "bjork", "gudmundsdottir"},
	{"İlkay", "Öztürk", "ilkay", "ozturk"},
	{"Mónica", "García", "monica", "garcia"},
	{"Ingrid", "Østergaard", "ingrid", "ostergaard"},
	{"Väinö", "Mäkelä", "vaino", "makela"},
	{"Siobhán", "Ó Briain", "siobhan", "obriain"},
	{"Thảo", "Nguyễn", "thao", "nguyen"},
	{"美玲", "陳", "meiling", "chen"},
	{"Ζωή", "Παπαδοπούλου", "zoi", "papadopoulou"},
	{"Mārtiņš", "Bērziņš", "martins", "berzins"},
	{"Ana", "Petrović", "ana", "petrovic"},
	{"Laïla", "Benali", "laila", "benali"},
	{"Jérôme", "Fauré", "jerome", "faure"},
}

// companies are fictional organisations, each with a reserved .example domain.
var companies = []struct{ Name, Domain string }{
	{"Northwind Traders", "northwind.example"},
	{"Contoso", "contoso.example"},
	{"Fabrikam", "fabrikam.example"},
	{"Tailspin Toys", "tailspin.example"},
	{"Wingtip Partners", "wingtip.example"},
	{"Adventure Works", "adventure-works.example"},
	{"Litware", "litware.example"},
	{"Proseware", "proseware.example"},
	{"Woodgrove Bank", "woodgrove.example"},
	{"Lucerne Publishing", "lucerne.example"},
	{"Alpine Ski House", "alpineskihouse.example"},
	{"Coho Winery", "cohowinery.example"},
	{"Margie's Travel", "margiestravel.example"},
	{"Trey Research", "treyresearch.example"},
	{"Fourth Coffee", "fourthcoffee.example"},
}

// freemail domains for attendees who register privately.
var freemail = []string{"mail.example", "inbox.example", "example.com", "example.org", "example.net"}

var titles = []string{
	"VP Product", "Staff Engineer", "Head of Data", "CTO", "Principal Designer",
	"Director of Customer Success", "Developer Advocate", "Chief Marketing Officer", "Engineering Manager",
	"Senior Product Manager", "Head of Security", "Research Scientist", "COO", "Solutions Architect",
	"Founder & CEO", "Head of Partnerships", "Data Scientist", "Design Lead",
}

var talkTopics = []string{
	"shipping reliable software at scale", "product discovery that actually changes roadmaps",
	"privacy by design", "building inclusive teams", "the economics of developer platforms",
	"measuring customer outcomes", "incident response without blame", "accessible design systems",
	"pricing experiments", "data contracts", "hybrid events that people enjoy", "open source sustainability",
}

var bioTemplates = []string{
	"%[1]s is %[2]s at %[3]s, where they lead work on %[4]s. Before %[3]s, %[5]s spent a decade in consulting and start-ups. %[5]s speaks regularly about %[4]s and mentors first-time speakers.",
	"As %[2]s at %[3]s, %[1]s helps teams turn ideas into products customers love. %[5]s is known for practical talks on %[4]s, and for asking the best questions in every panel.",
	"%[1]s has been building products for fifteen years and is currently %[2]s at %[3]s. Their focus is %[4]s. Outside work, %[5]s organises a local meetup and runs long distances slowly.",
}

var userAgents = []string{
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
	"Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
	"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0",
}

// weighted is a value with a relative weight.
type weighted[T any] struct {
	V T
	W int
}

// languages are PRODUCT.md §6's BCP 47 codes, weighted for a European-led
// international audience (maintained languages first).
var languages = []weighted[string]{
	{"en", 520}, {"de", 100}, {"fr", 70}, {"es-ES", 50}, {"nl", 40}, {"pt-BR", 40}, {"ja", 30},
	{"zh-Hans", 30}, {"ru", 20}, {"fi", 20}, {"zh-Hant", 10},
	{"it", 15}, {"fr-CA", 10}, {"ko", 8}, {"ar", 6}, {"ca", 4}, {"da", 4}, {"sr", 3}, {"sv", 5},
}

// groupNames are the identity-provider groups synced for the partner.
var groupNames = []string{
	"Engineering", "Product", "Design", "Leadership", "Sales EMEA", "Sales Americas",
	"Marketing", "Customer Success", "Finance", "People Ops", "Legal", "IT Admins",
}

// grantedGroups may enter the closed SSO event.
var grantedGroups = map[string]bool{"Engineering": true, "Product": true, "Design": true, "Leadership": true}

var courses = []struct {
	Name, Description string
	Plan              string // "current", "past" or "none"
}{
	{"Onboarding Essentials", "Everything a new colleague needs in their first month.", "current"},
	{"Advanced Analytics", "From dashboards to experiments: analytics for product teams.", "current"},
	{"Leadership Foundations", "Feedback, delegation and running effective one-to-ones.", "current"},
	{"Secure Coding", "Threat modelling and the OWASP Top 10, hands on.", "current"},
	{"Negotiation Skills", "Preparing, anchoring and closing — with role plays.", "past"},
	{"Business Spanish", "Spanish for meetings, emails and presentations.", "none"},
}

var sessionPlan = []struct {
	Name           string
	Day            int // 0-based day of the event
	StartH, StartM int // UTC
	Minutes        int
}{
	{"Opening keynote", 0, 8, 0, 60},
	{"Roadmap deep dive", 0, 13, 0, 90},
	{"Customer panel: lessons from the field", 1, 9, 30, 60},
	{"Closing keynote and awards", 2, 15, 0, 60},
}

// slug turns a partner name into a DNS label: ASCII letters, digits, hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range people.Fold(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > 40 {
		out = strings.Trim(out[:40], "-")
	}
	if out == "" {
		return "demo"
	}
	return out
}

// emailLocal turns an ASCII name part into an email local part.
func emailLocal(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
