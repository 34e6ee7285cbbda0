-- REC-11: the council whose records hold the subject, so that consent decisions can be counted
-- per council for its evaluation. Empty for subjects registered before records sent it.
ALTER TABLE subjects ADD COLUMN council_id TEXT NOT NULL DEFAULT '';
CREATE INDEX ix_subjects_council ON subjects (council_id);
CREATE INDEX ix_decisions_decided_at ON decisions (decided_at);
