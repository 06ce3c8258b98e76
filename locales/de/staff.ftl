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

## Webinar anlegen und bearbeiten

staff-webinar-new-title = Neues Webinar
staff-webinar-edit-title = „{ $title }“ bearbeiten
staff-webinar-created =
    { $count ->
        [one] Das Webinar wurde angelegt. Die Anmeldung ist geöffnet.
       *[other] Die Reihe wurde angelegt: { $count } Termine. Die Anmeldung ist geöffnet. Unten sehen Sie den ersten Termin.
    }
staff-webinar-saved = Ihre Änderungen wurden gespeichert. Bestätigte Teilnehmende werden über geänderte Zeiten oder Inhalte informiert.
staff-webinar-is-cancelled = Dieses Webinar wurde abgesagt. Alle Angemeldeten wurden informiert.
staff-field-kind = Format
staff-field-kind-hint = Ein Expertenwebinar ist eine kleine Gruppe mit begrenzter Platzzahl, in der die Teilnehmenden ihre Situation vorab schildern.
staff-field-title = Titel
staff-field-description = Beschreibung
staff-field-topic = Thema (optional)
staff-field-capacity = Plätze
staff-field-capacity-hint = Leer lassen für ein Webinar ohne Begrenzung. Für ein Expertenwebinar erforderlich.
staff-field-when = Datum und Uhrzeit
staff-field-date = Datum
staff-field-time = Beginn
staff-field-duration = Dauer (Minuten)
staff-field-timezone = Zeitzone
staff-field-join-url = Link zum Meeting (optional)
staff-field-policy = Warteliste und Mindestteilnehmerzahl
staff-field-waitlist-mode = Wenn ein Platz frei wird
staff-waitlist-auto = Direkt an die erste Person auf der Warteliste vergeben
staff-waitlist-offer = Für die erste Person auf der Warteliste freihalten; sie bestätigt per E-Mail
staff-field-offer-hours = Frist zur Übernahme eines freigehaltenen Platzes (Stunden)
staff-field-min-attendees = Mindestzahl an Teilnehmenden (optional)
staff-field-decision-hours = Entscheidung über die Durchführung (Stunden vor Beginn)
staff-field-rollover = Bei Reihen: noch Wartende auf den nächsten Termin übertragen
staff-field-recording-url = Link zur Aufzeichnung (optional)
staff-webinar-started = Dieser Termin hat bereits begonnen; Sie können nur noch die Aufzeichnung hinzufügen. Die Teilnehmenden erhalten sie mit der Dankes-E-Mail.
staff-field-repeat = Reihe
staff-field-repeat-how = Wiederholen
staff-repeat-once = Keine Wiederholung
staff-repeat-weekly = Jede Woche
staff-repeat-biweekly = Alle zwei Wochen
staff-repeat-monthly = Jeden Monat
staff-field-count = Anzahl der Termine
staff-webinar-create = Webinar anlegen
staff-webinar-save = Änderungen speichern
staff-webinar-cancel-title = Dieses Webinar absagen
staff-webinar-cancel-warning = Alle Angemeldeten erhalten eine Absage per E-Mail, und der Termin wird aus ihren Kalendern entfernt. Dies kann nicht rückgängig gemacht werden.
staff-webinar-cancel-confirm = Ja, dieses Webinar absagen und alle Angemeldeten informieren.
staff-webinar-cancel-submit = Webinar absagen
staff-error-kind = Bitte wählen Sie ein Format.
staff-error-title = Bitte geben Sie einen Titel ein (eine Zeile, höchstens 200 Zeichen).
staff-error-description = Die Beschreibung darf höchstens 5.000 Zeichen lang sein.
staff-error-topic = Bitte geben Sie das Thema in einer Zeile ein (höchstens 100 Zeichen).
staff-error-start = Bitte geben Sie ein Datum und eine Uhrzeit in der Zukunft ein (Jahre 2000 bis 2100).
staff-error-start-gap = Diese Uhrzeit gibt es in der gewählten Zeitzone nicht, weil zu diesem Zeitpunkt die Uhren umgestellt werden. Bitte wählen Sie eine andere Uhrzeit.
staff-error-duration = Bitte geben Sie eine Dauer zwischen 5 und 720 Minuten ein.
staff-error-timezone = Bitte wählen Sie eine Zeitzone aus der Liste.
staff-error-capacity = Bitte geben Sie eine Platzzahl zwischen 1 und 100.000 ein (für ein Expertenwebinar erforderlich).
staff-error-join_url = Bitte geben Sie eine vollständige Webadresse ein, die mit https:// beginnt.
staff-error-repeat = Diese Reihe kann nicht angelegt werden: Alle Termine müssen in den Jahren 2000 bis 2100 liegen.
staff-error-count = Bitte geben Sie zwischen 2 und 104 Termine an.
staff-error-waitlist_mode = Bitte wählen Sie, was geschieht, wenn ein Platz frei wird.
staff-error-offer_hours = Bitte geben Sie zwischen 1 und 168 Stunden für die Übernahme eines freigehaltenen Platzes an.
staff-error-min_attendees = Bitte geben Sie eine Mindestzahl zwischen 1 und der Zahl der Plätze an, oder lassen Sie das Feld leer.
staff-error-decision_hours = Bitte geben Sie zwischen 1 und 336 Stunden vor Beginn an.
staff-error-recording_url = Bitte geben Sie eine vollständige Webadresse ein, die mit https:// beginnt.
staff-error-form = Einige Angaben konnten nicht übernommen werden. Bitte prüfen Sie das Formular.
staff-error-host-busy = Zu dieser Zeit haben Sie einen Kundentermin. Bitte wählen Sie eine andere Uhrzeit.
staff-error-closed = Dieses Webinar hat bereits begonnen oder wurde abgesagt und kann daher nicht mehr geändert werden.
staff-error-capacity-below = Es sind bereits mehr Personen bestätigt, als diese Platzzahl zulässt. Bitte geben Sie mindestens die Zahl der bestätigten Anmeldungen ein.
staff-error-confirm = Bitte bestätigen Sie die Absage, indem Sie das Kästchen ankreuzen.

## Anmeldungen und Teilnahme

staff-registrants-title = Anmeldungen für „{ $title }“
staff-registrants-summary = Bestätigt: { $taken } · Warteliste: { $waiting }
staff-registrants-empty = Bisher hat sich niemand angemeldet.
staff-registrants-more = Weitere Anmeldungen
staff-reg-confirmed = Bestätigt
staff-reg-waitlisted = Warteliste, Platz { $position }
staff-reg-cancelled = Storniert
staff-reg-offered = Platz reserviert bis { $until }
staff-reg-situation = Ausgangssituation
staff-reg-questions = Vorab gestellte Fragen
staff-reg-rating = Bewertung der Veranstaltung
staff-attendance-label = Teilnahme
staff-attendance-attended = Teilgenommen
staff-attendance-no-show = Nicht teilgenommen
staff-attendance-unmarked = Teilnahme noch nicht erfasst
staff-mark-attended = Teilgenommen
staff-mark-no-show = Nicht teilgenommen
staff-attendance-saved = Teilnahme gespeichert.
staff-error-attendance = Die Teilnahme kann nur für bestätigte Anmeldungen zu diesem Webinar erfasst werden.

## Der Kalender-Feed (Übersicht)
staff-feed-title = Ihr Kalender-Feed
staff-feed-intro = Abonnieren Sie diese Adresse in Ihrer Kalender-App, um dort Ihre Webinare und Sprechstunden zu sehen. Wer die Adresse kennt, kann ihn lesen.
staff-feed-url = Feed-Adresse
staff-feed-url-note = Kopieren Sie sie jetzt: Sie wird nur dieses eine Mal angezeigt. Eine neue Adresse setzt diese außer Kraft.
staff-feed-exists = Sie haben eine Feed-Adresse. Falls sie in falsche Hände geraten ist, erstellen Sie eine neue: Die alte funktioniert dann sofort nicht mehr.
staff-feed-create = Feed-Adresse erstellen
staff-feed-rotate = Neue Feed-Adresse erstellen

## Der eigene Kalender (Übersicht)
staff-busy-title = Ihr weiterer Kalender
staff-busy-intro = Hinterlegen Sie die geheime Adresse Ihres Google- oder Outlook-Kalenders. Solange Sie dort als beschäftigt eingetragen sind, können Kunden Sie nicht buchen und die Warteschlange vergibt Ihre Zeit nicht. Wir lesen den Kalender alle { $minutes } Minuten neu ein.
staff-busy-saved = Gespeichert. Wir haben Ihren Kalender sofort eingelesen; das Ergebnis sehen Sie unten.
staff-busy-from = Belegte Zeiten werden gelesen von
staff-busy-read-at = Zuletzt eingelesen:
staff-busy-never = Der Kalender konnte noch nicht eingelesen werden.
staff-busy-problem-refused = Das letzte Einlesen wurde abgelehnt: Die Adresse verweist in ein internes Netz.
staff-busy-problem-http = Das letzte Einlesen ist fehlgeschlagen: Der Kalenderserver hat mit Fehler { $status } geantwortet.
staff-busy-problem-too-large = Das letzte Einlesen ist fehlgeschlagen: Der Kalender ist größer als 1 MB.
staff-busy-problem-not-calendar = Das letzte Einlesen ist fehlgeschlagen: Unter der Adresse liegt kein Kalender im iCal-Format.
staff-busy-problem-unreachable = Das letzte Einlesen ist fehlgeschlagen: Der Kalenderserver hat nicht rechtzeitig geantwortet.
staff-busy-failed-keeps = Bis es wieder klappt, gelten weiter die belegten Zeiten aus dem letzten erfolgreichen Einlesen.
staff-busy-failed-none = Bis es klappt, werden keine belegten Zeiten aus diesem Kalender berücksichtigt.
staff-busy-url = Kalenderadresse (iCal)
staff-busy-url-hint = Google Kalender: Einstellungen → Ihr Kalender → „Privatadresse im iCal-Format“. Outlook: Einstellungen → Kalender → Freigegebene Kalender → Kalender veröffentlichen → ICS-Link.
staff-busy-error-url = Geben Sie die vollständige Adresse eines Kalenders auf einem öffentlichen Server an, beginnend mit https://.
staff-busy-save = Speichern und jetzt einlesen
staff-busy-replace = Adresse ersetzen
