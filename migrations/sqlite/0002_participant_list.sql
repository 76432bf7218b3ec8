-- +goose Up
-- Sort keys of the All users list, copied from the person (folded name,
-- lower-cased email) so that every sort is an index scan on one table, and
-- the last email sent to the participant (its delivery state shows in the list).
ALTER TABLE participations ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
ALTER TABLE participations ADD COLUMN email_lower TEXT NOT NULL DEFAULT '';
ALTER TABLE participations ADD COLUMN last_email_id INTEGER REFERENCES emails (id) ON DELETE SET NULL;
CREATE INDEX participations_event_name_idx ON participations (event_id, sort_name, id);
CREATE INDEX participations_event_email_idx ON participations (event_id, email_lower, id);
CREATE INDEX participations_event_speakers_idx ON participations (event_id, created_at, id) WHERE is_speaker;
CREATE INDEX participations_event_moderators_idx ON participations (event_id, created_at, id) WHERE is_moderator;
CREATE INDEX participations_last_email_idx ON participations (last_email_id);

-- +goose Down
DROP INDEX participations_last_email_idx;
DROP INDEX participations_event_moderators_idx;
DROP INDEX participations_event_speakers_idx;
DROP INDEX participations_event_email_idx;
DROP INDEX participations_event_name_idx;
ALTER TABLE participations DROP COLUMN last_email_id;
ALTER TABLE participations DROP COLUMN email_lower;
ALTER TABLE participations DROP COLUMN sort_name;
