PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

-- Beyond the anchors: seat offers, minimum attendees, rolling waiting
-- lists, follow-up with a rating.
-- How a freed seat is handed on: at once ('auto') or held as an offer.
ALTER TABLE webinars ADD COLUMN waitlist_mode TEXT NOT NULL DEFAULT 'auto' CHECK (waitlist_mode IN ('auto', 'offer'));
ALTER TABLE webinars ADD COLUMN offer_hours INTEGER NOT NULL DEFAULT 12 CHECK (offer_hours > 0);
ALTER TABLE webinars ADD COLUMN min_attendees INTEGER CHECK (min_attendees IS NULL OR min_attendees > 0);
ALTER TABLE webinars ADD COLUMN decision_hours INTEGER NOT NULL DEFAULT 24 CHECK (decision_hours > 0);
ALTER TABLE webinars ADD COLUMN rollover BOOLEAN NOT NULL DEFAULT 1;
ALTER TABLE webinars ADD COLUMN recording_url TEXT;
ALTER TABLE webinars ADD COLUMN cancel_reason TEXT;
-- Each scheduled step is done once: the first instance to set its column
-- (under the webinar's lock) does it.
ALTER TABLE webinars ADD COLUMN warned_at TIMESTAMP;
ALTER TABLE webinars ADD COLUMN decided_at TIMESTAMP;
ALTER TABLE webinars ADD COLUMN rolled_over_at TIMESTAMP;
ALTER TABLE webinars ADD COLUMN followed_up_at TIMESTAMP;

-- Registrations: 'offered' holds a seat until offer_expires_at; `seated`
-- remembers that the person ever held a seat (the seat chance learns from
-- how many of those cancel); `rollover` is the registrant's consent to move
-- to the next occurrence; the follow-up and its rating are once per person.
-- SQLite cannot change a CHECK: the table is rebuilt.
CREATE TABLE registrations_new (
    id TEXT PRIMARY KEY NOT NULL,
    webinar_id TEXT NOT NULL REFERENCES webinars (id),
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    company TEXT,
    timezone TEXT NOT NULL,
    locale TEXT NOT NULL,
    situation TEXT,
    -- JSON array of strings.
    questions TEXT NOT NULL,
    marketing_consent BOOLEAN NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'offered', 'cancelled')),
    attended BOOLEAN,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    cancelled_at TIMESTAMP,
    erased_at TIMESTAMP,
    arrival INTEGER NOT NULL DEFAULT 0,
    resent_at TIMESTAMP,
    offer_expires_at TIMESTAMP,
    seated BOOLEAN NOT NULL DEFAULT 0,
    rollover BOOLEAN NOT NULL DEFAULT 1,
    followed_up_at TIMESTAMP,
    rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
    rating_comment TEXT,
    rated_at TIMESTAMP
);
INSERT INTO registrations_new (id, webinar_id, email, name, company, timezone, locale, situation,
    questions, marketing_consent, status, attended, created_at, updated_at, cancelled_at,
    erased_at, arrival, resent_at, seated)
SELECT id, webinar_id, email, name, company, timezone, locale, situation,
    questions, marketing_consent, status, attended, created_at, updated_at, cancelled_at,
    erased_at, arrival, resent_at, (status = 'confirmed' OR attended IS NOT NULL) FROM registrations;
DROP TABLE registrations;
ALTER TABLE registrations_new RENAME TO registrations;
CREATE UNIQUE INDEX registrations_active_email ON registrations (webinar_id, email) WHERE status <> 'cancelled';
CREATE INDEX registrations_webinar_status ON registrations (webinar_id, status, created_at, id);
CREATE INDEX registrations_email ON registrations (email);
CREATE INDEX registrations_created ON registrations (created_at, id);
CREATE INDEX registrations_waitlist ON registrations (webinar_id, status, arrival);
-- The offers that run out next.
CREATE INDEX registrations_offers ON registrations (offer_expires_at) WHERE status = 'offered';

COMMIT;
PRAGMA foreign_keys = ON;
