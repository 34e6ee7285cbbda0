-- REC-7, REC-11: what stays of an erased subject — counts only. Decisions per council, purpose,
-- decision and day (UTC midnight of the day decided), and erased subjects per council.
CREATE TABLE erased_decision_counts (
    council_id TEXT COLLATE "C"       NOT NULL,
    purpose    INTEGER               NOT NULL,
    decision   INTEGER               NOT NULL,
    decided_on TIMESTAMPTZ NOT NULL,
    count      INTEGER               NOT NULL,
    CONSTRAINT PK_erased_decision_counts PRIMARY KEY (council_id, purpose, decision, decided_on)
);
CREATE TABLE erased_subject_counts (
    council_id TEXT COLLATE "C" NOT NULL CONSTRAINT PK_erased_subject_counts PRIMARY KEY,
    count      INTEGER         NOT NULL
);
