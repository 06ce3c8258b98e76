-- Stored messages are written once and read once: keep them out of line but
-- uncompressed, which saves CPU on every booking.
ALTER TABLE outbox ALTER COLUMN message SET STORAGE EXTERNAL;
