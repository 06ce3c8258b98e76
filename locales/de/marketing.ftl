# Die Marketing-Seiten: Auswertungen (/marketing), Teilnehmende und Export.

## Navigation
marketing-nav-reports = Auswertungen
marketing-nav-attendees = Teilnehmende

## Auswertungen
marketing-title = Anmeldungen und Teilnahme
marketing-intro = Je Thema und Woche (Montag bis Sonntag), gezählt in der Woche, in der die Veranstaltung begann.
marketing-range-legend = Zeitraum
marketing-field-from = Von
marketing-field-to = Bis
marketing-show = Anzeigen
marketing-no-data = In diesem Zeitraum hat kein Webinar begonnen.
marketing-legend = Themen
marketing-week = Woche ab
marketing-total = Gesamt
marketing-no-topic = Ohne Thema
marketing-chart-registrations = Anmeldungen pro Woche
marketing-chart-registrations-desc = Liniendiagramm der Anmeldungen je Thema und Woche vom { $from } bis { $to }. Die Tabelle darunter enthält dieselben Zahlen.
marketing-table-registrations = Anmeldungen pro Woche (Zahlen des Diagramms)
marketing-chart-attendance = Teilnahmequote pro Woche
marketing-chart-attendance-desc = Liniendiagramm des Anteils der bestätigten Angemeldeten, die teilgenommen haben, je Thema und Woche vom { $from } bis { $to }. Wochen ohne bestätigte Anmeldungen haben keinen Punkt. Die Tabelle darunter enthält dieselben Zahlen.
marketing-table-attendance = Teilnahmequote pro Woche (Zahlen des Diagramms)
marketing-rate-of = { $rate } ({ $attended } von { $confirmed })
marketing-rate-none-note = –: keine bestätigten Anmeldungen in dieser Woche.
marketing-error-date = Bitte geben Sie ein Datum im Format 2027-03-09 ein.
marketing-error-order = Das Enddatum darf nicht vor dem Startdatum liegen.
marketing-error-too-long = Bitte wählen Sie einen Zeitraum von höchstens 104 Wochen.

## Teilnehmende
marketing-attendees-title = Teilnehmende
marketing-attendees-caption = Anmeldungen, die den Filtern entsprechen
marketing-filters = Filter
marketing-field-kind = Art des Webinars
marketing-field-topic = Thema
marketing-field-status = Anmeldestatus
marketing-field-attended = Teilnahme
marketing-field-consent = Marketing-Einwilligung
marketing-any = Alle
marketing-status-confirmed = Bestätigt
marketing-status-waitlisted = Auf der Warteliste
marketing-status-cancelled = Storniert
marketing-consent-only = Nur Personen mit Marketing-Einwilligung
marketing-consent-all = Alle Personen
marketing-consent-yes = Erteilt
marketing-consent-no = Nicht erteilt
marketing-apply = Filter anwenden
marketing-download-csv = CSV herunterladen
marketing-attendees-empty = Keine Anmeldungen entsprechen diesen Filtern.
marketing-attendees-more = Nächste Seite
marketing-col-name = Name
marketing-col-email = E-Mail
marketing-col-company = Unternehmen
marketing-col-webinar = Webinar
marketing-col-when = Termin
marketing-col-status = Status
marketing-col-attended = Teilnahme
marketing-col-consent = Marketing-Einwilligung
marketing-error-choice = Bitte wählen Sie eine der Optionen.
marketing-error-topic = Ein Thema hat höchstens 100 Zeichen.
marketing-error-filters = Diese Filter können nicht angewendet werden. Bitte prüfen Sie sie.

## Was Kundinnen und Kunden wissen wollen
marketing-topics-title = Was Kundinnen und Kunden wissen wollen
marketing-topics-intro = Je Thema: Anmeldungen und Teilnahme bei Webinaren, die im Zeitraum begannen, Anfragen an die Warteschlange aus dem Zeitraum und vorab eingesandte Fragen.
marketing-topics-chart = Anmeldungen und Warteschlangen-Anfragen je Thema
marketing-topics-chart-desc = Balkendiagramm der Webinar-Anmeldungen und Warteschlangen-Anfragen je Thema vom { $from } bis { $to }. Die Tabelle darunter enthält dieselben Zahlen.
marketing-topics-chart-desc-top = Balkendiagramm der Webinar-Anmeldungen und Warteschlangen-Anfragen für die { $count } gefragtesten Themen vom { $from } bis { $to }. Die Tabelle darunter enthält die Zahlen aller Themen.
marketing-topics-caption = Zahlen je Thema
marketing-topics-col-topic = Thema
marketing-topics-col-registrations = Anmeldungen
marketing-topics-col-rate = Teilnahmequote
marketing-topics-col-queue = Warteschlangen-Anfragen
marketing-topics-col-questions = Fragen vorab
marketing-topics-col-recent = Neueste Fragen
marketing-topics-note = Neueste Fragen werden nur von Personen zitiert, die Marketing zugestimmt haben. –: keine bestätigten Anmeldungen oder keine zitierbaren Fragen.

## Bewertungen aus der Nachbereitungs-E-Mail
marketing-ratings-title = So bewerten Teilnehmende die Sessions
marketing-ratings-intro = Webinare des Zeitraums, die Teilnehmende über die Dankes-E-Mail bewertet haben, auf einer Skala von 1 (schwach) bis 5 (hervorragend).
marketing-ratings-caption = Bewertungen je Webinar
marketing-ratings-col-webinar = Webinar
marketing-ratings-col-date = Datum
marketing-ratings-col-count = Bewertungen
marketing-ratings-col-average = Durchschnitt (1–5)
