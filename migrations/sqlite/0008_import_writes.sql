-- +goose Up
-- A bulk import writes hundreds of thousands of participations at once:
-- every index a row pays is paid that many times. These go without losing
-- anything:
--
-- * (event_id, created_at, id) and (event_id, sort_name, id) are prefixes of
--   the covering search indexes of 0003, which serve the same orders.
DROP INDEX participations_event_created_idx;
DROP INDEX participations_event_name_idx;

-- * The last email and the import batch are looked up by value only (a
--   deleted email or batch sets them to NULL): rows without one need no
--   index entry.
DROP INDEX participations_last_email_idx;
CREATE INDEX participations_last_email_idx ON participations (last_email_id) WHERE last_email_id IS NOT NULL;
DROP INDEX participations_import_batch_idx;
CREATE INDEX participations_import_batch_idx ON participations (import_batch_id) WHERE import_batch_id IS NOT NULL;

-- +goose Down
DROP INDEX participations_import_batch_idx;
CREATE INDEX participations_import_batch_idx ON participations (import_batch_id);
DROP INDEX participations_last_email_idx;
CREATE INDEX participations_last_email_idx ON participations (last_email_id);
CREATE INDEX participations_event_name_idx ON participations (event_id, sort_name, id);
CREATE INDEX participations_event_created_idx ON participations (event_id, created_at, id);
