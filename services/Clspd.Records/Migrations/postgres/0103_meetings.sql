-- REC-9: a meeting's agenda with working sheets (purged once the meeting is closed or past) and
-- the decisions per case (kept with the case).
CREATE TABLE agenda_items (
    meeting_id   TEXT COLLATE "C"       NOT NULL,
    case_id      TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_agenda_items_case REFERENCES cases (id),
    group_id     TEXT COLLATE "C"       NOT NULL,
    meeting_date DATE              NOT NULL,
    sheet_cipher BYTEA   NULL,
    added_at     TIMESTAMPTZ NOT NULL,
    added_by     TEXT COLLATE "C"     NOT NULL,
    CONSTRAINT PK_agenda_items PRIMARY KEY (meeting_id, case_id)
);
CREATE INDEX IX_agenda_items_date ON agenda_items (meeting_date);
CREATE TABLE closed_meetings (
    meeting_id TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_closed_meetings PRIMARY KEY,
    closed_at  TIMESTAMPTZ NOT NULL,
    closed_by  TEXT COLLATE "C"     NOT NULL
);
CREATE TABLE meeting_decisions (
    id          TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_meeting_decisions PRIMARY KEY,
    meeting_id  TEXT COLLATE "C"       NOT NULL,
    case_id     TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_meeting_decisions_case REFERENCES cases (id),
    decision    INTEGER               NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    recorded_by TEXT COLLATE "C"     NOT NULL
);
CREATE INDEX IX_meeting_decisions_case ON meeting_decisions (case_id);
