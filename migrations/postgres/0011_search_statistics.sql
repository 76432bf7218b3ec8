-- +goose Up
-- The planner guesses how many rows a substring search (LIKE '%term%')
-- matches from the column's histogram. With the default 100 buckets a
-- common term ("smith": 3% of a million rows) looks as rare as any other,
-- and the planner fetches every match to sort them instead of walking the
-- sort index until a page is full (180 ms instead of 6 ms on a million
-- participants). A thousand buckets tell common terms from rare ones.
ALTER TABLE participations ALTER COLUMN search_text SET STATISTICS 1000;
ALTER TABLE persons ALTER COLUMN search_text SET STATISTICS 1000;
ANALYZE participations;
ANALYZE persons;

-- +goose Down
ALTER TABLE participations ALTER COLUMN search_text SET STATISTICS -1;
ALTER TABLE persons ALTER COLUMN search_text SET STATISTICS -1;
