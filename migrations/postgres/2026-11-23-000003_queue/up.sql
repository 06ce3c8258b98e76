-- Office hours: CSM availability, the one-hour customer queue and its
-- appointments.

CREATE TABLE availability (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id),
    timezone TEXT NOT NULL,
    -- JSON: [{"day": "mon", "start": "09:00", "end": "12:00"}, …]
    weekly TEXT NOT NULL,
    -- JSON: [{"date": "2027-03-29", "start": null, "end": null}, …]
    exceptions TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE queue_requests (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    company TEXT,
    account_id TEXT REFERENCES accounts (id),
    topic TEXT NOT NULL,
    situation TEXT NOT NULL,
    timezone TEXT NOT NULL,
    locale TEXT NOT NULL,
    -- JSON: [{"day": "tue", "start": "14:00", "end": "17:00"}] in `timezone`.
    preferred TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('waiting', 'scheduled', 'done', 'cancelled')),
    -- Serving order is arrival order.
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    -- After "another slot, please": nothing before this.
    not_before TIMESTAMP
);
-- One active request per e-mail.
CREATE UNIQUE INDEX queue_requests_active_email ON queue_requests (email) WHERE status IN ('waiting', 'scheduled');
CREATE INDEX queue_requests_status ON queue_requests (status, created_at, id);
CREATE INDEX queue_requests_account ON queue_requests (account_id);

CREATE TABLE appointments (
    id TEXT PRIMARY KEY NOT NULL,
    request_id TEXT NOT NULL REFERENCES queue_requests (id),
    host_id TEXT NOT NULL REFERENCES users (id),
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'held', 'no_show', 'cancelled')),
    notes TEXT,
    sequence INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (ends_at > starts_at)
);
-- A CSM never has two live appointments starting together; overlaps of any
-- other shape are refused under the CSM's lock (see src/db/queue.rs).
CREATE UNIQUE INDEX appointments_host_start ON appointments (host_id, starts_at) WHERE status <> 'cancelled';
CREATE INDEX appointments_host_time ON appointments (host_id, starts_at, ends_at);
CREATE INDEX appointments_request ON appointments (request_id);

-- Named locks: the row is updated to serialise work across instances
-- (the allocator takes 'queue'; each CSM's bookings take 'host:<id>').
CREATE TABLE locks (
    name TEXT PRIMARY KEY NOT NULL,
    touched_at TIMESTAMP NOT NULL
);
INSERT INTO locks (name, touched_at) VALUES ('queue', CURRENT_TIMESTAMP);

CREATE TABLE appointment_reminders (
    appointment_id TEXT NOT NULL REFERENCES appointments (id),
    offset_minutes INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (appointment_id, offset_minutes)
);
