-- Beyond the anchors: seat offers, minimum attendees, rolling waiting
-- lists, follow-up with a rating.
-- How a freed seat is handed on: at once ('auto') or held as an offer.
ALTER TABLE webinars ADD COLUMN waitlist_mode TEXT NOT NULL DEFAULT 'auto' CHECK (waitlist_mode IN ('auto', 'offer'));
ALTER TABLE webinars ADD COLUMN offer_hours INTEGER NOT NULL DEFAULT 12 CHECK (offer_hours > 0);
ALTER TABLE webinars ADD COLUMN min_attendees INTEGER CHECK (min_attendees IS NULL OR min_attendees > 0);
ALTER TABLE webinars ADD COLUMN decision_hours INTEGER NOT NULL DEFAULT 24 CHECK (decision_hours > 0);
ALTER TABLE webinars ADD COLUMN rollover BOOLEAN NOT NULL DEFAULT TRUE;
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
ALTER TABLE registrations DROP CONSTRAINT registrations_status_check;
ALTER TABLE registrations ADD CONSTRAINT registrations_status_check
    CHECK (status IN ('confirmed', 'waitlisted', 'offered', 'cancelled'));
ALTER TABLE registrations ADD COLUMN offer_expires_at TIMESTAMP;
ALTER TABLE registrations ADD COLUMN seated BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE registrations SET seated = (status = 'confirmed' OR attended IS NOT NULL);
ALTER TABLE registrations ADD COLUMN rollover BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE registrations ADD COLUMN followed_up_at TIMESTAMP;
ALTER TABLE registrations ADD COLUMN rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5);
ALTER TABLE registrations ADD COLUMN rating_comment TEXT;
ALTER TABLE registrations ADD COLUMN rated_at TIMESTAMP;
-- The offers that run out next.
CREATE INDEX registrations_offers ON registrations (offer_expires_at) WHERE status = 'offered';
