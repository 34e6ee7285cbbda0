-- REC-9: a meeting's agenda with working sheets (purged once the meeting is closed or past) and
-- the decisions per case (kept with the case).
CREATE TABLE dbo.agenda_items (
    meeting_id   VARCHAR(64)       NOT NULL,
    case_id      VARCHAR(36)       NOT NULL CONSTRAINT FK_agenda_items_case REFERENCES dbo.cases (id),
    group_id     VARCHAR(64)       NOT NULL,
    meeting_date DATE              NOT NULL,
    sheet_cipher VARBINARY(4000)   NULL,
    added_at     DATETIMEOFFSET(7) NOT NULL,
    added_by     NVARCHAR(200)     NOT NULL,
    CONSTRAINT PK_agenda_items PRIMARY KEY (meeting_id, case_id)
);
GO
CREATE INDEX IX_agenda_items_date ON dbo.agenda_items (meeting_date);
GO
CREATE TABLE dbo.closed_meetings (
    meeting_id VARCHAR(64)       NOT NULL CONSTRAINT PK_closed_meetings PRIMARY KEY,
    closed_at  DATETIMEOFFSET(7) NOT NULL,
    closed_by  NVARCHAR(200)     NOT NULL
);
GO
CREATE TABLE dbo.meeting_decisions (
    id          VARCHAR(36)       NOT NULL CONSTRAINT PK_meeting_decisions PRIMARY KEY,
    meeting_id  VARCHAR(64)       NOT NULL,
    case_id     VARCHAR(36)       NOT NULL CONSTRAINT FK_meeting_decisions_case REFERENCES dbo.cases (id),
    decision    INT               NOT NULL,
    recorded_at DATETIMEOFFSET(7) NOT NULL,
    recorded_by NVARCHAR(200)     NOT NULL
);
GO
CREATE INDEX IX_meeting_decisions_case ON dbo.meeting_decisions (case_id);
GO
