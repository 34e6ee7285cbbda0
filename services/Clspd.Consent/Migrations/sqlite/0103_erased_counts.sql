-- REC-7, REC-11: what stays of an erased subject — counts only. Decisions per council, purpose,
-- decision and day (UTC midnight of the day decided), and erased subjects per council.
CREATE TABLE erased_decision_counts (
    council_id TEXT    NOT NULL,
    purpose    INTEGER NOT NULL,
    decision   INTEGER NOT NULL,
    decided_on TEXT    NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (council_id, purpose, decision, decided_on)
);

CREATE TABLE erased_subject_counts (
    council_id TEXT    NOT NULL PRIMARY KEY,
    count      INTEGER NOT NULL
);
