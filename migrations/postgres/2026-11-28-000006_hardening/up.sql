-- Hardening: exact waiting-list order, revocable staff tokens, throttled
-- re-sends, and queue requests that wait for their owner's confirmation.

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
ALTER TABLE users ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
ALTER TABLE users ADD COLUMN token_generation INTEGER NOT NULL DEFAULT 0;

-- Tokens signed out before they expire (kept until they would have expired).
CREATE TABLE revoked_tokens (
    jti TEXT PRIMARY KEY NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX revoked_tokens_expires ON revoked_tokens (expires_at);

-- Queue requests: 'unconfirmed' until the owner confirms by mail, 'expired'
-- when they never did.
ALTER TABLE queue_requests DROP CONSTRAINT queue_requests_status_check;
ALTER TABLE queue_requests ADD CONSTRAINT queue_requests_status_check
    CHECK (status IN ('unconfirmed', 'waiting', 'scheduled', 'done', 'cancelled', 'expired'));
-- An unconfirmed request lapses at this time.
ALTER TABLE queue_requests ADD COLUMN confirm_by TIMESTAMP;
-- One active request per e-mail (an unconfirmed one counts: no mail bombs).
DROP INDEX queue_requests_active_email;
CREATE UNIQUE INDEX queue_requests_active_email ON queue_requests (email) WHERE status IN ('unconfirmed', 'waiting', 'scheduled');
