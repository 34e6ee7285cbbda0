-- REC-8: the kind of body a case belongs to (access walls CDDF and CLSPD-group cases apart) and
-- the moves between bodies. 0 = not yet known (cases opened before this migration): resolved from
-- the registry group kind when the case is checked.
ALTER TABLE cases ADD COLUMN body_kind INTEGER NOT NULL DEFAULT 0;
CREATE TABLE case_moves (
    id          TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_case_moves PRIMARY KEY,
    case_id     TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_case_moves_case REFERENCES cases (id),
    from_group  TEXT COLLATE "C"       NOT NULL,
    to_group    TEXT COLLATE "C"       NOT NULL,
    reason      INTEGER               NOT NULL,
    decision_id TEXT COLLATE "C"       NOT NULL,
    moved_at    TIMESTAMPTZ NOT NULL,
    moved_by    TEXT COLLATE "C"     NOT NULL
);
CREATE INDEX IX_case_moves_case ON case_moves (case_id);
-- REC-10: rectifications of identity fields: who, when, which fields (names only, never values).
CREATE TABLE rectifications (
    id           TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_rectifications PRIMARY KEY,
    subject_ref  TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_rectifications_person REFERENCES persons (subject_ref),
    fields       TEXT COLLATE "C"      NOT NULL,
    rectified_at TIMESTAMPTZ NOT NULL,
    rectified_by TEXT COLLATE "C"     NOT NULL
);
CREATE INDEX IX_rectifications_subject ON rectifications (subject_ref);
