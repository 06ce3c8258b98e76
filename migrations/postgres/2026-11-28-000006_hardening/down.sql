DROP TABLE revoked_tokens;
DROP INDEX registrations_waitlist;
ALTER TABLE registrations DROP COLUMN arrival;
ALTER TABLE registrations DROP COLUMN resent_at;
ALTER TABLE webinars DROP COLUMN arrivals;
ALTER TABLE users DROP COLUMN active;
ALTER TABLE users DROP COLUMN locale;
ALTER TABLE users DROP COLUMN token_generation;
DELETE FROM queue_requests WHERE status IN ('unconfirmed', 'expired');
DROP INDEX queue_requests_active_email;
CREATE UNIQUE INDEX queue_requests_active_email ON queue_requests (email) WHERE status IN ('waiting', 'scheduled');
ALTER TABLE queue_requests DROP CONSTRAINT queue_requests_status_check;
ALTER TABLE queue_requests ADD CONSTRAINT queue_requests_status_check
    CHECK (status IN ('waiting', 'scheduled', 'done', 'cancelled'));
ALTER TABLE queue_requests DROP COLUMN confirm_by;
