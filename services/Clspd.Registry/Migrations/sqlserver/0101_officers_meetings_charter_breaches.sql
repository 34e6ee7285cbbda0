-- REG-1 officer history, meetings, REG-3 charter versions/signatures/acceptances, REG-5 breaches.
CREATE TABLE dbo.council_officer_changes (
    id            VARCHAR(36)       NOT NULL CONSTRAINT PK_council_officer_changes PRIMARY KEY,
    council_id    VARCHAR(36)       NOT NULL CONSTRAINT FK_council_officer_changes_council REFERENCES dbo.councils (id),
    office        INT               NOT NULL,
    previous_name NVARCHAR(200)     NOT NULL,
    new_name      NVARCHAR(200)     NOT NULL,
    reason        NVARCHAR(500)     NOT NULL,
    changed_at    DATETIMEOFFSET(7) NOT NULL,
    changed_by    NVARCHAR(200)     NOT NULL,
    revision      BIGINT            NOT NULL
);
GO
CREATE INDEX IX_council_officer_changes_council ON dbo.council_officer_changes (council_id, revision);
GO
ALTER TABLE dbo.council_groups ADD close_reason NVARCHAR(500) NULL;
GO
CREATE TABLE dbo.meetings (
    id           VARCHAR(36)       NOT NULL CONSTRAINT PK_meetings PRIMARY KEY,
    group_id     VARCHAR(36)       NOT NULL CONSTRAINT FK_meetings_group REFERENCES dbo.council_groups (id),
    council_id   VARCHAR(36)       NOT NULL CONSTRAINT FK_meetings_council REFERENCES dbo.councils (id),
    meeting_date DATE              NOT NULL,
    place_label  NVARCHAR(200)     NOT NULL,
    created_at   DATETIMEOFFSET(7) NOT NULL,
    created_by   NVARCHAR(200)     NOT NULL
);
GO
CREATE INDEX IX_meetings_group ON dbo.meetings (group_id, meeting_date);
GO
CREATE TABLE dbo.charter_versions (
    council_id   VARCHAR(36)       NOT NULL CONSTRAINT FK_charter_versions_council REFERENCES dbo.councils (id),
    version      NVARCHAR(64)      NOT NULL,
    charter_date DATE              NOT NULL,
    text_sha256  CHAR(64)          NOT NULL,
    published_at DATETIMEOFFSET(7) NOT NULL,
    published_by NVARCHAR(200)     NOT NULL,
    revision     BIGINT            NOT NULL,
    CONSTRAINT PK_charter_versions PRIMARY KEY (council_id, version)
);
GO
CREATE TABLE dbo.charter_signatures (
    id                 VARCHAR(36)       NOT NULL CONSTRAINT PK_charter_signatures PRIMARY KEY,
    council_id         VARCHAR(36)       NOT NULL,
    version            NVARCHAR(64)      NOT NULL,
    institution_id     VARCHAR(36)       NOT NULL CONSTRAINT FK_charter_signatures_institution REFERENCES dbo.institutions (id),
    signed_on          DATE              NOT NULL,
    signatory_name     NVARCHAR(200)     NOT NULL,
    signatory_function NVARCHAR(200)     NOT NULL,
    recorded_at        DATETIMEOFFSET(7) NOT NULL,
    recorded_by        NVARCHAR(200)     NOT NULL,
    CONSTRAINT FK_charter_signatures_version FOREIGN KEY (council_id, version) REFERENCES dbo.charter_versions (council_id, version),
    CONSTRAINT UQ_charter_signatures UNIQUE (council_id, version, institution_id)
);
GO
CREATE TABLE dbo.charter_acceptances (
    id                         VARCHAR(36)       NOT NULL CONSTRAINT PK_charter_acceptances PRIMARY KEY,
    council_id                 VARCHAR(36)       NOT NULL,
    version                    NVARCHAR(64)      NOT NULL,
    participant_id             VARCHAR(36)       NOT NULL CONSTRAINT FK_charter_acceptances_participant REFERENCES dbo.participants (id),
    access_traced_acknowledged BIT               NOT NULL,
    accepted_at                DATETIMEOFFSET(7) NOT NULL,
    subject                    NVARCHAR(200)     NOT NULL,
    CONSTRAINT FK_charter_acceptances_version FOREIGN KEY (council_id, version) REFERENCES dbo.charter_versions (council_id, version),
    CONSTRAINT UQ_charter_acceptances UNIQUE (council_id, version, participant_id)
);
GO
CREATE TABLE dbo.confidentiality_breaches (
    id             VARCHAR(36)       NOT NULL CONSTRAINT PK_confidentiality_breaches PRIMARY KEY,
    participant_id VARCHAR(36)       NOT NULL CONSTRAINT FK_confidentiality_breaches_participant REFERENCES dbo.participants (id),
    council_id     VARCHAR(36)       NOT NULL CONSTRAINT FK_confidentiality_breaches_council REFERENCES dbo.councils (id),
    reason         NVARCHAR(500)     NOT NULL,
    recorded_at    DATETIMEOFFSET(7) NOT NULL,
    recorded_by    NVARCHAR(200)     NOT NULL
);
GO
CREATE INDEX IX_confidentiality_breaches_participant ON dbo.confidentiality_breaches (participant_id, recorded_at);
GO
ALTER TABLE dbo.designations ADD
    breach_id  VARCHAR(36)   NULL CONSTRAINT FK_designations_breach REFERENCES dbo.confidentiality_breaches (id),
    revoked_by NVARCHAR(200) NULL;
GO
CREATE INDEX IX_designations_meeting ON dbo.designations (meeting_id);
GO
