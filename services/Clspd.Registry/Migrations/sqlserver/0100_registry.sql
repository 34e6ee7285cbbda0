-- Councils, their bodies, institutions, participants and designations by mayor's order.
CREATE TABLE dbo.councils (
    id               VARCHAR(36)       NOT NULL CONSTRAINT PK_councils PRIMARY KEY,
    name             NVARCHAR(200)     NOT NULL,
    kind             INT               NOT NULL,
    controller_name  NVARCHAR(200)     NOT NULL,
    coordinator_name NVARCHAR(200)     NOT NULL,
    created_at       DATETIMEOFFSET(7) NOT NULL,
    created_by       NVARCHAR(200)     NOT NULL
);
GO
CREATE TABLE dbo.council_communes (
    council_id VARCHAR(36) NOT NULL CONSTRAINT FK_council_communes_council REFERENCES dbo.councils (id),
    insee_code CHAR(5)     NOT NULL,
    CONSTRAINT PK_council_communes PRIMARY KEY (council_id, insee_code)
);
GO
CREATE TABLE dbo.council_groups (
    id         VARCHAR(36)       NOT NULL CONSTRAINT PK_council_groups PRIMARY KEY,
    council_id VARCHAR(36)       NOT NULL CONSTRAINT FK_council_groups_council REFERENCES dbo.councils (id),
    name       NVARCHAR(200)     NOT NULL,
    kind       INT               NOT NULL,
    created_at DATETIMEOFFSET(7) NOT NULL,
    closed_at  DATETIMEOFFSET(7) NULL,
    CONSTRAINT UQ_council_groups_name UNIQUE (council_id, name)
);
GO
CREATE TABLE dbo.institutions (
    id         VARCHAR(36)       NOT NULL CONSTRAINT PK_institutions PRIMARY KEY,
    name       NVARCHAR(200)     NOT NULL CONSTRAINT UQ_institutions_name UNIQUE,
    kind       INT               NOT NULL,
    siret      VARCHAR(14)       NOT NULL,
    created_at DATETIMEOFFSET(7) NOT NULL
);
GO
CREATE TABLE dbo.participants (
    id             VARCHAR(36)       NOT NULL CONSTRAINT PK_participants PRIMARY KEY,
    full_name      NVARCHAR(200)     NOT NULL,
    job_function   NVARCHAR(200)     NOT NULL,
    institution_id VARCHAR(36)       NOT NULL CONSTRAINT FK_participants_institution REFERENCES dbo.institutions (id),
    email          NVARCHAR(200)     NOT NULL,
    created_at     DATETIMEOFFSET(7) NOT NULL
);
GO
CREATE TABLE dbo.participant_subjects (
    subject        NVARCHAR(200) NOT NULL CONSTRAINT PK_participant_subjects PRIMARY KEY,
    participant_id VARCHAR(36)   NOT NULL CONSTRAINT FK_participant_subjects_participant REFERENCES dbo.participants (id)
);
GO
CREATE TABLE dbo.designations (
    id                VARCHAR(36)       NOT NULL CONSTRAINT PK_designations PRIMARY KEY,
    participant_id    VARCHAR(36)       NOT NULL CONSTRAINT FK_designations_participant REFERENCES dbo.participants (id),
    group_id          VARCHAR(36)       NOT NULL CONSTRAINT FK_designations_group REFERENCES dbo.council_groups (id),
    council_id        VARCHAR(36)       NOT NULL CONSTRAINT FK_designations_council REFERENCES dbo.councils (id),
    role              INT               NOT NULL,
    order_number      NVARCHAR(64)      NOT NULL,
    order_date        DATE              NOT NULL,
    order_signed_by   NVARCHAR(200)     NOT NULL,
    valid_from        DATETIMEOFFSET(7) NOT NULL,
    valid_to          DATETIMEOFFSET(7) NOT NULL,
    meeting_id        VARCHAR(64)       NOT NULL,
    case_ref          VARCHAR(64)       NOT NULL,
    measure_ref       VARCHAR(64)       NOT NULL,
    revoked_at        DATETIMEOFFSET(7) NULL,
    revocation_reason NVARCHAR(500)     NULL,
    created_at        DATETIMEOFFSET(7) NOT NULL,
    created_by        NVARCHAR(200)     NOT NULL
);
GO
CREATE INDEX IX_designations_participant ON dbo.designations (participant_id, valid_from);
GO
CREATE INDEX IX_designations_group ON dbo.designations (group_id, valid_from);
GO
