-- REC-7: the person a stored response is about (NULL when it is about no one), so that destroying
-- the person also removes the responses kept for retries; recorded_at bounds every entry's life.
ALTER TABLE dbo.clspd_request_log ADD subject_ref VARCHAR(64) NULL;
GO
CREATE INDEX IX_clspd_request_log_subject ON dbo.clspd_request_log (subject_ref);
GO
CREATE INDEX IX_clspd_request_log_recorded ON dbo.clspd_request_log (recorded_at);
GO
