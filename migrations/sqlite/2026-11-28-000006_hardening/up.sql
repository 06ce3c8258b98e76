-- Hardening: exact waiting-list order, revocable staff tokens, throttled
-- re-sends, and queue requests that wait for their owner's confirmation.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

-- Arrival order on a webinar: a number handed out under the webinar's lock
-- (webinars.arrivals counts them), so the waiting list is served in the
-- order the lock was taken, not the order clocks were read.
ALTER TABLE webinars ADD COLUMN arrivals INTEGER NOT NULL DEFAULT 0;
ALTER TABLE registrations ADD COLUMN arrival INTEGER NOT NULL DEFAULT 0;
UPDATE registrations SET arrival = ranked.n
FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY webinar_id ORDER BY created_at, id) AS n
      FROM registrations) AS ranked
WHERE ranked.id = registrations.id;
UPDATE webinars SET arrivals = (
    SELECT COALESCE(MAX(arrival), 0) FROM registrations WHERE registrations.webinar_id = webinars.id);
CREATE INDEX registrations_waitlist ON registrations (webinar_id, status, arrival);
-- The last time a repeated registration re-sent the confirmation.
ALTER TABLE registrations ADD COLUMN resent_at TIMESTAMP;

-- Staff: deactivation, a language for their mail, and a generation that
-- invalidates every token issued before a change of role or password.
ALTER TABLE users ADD COLUMN active BOOLEAN NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
ALTER TABLE users ADD COLUMN token_generation INTEGER NOT NULL DEFAULT 0;

-- Tokens signed out before they expire (kept until they would have expired).
CREATE TABLE revoked_tokens (
    jti TEXT PRIMARY KEY NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX revoked_tokens_expires ON revoked_tokens (expires_at);

-- Queue requests: 'unconfirmed' until the owner confirms by mail, 'expired'
-- when they never did. SQLite cannot change a CHECK: the table is rebuilt.
CREATE TABLE queue_requests_new (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    company TEXT,
    account_id TEXT REFERENCES accounts (id),
    topic TEXT NOT NULL,
    situation TEXT NOT NULL,
    timezone TEXT NOT NULL,
    locale TEXT NOT NULL,
    preferred TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('unconfirmed', 'waiting', 'scheduled', 'done', 'cancelled', 'expired')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    not_before TIMESTAMP,
    erased_at TIMESTAMP,
    -- An unconfirmed request lapses at this time.
    confirm_by TIMESTAMP
);
INSERT INTO queue_requests_new (id, email, name, company, account_id, topic, situation, timezone,
    locale, preferred, status, created_at, updated_at, not_before, erased_at)
SELECT id, email, name, company, account_id, topic, situation, timezone,
    locale, preferred, status, created_at, updated_at, not_before, erased_at FROM queue_requests;
DROP TABLE queue_requests;
ALTER TABLE queue_requests_new RENAME TO queue_requests;
-- One active request per e-mail (an unconfirmed one counts: no mail bombs).
CREATE UNIQUE INDEX queue_requests_active_email ON queue_requests (email) WHERE status IN ('unconfirmed', 'waiting', 'scheduled');
CREATE INDEX queue_requests_status ON queue_requests (status, created_at, id);
CREATE INDEX queue_requests_account ON queue_requests (account_id);

COMMIT;
PRAGMA foreign_keys = ON;
