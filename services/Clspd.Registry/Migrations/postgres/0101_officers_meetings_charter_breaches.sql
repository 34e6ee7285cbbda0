-- REG-1 officer history, meetings, REG-3 charter versions/signatures/acceptances, REG-5 breaches.
CREATE TABLE council_officer_changes (
    id            TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_council_officer_changes PRIMARY KEY,
    council_id    TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_council_officer_changes_council REFERENCES councils (id),
    office        INTEGER               NOT NULL,
    previous_name TEXT COLLATE "C"     NOT NULL,
    new_name      TEXT COLLATE "C"     NOT NULL,
    reason        TEXT COLLATE "C"     NOT NULL,
    changed_at    TIMESTAMPTZ NOT NULL,
    changed_by    TEXT COLLATE "C"     NOT NULL,
    revision      BIGINT            NOT NULL
);
CREATE INDEX IX_council_officer_changes_council ON council_officer_changes (council_id, revision);
ALTER TABLE council_groups ADD COLUMN close_reason TEXT COLLATE "C" NULL;
CREATE TABLE meetings (
    id           TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_meetings PRIMARY KEY,
    group_id     TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_meetings_group REFERENCES council_groups (id),
    council_id   TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_meetings_council REFERENCES councils (id),
    meeting_date DATE              NOT NULL,
    place_label  TEXT COLLATE "C"     NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   TEXT COLLATE "C"     NOT NULL
);
CREATE INDEX IX_meetings_group ON meetings (group_id, meeting_date);
CREATE TABLE charter_versions (
    council_id   TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_charter_versions_council REFERENCES councils (id),
    version      TEXT COLLATE "C"      NOT NULL,
    charter_date DATE              NOT NULL,
    text_sha256  TEXT COLLATE "C"          NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    published_by TEXT COLLATE "C"     NOT NULL,
    revision     BIGINT            NOT NULL,
    CONSTRAINT PK_charter_versions PRIMARY KEY (council_id, version)
);
CREATE TABLE charter_signatures (
    id                 TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_charter_signatures PRIMARY KEY,
    council_id         TEXT COLLATE "C"       NOT NULL,
    version            TEXT COLLATE "C"      NOT NULL,
    institution_id     TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_charter_signatures_institution REFERENCES institutions (id),
    signed_on          DATE              NOT NULL,
    signatory_name     TEXT COLLATE "C"     NOT NULL,
    signatory_function TEXT COLLATE "C"     NOT NULL,
    recorded_at        TIMESTAMPTZ NOT NULL,
    recorded_by        TEXT COLLATE "C"     NOT NULL,
    CONSTRAINT FK_charter_signatures_version FOREIGN KEY (council_id, version) REFERENCES charter_versions (council_id, version),
    CONSTRAINT UQ_charter_signatures UNIQUE (council_id, version, institution_id)
);
CREATE TABLE charter_acceptances (
    id                         TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_charter_acceptances PRIMARY KEY,
    council_id                 TEXT COLLATE "C"       NOT NULL,
    version                    TEXT COLLATE "C"      NOT NULL,
    participant_id             TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_charter_acceptances_participant REFERENCES participants (id),
    access_traced_acknowledged BOOLEAN               NOT NULL,
    accepted_at                TIMESTAMPTZ NOT NULL,
    subject                    TEXT COLLATE "C"     NOT NULL,
    CONSTRAINT FK_charter_acceptances_version FOREIGN KEY (council_id, version) REFERENCES charter_versions (council_id, version),
    CONSTRAINT UQ_charter_acceptances UNIQUE (council_id, version, participant_id)
);
CREATE TABLE confidentiality_breaches (
    id             TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_confidentiality_breaches PRIMARY KEY,
    participant_id TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_confidentiality_breaches_participant REFERENCES participants (id),
    council_id     TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_confidentiality_breaches_council REFERENCES councils (id),
    reason         TEXT COLLATE "C"     NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    recorded_by    TEXT COLLATE "C"     NOT NULL
);
CREATE INDEX IX_confidentiality_breaches_participant ON confidentiality_breaches (participant_id, recorded_at);
ALTER TABLE designations
    ADD COLUMN breach_id  TEXT COLLATE "C" NULL CONSTRAINT FK_designations_breach REFERENCES confidentiality_breaches (id),
    ADD COLUMN revoked_by TEXT COLLATE "C" NULL;
CREATE INDEX IX_designations_meeting ON designations (meeting_id);
