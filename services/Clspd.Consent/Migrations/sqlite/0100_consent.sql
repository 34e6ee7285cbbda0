-- Informing records and consent decisions: append-only history (CON-5).
CREATE TABLE informings (
    id             TEXT    NOT NULL PRIMARY KEY,
    subject_ref    TEXT    NOT NULL,
    party_ref      TEXT    NOT NULL,
    informed_at    TEXT    NOT NULL,
    informed_by    TEXT    NOT NULL,
    channel        INTEGER NOT NULL,
    notice_version TEXT    NOT NULL,
    recorded_at    TEXT    NOT NULL
);
CREATE INDEX ix_informings_subject ON informings (subject_ref, party_ref, informed_at);

CREATE TABLE decisions (
    id             TEXT    NOT NULL PRIMARY KEY,
    subject_ref    TEXT    NOT NULL,
    purpose        INTEGER NOT NULL,
    group_id       TEXT    NOT NULL,
    decision       INTEGER NOT NULL,
    decided_by_ref TEXT    NOT NULL,
    evidence       TEXT    NOT NULL,
    notice_version TEXT    NOT NULL,
    decided_at     TEXT    NOT NULL,
    recorded_by    TEXT    NOT NULL,
    content_sha256 TEXT    NOT NULL
);
CREATE INDEX ix_decisions_subject ON decisions (subject_ref, purpose, group_id, decided_at);
