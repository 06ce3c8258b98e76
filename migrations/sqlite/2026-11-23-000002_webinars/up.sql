-- Webinars, their registrations, and the outbox that carries every e-mail.

CREATE TABLE webinars (
    id TEXT PRIMARY KEY NOT NULL,
    series_id TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('regular', 'expert')),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    topic TEXT,
    host_id TEXT NOT NULL REFERENCES users (id),
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    timezone TEXT NOT NULL,
    capacity INTEGER CHECK (capacity IS NULL OR capacity > 0),
    -- Kept in step with the registrations inside the transaction that holds
    -- the webinar row's lock; the CHECK is the last line of the capacity guard.
    seats_taken INTEGER NOT NULL DEFAULT 0 CHECK (seats_taken >= 0),
    waitlist_length INTEGER NOT NULL DEFAULT 0 CHECK (waitlist_length >= 0),
    join_url TEXT,
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
    -- iCalendar SEQUENCE: raised on every change that re-sends the invite.
    sequence INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (capacity IS NULL OR seats_taken <= capacity),
    CHECK (ends_at > starts_at)
);
CREATE INDEX webinars_starts_at ON webinars (starts_at, id);
CREATE INDEX webinars_host ON webinars (host_id, starts_at);
CREATE INDEX webinars_series ON webinars (series_id);

CREATE TABLE registrations (
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
    status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    attended BOOLEAN,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    cancelled_at TIMESTAMP
);
-- One active registration per person and webinar.
CREATE UNIQUE INDEX registrations_active_email ON registrations (webinar_id, email) WHERE status <> 'cancelled';
-- Waiting-list order is arrival order.
CREATE INDEX registrations_webinar_status ON registrations (webinar_id, status, created_at, id);
CREATE INDEX registrations_email ON registrations (email);

CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    -- invite, update, cancel, waitlist, reminder, …
    topic TEXT NOT NULL,
    recipient TEXT NOT NULL,
    -- The complete RFC 5322 message, rendered in the booking's transaction.
    message TEXT NOT NULL,
    webinar_id TEXT,
    registration_id TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    -- A worker's lease: nobody else sends the row before it runs out.
    locked_until TIMESTAMP,
    locked_by TEXT,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_registration ON outbox (registration_id);

CREATE TABLE outbox_attempts (
    id TEXT PRIMARY KEY NOT NULL,
    outbox_id TEXT NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    attempted_at TIMESTAMP NOT NULL,
    worker TEXT NOT NULL,
    succeeded BOOLEAN NOT NULL,
    error TEXT
);
CREATE INDEX outbox_attempts_outbox ON outbox_attempts (outbox_id, attempted_at);

-- A reminder (minutes before start) sent for a registration: each at most once.
CREATE TABLE sent_reminders (
    registration_id TEXT NOT NULL REFERENCES registrations (id),
    offset_minutes INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (registration_id, offset_minutes)
);
