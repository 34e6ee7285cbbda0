-- REC-7: the person a stored response is about (NULL when it is about no one), so that destroying
-- the person also removes the responses kept for retries; recorded_at bounds every entry's life.
ALTER TABLE clspd_request_log ADD COLUMN subject_ref TEXT COLLATE "C" NULL;
CREATE INDEX ix_clspd_request_log_subject ON clspd_request_log (subject_ref);
CREATE INDEX ix_clspd_request_log_recorded ON clspd_request_log (recorded_at);
