# Texts of the staff pages (sign-in, CSM pages). Every key starts with
# "staff-": all files of a language share one bundle.

## Frame and navigation

staff-nav-label = Staff menu
staff-nav-dashboard = My sessions
staff-nav-new-webinar = New webinar
staff-nav-marketing = Attendees and reports
staff-nav-admin = Administration
staff-sign-out = Sign out
staff-signed-in-as = Signed in as { $name }

## Sign-in

staff-login-title = Sign in
staff-login-intro = For the Customer Success, marketing and admin team. Customers do not need an account: the link in their e-mail is all they need.
staff-login-email = E-mail address
staff-login-password = Password
staff-login-submit = Sign in
staff-login-signed-out = You have signed out.
staff-login-error-wrong = The e-mail address or the password is not correct.
staff-login-error-locked =
    { $minutes ->
        [one] Too many failed attempts. Please try again in one minute.
       *[other] Too many failed attempts. Please try again in { $minutes } minutes.
    }
staff-login-error-expired = The sign-in form had expired. Please enter your password again.

## Errors

staff-error-forbidden-title = Not available for your role
staff-error-forbidden-text = You are signed in, but your role does not give access to this page.
staff-error-csrf-title = Form not accepted
staff-error-csrf-text = This form was not sent from a current page of your session, so nothing was changed. Please go back, reload the page and try again.

## Dashboard

staff-zone-note = Times are shown in your time zone ({ $zone }).
staff-dashboard-title = My upcoming sessions
staff-dashboard-webinars = Webinars I host
staff-dashboard-no-webinars = You have no upcoming webinars.
staff-dashboard-appointments = My office-hours appointments
staff-dashboard-no-appointments = You have no upcoming appointments.
staff-link-registrants = Registrants
staff-link-edit = Edit
staff-link-appointments = My appointments
staff-seats-of = { $taken } of { $capacity } seats taken
staff-seats-registered =
    { $count ->
        [one] One registration
       *[other] { $count } registrations
    }

## Creating and editing a webinar

staff-webinar-new-title = New webinar
staff-webinar-edit-title = Edit “{ $title }”
staff-webinar-created =
    { $count ->
        [one] The webinar has been created. Registration is open.
       *[other] The series has been created: { $count } sessions. Registration is open. Below is the first session.
    }
staff-webinar-saved = Your changes have been saved. Confirmed registrants are informed of any change to the time or content.
staff-webinar-is-cancelled = This webinar has been cancelled. Its registrants have been informed.
staff-field-kind = Format
staff-field-kind-hint = An expert webinar is a small, capped group in which registrants describe their situation in advance.
staff-field-title = Title
staff-field-description = Description
staff-field-topic = Topic (optional)
staff-field-capacity = Seats
staff-field-capacity-hint = Leave empty for a webinar without a limit. Required for an expert webinar.
staff-field-when = Date and time
staff-field-date = Date
staff-field-time = Start time
staff-field-duration = Duration (minutes)
staff-field-timezone = Time zone
staff-field-join-url = Meeting link (optional)
staff-field-policy = Waiting list and minimum
staff-field-waitlist-mode = When a seat frees up
staff-waitlist-auto = Give it straight to the first on the waiting list
staff-waitlist-offer = Hold it for the first on the waiting list, who claims it by e-mail
staff-field-offer-hours = Hours to claim a held seat
staff-field-min-attendees = Minimum number of participants (optional)
staff-field-decision-hours = Decide this many hours before the start
staff-field-rollover = In a series, move those still waiting to the next session
staff-field-recording-url = Recording link (optional)
staff-webinar-started = This session has begun, so only its recording can be added. Attendees receive it with the thank-you e-mail.
staff-field-repeat = Series
staff-field-repeat-how = Repeat
staff-repeat-once = Does not repeat
staff-repeat-weekly = Every week
staff-repeat-biweekly = Every two weeks
staff-repeat-monthly = Every month
staff-field-count = Number of sessions
staff-webinar-create = Create webinar
staff-webinar-save = Save changes
staff-webinar-cancel-title = Cancel this webinar
staff-webinar-cancel-warning = All registrants receive a cancellation by e-mail, and the session is removed from their calendars. This cannot be undone.
staff-webinar-cancel-confirm = Yes, cancel this webinar and inform all registrants.
staff-webinar-cancel-submit = Cancel webinar
staff-error-kind = Please choose a format.
staff-error-title = Please enter a title (one line, up to 200 characters).
staff-error-description = The description may have up to 5,000 characters.
staff-error-topic = Please enter the topic on one line (up to 100 characters).
staff-error-start = Please enter a date and a start time in the future (years 2000 to 2100).
staff-error-start-gap = This time does not exist in the chosen time zone, because the clocks change then. Please choose another time.
staff-error-duration = Please enter a duration between 5 and 720 minutes.
staff-error-timezone = Please choose a time zone from the list.
staff-error-capacity = Please enter a number of seats between 1 and 100,000 (required for an expert webinar).
staff-error-join_url = Please enter a complete web address starting with https://.
staff-error-repeat = This series cannot be created: all sessions must fall within the years 2000 to 2100.
staff-error-count = Please enter between 2 and 104 sessions.
staff-error-waitlist_mode = Please choose what happens when a seat frees up.
staff-error-offer_hours = Please enter between 1 and 168 hours to claim a held seat.
staff-error-min_attendees = Please enter a minimum between 1 and the number of seats, or leave the field empty.
staff-error-decision_hours = Please enter between 1 and 336 hours before the start.
staff-error-recording_url = Please enter a complete web address starting with https://.
staff-error-form = Some details could not be accepted. Please check the form.
staff-error-host-busy = You have a customer appointment at this time. Please choose another time.
staff-error-closed = This webinar has already started or been cancelled, so it can no longer be changed.
staff-error-capacity-below = More people are already confirmed than this number of seats. Please enter at least the number of confirmed registrants.
staff-error-confirm = Please tick the box to confirm the cancellation.

## Registrants and attendance

staff-registrants-title = Registrants for “{ $title }”
staff-registrants-summary = Confirmed: { $taken } · Waiting list: { $waiting }
staff-registrants-empty = Nobody has registered yet.
staff-registrants-more = More registrants
staff-reg-confirmed = Confirmed
staff-reg-waitlisted = Waiting list, position { $position }
staff-reg-cancelled = Cancelled
staff-reg-offered = Seat held until { $until }
staff-reg-situation = Their situation
staff-reg-questions = Questions in advance
staff-reg-rating = Their rating of the session
staff-attendance-label = Attendance
staff-attendance-attended = Attended
staff-attendance-no-show = Did not attend
staff-attendance-unmarked = Attendance not marked yet
staff-mark-attended = Attended
staff-mark-no-show = Did not attend
staff-attendance-saved = Attendance saved.
staff-error-attendance = Attendance can only be marked for confirmed registrants of this webinar.

## The calendar feed (dashboard)
staff-feed-title = Your calendar feed
staff-feed-intro = Subscribe to this address in your calendar app to see your webinars and queue hours there. Anyone with the address can read it.
staff-feed-url = Feed address
staff-feed-url-note = Copy it now: it is shown only this once. Making a new address stops this one.
staff-feed-exists = You have a feed address. If it got into the wrong hands, make a new one: the old one stops working at once.
staff-feed-create = Create feed address
staff-feed-rotate = Make a new feed address

## Your own calendar in (dashboard)
staff-busy-title = Your other calendar
staff-busy-intro = Give us the secret address of your Google or Outlook calendar. Whenever it shows you as busy, customers cannot book you and the queue gives no one your time. We read it again every { $minutes } minutes.
staff-busy-saved = Saved. We read your calendar straight away; the result is shown below.
staff-busy-from = Busy times are read from
staff-busy-read-at = Last read:
staff-busy-never = It has not been read successfully yet.
staff-busy-problem-refused = The last reading was refused: the address points into an internal network.
staff-busy-problem-http = The last reading failed: the calendar server answered with error { $status }.
staff-busy-problem-too-large = The last reading failed: the calendar is larger than 1 MB.
staff-busy-problem-not-calendar = The last reading failed: the address does not return a calendar in iCal format.
staff-busy-problem-unreachable = The last reading failed: the calendar server did not answer in time.
staff-busy-failed-keeps = Until it works again, we keep using the busy times from the last good reading.
staff-busy-failed-none = Until it works, none of its busy times are taken into account.
staff-busy-url = Calendar address (iCal)
staff-busy-url-hint = Google Calendar: Settings → your calendar → “Secret address in iCal format”. Outlook: Settings → Calendar → Shared calendars → Publish a calendar → ICS link.
staff-busy-error-url = Enter the full address of a calendar on a public server, starting with https://.
staff-busy-save = Save and read now
staff-busy-replace = Replace the address
