-- +goose Up
-- The uploaded file of an import, in chunks, so that whichever replica runs
-- the import job reads the very file that was checked.
CREATE TABLE bulk_files (
    job_id     INTEGER NOT NULL REFERENCES bulk_jobs (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL CHECK (seq >= 0),
    data       BLOB NOT NULL,
    PRIMARY KEY (job_id, seq)
);
-- The check step's report of an import (the flight plan and the file's facts).
ALTER TABLE bulk_jobs ADD COLUMN report_json TEXT NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE bulk_jobs DROP COLUMN report_json;
DROP TABLE bulk_files;
