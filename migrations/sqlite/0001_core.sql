-- Roster core schema (SQLite). Keep equivalent to postgres/0001_core.sql:
-- same tables, columns, nullability, CHECKs, keys and indexes.
--
-- Conventions:
--   * ids are INTEGER PRIMARY KEY AUTOINCREMENT (rowid aliases that are never
--     reused, like PostgreSQL identities);
--   * timestamps are DATETIME (the modernc driver reads them as time.Time),
--     written in UTC in one text format, so they sort and compare as text
--     (keyset pagination); CHECKs on time order use julianday();
--   * booleans are INTEGER 0/1 with a CHECK;
--   * every enum is TEXT with a CHECK listing its values;
--   * every table holding a partner's data carries partner_id, and the
--     main parent/child links are composite (partner_id, x_id) foreign keys,
--     so a row can never point at another partner's row.
--   * No comments inside CREATE TABLE bodies, and each column definition on
--     one line: SQLite keeps the statement text, and GORM's migrator parses
--     it (line-wise) to find column nullability.
--   * Table-level constraints always start with CONSTRAINT name (or are the
--     PRIMARY KEY) for the same reason.
--   * No trigram indexes: search is LIKE over the normalised search_text.

-- +goose Up

-- ---------------------------------------------------------------------------
-- Tenancy, staff and their credentials
-- ---------------------------------------------------------------------------

CREATE TABLE partners (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL UNIQUE,
    admin_secret TEXT NOT NULL DEFAULT '',
    user_secret  TEXT NOT NULL DEFAULT '',
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL
);

CREATE TABLE staff (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id    INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    email         TEXT NOT NULL,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'organizer', 'classroom_admin', 'support')),
    password_hash TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('invited', 'active', 'disabled')),
    last_login_at DATETIME,
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL
);
CREATE UNIQUE INDEX staff_email_lower_key ON staff (lower(email));
CREATE INDEX staff_partner_id_idx ON staff (partner_id);

CREATE TABLE staff_sessions (
    id           TEXT NOT NULL PRIMARY KEY,
    staff_id     INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    created_at   DATETIME NOT NULL,
    last_seen_at DATETIME NOT NULL,
    expires_at   DATETIME NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT '',
    revoked_at   DATETIME
);
CREATE INDEX staff_sessions_staff_id_idx ON staff_sessions (staff_id);

CREATE TABLE staff_tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    staff_id   INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    token_hash TEXT NOT NULL UNIQUE,
    expires_at DATETIME NOT NULL,
    used_at    DATETIME,
    created_at DATETIME NOT NULL
);
CREATE INDEX staff_tokens_staff_id_idx ON staff_tokens (staff_id);

CREATE TABLE setup_tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL UNIQUE,
    created_at DATETIME NOT NULL,
    expires_at DATETIME NOT NULL,
    used_at    DATETIME
);

CREATE TABLE login_attempts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    email_lower TEXT NOT NULL,
    ip          TEXT NOT NULL,
    succeeded   INTEGER NOT NULL CHECK (succeeded IN (0, 1)),
    created_at  DATETIME NOT NULL
);
CREATE INDEX login_attempts_email_idx ON login_attempts (email_lower, created_at);
CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, created_at);

-- ---------------------------------------------------------------------------
-- Email outbox and audit log
-- ---------------------------------------------------------------------------

CREATE TABLE emails (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id INTEGER REFERENCES partners (id) ON DELETE CASCADE,
    cause_key  TEXT NOT NULL UNIQUE,
    to_address TEXT NOT NULL,
    subject    TEXT NOT NULL,
    text_body  TEXT NOT NULL,
    html_body  TEXT NOT NULL,
    language   TEXT NOT NULL DEFAULT 'en',
    status     TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'deferred', 'bounced', 'failed')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    sent_at    DATETIME
);
CREATE INDEX emails_partner_created_idx ON emails (partner_id, created_at, id);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id  INTEGER REFERENCES partners (id) ON DELETE CASCADE,
    actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('staff', 'api', 'system', 'person')),
    actor_id    TEXT NOT NULL DEFAULT '',
    actor_label TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,
    target_kind TEXT NOT NULL DEFAULT '',
    target_id   TEXT NOT NULL DEFAULT '',
    before_json TEXT NOT NULL DEFAULT '',
    after_json  TEXT NOT NULL DEFAULT '',
    request_id  TEXT NOT NULL DEFAULT '',
    ip          TEXT NOT NULL DEFAULT '',
    created_at  DATETIME NOT NULL
);
CREATE INDEX audit_log_partner_created_idx ON audit_log (partner_id, created_at, id);

-- ---------------------------------------------------------------------------
-- Persons (the API's "user"): partner-wide identities
-- ---------------------------------------------------------------------------

CREATE TABLE persons (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id    INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    external_id   TEXT NOT NULL,
    email         TEXT NOT NULL,
    first_name    TEXT NOT NULL DEFAULT '',
    last_name     TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    company       TEXT NOT NULL DEFAULT '',
    bio           TEXT NOT NULL DEFAULT '' CHECK (length(bio) <= 2500),
    image_path    TEXT NOT NULL DEFAULT '',
    language      TEXT NOT NULL DEFAULT 'en',
    status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked', 'deleted')),
    login_enabled INTEGER NOT NULL DEFAULT 1 CHECK (login_enabled IN (0, 1)),
    password_hash TEXT NOT NULL DEFAULT '',
    search_text   TEXT NOT NULL DEFAULT '',
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL,
    CONSTRAINT persons_partner_external_id_key UNIQUE (partner_id, external_id),
    CONSTRAINT persons_partner_id_id_key UNIQUE (partner_id, id)
);
CREATE UNIQUE INDEX persons_partner_email_key ON persons (partner_id, lower(email));
CREATE INDEX persons_partner_created_idx ON persons (partner_id, created_at, id);

-- ---------------------------------------------------------------------------
-- Events and their sessions
-- ---------------------------------------------------------------------------

CREATE TABLE events (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id                  INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    name                        TEXT NOT NULL,
    time_zone                   TEXT NOT NULL DEFAULT 'UTC',
    starts_at                   DATETIME NOT NULL,
    ends_at                     DATETIME NOT NULL,
    login_method                TEXT NOT NULL CHECK (login_method IN ('magic_link', 'password', 'sso')),
    registration_form_required  INTEGER NOT NULL DEFAULT 0 CHECK (registration_form_required IN (0, 1)),
    email_confirmation_required INTEGER NOT NULL DEFAULT 0 CHECK (email_confirmation_required IN (0, 1)),
    closed                      INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
    default_language            TEXT NOT NULL DEFAULT 'en',
    outside_groups_allowed      INTEGER NOT NULL DEFAULT 1 CHECK (outside_groups_allowed IN (0, 1)),
    created_at                  DATETIME NOT NULL,
    updated_at                  DATETIME NOT NULL,
    CONSTRAINT events_time_order_check CHECK (julianday(ends_at) >= julianday(starts_at)),
    CONSTRAINT events_closed_sso_check CHECK (NOT closed OR login_method = 'sso'),
    CONSTRAINT events_partner_id_id_key UNIQUE (partner_id, id)
);
CREATE INDEX events_partner_created_idx ON events (partner_id, created_at, id);

CREATE TABLE event_sessions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    event_id   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    starts_at  DATETIME NOT NULL,
    ends_at    DATETIME NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    CONSTRAINT event_sessions_time_order_check CHECK (julianday(ends_at) >= julianday(starts_at)),
    CONSTRAINT event_sessions_event_fk FOREIGN KEY (partner_id, event_id)
        REFERENCES events (partner_id, id) ON DELETE CASCADE
);
CREATE INDEX event_sessions_event_idx ON event_sessions (event_id, starts_at, id);

-- ---------------------------------------------------------------------------
-- Bulk jobs (CSV imports, bulk deletes, exports): each import is a batch
-- with provenance that participations point back to.
-- ---------------------------------------------------------------------------

CREATE TABLE bulk_jobs (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id          INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    event_id            INTEGER,
    kind                TEXT NOT NULL CHECK (kind IN ('invite', 'delete', 'export')),
    status              TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'checking', 'ready', 'running', 'done', 'failed', 'cancelled', 'undone')),
    created_by_staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    file_name           TEXT NOT NULL DEFAULT '',
    file_sha256         TEXT NOT NULL DEFAULT '',
    options_json        TEXT NOT NULL DEFAULT '{}',
    total               INTEGER NOT NULL DEFAULT 0 CHECK (total >= 0),
    processed           INTEGER NOT NULL DEFAULT 0 CHECK (processed >= 0),
    invited             INTEGER NOT NULL DEFAULT 0 CHECK (invited >= 0),
    skipped             INTEGER NOT NULL DEFAULT 0 CHECK (skipped >= 0),
    failed              INTEGER NOT NULL DEFAULT 0 CHECK (failed >= 0),
    error               TEXT NOT NULL DEFAULT '',
    created_at          DATETIME NOT NULL,
    started_at          DATETIME,
    finished_at         DATETIME,
    CONSTRAINT bulk_jobs_event_fk FOREIGN KEY (partner_id, event_id)
        REFERENCES events (partner_id, id) ON DELETE CASCADE
);
CREATE INDEX bulk_jobs_partner_created_idx ON bulk_jobs (partner_id, created_at, id);
CREATE INDEX bulk_jobs_event_created_idx ON bulk_jobs (event_id, created_at, id);
CREATE INDEX bulk_jobs_staff_idx ON bulk_jobs (created_by_staff_id);

-- ---------------------------------------------------------------------------
-- Participations: a person in an event, with roles and registration status
-- ---------------------------------------------------------------------------

CREATE TABLE participations (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id             INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    event_id               INTEGER NOT NULL,
    person_id              INTEGER NOT NULL,
    is_speaker             INTEGER NOT NULL DEFAULT 0 CHECK (is_speaker IN (0, 1)),
    is_moderator           INTEGER NOT NULL DEFAULT 0 CHECK (is_moderator IN (0, 1)),
    status                 TEXT NOT NULL CHECK (status IN ('invited', 'registered', 'attended', 'sso_login', 'unregistered', 'blocked')),
    detailed_status        TEXT NOT NULL CHECK (detailed_status IN ('invited_by_team_member', 'invited_by_team_member_to_register', 'confirmed_email', 'registered_no_confirmation_required', 'pre_event_visit', 'during_event_visit', 'sso_login', 'unregistered', 'blocked')),
    status_at              DATETIME NOT NULL,
    invited_by_staff_id    INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    invited_at             DATETIME,
    email_sent_at          DATETIME,
    delivery_state         TEXT NOT NULL DEFAULT 'none' CHECK (delivery_state IN ('none', 'queued', 'sent', 'deferred', 'bounced')),
    language               TEXT NOT NULL DEFAULT 'en',
    chat_terms_accepted_at DATETIME,
    chat_blocked           INTEGER NOT NULL DEFAULT 0 CHECK (chat_blocked IN (0, 1)),
    import_batch_id        INTEGER REFERENCES bulk_jobs (id) ON DELETE SET NULL,
    search_text            TEXT NOT NULL DEFAULT '',
    created_at             DATETIME NOT NULL,
    updated_at             DATETIME NOT NULL,
    CONSTRAINT participations_status_detail_check CHECK (
        (status = 'invited' AND detailed_status IN ('invited_by_team_member', 'invited_by_team_member_to_register'))
        OR (status = 'registered' AND detailed_status IN ('confirmed_email', 'registered_no_confirmation_required'))
        OR (status = 'attended' AND detailed_status IN ('pre_event_visit', 'during_event_visit'))
        OR (status IN ('sso_login', 'unregistered', 'blocked') AND detailed_status = status)
    ),
    CONSTRAINT participations_event_person_key UNIQUE (event_id, person_id),
    CONSTRAINT participations_event_fk FOREIGN KEY (partner_id, event_id)
        REFERENCES events (partner_id, id) ON DELETE CASCADE,
    CONSTRAINT participations_person_fk FOREIGN KEY (partner_id, person_id)
        REFERENCES persons (partner_id, id) ON DELETE CASCADE
);
CREATE INDEX participations_event_created_idx ON participations (event_id, created_at, id);
CREATE INDEX participations_event_status_created_idx ON participations (event_id, status, created_at, id);
CREATE INDEX participations_person_idx ON participations (person_id);
CREATE INDEX participations_import_batch_idx ON participations (import_batch_id);

-- Every status transition, with its time and cause. from_* are NULL on the
-- entry that created the participation.
CREATE TABLE participation_history (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id           INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    participation_id     INTEGER NOT NULL REFERENCES participations (id) ON DELETE CASCADE,
    from_status          TEXT CHECK (from_status IN ('invited', 'registered', 'attended', 'sso_login', 'unregistered', 'blocked')),
    from_detailed_status TEXT CHECK (from_detailed_status IN ('invited_by_team_member', 'invited_by_team_member_to_register', 'confirmed_email', 'registered_no_confirmation_required', 'pre_event_visit', 'during_event_visit', 'sso_login', 'unregistered', 'blocked')),
    to_status            TEXT NOT NULL CHECK (to_status IN ('invited', 'registered', 'attended', 'sso_login', 'unregistered', 'blocked')),
    to_detailed_status   TEXT NOT NULL CHECK (to_detailed_status IN ('invited_by_team_member', 'invited_by_team_member_to_register', 'confirmed_email', 'registered_no_confirmation_required', 'pre_event_visit', 'during_event_visit', 'sso_login', 'unregistered', 'blocked')),
    cause                TEXT NOT NULL CHECK (cause IN ('invite', 'import', 'register', 'confirm_email', 'visit', 'sso_login', 'unregister', 'block', 'unblock', 'reinvite', 'undo', 'merge')),
    actor_kind           TEXT NOT NULL CHECK (actor_kind IN ('staff', 'api', 'system', 'person')),
    actor_id             TEXT NOT NULL DEFAULT '',
    created_at           DATETIME NOT NULL,
    CONSTRAINT participation_history_from_check CHECK (
        (from_status IS NULL AND from_detailed_status IS NULL)
        OR (from_status IS NOT NULL AND from_detailed_status IS NOT NULL AND (
            (from_status = 'invited' AND from_detailed_status IN ('invited_by_team_member', 'invited_by_team_member_to_register'))
            OR (from_status = 'registered' AND from_detailed_status IN ('confirmed_email', 'registered_no_confirmation_required'))
            OR (from_status = 'attended' AND from_detailed_status IN ('pre_event_visit', 'during_event_visit'))
            OR (from_status IN ('sso_login', 'unregistered', 'blocked') AND from_detailed_status = from_status)
        ))
    ),
    CONSTRAINT participation_history_to_check CHECK (
        (to_status = 'invited' AND to_detailed_status IN ('invited_by_team_member', 'invited_by_team_member_to_register'))
        OR (to_status = 'registered' AND to_detailed_status IN ('confirmed_email', 'registered_no_confirmation_required'))
        OR (to_status = 'attended' AND to_detailed_status IN ('pre_event_visit', 'during_event_visit'))
        OR (to_status IN ('sso_login', 'unregistered', 'blocked') AND to_detailed_status = to_status)
    )
);
CREATE INDEX participation_history_participation_idx ON participation_history (participation_id, created_at, id);

-- Counts per (event, status) and (event, role), updated in the same
-- transaction as every change to participations. Role "attendee" counts
-- every participation.
CREATE TABLE participation_counters (
    partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    event_id   INTEGER NOT NULL,
    dimension  TEXT NOT NULL CHECK (dimension IN ('status', 'role')),
    value      TEXT NOT NULL,
    count      INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
    PRIMARY KEY (event_id, dimension, value),
    CONSTRAINT participation_counters_value_check CHECK (
        (dimension = 'status' AND value IN ('invited', 'registered', 'attended', 'sso_login', 'unregistered', 'blocked'))
        OR (dimension = 'role' AND value IN ('attendee', 'speaker', 'moderator'))
    ),
    CONSTRAINT participation_counters_event_fk FOREIGN KEY (partner_id, event_id)
        REFERENCES events (partner_id, id) ON DELETE CASCADE
);

-- Visits to the event site (pre-event or during the event) and session joins.
CREATE TABLE visits (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id       INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    participation_id INTEGER NOT NULL REFERENCES participations (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind IN ('pre_event', 'during_event', 'session_join')),
    event_session_id INTEGER REFERENCES event_sessions (id) ON DELETE CASCADE,
    user_agent       TEXT NOT NULL DEFAULT '',
    created_at       DATETIME NOT NULL,
    CONSTRAINT visits_session_kind_check CHECK ((kind = 'session_join') = (event_session_id IS NOT NULL))
);
CREATE INDEX visits_participation_idx ON visits (participation_id, created_at, id);
CREATE INDEX visits_event_session_idx ON visits (event_session_id);

-- ---------------------------------------------------------------------------
-- Identity-provider groups (SCIM) and closed-event access
-- ---------------------------------------------------------------------------

CREATE TABLE idp_groups (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id   INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    external_id  TEXT NOT NULL,
    display_name TEXT NOT NULL,
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL,
    CONSTRAINT idp_groups_partner_external_id_key UNIQUE (partner_id, external_id),
    CONSTRAINT idp_groups_partner_id_id_key UNIQUE (partner_id, id)
);
CREATE INDEX idp_groups_partner_name_idx ON idp_groups (partner_id, display_name, id);

CREATE TABLE idp_group_members (
    partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    group_id   INTEGER NOT NULL,
    person_id  INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (group_id, person_id),
    CONSTRAINT idp_group_members_group_fk FOREIGN KEY (partner_id, group_id)
        REFERENCES idp_groups (partner_id, id) ON DELETE CASCADE,
    CONSTRAINT idp_group_members_person_fk FOREIGN KEY (partner_id, person_id)
        REFERENCES persons (partner_id, id) ON DELETE CASCADE
);
CREATE INDEX idp_group_members_person_idx ON idp_group_members (person_id);

CREATE TABLE event_group_access (
    partner_id          INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    event_id            INTEGER NOT NULL,
    group_id            INTEGER NOT NULL,
    granted_by_staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    created_at          DATETIME NOT NULL,
    PRIMARY KEY (event_id, group_id),
    CONSTRAINT event_group_access_event_fk FOREIGN KEY (partner_id, event_id)
        REFERENCES events (partner_id, id) ON DELETE CASCADE,
    CONSTRAINT event_group_access_group_fk FOREIGN KEY (partner_id, group_id)
        REFERENCES idp_groups (partner_id, id) ON DELETE CASCADE
);
CREATE INDEX event_group_access_group_idx ON event_group_access (group_id);

-- ---------------------------------------------------------------------------
-- Virtual classroom: courses, plans, classroom users and enrollments
-- ---------------------------------------------------------------------------

CREATE TABLE courses (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id  INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL,
    CONSTRAINT courses_partner_id_id_key UNIQUE (partner_id, id)
);
CREATE INDEX courses_partner_name_idx ON courses (partner_id, name, id);

-- A course is active while now is within one of its plans.
CREATE TABLE course_plans (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    course_id  INTEGER NOT NULL,
    starts_at  DATETIME NOT NULL,
    ends_at    DATETIME NOT NULL,
    created_at DATETIME NOT NULL,
    CONSTRAINT course_plans_time_order_check CHECK (julianday(ends_at) >= julianday(starts_at)),
    CONSTRAINT course_plans_course_fk FOREIGN KEY (partner_id, course_id)
        REFERENCES courses (partner_id, id) ON DELETE CASCADE
);
CREATE INDEX course_plans_course_idx ON course_plans (course_id, ends_at);

CREATE TABLE classroom_memberships (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id          INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    person_id           INTEGER NOT NULL,
    role                TEXT NOT NULL DEFAULT 'student' CHECK (role IN ('student', 'instructor', 'admin')),
    status              TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'registered')),
    invited_by_staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    invited_at          DATETIME,
    registered_at       DATETIME,
    created_at          DATETIME NOT NULL,
    updated_at          DATETIME NOT NULL,
    CONSTRAINT classroom_memberships_partner_person_key UNIQUE (partner_id, person_id),
    CONSTRAINT classroom_memberships_person_fk FOREIGN KEY (partner_id, person_id)
        REFERENCES persons (partner_id, id) ON DELETE CASCADE
);
CREATE INDEX classroom_memberships_partner_created_idx ON classroom_memberships (partner_id, created_at, id);
CREATE INDEX classroom_memberships_person_idx ON classroom_memberships (person_id);

-- Only classroom users can be enrolled: removing the membership removes
-- the enrollments.
CREATE TABLE enrollments (
    partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    course_id  INTEGER NOT NULL,
    person_id  INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (course_id, person_id),
    CONSTRAINT enrollments_course_fk FOREIGN KEY (partner_id, course_id)
        REFERENCES courses (partner_id, id) ON DELETE CASCADE,
    CONSTRAINT enrollments_membership_fk FOREIGN KEY (partner_id, person_id)
        REFERENCES classroom_memberships (partner_id, person_id) ON DELETE CASCADE
);
CREATE INDEX enrollments_person_idx ON enrollments (person_id);

-- ---------------------------------------------------------------------------
-- Login links and invitation tokens (stored only as SHA-256 hashes)
-- ---------------------------------------------------------------------------

CREATE TABLE login_tokens (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id          INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    person_id           INTEGER NOT NULL,
    event_id            INTEGER,
    participation_id    INTEGER REFERENCES participations (id) ON DELETE CASCADE,
    purpose             TEXT NOT NULL CHECK (purpose IN ('login', 'invitation', 'confirm_email', 'classroom_invite')),
    token_hash          TEXT NOT NULL UNIQUE,
    expires_at          DATETIME NOT NULL,
    used_at             DATETIME,
    revoked_at          DATETIME,
    last_used_at        DATETIME,
    last_used_ip        TEXT NOT NULL DEFAULT '',
    last_used_ua        TEXT NOT NULL DEFAULT '',
    created_by_staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    created_at          DATETIME NOT NULL,
    CONSTRAINT login_tokens_person_fk FOREIGN KEY (partner_id, person_id)
        REFERENCES persons (partner_id, id) ON DELETE CASCADE,
    CONSTRAINT login_tokens_event_fk FOREIGN KEY (partner_id, event_id)
        REFERENCES events (partner_id, id) ON DELETE CASCADE
);
CREATE INDEX login_tokens_person_idx ON login_tokens (person_id, created_at);
CREATE INDEX login_tokens_participation_idx ON login_tokens (participation_id);
CREATE INDEX login_tokens_event_idx ON login_tokens (event_id);

-- ---------------------------------------------------------------------------
-- Full-deletion requests (organisers request, support/admins decide)
-- ---------------------------------------------------------------------------

CREATE TABLE deletion_requests (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id            INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    person_id             INTEGER REFERENCES persons (id) ON DELETE SET NULL,
    full_name             TEXT NOT NULL,
    email                 TEXT NOT NULL,
    origin                TEXT NOT NULL DEFAULT '',
    reason                TEXT NOT NULL DEFAULT '',
    requested_by_staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    status                TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'done')),
    decided_by_staff_id   INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    decided_at            DATETIME,
    created_at            DATETIME NOT NULL
);
CREATE INDEX deletion_requests_partner_status_idx ON deletion_requests (partner_id, status, created_at, id);
CREATE INDEX deletion_requests_person_idx ON deletion_requests (person_id);

-- +goose Down

DROP TABLE IF EXISTS deletion_requests;
DROP TABLE IF EXISTS login_tokens;
DROP TABLE IF EXISTS enrollments;
DROP TABLE IF EXISTS classroom_memberships;
DROP TABLE IF EXISTS course_plans;
DROP TABLE IF EXISTS courses;
DROP TABLE IF EXISTS event_group_access;
DROP TABLE IF EXISTS idp_group_members;
DROP TABLE IF EXISTS idp_groups;
DROP TABLE IF EXISTS visits;
DROP TABLE IF EXISTS participation_counters;
DROP TABLE IF EXISTS participation_history;
DROP TABLE IF EXISTS participations;
DROP TABLE IF EXISTS bulk_jobs;
DROP TABLE IF EXISTS event_sessions;
DROP TABLE IF EXISTS events;
DROP TABLE IF EXISTS persons;
DROP TABLE IF EXISTS audit_log;
DROP TABLE IF EXISTS emails;
DROP TABLE IF EXISTS login_attempts;
DROP TABLE IF EXISTS setup_tokens;
DROP TABLE IF EXISTS staff_tokens;
DROP TABLE IF EXISTS staff_sessions;
DROP TABLE IF EXISTS staff;
DROP TABLE IF EXISTS partners;
