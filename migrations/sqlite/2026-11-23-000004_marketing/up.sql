-- Marketing: webhooks (delivered through the outbox), erasure, audit.
-- SQLite cannot change a CHECK constraint: the outbox is rebuilt.

CREATE TABLE outbox_new (
    id TEXT PRIMARY KEY NOT NULL,
    topic TEXT NOT NULL,
    recipient TEXT NOT NULL,
    message TEXT NOT NULL,
    webinar_id TEXT,
    registration_id TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    locked_by TEXT,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'webhook')),
    webhook_id TEXT
);
INSERT INTO outbox_new (id, topic, recipient, message, webinar_id, registration_id, status, attempts,
    next_attempt_at, locked_until, locked_by, last_error, created_at, sent_at)
SELECT id, topic, recipient, message, webinar_id, registration_id, status, attempts,
    next_attempt_at, locked_until, locked_by, last_error, created_at, sent_at FROM outbox;
CREATE TABLE outbox_attempts_new (
    id TEXT PRIMARY KEY NOT NULL,
    outbox_id TEXT NOT NULL REFERENCES outbox_new (id) ON DELETE CASCADE,
    attempted_at TIMESTAMP NOT NULL,
    worker TEXT NOT NULL,
    succeeded BOOLEAN NOT NULL,
    error TEXT
);
INSERT INTO outbox_attempts_new SELECT * FROM outbox_attempts;
DROP TABLE outbox_attempts;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
ALTER TABLE outbox_attempts_new RENAME TO outbox_attempts;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_registration ON outbox (registration_id);
CREATE INDEX outbox_attempts_outbox ON outbox_attempts (outbox_id, attempted_at);

CREATE TABLE webhooks (
    id TEXT PRIMARY KEY NOT NULL,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    secret TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);

ALTER TABLE registrations ADD COLUMN erased_at TIMESTAMP;
ALTER TABLE queue_requests ADD COLUMN erased_at TIMESTAMP;

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY NOT NULL,
    actor_id TEXT NOT NULL,
    action TEXT NOT NULL,
    details TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX audit_log_created ON audit_log (created_at, id);
CREATE INDEX registrations_created ON registrations (created_at, id);
