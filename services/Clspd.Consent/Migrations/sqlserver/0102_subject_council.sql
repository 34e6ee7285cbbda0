-- REC-11: the council whose records hold the subject, so that consent decisions can be counted
-- per council for its evaluation. Empty for subjects registered before records sent it.
ALTER TABLE dbo.subjects ADD council_id VARCHAR(64) NOT NULL CONSTRAINT DF_subjects_council_id DEFAULT '';
GO
CREATE INDEX IX_subjects_council ON dbo.subjects (council_id);
GO
CREATE INDEX IX_decisions_decided_at ON dbo.decisions (decided_at);
GO
