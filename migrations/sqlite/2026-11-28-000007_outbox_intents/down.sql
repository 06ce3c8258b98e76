ALTER TABLE outbox DROP COLUMN user_id;
ALTER TABLE outbox DROP COLUMN appointment_id;
ALTER TABLE outbox DROP COLUMN detail;
ALTER TABLE outbox DROP COLUMN sequence;
