-- REC-8: the kind of body a case belongs to (access walls CDDF and CLSPD-group cases apart) and
-- the moves between bodies. 0 = not yet known (cases opened before this migration): resolved from
-- the registry group kind when the case is checked.
ALTER TABLE dbo.cases ADD body_kind INT NOT NULL CONSTRAINT DF_cases_body_kind DEFAULT 0;
GO
CREATE TABLE dbo.case_moves (
    id          VARCHAR(36)       NOT NULL CONSTRAINT PK_case_moves PRIMARY KEY,
    case_id     VARCHAR(36)       NOT NULL CONSTRAINT FK_case_moves_case REFERENCES dbo.cases (id),
    from_group  VARCHAR(64)       NOT NULL,
    to_group    VARCHAR(64)       NOT NULL,
    reason      INT               NOT NULL,
    decision_id VARCHAR(36)       NOT NULL,
    moved_at    DATETIMEOFFSET(7) NOT NULL,
    moved_by    NVARCHAR(200)     NOT NULL
);
GO
CREATE INDEX IX_case_moves_case ON dbo.case_moves (case_id);
GO
-- REC-10: rectifications of identity fields: who, when, which fields (names only, never values).
CREATE TABLE dbo.rectifications (
    id           VARCHAR(36)       NOT NULL CONSTRAINT PK_rectifications PRIMARY KEY,
    subject_ref  VARCHAR(64)       NOT NULL CONSTRAINT FK_rectifications_person REFERENCES dbo.persons (subject_ref),
    fields       VARCHAR(400)      NOT NULL,
    rectified_at DATETIMEOFFSET(7) NOT NULL,
    rectified_by NVARCHAR(200)     NOT NULL
);
GO
CREATE INDEX IX_rectifications_subject ON dbo.rectifications (subject_ref);
GO
