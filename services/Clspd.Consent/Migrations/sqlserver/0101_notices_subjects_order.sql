-- Order of the history: the change-feed revision of each informing and decision ("latest wins"
-- follows it, never a timestamp that can tie). Rows written before this script keep 0 and sort first.
ALTER TABLE dbo.informings ADD revision BIGINT NOT NULL CONSTRAINT DF_informings_revision DEFAULT 0;
GO
ALTER TABLE dbo.decisions ADD revision BIGINT NOT NULL CONSTRAINT DF_decisions_revision DEFAULT 0;
GO
-- In which capacity the decider decided (0 = not recorded, rows before this script).
ALTER TABLE dbo.decisions ADD decider_role INT NOT NULL CONSTRAINT DF_decisions_decider_role DEFAULT 0;
GO
CREATE INDEX IX_decisions_revision ON dbo.decisions (subject_ref, revision);
GO
CREATE INDEX IX_informings_revision ON dbo.informings (subject_ref, revision);
GO
-- Subjects: opaque references only (no names), kept in sync by records.
CREATE TABLE dbo.subjects (
    subject_ref VARCHAR(64)       NOT NULL CONSTRAINT PK_subjects PRIMARY KEY,
    minor_until DATE              NULL,
    updated_by  NVARCHAR(200)     NOT NULL,
    updated_at  DATETIMEOFFSET(7) NOT NULL,
    revision    BIGINT            NOT NULL
);
GO
CREATE TABLE dbo.subject_representatives (
    subject_ref VARCHAR(64) NOT NULL,
    party_ref   VARCHAR(64) NOT NULL,
    CONSTRAINT PK_subject_representatives PRIMARY KEY (subject_ref, party_ref)
);
GO
CREATE TABLE dbo.subject_groups (
    subject_ref VARCHAR(64) NOT NULL,
    group_id    VARCHAR(64) NOT NULL,
    CONSTRAINT PK_subject_groups PRIMARY KEY (subject_ref, group_id)
);
GO
-- Information notices (CON-1): drafts are editable, published versions never change.
CREATE TABLE dbo.notices (
    id                     VARCHAR(36)       NOT NULL CONSTRAINT PK_notices PRIMARY KEY,
    council_id             VARCHAR(64)       NOT NULL,
    status                 INT               NOT NULL,
    version                INT               NOT NULL,
    title                  NVARCHAR(4000)    NOT NULL,
    controller             NVARCHAR(4000)    NOT NULL,
    purposes               NVARCHAR(4000)    NOT NULL,
    recipients             NVARCHAR(4000)    NOT NULL,
    retention              NVARCHAR(4000)    NOT NULL,
    legal_basis            NVARCHAR(4000)    NOT NULL,
    rights                 NVARCHAR(4000)    NOT NULL,
    rights_contact         NVARCHAR(4000)    NOT NULL,
    dpo_contact            NVARCHAR(4000)    NOT NULL,
    cnil_complaint         NVARCHAR(4000)    NOT NULL,
    additional_information NVARCHAR(4000)    NOT NULL,
    created_by             NVARCHAR(200)     NOT NULL,
    created_at             DATETIMEOFFSET(7) NOT NULL,
    updated_at             DATETIMEOFFSET(7) NOT NULL,
    published_by           NVARCHAR(200)     NULL,
    published_at           DATETIMEOFFSET(7) NULL
);
GO
CREATE INDEX IX_notices_council ON dbo.notices (council_id, status, version);
GO
CREATE UNIQUE INDEX UX_notices_council_version ON dbo.notices (council_id, version) WHERE status = 2;
GO
