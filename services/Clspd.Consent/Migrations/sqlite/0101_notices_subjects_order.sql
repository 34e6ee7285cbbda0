-- Order of the history: the change-feed revision of each informing and decision ("latest wins"
-- follows it, never a timestamp that can tie). Rows written before this script keep 0 and sort first.
ALTER TABLE informings ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE decisions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
-- In which capacity the decider decided (0 = not recorded, rows before this script).
ALTER TABLE decisions ADD COLUMN decider_role INTEGER NOT NULL DEFAULT 0;
CREATE INDEX ix_decisions_revision ON decisions (subject_ref, revision);
CREATE INDEX ix_informings_revision ON informings (subject_ref, revision);

-- Subjects: opaque references only (no names), kept in sync by records.
CREATE TABLE subjects (
    subject_ref TEXT    NOT NULL PRIMARY KEY,
    minor_until TEXT    NULL,
    updated_by  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    revision    INTEGER NOT NULL
);

CREATE TABLE subject_representatives (
    subject_ref TEXT NOT NULL,
    party_ref   TEXT NOT NULL,
    PRIMARY KEY (subject_ref, party_ref)
);

CREATE TABLE subject_groups (
    subject_ref TEXT NOT NULL,
    group_id    TEXT NOT NULL,
    PRIMARY KEY (subject_ref, group_id)
);

-- Information notices (CON-1): drafts are editable, published versions never change.
CREATE TABLE notices (
    id                     TEXT    NOT NULL PRIMARY KEY,
    council_id             TEXT    NOT NULL,
    status                 INTEGER NOT NULL,
    version                INTEGER NOT NULL,
    title                  TEXT    NOT NULL,
    controller             TEXT    NOT NULL,
    purposes               TEXT    NOT NULL,
    recipients             TEXT    NOT NULL,
    retention              TEXT    NOT NULL,
    legal_basis            TEXT    NOT NULL,
    rights                 TEXT    NOT NULL,
    rights_contact         TEXT    NOT NULL,
    dpo_contact            TEXT    NOT NULL,
    cnil_complaint         TEXT    NOT NULL,
    additional_information TEXT    NOT NULL,
    created_by             TEXT    NOT NULL,
    created_at             TEXT    NOT NULL,
    updated_at             TEXT    NOT NULL,
    published_by           TEXT    NULL,
    published_at           TEXT    NULL
);
CREATE INDEX ix_notices_council ON notices (council_id, status, version);
CREATE UNIQUE INDEX ux_notices_council_version ON notices (council_id, version) WHERE status = 2;
