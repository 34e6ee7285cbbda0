-- REC-11: the annual charter-application reports of a council, stored as produced (aggregate
-- figures only, suppression applied), with who produced them and when.
CREATE TABLE charter_reports (
    id          TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_charter_reports PRIMARY KEY,
    council_id  TEXT COLLATE "C"       NOT NULL,
    year        INTEGER               NOT NULL,
    produced_at TIMESTAMPTZ NOT NULL,
    produced_by TEXT COLLATE "C"     NOT NULL,
    report      BYTEA    NOT NULL
);
CREATE INDEX IX_charter_reports_council ON charter_reports (council_id, produced_at);
