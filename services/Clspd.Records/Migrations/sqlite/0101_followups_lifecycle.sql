-- Follow-ups (REC-2, REC-3, REC-5) and the lifecycle of cases (REC-7).
ALTER TABLE cases ADD COLUMN status TEXT NOT NULL DEFAULT 'ACTIVE';
ALTER TABLE cases ADD COLUMN end_date TEXT NULL;
ALTER TABLE cases ADD COLUMN destroy_on TEXT NULL;
ALTER TABLE cases ADD COLUMN closed_at TEXT NULL;
ALTER TABLE cases ADD COLUMN closed_by TEXT NULL;
-- The single free-text field, sealed under the person's data key (destroyed with it).
ALTER TABLE cases ADD COLUMN elements_cipher BLOB NULL;
ALTER TABLE cases ADD COLUMN elements_author TEXT NULL;
ALTER TABLE cases ADD COLUMN elements_at TEXT NULL;
CREATE INDEX ix_cases_status_destroy ON cases (status, destroy_on);

CREATE TABLE referrals (
    id          TEXT NOT NULL PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases (id),
    origin      INTEGER NOT NULL,
    reasons     TEXT NOT NULL,
    referred_on TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX ix_referrals_case ON referrals (case_id);

CREATE TABLE follow_ups (
    case_id          TEXT NOT NULL PRIMARY KEY REFERENCES cases (id),
    referral_id      TEXT NOT NULL REFERENCES referrals (id),
    programme        INTEGER NOT NULL,
    path_referent_id TEXT NOT NULL,
    start_date       TEXT NOT NULL,
    started_at       TEXT NOT NULL,
    started_by       TEXT NOT NULL
);

CREATE TABLE actions (
    id          TEXT NOT NULL PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases (id),
    kind        INTEGER NOT NULL,
    start_date  TEXT NOT NULL,
    end_date    TEXT NULL,
    result      INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX ix_actions_case ON actions (case_id);

CREATE TABLE judicial_measures (
    id          TEXT NOT NULL PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases (id),
    kind        INTEGER NOT NULL,
    necessity   INTEGER NOT NULL,
    start_date  TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX ix_judicial_measures_case ON judicial_measures (case_id);

CREATE TABLE information_items (
    id             TEXT NOT NULL PRIMARY KEY,
    case_id        TEXT NOT NULL REFERENCES cases (id),
    category       INTEGER NOT NULL,
    classification INTEGER NOT NULL,
    observed_on    TEXT NOT NULL,
    author         TEXT NOT NULL,
    attested_at    TEXT NOT NULL
);
CREATE INDEX ix_information_items_case ON information_items (case_id);

-- What was destroyed, when and why: counts and codes, no personal data, no person or case id.
CREATE TABLE deletion_log (
    id           TEXT NOT NULL PRIMARY KEY,
    destroyed_at TEXT NOT NULL,
    council_id   TEXT NOT NULL,
    kind         TEXT NOT NULL,
    reason       TEXT NOT NULL,
    count        INTEGER NOT NULL
);
