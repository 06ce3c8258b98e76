-- The outbox holds intents: what happened and whom it concerns. The mail is
-- written at delivery, in the reader's language, from the rows these point at.
ALTER TABLE outbox ADD COLUMN sequence INTEGER;
ALTER TABLE outbox ADD COLUMN detail BIGINT;
ALTER TABLE outbox ADD COLUMN appointment_id TEXT;
ALTER TABLE outbox ADD COLUMN user_id TEXT;
