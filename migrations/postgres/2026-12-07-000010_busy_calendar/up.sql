-- A CSM's busy calendar in: the ICS feed URL they gave, the last copy that
-- was fetched and parsed (kept when a later fetch fails), and how the last
-- fetch went.
CREATE TABLE busy_calendars (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id),
    url TEXT NOT NULL,
    body TEXT,
    last_success_at TIMESTAMP,
    last_error TEXT,
    last_attempt_at TIMESTAMP,
    next_fetch_at TIMESTAMP NOT NULL
);
CREATE INDEX busy_calendars_next_fetch_at ON busy_calendars (next_fetch_at);
