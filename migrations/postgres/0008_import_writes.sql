-- +goose Up
-- A bulk import writes hundreds of thousands of participations at once:
-- every index and foreign-key check a row pays is paid that many times.
-- These go without losing anything:
--
-- * participations.partner_id and participation_history.partner_id keep
--   their own foreign key to partners, although the participation's
--   composite keys to its event and person (and the history's key to its
--   participation) already tie each row to an existing partner and remove it
--   with the partner.
ALTER TABLE participations DROP CONSTRAINT participations_partner_id_fkey;
ALTER TABLE participation_history DROP CONSTRAINT participation_history_partner_id_fkey;

-- * One unique index, person first, serves both "one participation per
--   person and event" and the lookups by person (deletion, a person's
--   events), which had an index of their own.
ALTER TABLE participations ADD CONSTRAINT participations_person_event_key UNIQUE (person_id, event_id);
ALTER TABLE participations DROP CONSTRAINT participations_event_person_key;
DROP INDEX participations_person_idx;

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
CREATE INDEX participations_person_idx ON participations (person_id);
ALTER TABLE participations ADD CONSTRAINT participations_event_person_key UNIQUE (event_id, person_id);
ALTER TABLE participations DROP CONSTRAINT participations_person_event_key;
ALTER TABLE participation_history ADD CONSTRAINT participation_history_partner_id_fkey FOREIGN KEY (partner_id) REFERENCES partners (id) ON DELETE CASCADE;
ALTER TABLE participations ADD CONSTRAINT participations_partner_id_fkey FOREIGN KEY (partner_id) REFERENCES partners (id) ON DELETE CASCADE;
