-- Councils, their bodies, institutions, participants and designations by mayor's order.
CREATE TABLE councils (
    id               TEXT    NOT NULL PRIMARY KEY,
    name             TEXT    NOT NULL,
    kind             INTEGER NOT NULL,
    controller_name  TEXT    NOT NULL,
    coordinator_name TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    created_by       TEXT    NOT NULL
);

CREATE TABLE council_communes (
    council_id TEXT NOT NULL REFERENCES councils (id),
    insee_code TEXT NOT NULL,
    PRIMARY KEY (council_id, insee_code)
);

CREATE TABLE council_groups (
    id         TEXT    NOT NULL PRIMARY KEY,
    council_id TEXT    NOT NULL REFERENCES councils (id),
    name       TEXT    NOT NULL,
    kind       INTEGER NOT NULL,
    created_at TEXT    NOT NULL,
    closed_at  TEXT    NULL,
    UNIQUE (council_id, name)
);

CREATE TABLE institutions (
    id         TEXT    NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    kind       INTEGER NOT NULL,
    siret      TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);

CREATE TABLE participants (
    id             TEXT NOT NULL PRIMARY KEY,
    full_name      TEXT NOT NULL,
    job_function   TEXT NOT NULL,
    institution_id TEXT NOT NULL REFERENCES institutions (id),
    email          TEXT NOT NULL,
    created_at     TEXT NOT NULL
);

CREATE TABLE participant_subjects (
    subject        TEXT NOT NULL PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES participants (id)
);

CREATE TABLE designations (
    id                TEXT    NOT NULL PRIMARY KEY,
    participant_id    TEXT    NOT NULL REFERENCES participants (id),
    group_id          TEXT    NOT NULL REFERENCES council_groups (id),
    council_id        TEXT    NOT NULL REFERENCES councils (id),
    role              INTEGER NOT NULL,
    order_number      TEXT    NOT NULL,
    order_date        TEXT    NOT NULL,
    order_signed_by   TEXT    NOT NULL,
    valid_from        TEXT    NOT NULL,
    valid_to          TEXT    NOT NULL,
    meeting_id        TEXT    NOT NULL,
    case_ref          TEXT    NOT NULL,
    measure_ref       TEXT    NOT NULL,
    revoked_at        TEXT    NULL,
    revocation_reason TEXT    NULL,
    created_at        TEXT    NOT NULL,
    created_by        TEXT    NOT NULL
);

CREATE INDEX ix_designations_participant ON designations (participant_id, valid_from);
CREATE INDEX ix_designations_group ON designations (group_id, valid_from);
