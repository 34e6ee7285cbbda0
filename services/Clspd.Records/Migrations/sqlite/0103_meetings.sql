-- REC-9: a meeting's agenda with working sheets (purged once the meeting is closed or past) and
-- the decisions per case (kept with the case).
CREATE TABLE agenda_items (
    meeting_id   TEXT NOT NULL,
    case_id      TEXT NOT NULL REFERENCES cases (id),
    group_id     TEXT NOT NULL,
    meeting_date TEXT NOT NULL,
    sheet_cipher BLOB NULL,
    added_at     TEXT NOT NULL,
    added_by     TEXT NOT NULL,
    PRIMARY KEY (meeting_id, case_id)
);
CREATE INDEX ix_agenda_items_date ON agenda_items (meeting_date);

CREATE TABLE closed_meetings (
    meeting_id TEXT NOT NULL PRIMARY KEY,
    closed_at  TEXT NOT NULL,
    closed_by  TEXT NOT NULL
);

CREATE TABLE meeting_decisions (
    id          TEXT NOT NULL PRIMARY KEY,
    meeting_id  TEXT NOT NULL,
    case_id     TEXT NOT NULL REFERENCES cases (id),
    decision    INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX ix_meeting_decisions_case ON meeting_decisions (case_id);
