-- Persons (identity encrypted per person, REC-1), their data keys (deleted to crypto-shred,
-- REC-7) and their cases.
CREATE TABLE dbo.persons (
    subject_ref     VARCHAR(64)       NOT NULL CONSTRAINT PK_persons PRIMARY KEY,
    council_id      VARCHAR(64)       NOT NULL,
    turns_25_on     DATE              NOT NULL,
    identity_cipher VARBINARY(MAX)    NOT NULL,
    created_at      DATETIMEOFFSET(7) NOT NULL,
    created_by      NVARCHAR(200)     NOT NULL
);
GO
CREATE TABLE dbo.person_keys (
    subject_ref   VARCHAR(64)    NOT NULL CONSTRAINT PK_person_keys PRIMARY KEY CONSTRAINT FK_person_keys_person REFERENCES dbo.persons (subject_ref),
    master_key_id VARCHAR(64)    NOT NULL,
    wrapped_key   VARBINARY(200) NOT NULL
);
GO
CREATE TABLE dbo.cases (
    id          VARCHAR(36)       NOT NULL CONSTRAINT PK_cases PRIMARY KEY,
    case_code   VARCHAR(16)       NOT NULL CONSTRAINT UQ_cases_code UNIQUE,
    subject_ref VARCHAR(64)       NOT NULL CONSTRAINT FK_cases_person REFERENCES dbo.persons (subject_ref),
    council_id  VARCHAR(64)       NOT NULL,
    group_id    VARCHAR(64)       NOT NULL,
    start_date  DATE              NOT NULL,
    created_at  DATETIMEOFFSET(7) NOT NULL,
    created_by  NVARCHAR(200)     NOT NULL
);
GO
CREATE INDEX IX_cases_subject ON dbo.cases (subject_ref);
GO
CREATE INDEX IX_cases_group ON dbo.cases (group_id);
GO
