-- Shared by every service: the change feed (revision counter + changes) and the request log that
-- makes mutating RPCs idempotent. The single counter row serialises writers of the feed, so
-- revisions become visible in commit order and a follower never skips one.
CREATE TABLE dbo.clspd_revision (
    id       INT    NOT NULL CONSTRAINT PK_clspd_revision PRIMARY KEY CONSTRAINT CK_clspd_revision_single CHECK (id = 1),
    revision BIGINT NOT NULL
);
GO
INSERT INTO dbo.clspd_revision (id, revision) VALUES (1, 0);
GO
CREATE TABLE dbo.clspd_changes (
    revision    BIGINT            NOT NULL CONSTRAINT PK_clspd_changes PRIMARY KEY,
    kind        VARCHAR(64)       NOT NULL,
    entity_id   VARCHAR(64)       NOT NULL,
    payload     VARBINARY(MAX)    NOT NULL,
    recorded_at DATETIMEOFFSET(7) NOT NULL
);
GO
CREATE TABLE dbo.clspd_request_log (
    caller       NVARCHAR(200)     NOT NULL,
    request_id   NVARCHAR(64)      NOT NULL,
    method       VARCHAR(200)      NOT NULL,
    request_hash CHAR(64)          NOT NULL,
    response     VARBINARY(MAX)    NOT NULL,
    recorded_at  DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT PK_clspd_request_log PRIMARY KEY (caller, request_id)
);
GO
