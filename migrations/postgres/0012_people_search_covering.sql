-- +goose Up
-- SQLite only (a covering index for the People directory's search);
-- PostgreSQL searches people through the trigram index.
SELECT 1;

-- +goose Down
SELECT 1;
