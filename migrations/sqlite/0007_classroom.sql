-- +goose Up
-- Courses can be archived (hidden from the classroom side, kept with their
-- rosters) and are searched, like persons, over a folded name.
ALTER TABLE courses ADD COLUMN archived_at DATETIME;
ALTER TABLE courses ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE courses SET search_text = lower(name);

-- Course files, in the database so that every replica serves what any of
-- them stored.
CREATE TABLE course_files (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id            INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    course_id             INTEGER NOT NULL,
    name                  TEXT NOT NULL,
    content_type          TEXT NOT NULL,
    size_bytes            INTEGER NOT NULL CHECK (size_bytes >= 0),
    sha256                TEXT NOT NULL,
    data                  BLOB NOT NULL,
    uploaded_by_person_id INTEGER REFERENCES persons (id) ON DELETE SET NULL,
    created_at            DATETIME NOT NULL,
    CONSTRAINT course_files_course_fk FOREIGN KEY (partner_id, course_id)
        REFERENCES courses (partner_id, id) ON DELETE CASCADE
);
CREATE INDEX course_files_course_idx ON course_files (course_id, created_at, id);

-- +goose Down
DROP TABLE course_files;
ALTER TABLE courses DROP COLUMN search_text;
ALTER TABLE courses DROP COLUMN archived_at;
