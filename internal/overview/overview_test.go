package overview_test

import (
	"context"
	"testing"
	"time"

	"roster/internal/apperr"
	"roster/internal/auth"
	"roster/internal/classroom"
	"roster/internal/database"
	"roster/internal/dbtest"
	"roster/internal/demo"
	"roster/internal/overview"
	"roster/internal/partner"
)

func TestOverviewIsScopedAndSearchFoldsAccents(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		res, err := demo.Seed(ctx, db, demo.Options{PartnerName: "Demo", Now: time.Now().UTC(), Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		var other partner.Partner
		if err := db.InTx(ctx, func(tx database.Tx) error { other, err = partner.CreateTx(ctx, tx, "Other"); return err }); err != nil {
			t.Fatal(err)
		}
		svc := overview.NewService(db)
		mine := auth.Principal{StaffID: 1, PartnerID: res.PartnerID, Role: auth.RoleAdmin}
		theirs := auth.Principal{StaffID: 2, PartnerID: other.ID, Role: auth.RoleAdmin}

		c, err := svc.Counts(ctx, mine)
		if err != nil || c.Participants != int64(res.Participants) || c.Events != 2 || c.Courses != 6 || c.Staff != 5 {
			t.Fatalf("counts %+v (%v), demo %+v", c, err, res)
		}
		if c, _ := svc.Counts(ctx, theirs); c != (overview.Counts{}) {
			t.Fatalf("another partner sees %+v", c)
		}
		cls := classroom.NewService(classroom.Deps{DB: db})
		courses, _, err := cls.Courses(ctx, mine, classroom.CourseFilter{})
		if err != nil || len(courses) != 6 {
			t.Fatalf("courses: %v %v", courses, err)
		}
		active := 0
		for _, c := range courses {
			if c.ActiveUntil != nil {
				active++
			}
		}
		if active != 4 {
			t.Errorf("%d active courses, want 4", active)
		}
		if gs, err := svc.Groups(ctx, mine, ""); err != nil || len(gs) != 12 {
			t.Fatalf("groups: %d %v", len(gs), err)
		}
		if us, page, err := cls.Users(ctx, mine, classroom.UserFilter{}); err != nil || page.Total != 80 || len(us) != classroom.DefaultLimit {
			t.Fatalf("classroom users: %d of %d, %v", len(us), page.Total, err)
		}
		// The service checks the role itself.
		organizer := auth.Principal{StaffID: 3, PartnerID: res.PartnerID, Role: auth.RoleOrganizer}
		if _, _, err := cls.Courses(ctx, organizer, classroom.CourseFilter{}); !apperr.Is(err, apperr.CodeForbidden) {
			t.Fatalf("an organizer reads courses: %v", err)
		}
	})
}
