-- PostgreSQL only (per-table vacuum settings); SQLite has no autovacuum
-- of this kind, so nothing changes here.
SELECT 1;
