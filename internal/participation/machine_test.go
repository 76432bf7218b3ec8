package participation

import (
	"strings"
	"testing"

	"roster/internal/apperr"
)

var abbrev = map[string]Detail{
	"inv": DetailInvited, "invr": DetailInvitedToRegister, "conf": DetailConfirmedEmail, "noconf": DetailNoConfirmation,
	"pre": DetailPreEventVisit, "dur": DetailDuringEventVisit, "sso": DetailSSOLogin, "unreg": DetailUnregistered, "blk": DetailBlocked,
}

func st(d Detail) State { return State{Exists: true, Status: d.Status(), Detail: d} }

// The whole machine for an event without registration form or email
// confirmation: every (state, transition) pair, including the refused ones.
//
//	x       refused with a Conflict, nothing changes
//	=       allowed, no change of status, nothing recorded
//	=h      allowed, status unchanged, recorded in the history
//	+t +b -b  chat terms accepted / blocked from chat / unblocked from chat
//	rm      the participation is removed
//	other   the new detailed status (recorded)
func TestMachineEveryStateAndTransition(t *testing.T) {
	t.Parallel()
	terms := st(DetailDuringEventVisit)
	terms.ChatTermsAccepted = true
	chatBlocked := terms
	chatBlocked.ChatBlocked = true
	blocked := st(DetailBlocked)
	blocked.BeforeBlock = DetailConfirmedEmail
	states := []struct {
		name string
		s    State
		row  string
	}{
		//                     invite import send  register confirm before during sso  unreg  block unblock terms chatblk chatunblk remove
		{"none", State{}, "    inv    inv    x     x        x       x      x      sso  x      x     x       x     x       x         x"},
		{"invited", st(DetailInvited), "x x =h noconf x pre dur sso unreg blk x x x x rm"},
		{"invited to register", st(DetailInvitedToRegister), "x x =h noconf x pre dur sso unreg blk x x x x rm"},
		{"confirmed", st(DetailConfirmedEmail), "x x x x x pre dur sso unreg blk x x x x rm"},
		{"registered", st(DetailNoConfirmation), "x x x x x pre dur sso unreg blk x x x x rm"},
		{"pre-event", st(DetailPreEventVisit), "x x x x x = dur = unreg blk x +t x x rm"},
		{"during", st(DetailDuringEventVisit), "x x x x x = = = unreg blk x +t x x rm"},
		{"during, chat terms", terms, "x x x x x = = = unreg blk x = +b x rm"},
		{"during, chat blocked", chatBlocked, "x x x x x = = = unreg blk x = x -b rm"},
		{"sso", st(DetailSSOLogin), "x x x x x pre dur = unreg blk x x x x rm"},
		{"unregistered", st(DetailUnregistered), "x x x noconf x x x sso x blk x x x x x"},
		{"blocked", blocked, "x x x x x x x x x x conf x x x x"},
	}
	m := Machine{}
	for _, row := range states {
		cells := strings.Fields(row.row)
		if len(cells) != len(Triggers) {
			t.Fatalf("%s: %d cells for %d transitions", row.name, len(cells), len(Triggers))
		}
		for i, tr := range Triggers {
			want := cells[i]
			t.Run(row.name+"/"+string(tr), func(t *testing.T) {
				step, err := m.Apply(row.s, tr)
				if want == "x" {
					if !apperr.Is(err, apperr.CodeConflict) {
						t.Fatalf("want a refusal (409), got %v %+v", err, step)
					}
					return
				}
				if err != nil {
					t.Fatalf("want %s, refused: %v", want, err)
				}
				next := step.Next
				switch want {
				case "=":
					if step.Record || next.Status != row.s.Status || next.Detail != row.s.Detail || step.Removed {
						t.Fatalf("want no change, got %+v", step)
					}
				case "=h":
					if !step.Record || next.Detail != row.s.Detail {
						t.Fatalf("want a recorded no-change, got %+v", step)
					}
				case "+t":
					if !next.ChatTermsAccepted || step.Record || next.Detail != row.s.Detail {
						t.Fatalf("want terms accepted, got %+v", step)
					}
				case "+b":
					if !next.ChatBlocked || next.Detail != row.s.Detail {
						t.Fatalf("want chat blocked, got %+v", step)
					}
				case "-b":
					if next.ChatBlocked || next.Detail != row.s.Detail {
						t.Fatalf("want chat unblocked, got %+v", step)
					}
				case "rm":
					if !step.Removed {
						t.Fatalf("want removed, got %+v", step)
					}
				default:
					d, ok := abbrev[want]
					if !ok {
						t.Fatalf("bad table cell %q", want)
					}
					if !step.Record || next.Detail != d || next.Status != d.Status() || !next.Exists || step.Cause == "" {
						t.Fatalf("want %s (recorded), got %+v", d, step)
					}
				}
			})
		}
	}
}

func TestMachineFollowsTheEventRules(t *testing.T) {
	t.Parallel()
	form := Machine{Rules: Rules{RegistrationForm: true}}
	if s, _ := form.Invite(State{}); s.Next.Detail != DetailInvitedToRegister || s.Cause != CauseInvite {
		t.Fatalf("with a registration form, invitees are invited to register: %+v", s)
	}
	if s, _ := form.Import(State{}); s.Next.Detail != DetailInvitedToRegister || s.Cause != CauseImport {
		t.Fatalf("import: %+v", s)
	}
	confirm := Machine{Rules: Rules{RegistrationForm: true, EmailConfirmation: true}}
	s, err := confirm.Register(st(DetailInvitedToRegister))
	if err != nil || s.Next.Status != StatusInvited || !s.Record || s.Cause != CauseRegister {
		t.Fatalf("registering with confirmation required stays Invited until confirmed: %+v %v", s, err)
	}
	s, err = confirm.ConfirmEmail(s.Next)
	if err != nil || s.Next.Detail != DetailConfirmedEmail || s.Cause != CauseConfirmEmail {
		t.Fatalf("confirm: %+v %v", s, err)
	}
	if _, err := confirm.ConfirmEmail(s.Next); !apperr.Is(err, apperr.CodeConflict) {
		t.Fatal("a confirmed registration cannot confirm again")
	}
	// Block remembers where the person was; unblock returns them there.
	b, _ := confirm.Block(st(DetailPreEventVisit))
	if b.Next.BeforeBlock != DetailPreEventVisit || b.Cause != CauseBlock {
		t.Fatalf("block: %+v", b)
	}
	u, _ := confirm.Unblock(b.Next)
	if u.Next.Detail != DetailPreEventVisit || u.Next.BeforeBlock != "" || u.Cause != CauseUnblock {
		t.Fatalf("unblock: %+v", u)
	}
	// Without a remembered status, unblocking returns to Invited.
	u, _ = confirm.Unblock(st(DetailBlocked))
	if u.Next.Detail != DetailInvitedToRegister {
		t.Fatalf("unblock without history: %+v", u)
	}
	// Refusals say why, naming the current status.
	_, err = Machine{}.SendInvitation(st(DetailConfirmedEmail))
	if err == nil || !strings.Contains(err.Error(), "Registered") {
		t.Fatalf("refusal message: %v", err)
	}
	if _, err := (Machine{}).Apply(State{}, "teleport"); err == nil {
		t.Fatal("an unknown transition is an error")
	}
}

func TestDetailsBelongToTheirStatus(t *testing.T) {
	t.Parallel()
	for _, d := range Details {
		if !d.Status().Valid() || d.Label() == string(d) {
			t.Errorf("%s: status %q label %q", d, d.Status(), d.Label())
		}
	}
	for _, s := range Statuses {
		if s.Label() == string(s) && s != StatusBlocked {
			t.Errorf("%s has no label", s)
		}
	}
}
