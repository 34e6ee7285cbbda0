-- Persons (identity encrypted per person, REC-1), their data keys (deleted to crypto-shred,
-- REC-7) and their cases.
CREATE TABLE persons (
    subject_ref     TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_persons PRIMARY KEY,
    council_id      TEXT COLLATE "C"       NOT NULL,
    turns_25_on     DATE              NOT NULL,
    identity_cipher BYTEA    NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    created_by      TEXT COLLATE "C"     NOT NULL
);
CREATE TABLE person_keys (
    subject_ref   TEXT COLLATE "C"    NOT NULL CONSTRAINT PK_person_keys PRIMARY KEY CONSTRAINT FK_person_keys_person REFERENCES persons (subject_ref),
    master_key_id TEXT COLLATE "C"    NOT NULL,
    wrapped_key   BYTEA NOT NULL
);
CREATE TABLE cases (
    id          TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_cases PRIMARY KEY,
    case_code   TEXT COLLATE "C"       NOT NULL CONSTRAINT UQ_cases_code UNIQUE,
    subject_ref TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_cases_person REFERENCES persons (subject_ref),
    council_id  TEXT COLLATE "C"       NOT NULL,
    group_id    TEXT COLLATE "C"       NOT NULL,
    start_date  DATE              NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  TEXT COLLATE "C"     NOT NULL
);
CREATE INDEX IX_cases_subject ON cases (subject_ref);
CREATE INDEX IX_cases_group ON cases (group_id);
