-- The audit trail: every decision, allow and deny, hash-chained (ACC-4). Ids and subject
-- references only, never names or case text.
CREATE TABLE audit_entries (
    seq          INTEGER NOT NULL PRIMARY KEY,
    decision_id  TEXT    NOT NULL UNIQUE,
    decided_at   TEXT    NOT NULL,
    principal    TEXT    NOT NULL,
    role         INTEGER NOT NULL,
    action       INTEGER NOT NULL,
    case_id      TEXT    NOT NULL,
    subject_ref  TEXT    NOT NULL,
    council_id   TEXT    NOT NULL,
    group_id     TEXT    NOT NULL,
    view_kind    INTEGER NOT NULL,
    outcome      INTEGER NOT NULL,
    rule_ids     TEXT    NOT NULL,
    reason       TEXT    NOT NULL,
    prev_hash    TEXT    NOT NULL,
    entry_hash   TEXT    NOT NULL
);
CREATE INDEX ix_audit_case ON audit_entries (case_id, seq);
CREATE INDEX ix_audit_principal ON audit_entries (principal, seq);
CREATE INDEX ix_audit_subject ON audit_entries (subject_ref, seq);
