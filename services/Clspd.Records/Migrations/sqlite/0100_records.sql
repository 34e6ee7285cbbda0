-- Persons (identity encrypted per person, REC-1), their data keys (deleted to crypto-shred,
-- REC-7) and their cases.
CREATE TABLE persons (
    subject_ref     TEXT NOT NULL PRIMARY KEY,
    council_id      TEXT NOT NULL,
    turns_25_on     TEXT NOT NULL,
    identity_cipher BLOB NOT NULL,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL
);

CREATE TABLE person_keys (
    subject_ref TEXT NOT NULL PRIMARY KEY REFERENCES persons (subject_ref),
    master_key_id TEXT NOT NULL,
    wrapped_key BLOB NOT NULL
);

CREATE TABLE cases (
    id          TEXT NOT NULL PRIMARY KEY,
    case_code   TEXT NOT NULL UNIQUE,
    subject_ref TEXT NOT NULL REFERENCES persons (subject_ref),
    council_id  TEXT NOT NULL,
    group_id    TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);
CREATE INDEX ix_cases_subject ON cases (subject_ref);
CREATE INDEX ix_cases_group ON cases (group_id);
