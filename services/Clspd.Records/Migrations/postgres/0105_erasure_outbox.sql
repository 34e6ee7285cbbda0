-- REC-7: persons destroyed here whose erasure consent has not acknowledged yet. A row is written in
-- the destruction's transaction and removed once consent answered, so nothing is lost while consent
-- is down; it holds the opaque reference only, until then.
CREATE TABLE subject_erasures (
    subject_ref     TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_subject_erasures PRIMARY KEY,
    queued_at       TIMESTAMPTZ NOT NULL,
    attempts        INTEGER               NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IX_subject_erasures_next ON subject_erasures (next_attempt_at);
