-- PostgreSQL only (column storage); nothing to do on SQLite.
SELECT 1;
