-- Informing records and consent decisions: append-only history (CON-5).
CREATE TABLE informings (
    id             TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_informings PRIMARY KEY,
    subject_ref    TEXT COLLATE "C"       NOT NULL,
    party_ref      TEXT COLLATE "C"       NOT NULL,
    informed_at    TIMESTAMPTZ NOT NULL,
    informed_by    TEXT COLLATE "C"     NOT NULL,
    channel        INTEGER               NOT NULL,
    notice_version TEXT COLLATE "C"      NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX IX_informings_subject ON informings (subject_ref, party_ref, informed_at);
CREATE TABLE decisions (
    id             TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_decisions PRIMARY KEY,
    subject_ref    TEXT COLLATE "C"       NOT NULL,
    purpose        INTEGER               NOT NULL,
    group_id       TEXT COLLATE "C"       NOT NULL,
    decision       INTEGER               NOT NULL,
    decided_by_ref TEXT COLLATE "C"       NOT NULL,
    evidence       TEXT COLLATE "C"     NOT NULL,
    notice_version TEXT COLLATE "C"      NOT NULL,
    decided_at     TIMESTAMPTZ NOT NULL,
    recorded_by    TEXT COLLATE "C"     NOT NULL,
    content_sha256 TEXT COLLATE "C"          NOT NULL
);
CREATE INDEX IX_decisions_subject ON decisions (subject_ref, purpose, group_id, decided_at);
