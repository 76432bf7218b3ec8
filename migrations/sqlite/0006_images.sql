-- +goose Up
-- Profile images, re-encoded (a large and a small square), in the database
-- so that every replica serves what any of them stored. The name is random
-- (128 bits, hex) and shared by the variants of one image.
CREATE TABLE images (
    partner_id   INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    variant      TEXT NOT NULL CHECK (variant IN ('large', 'small')),
    content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    data         BLOB NOT NULL,
    sha256       TEXT NOT NULL,
    created_at   DATETIME NOT NULL,
    PRIMARY KEY (name, variant)
);
CREATE INDEX images_partner_id_idx ON images (partner_id);

-- +goose Down
DROP TABLE images;
