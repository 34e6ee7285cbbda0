-- REC-11: the annual charter-application reports of a council, stored as produced (aggregate
-- figures only, suppression applied), with who produced them and when.
CREATE TABLE dbo.charter_reports (
    id          VARCHAR(36)       NOT NULL CONSTRAINT PK_charter_reports PRIMARY KEY,
    council_id  VARCHAR(64)       NOT NULL,
    year        INT               NOT NULL,
    produced_at DATETIMEOFFSET(7) NOT NULL,
    produced_by NVARCHAR(200)     NOT NULL,
    report      VARBINARY(MAX)    NOT NULL
);
GO
CREATE INDEX IX_charter_reports_council ON dbo.charter_reports (council_id, produced_at);
GO
