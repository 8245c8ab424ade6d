-- The due index began with state, so PostgreSQL's generic plan for "this row, if this worker still
-- sends it" (WHERE id = ? AND state = 'SENDING') walked every SENDING entry of the index, dead ones
-- included: milliseconds per message once the outbox had grown. Partial indexes serve the two claims
-- (due rows; rows whose lease ran out) and leave the primary key as the only way to one row.
-- H2 has no partial indexes; a single process on it keeps the index of V7.
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state IN ('QUEUED', 'DEFERRED');
CREATE INDEX outbox_leased ON outbox (lease_until) WHERE state = 'SENDING';
