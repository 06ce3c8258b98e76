# E-Mail-Texte (Anrede mit „Sie“). Schlüssel und Variablen wie in en/mail.ftl.

## Bausteine jeder E-Mail.

greeting = Guten Tag { $name },
greeting-neutral = Guten Tag,
sign-off = Ihr Eins-zu-viele-Team
label-when = Termin
label-join = Link zur Teilnahme
when-in-zone = { $when } ({ $zone })
manage-intro = Um Ihre Anmeldung einzusehen oder zu stornieren, öffnen Sie bitte folgenden Link:
manage-link = Anmeldung ansehen oder stornieren

## Erinnerungen: Zeit bis zum Beginn (als $delay eingesetzt).

starts-in-minutes =
    { $count ->
        [one] in einer Minute
       *[other] in { $count } Minuten
    }
starts-in-hours =
    { $count ->
        [one] in einer Stunde
       *[other] in { $count } Stunden
    }
starts-in-days =
    { $count ->
        [one] in einem Tag
       *[other] in { $count } Tagen
    }

## Eine Nachricht je E-Mail-Art: Betreff und erster Satz nach der Anrede
## (nach DIN 5008 kleingeschrieben, sofern kein Substantiv).

invite =
    .subject = Einladung: { $title } · { $when }
    .body = Sie sind für „{ $title }“ mit { $host } angemeldet.
promoted =
    .subject = Ein Platz für Sie: { $title } · { $when }
    .body = ein Platz ist frei geworden und wurde Ihnen zugeteilt: Sie sind jetzt für „{ $title }“ mit { $host } angemeldet.
updated =
    .subject = Geändert: { $title } · { $when }
    .body = „{ $title }“ hat sich geändert. Mit dieser Nachricht wird die Einladung in Ihrem Kalender aktualisiert.
cancelled =
    .subject = Storniert: { $title }
    .body = Ihre Anmeldung für „{ $title }“ wurde storniert. Mit dieser Nachricht wird der Termin aus Ihrem Kalender entfernt.
webinar-cancelled =
    .subject = Vom Veranstalter abgesagt: { $title }
    .body = { $host } musste „{ $title }“ leider absagen. Wir bitten um Entschuldigung. Mit dieser Nachricht wird der Termin aus Ihrem Kalender entfernt.
waitlisted =
    .subject = Warteliste: { $title } (Platz { $position })
    .body = „{ $title }“ ist ausgebucht. Sie stehen deshalb auf Platz { $position } der Warteliste. Sobald ein Platz frei wird, erhält ihn automatisch die erste Person auf der Liste und bekommt die Einladung per E-Mail.
    .body-offer = „{ $title }“ ist ausgebucht. Sie stehen deshalb auf Platz { $position } der Warteliste. Sobald ein Platz frei wird, halten wir ihn für die erste Person auf der Liste frei; sie erhält eine E-Mail mit einem Link, über den sie ihn übernehmen kann.
left-waitlist =
    .subject = Nicht mehr auf der Warteliste: { $title }
    .body = Sie stehen nicht mehr auf der Warteliste für „{ $title }“.
reminder =
    .subject = Erinnerung: { $title } beginnt { $delay }
    .body = zur Erinnerung: „{ $title }“ mit { $host } beginnt { $delay }.

## Die CSM-Warteschlange.

queued =
    .subject = Sie stehen in der Warteschlange für einen Termin mit einem CSM (Platz { $position })
    .body = vielen Dank: Ihre Anfrage für einen einstündigen Termin mit einem unserer CSMs zum Thema „{ $topic }“ steht auf Platz { $position } der Warteschlange. Anfragen werden in der Reihenfolge ihres Eingangs bearbeitet; sobald ein Termin für Sie frei wird, erhalten Sie die Einladung per E-Mail.
appointment =
    .subject = Ihr Termin mit { $host } · { $when }
    .body = Ihr einstündiger Termin mit { $host } ist gebucht. Thema des Gesprächs: „{ $topic }“.
appointment-host =
    .subject = Kundentermin: { $topic } · { $when }
    .body = für Sie wurde ein einstündiger Kundentermin gebucht: { $customer } möchte über „{ $topic }“ sprechen. Zur Ausgangslage: { $situation }
appointment-cancelled =
    .subject = Abgesagt: { $title }
    .body = Der Termin „{ $title }“ wurde abgesagt. Mit dieser Nachricht wird er aus Ihrem Kalender entfernt.
appointment-cancelled-host =
    .subject = Abgesagt: { $title }
    .body = Der Termin „{ $title }“ wurde abgesagt. Mit dieser Nachricht wird er aus Ihrem Kalender entfernt.
queue-confirm =
    .subject = Bitte bestätigen Sie Ihre Anfrage für einen Termin mit einem CSM
    .title = Bitte bestätigen Sie Ihre Anfrage
    .body = mit dieser E-Mail-Adresse wurde – hoffentlich von Ihnen – ein einstündiger Termin mit einem unserer CSMs angefragt. Die Anfrage wird erst in die Warteschlange aufgenommen, wenn Sie sie bestätigen.
    .confirm-intro = Öffnen Sie dazu diesen Link und bestätigen Sie die Anfrage dort:
    .confirm-link = Anfrage öffnen und bestätigen
    .not-you = Falls die Anfrage nicht von Ihnen stammt, ignorieren Sie diese Nachricht bitte: Es wurde nichts gebucht, und die Anfrage verfällt am { $when } ({ $zone }).

## Bausteine des Layouts und des Kalendereintrags.

labelled = { $label }: { $value }
time-span = { $date }, { $start }–{ $end } Uhr
date-span = { $start } – { $end }
appointment-title = Eine Stunde mit { $host } – { $topic }
appointment-title-host = Kundentermin mit { $customer } – { $topic }
customer-with-company = { $customer } ({ $company })
label-customer = Kunde
label-topic = Thema
label-manage = Anmeldung verwalten

## Reservierte Plätze und die Chance auf einen Platz.

seat-offered =
    .subject = Ein Platz ist für Sie reserviert: { $title } · { $when }
    .body = in „{ $title }“ mit { $host } ist ein Platz frei geworden, und wir halten ihn bis { $until } für Sie frei. Um ihn zu übernehmen, öffnen Sie den Link unten und bestätigen Sie mit einem Klick. Ohne Ihre Bestätigung bis dahin geht der Platz an die nächste Person auf der Warteliste.
    .manage-intro = Um den Platz zu übernehmen oder freizugeben, öffnen Sie bitte folgenden Link:
    .manage-link = Platz übernehmen
offer-expired =
    .subject = Reservierter Platz weitergegeben: { $title }
    .body = der für Sie reservierte Platz in „{ $title }“ wurde nicht rechtzeitig bestätigt und ist an die nächste Person auf der Warteliste gegangen. Sie stehen nicht mehr auf der Warteliste; wird wieder ein Platz frei, können Sie sich gern erneut anmelden.
chance-line = Nach den Erfahrungen früherer Termine liegt Ihre Chance auf einen Platz vor Beginn bei { $chance }.
chance-one-in = etwa 1 von { $n }
chance-in-ten = etwa { $n } von 10
chance-very-likely = nahezu 100 %
chance-unlikely = unter 1 von 20

## Mindestteilnehmerzahl.

too-few-cancelled =
    .subject = Findet nicht statt: { $title }
    .body = „{ $title }“ mit { $host } hat die Mindestzahl an Anmeldungen nicht erreicht und findet deshalb nicht statt. Wir bitten um Entschuldigung. Mit dieser Nachricht wird der Termin aus Ihrem Kalender entfernt.
    .next = Der nächste Termin dieser Reihe, { $when }
minimum-warning =
    .subject = Bisher wenige Anmeldungen: { $title } · { $when }
    .body = „{ $title }“ hat die Mindestzahl an Anmeldungen bisher nicht erreicht (bestätigt: { $count }; Mindestzahl: { $minimum }). Ist sie in 24 Stunden noch nicht erreicht, wird die Veranstaltung automatisch abgesagt, und alle Angemeldeten werden benachrichtigt.
minimum-cancelled-host =
    .subject = Wegen zu weniger Anmeldungen abgesagt: { $title }
    .body = „{ $title }“ hat die Mindestzahl an Anmeldungen nicht erreicht (bestätigt: { $count }; Mindestzahl: { $minimum }) und wurde deshalb automatisch abgesagt. Die Angemeldeten wurden benachrichtigt, mit einem Link zum nächsten Termin der Reihe, sofern es einen gibt.

## Wartelisten, die zum nächsten Termin einer Reihe mitgehen.

rolled-over =
    .subject = Ein Platz im nächsten Termin: { $title } · { $when }
    .body = Ihre Anmeldung für einen früheren Termin von „{ $title }“ mit { $host } ist auf den nächsten Termin übergegangen, und ein Platz ist Ihnen sicher. Passt Ihnen der neue Termin nicht, können Sie über den Link unten stornieren.
rolled-over-waitlisted =
    .subject = Warteliste für den nächsten Termin: { $title } (Platz { $position })
    .body = Ihr Platz auf der Warteliste für einen früheren Termin von „{ $title }“ mit { $host } ist auf den nächsten Termin übergegangen – mit Vorrang vor neuen Anmeldungen: Sie stehen auf Platz { $position }. Möchten Sie nicht mehr warten, können Sie die Warteliste über den Link unten verlassen.

## Nach der Veranstaltung.

follow-up-thanks =
    .subject = Vielen Dank für Ihre Teilnahme: { $title }
    .body = vielen Dank, dass Sie an „{ $title }“ mit { $host } teilgenommen haben. Wie hat es Ihnen gefallen? Ein Klick auf eine Bewertung unten öffnet eine Seite, auf der Sie sie absenden können – gern auch mit einem Kommentar.
    .rate-intro = Ihre Bewertung, von 1 (schwach) bis 5 (ausgezeichnet):
follow-up-missed =
    .subject = Schade, dass Sie nicht dabei sein konnten: { $title }
    .body = schade, dass Sie an „{ $title }“ mit { $host } nicht teilnehmen konnten. Wir würden uns freuen, Sie bei einem anderen Termin begrüßen zu dürfen.
follow-up-recording = Aufzeichnung ansehen
rating-1 = 1 – schwach
rating-2 = 2 – befriedigend
rating-3 = 3 – gut
rating-4 = 4 – sehr gut
rating-5 = 5 – ausgezeichnet
