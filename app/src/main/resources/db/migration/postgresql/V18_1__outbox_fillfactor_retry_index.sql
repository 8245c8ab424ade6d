-- Room on every page for the new version of each row written with its outcome: an update in place
-- (heap-only) needs free space on the row's own page, else it moves the row and indexes it again.
ALTER TABLE outbox SET (fillfactor = 50);

-- Only the rows waiting for a retry (or in one) have a next_attempt_at: a handful, against a
-- campaign's every row.
DROP INDEX outbox_retry;
CREATE INDEX outbox_retry ON outbox (next_attempt_at, id) WHERE next_attempt_at IS NOT NULL;
