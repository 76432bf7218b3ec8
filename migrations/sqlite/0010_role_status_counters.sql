-- +goose Up
-- Counters of the speakers and of the moderators per status, so that the
-- status chips of the Speakers and Moderators pages (and of a role filter)
-- show numbers, maintained like the others (participation.countDeltas).
-- The checks are edited in place, as in 0009 (SQLite cannot ALTER a
-- constraint; https://sqlite.org/lang_altertable.html); no value list of
-- three or more (schematest.TestSQLiteChecksWithoutValueLists).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'CHECK (dimension IN (''status'', ''role''))',
    'CHECK ((dimension = ''status'' OR dimension = ''role'' OR dimension = ''speaker_status'' OR dimension = ''moderator_status''))'),
    '(dimension = ''status'' AND (value',
    '((dimension = ''status'' OR dimension = ''speaker_status'' OR dimension = ''moderator_status'') AND (value')
WHERE type = 'table' AND name = 'participation_counters';
PRAGMA writable_schema = RESET;
CREATE TABLE schema_reload (x INTEGER);
DROP TABLE schema_reload;
INSERT INTO participation_counters (partner_id, event_id, dimension, value, count)
SELECT partner_id, event_id, 'speaker_status', status, count(*) FROM participations WHERE is_speaker
GROUP BY partner_id, event_id, status;
INSERT INTO participation_counters (partner_id, event_id, dimension, value, count)
SELECT partner_id, event_id, 'moderator_status', status, count(*) FROM participations WHERE is_moderator
GROUP BY partner_id, event_id, status;

-- +goose Down
DELETE FROM participation_counters WHERE dimension = 'speaker_status' OR dimension = 'moderator_status';
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'CHECK ((dimension = ''status'' OR dimension = ''role'' OR dimension = ''speaker_status'' OR dimension = ''moderator_status''))',
    'CHECK (dimension IN (''status'', ''role''))'),
    '((dimension = ''status'' OR dimension = ''speaker_status'' OR dimension = ''moderator_status'') AND (value',
    '(dimension = ''status'' AND (value')
WHERE type = 'table' AND name = 'participation_counters';
PRAGMA writable_schema = RESET;
CREATE TABLE schema_reload (x INTEGER);
DROP TABLE schema_reload;
