-- Order of the history: the change-feed revision of each informing and decision ("latest wins"
-- follows it, never a timestamp that can tie). Rows written before this script keep 0 and sort first.
ALTER TABLE informings ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE decisions ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
-- In which capacity the decider decided (0 = not recorded, rows before this script).
ALTER TABLE decisions ADD COLUMN decider_role INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IX_decisions_revision ON decisions (subject_ref, revision);
CREATE INDEX IX_informings_revision ON informings (subject_ref, revision);
-- Subjects: opaque references only (no names), kept in sync by records.
CREATE TABLE subjects (
    subject_ref TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_subjects PRIMARY KEY,
    minor_until DATE              NULL,
    updated_by  TEXT COLLATE "C"     NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    revision    BIGINT            NOT NULL
);
CREATE TABLE subject_representatives (
    subject_ref TEXT COLLATE "C" NOT NULL,
    party_ref   TEXT COLLATE "C" NOT NULL,
    CONSTRAINT PK_subject_representatives PRIMARY KEY (subject_ref, party_ref)
);
CREATE TABLE subject_groups (
    subject_ref TEXT COLLATE "C" NOT NULL,
    group_id    TEXT COLLATE "C" NOT NULL,
    CONSTRAINT PK_subject_groups PRIMARY KEY (subject_ref, group_id)
);
-- Information notices (CON-1): drafts are editable, published versions never change.
CREATE TABLE notices (
    id                     TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_notices PRIMARY KEY,
    council_id             TEXT COLLATE "C"       NOT NULL,
    status                 INTEGER               NOT NULL,
    version                INTEGER               NOT NULL,
    title                  TEXT COLLATE "C"    NOT NULL,
    controller             TEXT COLLATE "C"    NOT NULL,
    purposes               TEXT COLLATE "C"    NOT NULL,
    recipients             TEXT COLLATE "C"    NOT NULL,
    retention              TEXT COLLATE "C"    NOT NULL,
    legal_basis            TEXT COLLATE "C"    NOT NULL,
    rights                 TEXT COLLATE "C"    NOT NULL,
    rights_contact         TEXT COLLATE "C"    NOT NULL,
    dpo_contact            TEXT COLLATE "C"    NOT NULL,
    cnil_complaint         TEXT COLLATE "C"    NOT NULL,
    additional_information TEXT COLLATE "C"    NOT NULL,
    created_by             TEXT COLLATE "C"     NOT NULL,
    created_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL,
    published_by           TEXT COLLATE "C"     NULL,
    published_at           TIMESTAMPTZ NULL
);
CREATE INDEX IX_notices_council ON notices (council_id, status, version);
CREATE UNIQUE INDEX UX_notices_council_version ON notices (council_id, version) WHERE status = 2;
