-- REC-11: the annual charter-application reports of a council, stored as produced (aggregate
-- figures only, suppression applied), with who produced them and when.
CREATE TABLE charter_reports (
    id          TEXT    NOT NULL PRIMARY KEY,
    council_id  TEXT    NOT NULL,
    year        INTEGER NOT NULL,
    produced_at TEXT    NOT NULL,
    produced_by TEXT    NOT NULL,
    report      BLOB    NOT NULL
);
CREATE INDEX ix_charter_reports_council ON charter_reports (council_id, produced_at);
