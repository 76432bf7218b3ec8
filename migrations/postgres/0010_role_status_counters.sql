-- +goose Up
-- Counters of the speakers and of the moderators per status, so that the
-- status chips of the Speakers and Moderators pages (and of a role filter)
-- show numbers, maintained like the others (participation.countDeltas).
ALTER TABLE participation_counters DROP CONSTRAINT participation_counters_dimension_check;
ALTER TABLE participation_counters DROP CONSTRAINT participation_counters_value_check;
ALTER TABLE participation_counters ADD CONSTRAINT participation_counters_dimension_check
    CHECK (dimension IN ('status', 'role', 'speaker_status', 'moderator_status'));
ALTER TABLE participation_counters ADD CONSTRAINT participation_counters_value_check CHECK (
    (dimension IN ('status', 'speaker_status', 'moderator_status')
        AND value IN ('invited', 'registered', 'attended', 'sso_login', 'unregistered', 'blocked'))
    OR (dimension = 'role' AND value IN ('attendee', 'speaker', 'moderator'))
);
INSERT INTO participation_counters (partner_id, event_id, dimension, value, count)
SELECT partner_id, event_id, 'speaker_status', status, count(*) FROM participations WHERE is_speaker
GROUP BY partner_id, event_id, status;
INSERT INTO participation_counters (partner_id, event_id, dimension, value, count)
SELECT partner_id, event_id, 'moderator_status', status, count(*) FROM participations WHERE is_moderator
GROUP BY partner_id, event_id, status;

-- +goose Down
DELETE FROM participation_counters WHERE dimension IN ('speaker_status', 'moderator_status');
ALTER TABLE participation_counters DROP CONSTRAINT participation_counters_dimension_check;
ALTER TABLE participation_counters DROP CONSTRAINT participation_counters_value_check;
ALTER TABLE participation_counters ADD CONSTRAINT participation_counters_dimension_check CHECK (dimension IN ('status', 'role'));
ALTER TABLE participation_counters ADD CONSTRAINT participation_counters_value_check CHECK (
    (dimension = 'status' AND value IN ('invited', 'registered', 'attended', 'sso_login', 'unregistered', 'blocked'))
    OR (dimension = 'role' AND value IN ('attendee', 'speaker', 'moderator'))
);
