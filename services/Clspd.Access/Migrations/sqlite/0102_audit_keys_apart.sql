-- ACC-4 / ACC-6: the lookup keys of the trail (case, participant, subject) leave this table for
-- the file access.audit-keys.db, written after each commit by the audit indexer. Each of these
-- keys lands at a random place in its index, and in the write-ahead log every changed page is
-- written whole and flushed at commit: they made up most of the cost of a durable append.
-- The trail keeps its keys that grow at the right edge: seq, decision_id, council and instant.
DROP INDEX ix_audit_case;
DROP INDEX ix_audit_principal;
DROP INDEX ix_audit_subject;
