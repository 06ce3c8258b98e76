# The marketing pages: reports (/marketing), attendees and their export.

## Navigation
marketing-nav-reports = Reports
marketing-nav-attendees = Attendees

## Reports
marketing-title = Registrations and attendance
marketing-intro = Per topic and week (Monday to Sunday), counted in the week each session started.
marketing-range-legend = Period
marketing-field-from = From
marketing-field-to = To
marketing-show = Show
marketing-no-data = No webinars started in this period.
marketing-legend = Topics
marketing-week = Week starting
marketing-total = Total
marketing-no-topic = No topic
marketing-chart-registrations = Registrations per week
marketing-chart-registrations-desc = Line chart of registrations per topic and week from { $from } to { $to }. The table below gives the same figures.
marketing-table-registrations = Registrations per week (figures of the chart)
marketing-chart-attendance = Attendance rate per week
marketing-chart-attendance-desc = Line chart of the share of confirmed registrants who attended, per topic and week from { $from } to { $to }. Weeks without confirmed registrants have no point. The table below gives the same figures.
marketing-table-attendance = Attendance rate per week (figures of the chart)
marketing-rate-of = { $rate } ({ $attended } of { $confirmed })
marketing-rate-none-note = –: no confirmed registrations that week.
marketing-error-date = Enter a date in the form 2027-03-09.
marketing-error-order = The end date must not be before the start date.
marketing-error-too-long = Please choose a period of at most 104 weeks.

## Attendees
marketing-attendees-title = Attendees
marketing-attendees-caption = Registrations matching the filters
marketing-filters = Filters
marketing-field-kind = Kind of webinar
marketing-field-topic = Topic
marketing-field-status = Registration status
marketing-field-attended = Attendance
marketing-field-consent = Marketing consent
marketing-any = Any
marketing-status-confirmed = Confirmed
marketing-status-waitlisted = On the waiting list
marketing-status-cancelled = Cancelled
marketing-consent-only = Only people who agreed to marketing
marketing-consent-all = Everyone
marketing-consent-yes = Agreed
marketing-consent-no = Not agreed
marketing-apply = Apply filters
marketing-download-csv = Download CSV
marketing-attendees-empty = No registrations match these filters.
marketing-attendees-more = Next page
marketing-col-name = Name
marketing-col-email = E-mail
marketing-col-company = Company
marketing-col-webinar = Webinar
marketing-col-when = When
marketing-col-status = Status
marketing-col-attended = Attendance
marketing-col-consent = Marketing consent
marketing-error-choice = Please choose one of the options.
marketing-error-topic = A topic has at most 100 characters.
marketing-error-filters = These filters cannot be applied. Please check them.

## What customers ask about
marketing-topics-title = What customers ask about
marketing-topics-intro = Per topic: registrations and attendance for webinars that started in the period, queue requests made in it, and questions sent in advance.
marketing-topics-chart = Registrations and queue requests per topic
marketing-topics-chart-desc = Bar chart of webinar registrations and queue requests per topic from { $from } to { $to }. The table below gives the same figures.
marketing-topics-chart-desc-top = Bar chart of webinar registrations and queue requests for the { $count } busiest topics from { $from } to { $to }. The table below gives the figures of every topic.
marketing-topics-caption = Figures per topic
marketing-topics-col-topic = Topic
marketing-topics-col-registrations = Registrations
marketing-topics-col-rate = Attendance rate
marketing-topics-col-queue = Queue requests
marketing-topics-col-questions = Questions in advance
marketing-topics-col-recent = Recent questions
marketing-topics-note = Recent questions are quoted only from people who agreed to marketing. –: no confirmed registrations, or no questions to quote.

## Ratings from the follow-up mail
marketing-ratings-title = How attendees rated the sessions
marketing-ratings-intro = Webinars of the period that attendees rated from the thank-you mail, on a scale from 1 (poor) to 5 (excellent).
marketing-ratings-caption = Ratings per webinar
marketing-ratings-col-webinar = Webinar
marketing-ratings-col-date = Date
marketing-ratings-col-count = Ratings
marketing-ratings-col-average = Average (1–5)
