-- REC-8: the kind of body a case belongs to (access walls CDDF and CLSPD-group cases apart) and
-- the moves between bodies. 0 = not yet known (cases opened before this migration): resolved from
-- the registry group kind when the case is checked.
ALTER TABLE cases ADD COLUMN body_kind INTEGER NOT NULL DEFAULT 0;

CREATE TABLE case_moves (
    id          TEXT NOT NULL PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases (id),
    from_group  TEXT NOT NULL,
    to_group    TEXT NOT NULL,
    reason      INTEGER NOT NULL,
    decision_id TEXT NOT NULL,
    moved_at    TEXT NOT NULL,
    moved_by    TEXT NOT NULL
);
CREATE INDEX ix_case_moves_case ON case_moves (case_id);

-- REC-10: rectifications of identity fields: who, when, which fields (names only, never values).
CREATE TABLE rectifications (
    id           TEXT NOT NULL PRIMARY KEY,
    subject_ref  TEXT NOT NULL REFERENCES persons (subject_ref),
    fields       TEXT NOT NULL,
    rectified_at TEXT NOT NULL,
    rectified_by TEXT NOT NULL
);
CREATE INDEX ix_rectifications_subject ON rectifications (subject_ref);
