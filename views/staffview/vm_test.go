package staffview

import "testing"

func TestMarkSelected(t *testing.T) {
	t.Parallel()
	in := []Option{{Value: "a", Label: "A", Selected: true}, {Value: "b", Label: "B"}}
	got := MarkSelected(in, "b")
	if got[0].Selected || !got[1].Selected {
		t.Fatalf("MarkSelected = %+v", got)
	}
	if !in[0].Selected || in[1].Selected {
		t.Fatal("MarkSelected changed its input")
	}
}

func TestStatusKind(t *testing.T) {
	t.Parallel()
	for status, want := range map[string]string{"active": "green", "invited": "amber", "disabled": "neutral", "weird": "neutral"} {
		if got := StatusKind(status); got != want {
			t.Errorf("StatusKind(%q) = %q, want %q", status, got, want)
		}
	}
}

func TestRowHelpers(t *testing.T) {
	t.Parallel()
	r := RowVM{ID: 7, Name: "Grace", Status: StatusDisabled, CanManage: true}
	if r.DOMID() != "staff-7" || r.roleURL() != "/staff/7/role" || r.enableURL() != "/staff/7/enable" || r.disableURL() != "/staff/7/disable" {
		t.Fatalf("ids/urls: %s %s", r.DOMID(), r.roleURL())
	}
	if !r.Actionable() || !r.Disabled() {
		t.Fatal("Actionable/Disabled")
	}
	r.IsSelf = true
	if r.Actionable() {
		t.Fatal("own row is actionable")
	}
	rows := rowsWithToken([]RowVM{{ID: 1}, {ID: 2, CSRFToken: "own"}}, "page")
	if rows[0].CSRFToken != "page" || rows[1].CSRFToken != "own" {
		t.Fatalf("rowsWithToken = %+v", rows)
	}
}
