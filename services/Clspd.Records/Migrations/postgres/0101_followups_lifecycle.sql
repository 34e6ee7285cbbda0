-- Follow-ups (REC-2, REC-3, REC-5) and the lifecycle of cases (REC-7).
ALTER TABLE cases
    ADD COLUMN status          TEXT COLLATE "C" NOT NULL DEFAULT 'ACTIVE',
    ADD COLUMN end_date        DATE             NULL,
    ADD COLUMN destroy_on      DATE             NULL,
    ADD COLUMN closed_at       TIMESTAMPTZ      NULL,
    ADD COLUMN closed_by       TEXT COLLATE "C" NULL,
    -- The single free-text field, sealed under the person's data key (destroyed with it).
    ADD COLUMN elements_cipher BYTEA            NULL,
    ADD COLUMN elements_author TEXT COLLATE "C" NULL,
    ADD COLUMN elements_at     TIMESTAMPTZ      NULL;
CREATE INDEX IX_cases_status_destroy ON cases (status, destroy_on);
CREATE TABLE referrals (
    id          TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_referrals PRIMARY KEY,
    case_id     TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_referrals_case REFERENCES cases (id),
    origin      INTEGER               NOT NULL,
    reasons     TEXT COLLATE "C"      NOT NULL,
    referred_on DATE              NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    recorded_by TEXT COLLATE "C"     NOT NULL
);
CREATE INDEX IX_referrals_case ON referrals (case_id);
CREATE TABLE follow_ups (
    case_id          TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_follow_ups PRIMARY KEY CONSTRAINT FK_follow_ups_case REFERENCES cases (id),
    referral_id      TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_follow_ups_referral REFERENCES referrals (id),
    programme        INTEGER               NOT NULL,
    path_referent_id TEXT COLLATE "C"       NOT NULL,
    start_date       DATE              NOT NULL,
    started_at       TIMESTAMPTZ NOT NULL,
    started_by       TEXT COLLATE "C"     NOT NULL
);
CREATE TABLE actions (
    id          TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_actions PRIMARY KEY,
    case_id     TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_actions_case REFERENCES cases (id),
    kind        INTEGER               NOT NULL,
    start_date  DATE              NOT NULL,
    end_date    DATE              NULL,
    result      INTEGER               NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    recorded_by TEXT COLLATE "C"     NOT NULL
);
CREATE INDEX IX_actions_case ON actions (case_id);
CREATE TABLE judicial_measures (
    id          TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_judicial_measures PRIMARY KEY,
    case_id     TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_judicial_measures_case REFERENCES cases (id),
    kind        INTEGER               NOT NULL,
    necessity   INTEGER               NOT NULL,
    start_date  DATE              NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    recorded_by TEXT COLLATE "C"     NOT NULL
);
CREATE INDEX IX_judicial_measures_case ON judicial_measures (case_id);
CREATE TABLE information_items (
    id             TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_information_items PRIMARY KEY,
    case_id        TEXT COLLATE "C"       NOT NULL CONSTRAINT FK_information_items_case REFERENCES cases (id),
    category       INTEGER               NOT NULL,
    classification INTEGER               NOT NULL,
    observed_on    DATE              NOT NULL,
    author         TEXT COLLATE "C"     NOT NULL,
    attested_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX IX_information_items_case ON information_items (case_id);
-- What was destroyed, when and why: counts and codes, no personal data, no person or case id.
CREATE TABLE deletion_log (
    id           TEXT COLLATE "C"       NOT NULL CONSTRAINT PK_deletion_log PRIMARY KEY,
    destroyed_at TIMESTAMPTZ NOT NULL,
    council_id   TEXT COLLATE "C"       NOT NULL,
    kind         TEXT COLLATE "C"       NOT NULL,
    reason       TEXT COLLATE "C"       NOT NULL,
    count        INTEGER               NOT NULL
);
