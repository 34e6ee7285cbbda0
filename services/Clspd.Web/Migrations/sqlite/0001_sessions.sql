-- The console's signed-in sessions (SqliteTicketStore): the SHA-256 of the session key the cookie carries, never the
-- key itself; the ticket (claims, access and id tokens) encrypted with the console's data-protection keys.
CREATE TABLE sessions (
    key_hash   TEXT    NOT NULL PRIMARY KEY,
    expires_at INTEGER NOT NULL,   -- Unix seconds, UTC
    ticket     BLOB    NOT NULL
) WITHOUT ROWID;

CREATE INDEX ix_sessions_expires_at ON sessions (expires_at);
