DROP INDEX registrations_offers;
UPDATE registrations SET status = 'confirmed' WHERE status = 'offered';
ALTER TABLE registrations DROP CONSTRAINT registrations_status_check;
ALTER TABLE registrations ADD CONSTRAINT registrations_status_check
    CHECK (status IN ('confirmed', 'waitlisted', 'cancelled'));
ALTER TABLE registrations DROP COLUMN offer_expires_at, DROP COLUMN seated, DROP COLUMN rollover,
    DROP COLUMN followed_up_at, DROP COLUMN rating, DROP COLUMN rating_comment, DROP COLUMN rated_at;
ALTER TABLE webinars DROP COLUMN followed_up_at, DROP COLUMN rolled_over_at, DROP COLUMN decided_at,
    DROP COLUMN warned_at, DROP COLUMN cancel_reason, DROP COLUMN recording_url, DROP COLUMN rollover,
    DROP COLUMN decision_hours, DROP COLUMN min_attendees, DROP COLUMN offer_hours, DROP COLUMN waitlist_mode;
