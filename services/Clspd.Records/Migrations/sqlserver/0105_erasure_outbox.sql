-- REC-7: persons destroyed here whose erasure consent has not acknowledged yet. A row is written in
-- the destruction's transaction and removed once consent answered, so nothing is lost while consent
-- is down; it holds the opaque reference only, until then.
CREATE TABLE dbo.subject_erasures (
    subject_ref     VARCHAR(64)       NOT NULL CONSTRAINT PK_subject_erasures PRIMARY KEY,
    queued_at       DATETIMEOFFSET(7) NOT NULL,
    attempts        INT               NOT NULL,
    next_attempt_at DATETIMEOFFSET(7) NOT NULL
);
GO
CREATE INDEX IX_subject_erasures_next ON dbo.subject_erasures (next_attempt_at);
GO
