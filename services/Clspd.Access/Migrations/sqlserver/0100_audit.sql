-- The audit trail: every decision, allow and deny, hash-chained (ACC-4). Ids and subject
-- references only, never names or case text.
CREATE TABLE dbo.audit_entries (
    seq          BIGINT            NOT NULL CONSTRAINT PK_audit_entries PRIMARY KEY,
    decision_id  VARCHAR(36)       NOT NULL CONSTRAINT UQ_audit_entries_decision UNIQUE,
    decided_at   DATETIMEOFFSET(7) NOT NULL,
    principal    NVARCHAR(200)     NOT NULL,
    role         INT               NOT NULL,
    action       INT               NOT NULL,
    case_id      VARCHAR(64)       NOT NULL,
    subject_ref  VARCHAR(64)       NOT NULL,
    council_id   VARCHAR(64)       NOT NULL,
    group_id     VARCHAR(64)       NOT NULL,
    view_kind    INT               NOT NULL,
    outcome      INT               NOT NULL,
    rule_ids     VARCHAR(200)      NOT NULL,
    reason       NVARCHAR(1000)    NOT NULL,
    prev_hash    CHAR(64)          NOT NULL,
    entry_hash   CHAR(64)          NOT NULL
);
GO
CREATE INDEX IX_audit_case ON dbo.audit_entries (case_id, seq);
GO
CREATE INDEX IX_audit_principal ON dbo.audit_entries (principal, seq);
GO
CREATE INDEX IX_audit_subject ON dbo.audit_entries (subject_ref, seq);
GO
