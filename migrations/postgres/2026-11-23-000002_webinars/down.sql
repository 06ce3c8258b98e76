DROP TABLE sent_reminders;
DROP TABLE outbox_attempts;
DROP TABLE outbox;
DROP TABLE registrations;
DROP TABLE webinars;
