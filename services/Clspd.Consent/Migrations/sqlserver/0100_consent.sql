-- Informing records and consent decisions: append-only history (CON-5).
CREATE TABLE dbo.informings (
    id             VARCHAR(36)       NOT NULL CONSTRAINT PK_informings PRIMARY KEY,
    subject_ref    VARCHAR(64)       NOT NULL,
    party_ref      VARCHAR(64)       NOT NULL,
    informed_at    DATETIMEOFFSET(7) NOT NULL,
    informed_by    NVARCHAR(200)     NOT NULL,
    channel        INT               NOT NULL,
    notice_version NVARCHAR(64)      NOT NULL,
    recorded_at    DATETIMEOFFSET(7) NOT NULL
);
GO
CREATE INDEX IX_informings_subject ON dbo.informings (subject_ref, party_ref, informed_at);
GO
CREATE TABLE dbo.decisions (
    id             VARCHAR(36)       NOT NULL CONSTRAINT PK_decisions PRIMARY KEY,
    subject_ref    VARCHAR(64)       NOT NULL,
    purpose        INT               NOT NULL,
    group_id       VARCHAR(64)       NOT NULL,
    decision       INT               NOT NULL,
    decided_by_ref VARCHAR(64)       NOT NULL,
    evidence       NVARCHAR(200)     NOT NULL,
    notice_version NVARCHAR(64)      NOT NULL,
    decided_at     DATETIMEOFFSET(7) NOT NULL,
    recorded_by    NVARCHAR(200)     NOT NULL,
    content_sha256 CHAR(64)          NOT NULL
);
GO
CREATE INDEX IX_decisions_subject ON dbo.decisions (subject_ref, purpose, group_id, decided_at);
GO
