-- REG-1 officer history, meetings, REG-3 charter versions/signatures/acceptances, REG-5 breaches.
CREATE TABLE council_officer_changes (
    id            TEXT    NOT NULL PRIMARY KEY,
    council_id    TEXT    NOT NULL REFERENCES councils (id),
    office        INTEGER NOT NULL,
    previous_name TEXT    NOT NULL,
    new_name      TEXT    NOT NULL,
    reason        TEXT    NOT NULL,
    changed_at    TEXT    NOT NULL,
    changed_by    TEXT    NOT NULL,
    revision      INTEGER NOT NULL
);

CREATE INDEX ix_council_officer_changes_council ON council_officer_changes (council_id, revision);

ALTER TABLE council_groups ADD COLUMN close_reason TEXT NULL;

CREATE TABLE meetings (
    id           TEXT NOT NULL PRIMARY KEY,
    group_id     TEXT NOT NULL REFERENCES council_groups (id),
    council_id   TEXT NOT NULL REFERENCES councils (id),
    meeting_date TEXT NOT NULL,
    place_label  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL
);

CREATE INDEX ix_meetings_group ON meetings (group_id, meeting_date);

CREATE TABLE charter_versions (
    council_id   TEXT    NOT NULL REFERENCES councils (id),
    version      TEXT    NOT NULL,
    charter_date TEXT    NOT NULL,
    text_sha256  TEXT    NOT NULL,
    published_at TEXT    NOT NULL,
    published_by TEXT    NOT NULL,
    revision     INTEGER NOT NULL,
    PRIMARY KEY (council_id, version)
);

CREATE TABLE charter_signatures (
    id                 TEXT NOT NULL PRIMARY KEY,
    council_id         TEXT NOT NULL,
    version            TEXT NOT NULL,
    institution_id     TEXT NOT NULL REFERENCES institutions (id),
    signed_on          TEXT NOT NULL,
    signatory_name     TEXT NOT NULL,
    signatory_function TEXT NOT NULL,
    recorded_at        TEXT NOT NULL,
    recorded_by        TEXT NOT NULL,
    FOREIGN KEY (council_id, version) REFERENCES charter_versions (council_id, version),
    UNIQUE (council_id, version, institution_id)
);

CREATE TABLE charter_acceptances (
    id                         TEXT    NOT NULL PRIMARY KEY,
    council_id                 TEXT    NOT NULL,
    version                    TEXT    NOT NULL,
    participant_id             TEXT    NOT NULL REFERENCES participants (id),
    access_traced_acknowledged INTEGER NOT NULL,
    accepted_at                TEXT    NOT NULL,
    subject                    TEXT    NOT NULL,
    FOREIGN KEY (council_id, version) REFERENCES charter_versions (council_id, version),
    UNIQUE (council_id, version, participant_id)
);

CREATE TABLE confidentiality_breaches (
    id             TEXT NOT NULL PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES participants (id),
    council_id     TEXT NOT NULL REFERENCES councils (id),
    reason         TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    recorded_by    TEXT NOT NULL
);

CREATE INDEX ix_confidentiality_breaches_participant ON confidentiality_breaches (participant_id, recorded_at);

ALTER TABLE designations ADD COLUMN breach_id TEXT NULL REFERENCES confidentiality_breaches (id);
ALTER TABLE designations ADD COLUMN revoked_by TEXT NULL;

CREATE INDEX ix_designations_meeting ON designations (meeting_id);
