DROP INDEX registrations_created;
DROP TABLE audit_log;
ALTER TABLE queue_requests DROP COLUMN erased_at;
ALTER TABLE registrations DROP COLUMN erased_at;
DROP TABLE webhooks;
ALTER TABLE outbox DROP COLUMN webhook_id;
ALTER TABLE outbox DROP COLUMN channel;
