# Texte der Admin-Seiten (/admin…). Jeder Schlüssel beginnt mit "admin-".

## Navigation

admin-nav-users = Mitarbeitende
admin-nav-accounts = Kundenkonten
admin-nav-outbox = Postausgang

## Übersicht

admin-overview-title = Administration
admin-overview-intro = Was Ihre Aufmerksamkeit braucht – und wo Sie Mitarbeitende, Kundenkonten und ausgehende Nachrichten verwalten.
admin-overview-users = Mitarbeitende
admin-overview-users-value = { $count } von { $all } aktiv
admin-overview-users-link = Mitarbeitende verwalten
admin-overview-accounts = Kundenkonten
admin-overview-accounts-value =
    { $count ->
        [one] Ein Konto
       *[other] { $count } Konten
    }
admin-overview-accounts-link = Konten und Segmente verwalten
admin-overview-failed = Fehlgeschlagene Nachrichten
admin-overview-failed-value =
    { $count ->
        [0] Keine fehlgeschlagenen Nachrichten
        [one] Eine Nachricht konnte nicht zugestellt werden
       *[other] { $count } Nachrichten konnten nicht zugestellt werden
    }
admin-overview-failed-link = Fehlgeschlagene Nachrichten prüfen
admin-overview-pending = Warten auf Versand
admin-overview-pending-value =
    { $count ->
        [0] Nichts in der Warteschlange
        [one] Eine Nachricht
       *[other] { $count } Nachrichten
    }
admin-overview-pending-link = Wartende Nachrichten anzeigen

## Allgemein

admin-more = Weitere anzeigen
admin-added-on = Angelegt am { $when }

## Mitarbeitende

admin-users-title = Mitarbeitende
admin-users-add = Mitarbeiterin oder Mitarbeiter hinzufügen
admin-users-add-hint = Geben Sie das Passwort persönlich oder über einen sicheren Kanal weiter; nach der ersten Anmeldung lässt es sich ändern.
admin-users-add-submit = Hinzufügen
admin-role-admin = Administration
admin-role-csm = Customer Success Manager
admin-role-marketing = Marketing
admin-user-active = Aktiv
admin-user-inactive = Deaktiviert
admin-user-added = { $name } wurde hinzugefügt und kann sich jetzt anmelden.
admin-user-changed = Die Änderung ist gespeichert. Die Person wurde auf allen Geräten abgemeldet.
admin-user-is-me = Das ist Ihr eigenes Konto: Ihre Rolle kann nur eine andere Person mit Administrationsrechten ändern.
admin-user-change-role = Rolle ändern
admin-user-deactivate = Deaktivieren
admin-user-reactivate = Wieder aktivieren
admin-field-name = Vollständiger Name
admin-field-email = E-Mail-Adresse
admin-field-role = Rolle
admin-field-locale = Sprache
admin-field-timezone = Zeitzone
admin-field-password = Erstes Passwort
admin-field-password-hint = Mindestens 10 Zeichen.
admin-error-user-name = Bitte geben Sie den Namen ein (höchstens 200 Zeichen).
admin-error-user-email = Bitte geben Sie eine gültige E-Mail-Adresse ein.
admin-error-user-role = Bitte wählen Sie eine der Rollen.
admin-error-user-timezone = Bitte wählen Sie eine Zeitzone aus der Liste.
admin-error-user-locale = Bitte wählen Sie eine der Sprachen.
admin-error-user-password = Das Passwort braucht mindestens 10 Zeichen.
admin-error-email-taken = Mit dieser E-Mail-Adresse gibt es bereits ein Konto für Mitarbeitende.
admin-error-nothing = Es wurde nichts geändert: Wählen Sie eine Rolle oder nutzen Sie die Schaltfläche zum Deaktivieren.
admin-error-self = Ihre eigene Rolle können Sie nicht ändern, und sich selbst nicht deaktivieren. Bitte wenden Sie sich an eine andere Person mit Administrationsrechten.

## Kundenkonten

admin-accounts-title = Kundenkonten
admin-accounts-intro = Das Segment eines Unternehmens bestimmt, wie viel Zeit das Team ihm widmet. Personen werden ihrem Unternehmen über die Domain ihrer E-Mail-Adresse zugeordnet.
admin-accounts-empty = Noch keine Kundenkonten.
admin-accounts-add = Kundenkonto anlegen
admin-accounts-add-submit = Konto anlegen
admin-account-added = Das Konto { $name } wurde angelegt.
admin-account-changed = Das Segment wurde geändert.
admin-account-no-domains = Keine E-Mail-Domains
admin-account-change-segment = Segment ändern
admin-segment-high-touch = High Touch
admin-segment-low-touch = Low Touch
admin-segment-tech-touch = Tech Touch
admin-field-company = Name des Unternehmens
admin-field-domains = E-Mail-Domains
admin-field-domains-hint = Zum Beispiel acme.de, eine pro Zeile oder durch Kommas getrennt; höchstens 50.
admin-field-segment = Segment
admin-field-segment-hint = High Touch: eigener CSM. Low Touch: das One-to-many-Team. Tech Touch: Self-Service und Webinare.
admin-error-account-name = Bitte geben Sie den Namen des Unternehmens ein (höchstens 200 Zeichen).
admin-error-account-domains = Bitte geben Sie Domains wie acme.de ein, jede nur einmal, höchstens 50.
admin-error-account-segment = Bitte wählen Sie eines der Segmente.
admin-error-domain-taken = Eine dieser Domains gehört bereits zu einem anderen Konto.

## Postausgang

admin-outbox-title = Postausgang
admin-outbox-intro = Alle E-Mails und Webhooks, die der Dienst versendet, die neuesten zuerst. Eine Nachricht, die nach allen Wiederholungen gescheitert ist, lässt sich erneut senden.
admin-outbox-count-pending = { $count } wartend
admin-outbox-count-failed = { $count } fehlgeschlagen
admin-outbox-count-sent = { $count } gesendet
admin-outbox-count-cancelled = { $count } storniert
admin-outbox-retried =
    { $count ->
        [0] Es gab keine fehlgeschlagenen Nachrichten zum erneuten Senden.
        [one] Eine Nachricht wird in Kürze erneut gesendet.
       *[other] { $count } Nachrichten werden in Kürze erneut gesendet.
    }
admin-outbox-all = Alle Nachrichten
admin-outbox-filter = Filter
admin-outbox-show = Anzeigen
admin-outbox-retry-all = Alle fehlgeschlagenen Nachrichten erneut senden
admin-outbox-empty = Keine Nachrichten für diesen Filter.
admin-outbox-caption = Nachrichten, die neuesten zuerst
admin-outbox-older = Ältere Nachrichten
admin-field-status = Status
admin-status-pending = Wartend
admin-status-sent = Gesendet
admin-status-failed = Fehlgeschlagen
admin-status-cancelled = Storniert
admin-channel-email = E-Mail
admin-channel-webhook = Webhook
admin-col-created = Erstellt
admin-col-topic = Art
admin-col-recipient = Empfänger
admin-col-status = Status
admin-col-attempts = Versuche
admin-col-error = Letzter Fehler
admin-col-attempted = Versucht am
admin-col-result = Ergebnis
admin-col-worker = Instanz
admin-error-status = Diesen Status gibt es nicht; es werden alle Nachrichten angezeigt.
admin-error-not-failed = Nur eine fehlgeschlagene Nachricht lässt sich erneut senden; diese ist nicht fehlgeschlagen.

## Eine Nachricht

admin-message-title = Details der Nachricht
admin-message-back = Zurück zum Postausgang
admin-message-next-attempt = Nächster Versuch
admin-message-sent-at = Gesendet
admin-message-retried = Die Nachricht wird in Kürze erneut gesendet.
admin-message-webinar = Webinar
admin-message-webinar-link = Anmeldungen zum Webinar öffnen
admin-message-retry = Erneut senden
admin-attempt-succeeded = Zugestellt
admin-attempt-failed = Fehlgeschlagen
admin-attempts-title = Zustellversuche
admin-attempts-empty = Noch kein Zustellversuch.
admin-attempts-caption = Alle Versuche, die ältesten zuerst
