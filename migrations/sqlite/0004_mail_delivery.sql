-- +goose Up
-- The Message-ID an email was sent with (the bounce webhook finds it by this),
-- and the attempt that began its SMTP transaction without recording the
-- outcome yet (see internal/mail: an email is never sent twice).
ALTER TABLE emails ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
ALTER TABLE emails ADD COLUMN sending_attempt INTEGER;
CREATE INDEX emails_message_id_idx ON emails (message_id) WHERE message_id <> '';
-- Each partner's sender name and reply-to address.
ALTER TABLE partners ADD COLUMN mail_from_name TEXT NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN mail_reply_to TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE partners DROP COLUMN mail_reply_to;
ALTER TABLE partners DROP COLUMN mail_from_name;
DROP INDEX emails_message_id_idx;
ALTER TABLE emails DROP COLUMN sending_attempt;
ALTER TABLE emails DROP COLUMN message_id;
