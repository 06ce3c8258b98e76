-- A CSM's calendar subscription feed: only the SHA-256 of its secret token
-- is kept, so a copy of the database does not open anyone's feed.
CREATE TABLE calendar_tokens (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
