-- REC-7, REC-11: what stays of an erased subject — counts only. Decisions per council, purpose,
-- decision and day (UTC midnight of the day decided), and erased subjects per council.
CREATE TABLE dbo.erased_decision_counts (
    council_id VARCHAR(64)       NOT NULL,
    purpose    INT               NOT NULL,
    decision   INT               NOT NULL,
    decided_on DATETIMEOFFSET(7) NOT NULL,
    count      INT               NOT NULL,
    CONSTRAINT PK_erased_decision_counts PRIMARY KEY (council_id, purpose, decision, decided_on)
);
GO
CREATE TABLE dbo.erased_subject_counts (
    council_id VARCHAR(64) NOT NULL CONSTRAINT PK_erased_subject_counts PRIMARY KEY,
    count      INT         NOT NULL
);
GO
