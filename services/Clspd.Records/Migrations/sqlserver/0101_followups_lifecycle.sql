-- Follow-ups (REC-2, REC-3, REC-5) and the lifecycle of cases (REC-7).
ALTER TABLE dbo.cases ADD
    status          VARCHAR(16)       NOT NULL CONSTRAINT DF_cases_status DEFAULT 'ACTIVE',
    end_date        DATE              NULL,
    destroy_on      DATE              NULL,
    closed_at       DATETIMEOFFSET(7) NULL,
    closed_by       NVARCHAR(200)     NULL,
    -- The single free-text field, sealed under the person's data key (destroyed with it).
    elements_cipher VARBINARY(4000)   NULL,
    elements_author NVARCHAR(200)     NULL,
    elements_at     DATETIMEOFFSET(7) NULL;
GO
CREATE INDEX IX_cases_status_destroy ON dbo.cases (status, destroy_on);
GO
CREATE TABLE dbo.referrals (
    id          VARCHAR(36)       NOT NULL CONSTRAINT PK_referrals PRIMARY KEY,
    case_id     VARCHAR(36)       NOT NULL CONSTRAINT FK_referrals_case REFERENCES dbo.cases (id),
    origin      INT               NOT NULL,
    reasons     VARCHAR(200)      NOT NULL,
    referred_on DATE              NOT NULL,
    recorded_at DATETIMEOFFSET(7) NOT NULL,
    recorded_by NVARCHAR(200)     NOT NULL
);
GO
CREATE INDEX IX_referrals_case ON dbo.referrals (case_id);
GO
CREATE TABLE dbo.follow_ups (
    case_id          VARCHAR(36)       NOT NULL CONSTRAINT PK_follow_ups PRIMARY KEY CONSTRAINT FK_follow_ups_case REFERENCES dbo.cases (id),
    referral_id      VARCHAR(36)       NOT NULL CONSTRAINT FK_follow_ups_referral REFERENCES dbo.referrals (id),
    programme        INT               NOT NULL,
    path_referent_id VARCHAR(64)       NOT NULL,
    start_date       DATE              NOT NULL,
    started_at       DATETIMEOFFSET(7) NOT NULL,
    started_by       NVARCHAR(200)     NOT NULL
);
GO
CREATE TABLE dbo.actions (
    id          VARCHAR(36)       NOT NULL CONSTRAINT PK_actions PRIMARY KEY,
    case_id     VARCHAR(36)       NOT NULL CONSTRAINT FK_actions_case REFERENCES dbo.cases (id),
    kind        INT               NOT NULL,
    start_date  DATE              NOT NULL,
    end_date    DATE              NULL,
    result      INT               NOT NULL,
    recorded_at DATETIMEOFFSET(7) NOT NULL,
    recorded_by NVARCHAR(200)     NOT NULL
);
GO
CREATE INDEX IX_actions_case ON dbo.actions (case_id);
GO
CREATE TABLE dbo.judicial_measures (
    id          VARCHAR(36)       NOT NULL CONSTRAINT PK_judicial_measures PRIMARY KEY,
    case_id     VARCHAR(36)       NOT NULL CONSTRAINT FK_judicial_measures_case REFERENCES dbo.cases (id),
    kind        INT               NOT NULL,
    necessity   INT               NOT NULL,
    start_date  DATE              NOT NULL,
    recorded_at DATETIMEOFFSET(7) NOT NULL,
    recorded_by NVARCHAR(200)     NOT NULL
);
GO
CREATE INDEX IX_judicial_measures_case ON dbo.judicial_measures (case_id);
GO
CREATE TABLE dbo.information_items (
    id             VARCHAR(36)       NOT NULL CONSTRAINT PK_information_items PRIMARY KEY,
    case_id        VARCHAR(36)       NOT NULL CONSTRAINT FK_information_items_case REFERENCES dbo.cases (id),
    category       INT               NOT NULL,
    classification INT               NOT NULL,
    observed_on    DATE              NOT NULL,
    author         NVARCHAR(200)     NOT NULL,
    attested_at    DATETIMEOFFSET(7) NOT NULL
);
GO
CREATE INDEX IX_information_items_case ON dbo.information_items (case_id);
GO
-- What was destroyed, when and why: counts and codes, no personal data, no person or case id.
CREATE TABLE dbo.deletion_log (
    id           VARCHAR(36)       NOT NULL CONSTRAINT PK_deletion_log PRIMARY KEY,
    destroyed_at DATETIMEOFFSET(7) NOT NULL,
    council_id   VARCHAR(64)       NOT NULL,
    kind         VARCHAR(16)       NOT NULL,
    reason       VARCHAR(32)       NOT NULL,
    count        INT               NOT NULL
);
GO
