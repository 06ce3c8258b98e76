DROP TABLE appointment_reminders;
DROP TABLE locks;
DROP TABLE appointments;
DROP TABLE queue_requests;
DROP TABLE availability;
