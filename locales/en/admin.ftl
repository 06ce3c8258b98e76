# Texts of the admin pages (/admin…). Every key starts with "admin-".

## Navigation

admin-nav-users = Staff users
admin-nav-accounts = Accounts
admin-nav-outbox = Outbox

## Overview

admin-overview-title = Administration
admin-overview-intro = What needs your attention, and where to manage staff users, customer accounts and outgoing messages.
admin-overview-users = Staff users
admin-overview-users-value =
    { $all ->
        [one] { $count } of { $all } user active
       *[other] { $count } of { $all } users active
    }
admin-overview-users-link = Manage staff users
admin-overview-accounts = Customer accounts
admin-overview-accounts-value =
    { $count ->
        [one] One account
       *[other] { $count } accounts
    }
admin-overview-accounts-link = Manage accounts and segments
admin-overview-failed = Failed messages
admin-overview-failed-value =
    { $count ->
        [0] No failed messages
        [one] One message could not be delivered
       *[other] { $count } messages could not be delivered
    }
admin-overview-failed-link = Review failed messages
admin-overview-pending = Waiting to be sent
admin-overview-pending-value =
    { $count ->
        [0] Nothing waiting
        [one] One message
       *[other] { $count } messages
    }
admin-overview-pending-link = Show pending messages

## Common

admin-more = Show more
admin-added-on = Added on { $when }

## Staff users

admin-users-title = Staff users
admin-users-add = Add a staff user
admin-users-add-hint = Give the new colleague their password in person or over a secure channel; they can change it after signing in.
admin-users-add-submit = Add user
admin-role-admin = Admin
admin-role-csm = Customer Success Manager
admin-role-marketing = Marketing
admin-user-active = Active
admin-user-inactive = Deactivated
admin-user-added = { $name } has been added and can sign in now.
admin-user-changed = The change has been saved. The user has been signed out of every device.
admin-user-is-me = This is your own account: another admin can change your role.
admin-user-change-role = Change role
admin-user-deactivate = Deactivate
admin-user-reactivate = Reactivate
admin-field-name = Full name
admin-field-email = E-mail address
admin-field-role = Role
admin-field-locale = Language
admin-field-timezone = Time zone
admin-field-password = Initial password
admin-field-password-hint = At least 10 characters.
admin-error-user-name = Please enter the person's name (at most 200 characters).
admin-error-user-email = Please enter a valid e-mail address.
admin-error-user-role = Please choose one of the roles.
admin-error-user-timezone = Please choose a time zone from the list.
admin-error-user-locale = Please choose one of the languages.
admin-error-user-password = The password needs at least 10 characters.
admin-error-email-taken = There is already a staff user with this e-mail address.
admin-error-nothing = Nothing was changed: choose a role or use the deactivate button.
admin-error-self = You cannot change your own role or deactivate yourself. Please ask another admin.

## Accounts

admin-accounts-title = Customer accounts
admin-accounts-intro = A company's segment decides how much of the team's time it gets. People are matched to their company by the domain of their e-mail address.
admin-accounts-empty = There are no accounts yet.
admin-accounts-add = Add an account
admin-accounts-add-submit = Add account
admin-account-added = The account { $name } has been added.
admin-account-changed = The segment has been changed.
admin-account-no-domains = No e-mail domains
admin-account-change-segment = Change segment
admin-segment-high-touch = High touch
admin-segment-low-touch = Low touch
admin-segment-tech-touch = Tech touch
admin-field-company = Company name
admin-field-domains = E-mail domains
admin-field-domains-hint = For example acme.com, one per line or separated by commas; at most 50.
admin-field-segment = Segment
admin-field-segment-hint = High touch: a dedicated CSM. Low touch: the one-to-many team. Tech touch: self-service and webinars.
admin-error-account-name = Please enter the company's name (at most 200 characters).
admin-error-account-domains = Please enter domains such as acme.com, each only once, at most 50.
admin-error-account-segment = Please choose one of the segments.
admin-error-domain-taken = One of these domains already belongs to another account.

## Outbox

admin-outbox-title = Outbox
admin-outbox-intro = Every e-mail and webhook the service sends, newest first. A message that failed after every retry can be sent again.
admin-outbox-count-pending = { $count } pending
admin-outbox-count-failed = { $count } failed
admin-outbox-count-sent = { $count } sent
admin-outbox-count-cancelled = { $count } cancelled
admin-outbox-retried =
    { $count ->
        [0] There were no failed messages to send again.
        [one] One message will be sent again in a moment.
       *[other] { $count } messages will be sent again in a moment.
    }
admin-outbox-all = All messages
admin-outbox-filter = Filter
admin-outbox-show = Show
admin-outbox-retry-all = Send all failed messages again
admin-outbox-empty = No messages match this filter.
admin-outbox-caption = Messages, newest first
admin-outbox-older = Older messages
admin-field-status = Status
admin-status-pending = Pending
admin-status-sent = Sent
admin-status-failed = Failed
admin-status-cancelled = Cancelled
admin-channel-email = E-mail
admin-channel-webhook = Webhook
admin-col-created = Created
admin-col-topic = Kind
admin-col-recipient = Recipient
admin-col-status = Status
admin-col-attempts = Attempts
admin-col-error = Last error
admin-col-attempted = Attempted
admin-col-result = Result
admin-col-worker = Instance
admin-error-status = This status does not exist; all messages are shown.
admin-error-not-failed = Only a failed message can be sent again; this one is not failed.

## One message

admin-message-title = Message details
admin-message-back = Back to the outbox
admin-message-next-attempt = Next attempt
admin-message-sent-at = Sent
admin-message-retried = The message will be sent again in a moment.
admin-message-webinar = Webinar
admin-message-webinar-link = Open the webinar's registrants
admin-message-retry = Send again
admin-attempt-succeeded = Delivered
admin-attempt-failed = Failed
admin-attempts-title = Delivery attempts
admin-attempts-empty = No delivery attempt yet.
admin-attempts-caption = Every attempt, oldest first
