# Texts of the web pages. Every key starts with "page-": all files of a
# language share one bundle with mail.ftl.

## Layout

page-lang-name = English
page-site-name = Webinars and office hours
page-skip-to-content = Skip to content
page-language-switch = Language
page-back-to-catalog = All upcoming webinars

## Catalog

page-catalog-title = Upcoming webinars
page-catalog-intro = Learn from our Customer Success team: topic webinars open to all, and expert webinars in small groups where you can discuss your own situation.
page-filter-kind = Format
page-filter-kind-all = All formats
page-kind-regular = Webinar
page-kind-expert = Expert webinar
page-filter-topic = Topic
page-filter-submit = Show
page-catalog-empty = No upcoming webinars match your selection.
page-catalog-more = Later webinars
page-zone-visitor = Times are shown in your time zone ({ $zone }).
page-zone-session = Times are shown in the time zone of each session.
page-time-range = { $start }–{ $end } ({ $zone })
page-hosted-by = Hosted by { $host }
page-seats-open = Open to everyone
page-seats-full = Fully booked – waiting list open
page-seats-left =
    { $count ->
        [one] One seat left
       *[other] { $count } seats left
    }

## A webinar and its registration form

page-webinar-when = When
page-webinar-host = Host
page-webinar-seats = Seats
page-register-title = Register
page-register-waitlist-note = This webinar is fully booked. Register to join the waiting list: as soon as a seat becomes available, it goes to the next person on the list, and we will let you know by e-mail.
page-register-closed = Registration is closed: this session has already started or has been cancelled.
page-field-name = Name
page-field-email = E-mail address
page-field-email-hint = We will send your calendar invitation to this address.
page-field-company = Company
page-field-optional = optional
page-field-situation = Your situation
page-field-situation-hint = Tell us briefly where you stand and what you would like to achieve, so that the expert can prepare.
page-field-questions = Your questions
page-field-questions-hint = Questions you would like us to answer in the session.
page-field-consent = Yes, I would like to receive news about webinars and products by e-mail. I can withdraw this consent at any time.
page-register-submit = Register
page-register-submit-waitlist = Join the waiting list
page-form-has-errors = Please check the fields marked below.
page-error-name = Please enter your name (one line, up to 200 characters).
page-error-email = Please enter a valid e-mail address, such as name@company.com.
page-error-company = Please enter your company on one line (up to 200 characters).
page-error-situation = Please describe your situation (up to 4,000 characters): the expert prepares for the session with it.
page-error-questions = Please keep your questions to 1,000 characters.
page-error-form = Some of the information could not be processed. Please reload the page and try again.
page-already-registered = This e-mail address is already registered for this webinar. We have sent the confirmation to it again.
page-already-registered-recent = This e-mail address is already registered for this webinar. We sent the confirmation again a few minutes ago; please also check your spam folder.

## Confirmation

page-confirmed-title = You are registered
page-confirmed-text = We have sent your calendar invitation to { $email }.
page-waitlisted-title = You are on the waiting list
page-waitlisted-text = You are number { $position } on the waiting list. As soon as a seat becomes available, we will send your invitation to { $email }.
page-calendar-title = Add to your calendar
page-calendar-ics = Download calendar file (.ics)
page-calendar-google = Google Calendar
page-calendar-outlook = Outlook.com
page-manage-hint = You can cancel at any time using the link in your e-mail or here:
page-manage-link = Manage your registration

## Manage page (from the link in the e-mail)

page-manage-title = Your registration
page-manage-webinar = Webinar
page-manage-name = Name
page-manage-email = E-mail address
page-manage-status = Status
page-status-confirmed = Confirmed
page-status-waitlisted = On the waiting list (number { $position })
page-status-cancelled = Cancelled
page-cancel-explain = If you can no longer attend, please cancel your registration so that someone on the waiting list can take your seat.
page-cancel-button = Cancel my registration
page-cancelled-notice = Your registration has been cancelled.
page-manage-closed = This session is over; the registration can no longer be changed.
page-status-offered = A seat is held for you until { $until }
page-seat-chance-label = Chance of a seat
page-seat-chance = { $chance }, estimated from past sessions
page-claim-explain = A seat has become free and we are holding it for you. Take it with this button; otherwise it passes to the next person on the waiting list when the time runs out.
page-claim-button = Take my seat
page-claimed-notice = The seat is yours. The invitation is on its way to your inbox.
page-claim-missed = This seat is no longer held for you: the time ran out, or it has already passed on.

## Office hours and the queue

page-oh-title = Office hours
page-oh-intro = Book one hour with a member of our Customer Success team to work through your own situation. Requests are served in the order in which they arrive.
page-oh-slots-title = Free hours
page-oh-zone = Times are shown in the time zone { $zone }.
page-oh-slots-empty = There are no free hours in the next two weeks. You can still join the queue: you will get the next hour that becomes available.
page-oh-form-title = Ask for an hour
page-oh-form-intro = We will offer you the next free hour, within your preferred time where possible.
page-oh-email-hint = We will send the confirmation and your appointment to this address.
page-field-topic = Topic
page-field-topic-hint = In a few words, for example "Reporting" or "Setting up user roles".
page-oh-situation-hint = Tell us briefly where you stand and what you would like to achieve, so that we can prepare for the call.
page-oh-preferred = Preferred time
page-oh-preferred-hint = If a particular day and time suit you best, let us know and we will look for an hour within it first. Times in your time zone.
page-oh-day = Day
page-oh-day-any = Any day
page-oh-from = From
page-oh-to = Until
page-day-mon = Monday
page-day-tue = Tuesday
page-day-wed = Wednesday
page-day-thu = Thursday
page-day-fri = Friday
page-day-sat = Saturday
page-day-sun = Sunday
page-oh-submit = Join the queue
page-error-topic = Please enter a topic (one line, up to 200 characters).
page-error-queue-situation = Please describe your situation (up to 4,000 characters) so that we can prepare for the call.
page-error-preferred = Please choose a day with a start and an end time, the end after the start.
page-queue-already = This e-mail address already has an open request. Please use the link in the e-mail we sent you to view or change it.
page-queue-quota = Your company has already had an hour with our team recently. Please ask again later.
page-queue-not-eligible = Your company has a dedicated Customer Success Manager: please contact them directly.

## After joining, the confirmation link and the manage page

page-queue-check-mail-title = Please confirm your request
page-queue-check-mail-text = We have sent an e-mail to { $email }. Please open the link in it within 24 hours to confirm your request: only then does it enter the queue.
page-queue-waiting-title = You are in the queue
page-queue-waiting-text = As soon as an hour becomes free, we will send you the invitation by e-mail.
page-queue-scheduled-title = Your appointment is booked
page-queue-scheduled-text = We have sent you the calendar invitation by e-mail.
page-queue-topic = Topic
page-queue-status = Status
page-queue-when = When
page-queue-host = With
page-queue-status-unconfirmed = Awaiting your confirmation
page-queue-status-waiting = In the queue (number { $position })
page-queue-status-scheduled = Appointment booked
page-queue-status-done = Completed
page-queue-status-cancelled = Cancelled
page-queue-status-expired = Expired: not confirmed in time
page-queue-manage-hint = You can cancel or ask for another time using the link in your e-mail or here:
page-queue-manage-link = Manage your request
page-queue-confirm-title = Confirm your request
page-queue-confirm-text = Please confirm your request for an hour with our Customer Success team. Your place in the queue counts from the time you made the request.
page-queue-confirm-button = Confirm my request
page-queue-confirmed-title = Your request is confirmed
page-queue-confirmed-notice = Thank you: your request is confirmed.
page-queue-confirm-closed = This request can no longer be confirmed: it was cancelled or not confirmed within 24 hours. You are welcome to ask again.
page-queue-ask-again = Ask for an hour
page-queue-manage-title = Your request for an hour
page-queue-reschedule-explain = Does this time not suit you? We will look for the next free hour after it; if there is none, you keep your place in the queue.
page-queue-reschedule-button = Find another time
page-queue-rescheduled-notice = We have looked for another time for you: the current status is shown below.
page-queue-not-scheduled = This request has no appointment to move.
page-queue-cancel-explain = If you no longer need the hour, please cancel your request so that someone else can have it.
page-queue-cancel-button = Cancel my request
page-queue-cancelled-notice = Your request has been cancelled.

## Errors

page-error-not-found-title = Page not found
page-error-not-found-text = This page does not exist (any more). The webinar may have been removed.
page-error-link-title = This link is not valid
page-error-link-text = The link may be incomplete or may have expired. Please use the link from your most recent e-mail.
page-error-closed-title = Registration closed
page-error-closed-text = This session has already started or has been cancelled.
page-error-busy-title = Too many requests
page-error-busy-text = Please wait a moment and try again.
page-error-unavailable-title = Temporarily unavailable
page-error-unavailable-text = The service is busy right now. Please try again in a few minutes.
page-error-internal-title = Something went wrong
page-error-internal-text = An unexpected error occurred. We have logged it; please try again later.
page-error-bad-request-title = The request could not be processed
page-error-bad-request-text = Please go back and try again.

# Between the items of a list written on one line (the free hours of a day).
page-list-separator = {", "}

## Rating a session after it (the link in the follow-up mail).

page-rate-title = Rate the session
page-rate-legend = Your score
page-rate-comment = A comment (optional)
page-rate-button = Send my rating
page-rate-thanks = Thank you: your rating has been sent to the team.
page-rate-already = Thank you: we already have your rating for this session.
page-rate-not-rateable = This session can only be rated by its participants once it has ended.
page-rate-error-score = Choose a score from 1 to 5.
page-rate-error-comment = The comment may be at most 2000 characters long.
