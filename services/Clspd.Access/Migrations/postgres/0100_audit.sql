-- The audit trail: every decision, allow and deny, hash-chained (ACC-4). Ids and subject
-- references only, never names or case text.
-- decided_at holds the instant's UTC ticks (100 ns since 0001-01-01), not a TIMESTAMPTZ: the chain
-- hashes the instant to the tick (AuditChain.InstantFormat, 7 fraction digits), as SQLite's text and
-- SQL Server's DATETIMEOFFSET(7) keep it, while TIMESTAMPTZ keeps microseconds. Stored as a
-- TIMESTAMPTZ, an entry decided at a non-whole microsecond would read back as another instant and
-- its hash would no longer match. Truncating every instant before hashing would have changed no
-- stored hash but would have made this provider the odd one; exact ticks keep one chain on all three.
CREATE TABLE audit_entries (
    seq          BIGINT           NOT NULL CONSTRAINT PK_audit_entries PRIMARY KEY,
    decision_id  TEXT COLLATE "C" NOT NULL CONSTRAINT UQ_audit_entries_decision UNIQUE,
    decided_at   BIGINT           NOT NULL,
    principal    TEXT COLLATE "C" NOT NULL,
    role         INTEGER          NOT NULL,
    action       INTEGER          NOT NULL,
    case_id      TEXT COLLATE "C" NOT NULL,
    subject_ref  TEXT COLLATE "C" NOT NULL,
    council_id   TEXT COLLATE "C" NOT NULL,
    group_id     TEXT COLLATE "C" NOT NULL,
    view_kind    INTEGER          NOT NULL,
    outcome      INTEGER          NOT NULL,
    rule_ids     TEXT COLLATE "C" NOT NULL,
    reason       TEXT COLLATE "C" NOT NULL,
    prev_hash    TEXT COLLATE "C" NOT NULL,
    entry_hash   TEXT COLLATE "C" NOT NULL
);
CREATE INDEX IX_audit_case ON audit_entries (case_id, seq);
CREATE INDEX IX_audit_principal ON audit_entries (principal, seq);
CREATE INDEX IX_audit_subject ON audit_entries (subject_ref, seq);
