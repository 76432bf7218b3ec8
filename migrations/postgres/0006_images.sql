-- +goose Up
-- Profile images, re-encoded (a large and a small square), in the database
-- so that every replica serves what any of them stored. The name is random
-- (128 bits, hex) and shared by the variants of one image.
CREATE TABLE images (
    partner_id   bigint NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    name         text NOT NULL,
    variant      text NOT NULL CHECK (variant IN ('large', 'small')),
    content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    data         bytea NOT NULL,
    sha256       text NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (name, variant)
);
CREATE INDEX images_partner_id_idx ON images (partner_id);

-- +goose Down
DROP TABLE images;
