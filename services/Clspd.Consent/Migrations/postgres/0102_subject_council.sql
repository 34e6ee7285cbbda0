-- REC-11: the council whose records hold the subject, so that consent decisions can be counted
-- per council for its evaluation. Empty for subjects registered before records sent it.
ALTER TABLE subjects ADD COLUMN council_id TEXT COLLATE "C" NOT NULL DEFAULT '';
CREATE INDEX IX_subjects_council ON subjects (council_id);
CREATE INDEX IX_decisions_decided_at ON decisions (decided_at);
