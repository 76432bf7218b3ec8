-- +goose Up
-- Nothing to do on PostgreSQL: substring search uses the pg_trgm GIN index
-- on participations.search_text (0001). SQLite gets covering indexes here.
SELECT 1;

-- +goose Down
SELECT 1;
