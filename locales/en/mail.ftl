# E-mail texts. Every message and attribute here exists in every language
# (a unit test compares them), with the same variables.
# Variables: $name, $title, $host, $when (date and time, already written the
# reader's way), $zone (time zone name), $position (number), $topic,
# $customer, $situation, $delay (one of the starts-in-* messages, rendered),
# $count (number).

## Pieces shared by every mail.

greeting = Hello { $name },
# The queue confirmation goes to an address nobody has confirmed yet: no name.
greeting-neutral = Hello,
sign-off = One-to-many team
label-when = When
label-join = Join
when-in-zone = { $when } ({ $zone })
manage-intro = To cancel or see your registration, open:
manage-link = Cancel or see your registration

## Reminders: how long until the session starts (passed on as $delay).

starts-in-minutes =
    { $count ->
        [one] in { $count } minute
       *[other] in { $count } minutes
    }
starts-in-hours =
    { $count ->
        [one] in { $count } hour
       *[other] in { $count } hours
    }
starts-in-days =
    { $count ->
        [one] in { $count } day
       *[other] in { $count } days
    }

## One message per kind of mail: .subject, and .body, the opening line
## after the greeting.

invite =
    .subject = Invitation: { $title } · { $when }
    .body = You are registered for "{ $title }" with { $host }.
promoted =
    .subject = A seat is yours: { $title } · { $when }
    .body = A seat became free and it is yours: you are now registered for "{ $title }" with { $host }.
updated =
    .subject = Updated: { $title } · { $when }
    .body = "{ $title }" has changed. The invitation in your calendar is updated with this message.
cancelled =
    .subject = Cancelled: { $title }
    .body = Your registration for "{ $title }" is cancelled. This message removes it from your calendar.
webinar-cancelled =
    .subject = Cancelled by the host: { $title }
    .body = { $host } had to cancel "{ $title }". We are sorry. This message removes it from your calendar.
waitlisted =
    .subject = Waiting list: { $title } (position { $position })
    .body = "{ $title }" is full, so you are on the waiting list, at position { $position }. When a seat frees up, the first on the list gets it automatically and receives the invitation by e-mail.
    .body-offer = "{ $title }" is full, so you are on the waiting list, at position { $position }. When a seat frees up, we hold it for the first on the list, who receives an e-mail with a link to claim it.
left-waitlist =
    .subject = You left the waiting list: { $title }
    .body = You are no longer on the waiting list for "{ $title }".
reminder =
    .subject = Reminder: { $title } starts { $delay }
    .body = A reminder: "{ $title }" with { $host } starts { $delay }.

## The CSM queue.

queued =
    .subject = You are in the queue for an hour with a CSM (position { $position })
    .body = Thank you: your request for an hour with one of our CSMs about "{ $topic }" is in the queue, at position { $position }. Requests are served in the order they arrive; as soon as an hour is free for you, the invitation follows by e-mail.
appointment =
    .subject = Your hour with { $host } · { $when }
    .body = Your hour with { $host } is booked. We will talk about "{ $topic }".
appointment-host =
    .subject = Customer hour: { $topic } · { $when }
    .body = A customer hour is booked for you: { $customer } wants to talk about "{ $topic }". Their situation: { $situation }
appointment-cancelled =
    .subject = Cancelled: { $title }
    .body = "{ $title }" is cancelled. This message removes it from your calendar.
appointment-cancelled-host =
    .subject = Cancelled: { $title }
    .body = "{ $title }" is cancelled. This message removes it from your calendar.
# Sent before anything is booked: it carries nothing the requester typed.
queue-confirm =
    .subject = Please confirm your request for an hour with a CSM
    .title = Please confirm your request
    .body = Someone, we hope you, asked with this address for an hour with one of our CSMs. The request takes its place in the queue only once you confirm it.
    .confirm-intro = To confirm it, open this link and confirm the request there:
    .confirm-link = Open the request to confirm it
    .not-you = If it was not you, ignore this message: nothing is booked, and the request lapses on { $when } ({ $zone }).

## Pieces of layout and of the calendar entry.

# A label and its value, e.g. "When: …".
labelled = { $label }: { $value }
# A session within one day: its date, then the start and end times.
time-span = { $date }, { $start }–{ $end }
# A session over several days.
date-span = { $start } – { $end }
# The calendar title of a customer hour, in the reader's language.
appointment-title = One hour with { $host } – { $topic }
# The same hour in the CSM's own mail (it names the customer, not the CSM).
appointment-title-host = Customer hour with { $customer } – { $topic }
customer-with-company = { $customer } ({ $company })
label-customer = Customer
label-topic = Topic
label-manage = Manage your registration

## Seat offers and the chance of a seat ($until: when the offer runs out,
## written the reader's way; $chance: one of the chance-* phrases; $n: number).

seat-offered =
    .subject = A seat is held for you: { $title } · { $when }
    .body = A seat has become free in "{ $title }" with { $host }, and we are holding it for you until { $until }. To take it, open the link below and confirm with one click. If it is not claimed by then, it goes to the next person on the waiting list.
    .manage-intro = To take the seat or let it go, open:
    .manage-link = Take my seat
offer-expired =
    .subject = Your held seat has passed on: { $title }
    .body = The seat we held for you in "{ $title }" was not claimed in time, so it has gone to the next person on the waiting list. You are no longer on the waiting list; if seats free up again, you are welcome to register once more.
chance-line = From past sessions, your chance of a seat before the start is { $chance }.
chance-one-in = about 1 in { $n }
chance-in-ten = about { $n } in 10
chance-very-likely = very high
chance-unlikely = less than 1 in 20

## Minimum attendees ($count: confirmed so far; $minimum: the session's minimum).

too-few-cancelled =
    .subject = Not taking place: { $title }
    .body = "{ $title }" with { $host } did not reach its minimum number of registrations, so it will not take place. We are sorry. This message removes it from your calendar.
    .next = The next session of this series, { $when }
minimum-warning =
    .subject = Few registrations so far: { $title } · { $when }
    .body = "{ $title }" is short of its minimum number of registrations so far (confirmed: { $count }; minimum: { $minimum }). If it is still short a day from now, it is cancelled automatically and every registrant is told.
minimum-cancelled-host =
    .subject = Cancelled for too few registrations: { $title }
    .body = "{ $title }" did not reach its minimum number of registrations (confirmed: { $count }; minimum: { $minimum }), so it was cancelled automatically. The registrants have been told, with a link to the next session of the series if there is one.

## Waiting lists that roll over to the next session of a series.

rolled-over =
    .subject = A seat in the next session: { $title } · { $when }
    .body = Your place for an earlier session of "{ $title }" with { $host } has moved to the next one, and a seat is yours. If the new date does not suit you, cancel with the link below.
rolled-over-waitlisted =
    .subject = Waiting list for the next session: { $title } (position { $position })
    .body = Your place on the waiting list for an earlier session of "{ $title }" with { $host } has moved to the next one, ahead of newcomers: you are at position { $position }. If you would rather not wait, leave the list with the link below.

## After the session.

follow-up-thanks =
    .subject = Thank you for joining: { $title }
    .body = Thank you for joining "{ $title }" with { $host }. How was it for you? A click on a score below opens a page where you send it, with a comment if you like.
    .rate-intro = Your score, from 1 (poor) to 5 (excellent):
follow-up-missed =
    .subject = Sorry we missed you: { $title }
    .body = We are sorry you could not make it to "{ $title }" with { $host }. We hope to see you another time.
follow-up-recording = Watch the recording
rating-1 = 1 – poor
rating-2 = 2 – fair
rating-3 = 3 – good
rating-4 = 4 – very good
rating-5 = 5 – excellent
