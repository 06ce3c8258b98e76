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
