package classroomsiteview

import "testing"

func TestSize(t *testing.T) {
	t.Parallel()
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1024: "1 KB", 2000: "2 KB", 5 << 20: "5.0 MB", 2516582: "2.4 MB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestProblemBack(t *testing.T) {
	t.Parallel()
	if href, label := (ProblemVM{Status: 410}).Back(); href != "/c/login" || label != "Sign in to the classroom" {
		t.Errorf("signed out: %s %s", href, label)
	}
	if href, _ := (ProblemVM{Status: 403, Header: &HeaderVM{Name: "Ann"}}).Back(); href != "/c/courses" {
		t.Errorf("signed in: %s", href)
	}
	if CourseURL(7) != "/c/courses/7" {
		t.Error(CourseURL(7))
	}
}
