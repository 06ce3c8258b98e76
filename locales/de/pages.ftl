# Texte der Webseiten (Anrede „Sie“). Dieselben Schlüssel und Variablen wie
# en/pages.ftl; jeder Schlüssel beginnt mit „page-“.

## Rahmen

page-lang-name = Deutsch
page-site-name = Webinare und Sprechstunden
page-skip-to-content = Zum Inhalt springen
page-language-switch = Sprache
page-back-to-catalog = Alle kommenden Webinare

## Katalog

page-catalog-title = Kommende Webinare
page-catalog-intro = Lernen Sie von unserem Customer-Success-Team: Themen-Webinare für alle und Experten-Webinare in kleiner Runde, in denen Sie Ihre eigene Situation besprechen können.
page-filter-kind = Format
page-filter-kind-all = Alle Formate
page-kind-regular = Webinar
page-kind-expert = Experten-Webinar
page-filter-topic = Thema
page-filter-submit = Anzeigen
page-catalog-empty = Zu Ihrer Auswahl gibt es keine kommenden Webinare.
page-catalog-more = Spätere Webinare
page-zone-visitor = Alle Zeiten in Ihrer Zeitzone ({ $zone }).
page-zone-session = Alle Zeiten in der Zeitzone der jeweiligen Veranstaltung.
page-time-range = { $start }–{ $end } ({ $zone })
page-hosted-by = Mit { $host }
page-seats-open = Offen für alle
page-seats-full = Ausgebucht – Warteliste offen
page-seats-left =
    { $count ->
        [one] Noch ein Platz frei
       *[other] Noch { $count } Plätze frei
    }

## Ein Webinar und das Anmeldeformular

page-webinar-when = Termin
page-webinar-host = Moderation
page-webinar-seats = Plätze
page-register-title = Anmelden
page-register-waitlist-note = Dieses Webinar ist ausgebucht. Melden Sie sich an, um auf die Warteliste zu kommen: Sobald ein Platz frei wird, erhält ihn die nächste Person auf der Liste – wir benachrichtigen Sie per E-Mail.
page-register-closed = Die Anmeldung ist geschlossen: Die Veranstaltung hat bereits begonnen oder wurde abgesagt.
page-field-name = Name
page-field-email = E-Mail-Adresse
page-field-email-hint = An diese Adresse senden wir Ihre Kalendereinladung.
page-field-company = Unternehmen
page-field-optional = optional
page-field-situation = Ihre Situation
page-field-situation-hint = Beschreiben Sie kurz, wo Sie stehen und was Sie erreichen möchten, damit sich die Expertin oder der Experte vorbereiten kann.
page-field-questions = Ihre Fragen
page-field-questions-hint = Fragen, die wir in der Veranstaltung beantworten sollen.
page-field-consent = Ja, ich möchte Neuigkeiten zu Webinaren und Produkten per E-Mail erhalten. Diese Einwilligung kann ich jederzeit widerrufen.
page-register-submit = Anmelden
page-register-submit-waitlist = Auf die Warteliste setzen
page-form-has-errors = Bitte prüfen Sie die markierten Felder.
page-error-name = Bitte geben Sie Ihren Namen ein (eine Zeile, höchstens 200 Zeichen).
page-error-email = Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@firma.de.
page-error-company = Bitte geben Sie Ihr Unternehmen in einer Zeile ein (höchstens 200 Zeichen).
page-error-situation = Bitte beschreiben Sie Ihre Situation (höchstens 4.000 Zeichen): Damit bereitet sich die Expertin oder der Experte auf die Veranstaltung vor.
page-error-questions = Bitte fassen Sie Ihre Fragen in höchstens 1.000 Zeichen.
page-error-form = Einige Angaben konnten nicht verarbeitet werden. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.
page-already-registered = Diese E-Mail-Adresse ist für dieses Webinar bereits angemeldet. Wir haben die Bestätigung noch einmal an sie gesendet.
page-already-registered-recent = Diese E-Mail-Adresse ist für dieses Webinar bereits angemeldet. Wir haben die Bestätigung vor wenigen Minuten erneut gesendet; bitte sehen Sie auch in Ihrem Spam-Ordner nach.

## Bestätigung

page-confirmed-title = Sie sind angemeldet
page-confirmed-text = Wir haben Ihre Kalendereinladung an { $email } gesendet.
page-waitlisted-title = Sie stehen auf der Warteliste
page-waitlisted-text = Sie sind auf Platz { $position } der Warteliste. Sobald ein Platz frei wird, senden wir Ihre Einladung an { $email }.
page-calendar-title = In Ihren Kalender eintragen
page-calendar-ics = Kalenderdatei herunterladen (.ics)
page-calendar-google = Google Kalender
page-calendar-outlook = Outlook.com
page-manage-hint = Sie können jederzeit über den Link in Ihrer E-Mail oder hier stornieren:
page-manage-link = Anmeldung verwalten

## Verwaltungsseite (Link aus der E-Mail)

page-manage-title = Ihre Anmeldung
page-manage-webinar = Webinar
page-manage-name = Name
page-manage-email = E-Mail-Adresse
page-manage-status = Status
page-status-confirmed = Bestätigt
page-status-waitlisted = Auf der Warteliste (Platz { $position })
page-status-cancelled = Storniert
page-cancel-explain = Falls Sie nicht teilnehmen können, stornieren Sie bitte Ihre Anmeldung, damit jemand von der Warteliste Ihren Platz erhält.
page-cancel-button = Anmeldung stornieren
page-cancelled-notice = Ihre Anmeldung wurde storniert.
page-manage-closed = Diese Veranstaltung ist vorbei; die Anmeldung lässt sich nicht mehr ändern.
page-status-offered = Ein Platz ist bis { $until } für Sie reserviert
page-seat-chance-label = Chance auf einen Platz
page-seat-chance = { $chance }, geschätzt aus früheren Terminen
page-claim-explain = Ein Platz ist frei geworden, und wir halten ihn für Sie frei. Übernehmen Sie ihn mit diesem Button; andernfalls geht er nach Ablauf der Frist an die nächste Person auf der Warteliste.
page-claim-button = Platz übernehmen
page-claimed-notice = Der Platz gehört Ihnen. Die Einladung ist auf dem Weg in Ihr Postfach.
page-claim-missed = Dieser Platz ist nicht mehr für Sie reserviert: Die Frist ist abgelaufen, oder er wurde bereits weitergegeben.

## Sprechstunden und Warteschlange

page-oh-title = Sprechstunden
page-oh-intro = Buchen Sie eine Stunde mit einer Person aus unserem Customer-Success-Team, um Ihre eigene Situation zu besprechen. Anfragen werden in der Reihenfolge ihres Eingangs bearbeitet.
page-oh-slots-title = Freie Termine
page-oh-zone = Alle Zeiten in der Zeitzone { $zone }.
page-oh-slots-empty = In den nächsten zwei Wochen sind keine Termine frei. Sie können sich trotzdem in die Warteschlange eintragen: Sie erhalten dann den nächsten Termin, der frei wird.
page-oh-form-title = Termin anfragen
page-oh-form-intro = Wir bieten Ihnen den nächsten freien Termin an – nach Möglichkeit zu Ihrer Wunschzeit.
page-oh-email-hint = An diese Adresse senden wir die Bestätigung und Ihren Termin.
page-field-topic = Thema
page-field-topic-hint = In wenigen Worten, z. B. „Reporting“ oder „Benutzerrollen einrichten“.
page-oh-situation-hint = Beschreiben Sie kurz, wo Sie stehen und was Sie erreichen möchten, damit wir uns auf das Gespräch vorbereiten können.
page-oh-preferred = Wunschzeit
page-oh-preferred-hint = Passt Ihnen ein bestimmter Tag zu einer bestimmten Uhrzeit am besten? Dann suchen wir zuerst dort nach einem Termin. Zeiten in Ihrer Zeitzone.
page-oh-day = Tag
page-oh-day-any = Beliebiger Tag
page-oh-from = Von
page-oh-to = Bis
page-day-mon = Montag
page-day-tue = Dienstag
page-day-wed = Mittwoch
page-day-thu = Donnerstag
page-day-fri = Freitag
page-day-sat = Samstag
page-day-sun = Sonntag
page-oh-submit = In die Warteschlange eintragen
page-error-topic = Bitte geben Sie ein Thema ein (eine Zeile, höchstens 200 Zeichen).
page-error-queue-situation = Bitte beschreiben Sie Ihre Situation (höchstens 4.000 Zeichen), damit wir uns auf das Gespräch vorbereiten können.
page-error-preferred = Bitte wählen Sie einen Tag mit Beginn und Ende; das Ende muss nach dem Beginn liegen.
page-queue-already = Für diese E-Mail-Adresse gibt es bereits eine offene Anfrage. Über den Link in der E-Mail, die wir Ihnen gesendet haben, können Sie sie ansehen oder ändern.
page-queue-quota = Ihr Unternehmen hatte vor Kurzem bereits einen Termin mit unserem Team. Bitte fragen Sie später erneut an.
page-queue-not-eligible = Ihr Unternehmen wird von einem persönlichen Customer Success Manager betreut. Bitte wenden Sie sich direkt an diese Person.

## Nach der Anfrage, Bestätigungslink und Verwaltungsseite

page-queue-check-mail-title = Bitte bestätigen Sie Ihre Anfrage
page-queue-check-mail-text = Wir haben eine E-Mail an { $email } gesendet. Bitte öffnen Sie den Link darin innerhalb von 24 Stunden, um Ihre Anfrage zu bestätigen – erst dann kommt sie in die Warteschlange.
page-queue-waiting-title = Sie stehen in der Warteschlange
page-queue-waiting-text = Sobald ein Termin frei wird, senden wir Ihnen die Einladung per E-Mail.
page-queue-scheduled-title = Ihr Termin ist gebucht
page-queue-scheduled-text = Wir haben Ihnen die Kalendereinladung per E-Mail gesendet.
page-queue-topic = Thema
page-queue-status = Status
page-queue-when = Termin
page-queue-host = Mit
page-queue-status-unconfirmed = Wartet auf Ihre Bestätigung
page-queue-status-waiting = In der Warteschlange (Platz { $position })
page-queue-status-scheduled = Termin gebucht
page-queue-status-done = Abgeschlossen
page-queue-status-cancelled = Storniert
page-queue-status-expired = Abgelaufen: nicht rechtzeitig bestätigt
page-queue-manage-hint = Über den Link in Ihrer E-Mail oder hier können Sie stornieren oder einen anderen Termin anfragen:
page-queue-manage-link = Anfrage verwalten
page-queue-confirm-title = Anfrage bestätigen
page-queue-confirm-text = Bitte bestätigen Sie Ihre Anfrage für eine Stunde mit unserem Customer-Success-Team. Ihr Platz in der Warteschlange richtet sich nach dem Zeitpunkt Ihrer Anfrage.
page-queue-confirm-button = Anfrage bestätigen
page-queue-confirmed-title = Ihre Anfrage ist bestätigt
page-queue-confirmed-notice = Vielen Dank, Ihre Anfrage ist bestätigt.
page-queue-confirm-closed = Diese Anfrage kann nicht mehr bestätigt werden: Sie wurde storniert oder nicht innerhalb von 24 Stunden bestätigt. Sie können gern erneut anfragen.
page-queue-ask-again = Termin anfragen
page-queue-manage-title = Ihre Terminanfrage
page-queue-reschedule-explain = Passt Ihnen dieser Termin nicht? Wir suchen den nächsten freien Termin danach; gibt es keinen, behalten Sie Ihren Platz in der Warteschlange.
page-queue-reschedule-button = Anderen Termin suchen
page-queue-rescheduled-notice = Wir haben einen anderen Termin für Sie gesucht – den aktuellen Stand sehen Sie unten.
page-queue-not-scheduled = Für diese Anfrage gibt es keinen Termin, der verschoben werden könnte.
page-queue-cancel-explain = Wenn Sie den Termin nicht mehr benötigen, stornieren Sie bitte Ihre Anfrage, damit jemand anderes ihn erhält.
page-queue-cancel-button = Anfrage stornieren
page-queue-cancelled-notice = Ihre Anfrage wurde storniert.

## Fehler

page-error-not-found-title = Seite nicht gefunden
page-error-not-found-text = Diese Seite gibt es nicht (mehr). Vielleicht wurde das Webinar entfernt.
page-error-link-title = Dieser Link ist ungültig
page-error-link-text = Der Link ist möglicherweise unvollständig oder abgelaufen. Bitte verwenden Sie den Link aus Ihrer neuesten E-Mail.
page-error-closed-title = Anmeldung geschlossen
page-error-closed-text = Diese Veranstaltung hat bereits begonnen oder wurde abgesagt.
page-error-busy-title = Zu viele Anfragen
page-error-busy-text = Bitte warten Sie einen Moment und versuchen Sie es dann erneut.
page-error-unavailable-title = Vorübergehend nicht erreichbar
page-error-unavailable-text = Der Dienst ist gerade ausgelastet. Bitte versuchen Sie es in ein paar Minuten noch einmal.
page-error-internal-title = Etwas ist schiefgelaufen
page-error-internal-text = Ein unerwarteter Fehler ist aufgetreten. Wir haben ihn protokolliert; bitte versuchen Sie es später noch einmal.
page-error-bad-request-title = Die Anfrage konnte nicht verarbeitet werden
page-error-bad-request-text = Bitte gehen Sie zurück und versuchen Sie es noch einmal.

# Between the items of a list written on one line (the free hours of a day).
page-list-separator = {", "}

## Rating a session after it (the link in the follow-up mail).

page-rate-title = Veranstaltung bewerten
page-rate-legend = Ihre Bewertung
page-rate-comment = Kommentar (optional)
page-rate-button = Bewertung absenden
page-rate-thanks = Vielen Dank: Ihre Bewertung wurde an das Team übermittelt.
page-rate-already = Vielen Dank: Ihre Bewertung für diese Veranstaltung liegt uns bereits vor.
page-rate-not-rateable = Diese Veranstaltung können nur ihre Teilnehmenden bewerten, und erst nach ihrem Ende.
page-rate-error-score = Bitte wählen Sie eine Bewertung von 1 bis 5.
page-rate-error-comment = Der Kommentar darf höchstens 2.000 Zeichen lang sein.
