-- Shared by every service: the change feed (revision counter + changes) and the request log that
-- makes mutating RPCs idempotent. The single counter row serialises writers of the feed, so
-- revisions become visible in commit order and a follower never skips one. Text compares byte for
-- byte (COLLATE "C"), as on SQLite and SQL Server's binary collation.
CREATE TABLE clspd_revision (
    id       INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    revision BIGINT  NOT NULL
);
INSERT INTO clspd_revision (id, revision) VALUES (1, 0);

CREATE TABLE clspd_changes (
    revision    BIGINT      NOT NULL PRIMARY KEY,
    kind        TEXT        COLLATE "C" NOT NULL,
    entity_id   TEXT        COLLATE "C" NOT NULL,
    payload     BYTEA       NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE clspd_request_log (
    caller       TEXT        COLLATE "C" NOT NULL,
    request_id   TEXT        COLLATE "C" NOT NULL,
    method       TEXT        COLLATE "C" NOT NULL,
    request_hash TEXT        COLLATE "C" NOT NULL,
    response     BYTEA       NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (caller, request_id)
);
