-- +goose Up
-- SQLite has no trigram index: a substring search scans the event's rows.
-- These indexes carry search_text so that the scan reads only the index (in
-- the list's order), never the table.
CREATE INDEX participations_event_created_search_idx ON participations (event_id, created_at, id, search_text);
CREATE INDEX participations_event_name_search_idx ON participations (event_id, sort_name, id, search_text);

-- +goose Down
DROP INDEX participations_event_name_search_idx;
DROP INDEX participations_event_created_search_idx;
