-- Staff users, customer accounts and their e-mail domains.
-- Ids are text (UUIDv7); timestamps are TIMESTAMP holding UTC.

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'csm', 'marketing')),
    timezone TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE accounts (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    segment TEXT NOT NULL CHECK (segment IN ('high_touch', 'low_touch', 'tech_touch')),
    created_at TIMESTAMP NOT NULL
);

-- A domain belongs to at most one account: it is how a registrant's account is found.
CREATE TABLE account_domains (
    domain TEXT PRIMARY KEY NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE
);

CREATE INDEX account_domains_account_id ON account_domains (account_id);
