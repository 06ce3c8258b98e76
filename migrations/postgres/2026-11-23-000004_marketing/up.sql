-- Marketing: webhooks (delivered through the outbox), erasure, audit.

-- The outbox carries webhook deliveries too; erased mail is 'cancelled'.
ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'webhook'));
ALTER TABLE outbox ADD COLUMN webhook_id TEXT;
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'sent', 'failed', 'cancelled'));

CREATE TABLE webhooks (
    id TEXT PRIMARY KEY NOT NULL,
    url TEXT NOT NULL,
    -- JSON array of event names.
    events TEXT NOT NULL,
    -- Shared secret for the HMAC signature; never shown again after creation.
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
    -- JSON: filters of an export; for an erasure a hash of the address, not the address.
    details TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX audit_log_created ON audit_log (created_at, id);
CREATE INDEX registrations_created ON registrations (created_at, id);
