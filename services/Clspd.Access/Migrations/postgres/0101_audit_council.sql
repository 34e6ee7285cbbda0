-- REC-11: the evaluation counts a council's decisions over a period.
CREATE INDEX IX_audit_council ON audit_entries (council_id, decided_at);
