-- Councils, their bodies, institutions, participants and designations by mayor's order.
CREATE TABLE councils (
    id               TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_councils PRIMARY KEY,
    name             TEXT COLLATE "C"     NOT NULL,
    kind             INTEGER               NOT NULL,
    controller_name  TEXT COLLATE "C"     NOT NULL,
    coordinator_name TEXT COLLATE "C"     NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    created_by       TEXT COLLATE "C"     NOT NULL
);
CREATE TABLE council_communes (
    council_id TEXT COLLATE "C" NOT NULL CONSTRAINT FK_council_communes_council REFERENCES councils (id),
    insee_code TEXT COLLATE "C"     NOT NULL,
    CONSTRAINT PK_council_communes PRIMARY KEY (council_id, insee_code)
);
CREATE TABLE council_groups (
    id         TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_council_groups PRIMARY KEY,
    council_id TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_council_groups_council REFERENCES councils (id),
    name       TEXT COLLATE "C"     NOT NULL,
    kind       INTEGER               NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    closed_at  TIMESTAMPTZ NULL,
    CONSTRAINT UQ_council_groups_name UNIQUE (council_id, name)
);
CREATE TABLE institutions (
    id         TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_institutions PRIMARY KEY,
    name       TEXT COLLATE "C"     NOT NULL CONSTRAINT UQ_institutions_name UNIQUE,
    kind       INTEGER               NOT NULL,
    siret      TEXT COLLATE "C"       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE participants (
    id             TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_participants PRIMARY KEY,
    full_name      TEXT COLLATE "C"     NOT NULL,
    job_function   TEXT COLLATE "C"     NOT NULL,
    institution_id TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_participants_institution REFERENCES institutions (id),
    email          TEXT COLLATE "C"     NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE TABLE participant_subjects (
    subject        TEXT COLLATE "C" NOT NULL CONSTRAINT PK_participant_subjects PRIMARY KEY,
    participant_id TEXT COLLATE "C"   NOT NULL CONSTRAINT FK_participant_subjects_participant REFERENCES participants (id)
);
CREATE TABLE designations (
    id                TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_designations PRIMARY KEY,
    participant_id    TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_designations_participant REFERENCES participants (id),
    group_id          TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_designations_group REFERENCES council_groups (id),
    council_id        TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_designations_council REFERENCES councils (id),
    role              INTEGER               NOT NULL,
    order_number      TEXT COLLATE "C"      NOT NULL,
    order_date        DATE              NOT NULL,
    order_signed_by   TEXT COLLATE "C"     NOT NULL,
    valid_from        TIMESTAMPTZ NOT NULL,
    valid_to          TIMESTAMPTZ NOT NULL,
    meeting_id        TEXT COLLATE "C"       NOT NULL,
    case_ref          TEXT COLLATE "C"       NOT NULL,
    measure_ref       TEXT COLLATE "C"       NOT NULL,
    revoked_at        TIMESTAMPTZ NULL,
    revocation_reason TEXT COLLATE "C"     NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    created_by        TEXT COLLATE "C"     NOT NULL
);
CREATE INDEX IX_designations_participant ON designations (participant_id, valid_from);
CREATE INDEX IX_designations_group ON designations (group_id, valid_from);
