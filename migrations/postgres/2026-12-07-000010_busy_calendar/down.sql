DROP TABLE busy_calendars;
