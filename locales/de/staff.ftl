# Texte der Seiten für das Team (Anmeldung, CSM-Seiten).

## Rahmen und Navigation

staff-nav-label = Menü für das Team
staff-nav-dashboard = Meine Termine
staff-nav-new-webinar = Neues Webinar
staff-nav-marketing = Teilnehmende und Berichte
staff-nav-admin = Verwaltung
staff-sign-out = Abmelden
staff-signed-in-as = Angemeldet als { $name }

## Anmeldung

staff-login-title = Anmelden
staff-login-intro = Für das Customer-Success-, Marketing- und Admin-Team. Kundinnen und Kunden brauchen kein Konto: Ihnen genügt der Link in ihrer E-Mail.
staff-login-email = E-Mail-Adresse
staff-login-password = Passwort
staff-login-submit = Anmelden
staff-login-signed-out = Sie haben sich abgemeldet.
staff-login-error-wrong = Die E-Mail-Adresse oder das Passwort ist nicht korrekt.
staff-login-error-locked =
    { $minutes ->
        [one] Zu viele fehlgeschlagene Versuche. Bitte versuchen Sie es in einer Minute erneut.
       *[other] Zu viele fehlgeschlagene Versuche. Bitte versuchen Sie es in { $minutes } Minuten erneut.
    }
staff-login-error-expired = Das Anmeldeformular war abgelaufen. Bitte geben Sie Ihr Passwort erneut ein.

## Fehler

staff-error-forbidden-title = Für Ihre Rolle nicht verfügbar
staff-error-forbidden-text = Sie sind angemeldet, aber Ihre Rolle hat keinen Zugriff auf diese Seite.
staff-error-csrf-title = Formular nicht angenommen
staff-error-csrf-text = Dieses Formular wurde nicht von einer aktuellen Seite Ihrer Sitzung gesendet, daher wurde nichts geändert. Bitte gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es noch einmal.

## Übersicht

staff-zone-note = Die Zeiten werden in Ihrer Zeitzone angezeigt ({ $zone }).
staff-dashboard-title = Meine nächsten Termine
staff-dashboard-webinars = Webinare, die ich leite
staff-dashboard-no-webinars = Sie haben keine anstehenden Webinare.
staff-dashboard-appointments = Meine Sprechstundentermine
staff-dashboard-no-appointments = Sie haben keine anstehenden Termine.
staff-link-registrants = Anmeldungen
staff-link-edit = Bearbeiten
staff-link-appointments = Meine Termine
staff-seats-of = { $taken } von { $capacity } Plätzen belegt
staff-seats-registered =
    { $count ->
        [one] Eine Anmeldung
       *[other] { $count } Anmeldungen
    }
