-- Shared by every service: the change feed (revision counter + changes) and the request log that
-- makes mutating RPCs idempotent.
CREATE TABLE clspd_revision (
    id       INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL
);
INSERT INTO clspd_revision (id, revision) VALUES (1, 0);

CREATE TABLE clspd_changes (
    revision    INTEGER NOT NULL PRIMARY KEY,
    kind        TEXT    NOT NULL,
    entity_id   TEXT    NOT NULL,
    payload     BLOB    NOT NULL,
    recorded_at TEXT    NOT NULL
);

CREATE TABLE clspd_request_log (
    caller       TEXT NOT NULL,
    request_id   TEXT NOT NULL,
    method       TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response     BLOB NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (caller, request_id)
);
