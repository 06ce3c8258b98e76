# Les pages marketing : rapports (/marketing), participants et export.

## Navigation
marketing-nav-reports = Rapports
marketing-nav-attendees = Participants

## Rapports
marketing-title = Inscriptions et participation
marketing-intro = Par thème et par semaine (du lundi au dimanche), comptées dans la semaine où chaque session a commencé.
marketing-range-legend = Période
marketing-field-from = Du
marketing-field-to = Au
marketing-show = Afficher
marketing-no-data = Aucun webinaire n’a commencé pendant cette période.
marketing-legend = Thèmes
marketing-week = Semaine du
marketing-total = Total
marketing-no-topic = Sans thème
marketing-chart-registrations = Inscriptions par semaine
marketing-chart-registrations-desc = Graphique linéaire des inscriptions par thème et par semaine du { $from } au { $to }. Le tableau ci-dessous donne les mêmes chiffres.
marketing-table-registrations = Inscriptions par semaine (chiffres du graphique)
marketing-chart-attendance = Taux de participation par semaine
marketing-chart-attendance-desc = Graphique linéaire de la part des inscrits confirmés qui ont participé, par thème et par semaine du { $from } au { $to }. Les semaines sans inscription confirmée n’ont pas de point. Le tableau ci-dessous donne les mêmes chiffres.
marketing-table-attendance = Taux de participation par semaine (chiffres du graphique)
marketing-rate-of = { $rate } ({ $attended } sur { $confirmed })
marketing-rate-none-note = – : aucune inscription confirmée cette semaine-là.
marketing-error-date = Veuillez saisir une date au format 2027-03-09.
marketing-error-order = La date de fin ne peut pas précéder la date de début.
marketing-error-too-long = Veuillez choisir une période de 104 semaines au plus.

## Participants
marketing-attendees-title = Participants
marketing-attendees-caption = Inscriptions correspondant aux filtres
marketing-filters = Filtres
marketing-field-kind = Type de webinaire
marketing-field-topic = Thème
marketing-field-status = Statut de l’inscription
marketing-field-attended = Participation
marketing-field-consent = Consentement marketing
marketing-any = Tous
marketing-status-confirmed = Confirmée
marketing-status-waitlisted = En liste d’attente
marketing-status-cancelled = Annulée
marketing-consent-only = Uniquement les personnes ayant accepté le marketing
marketing-consent-all = Tout le monde
marketing-consent-yes = Accepté
marketing-consent-no = Non accepté
marketing-apply = Appliquer les filtres
marketing-download-csv = Télécharger le CSV
marketing-attendees-empty = Aucune inscription ne correspond à ces filtres.
marketing-attendees-more = Page suivante
marketing-col-name = Nom
marketing-col-email = E-mail
marketing-col-company = Entreprise
marketing-col-webinar = Webinaire
marketing-col-when = Date
marketing-col-status = Statut
marketing-col-attended = Participation
marketing-col-consent = Consentement marketing
marketing-error-choice = Veuillez choisir l’une des options.
marketing-error-topic = Un thème comporte au plus 100 caractères.
marketing-error-filters = Ces filtres ne peuvent pas être appliqués. Veuillez les vérifier.

## Ce que demandent les clients
marketing-topics-title = Ce que demandent les clients
marketing-topics-intro = Par thème : inscriptions et participation aux webinaires commencés pendant la période, demandes de file d’attente faites pendant celle-ci et questions envoyées à l’avance.
marketing-topics-chart = Inscriptions et demandes de file d’attente par thème
marketing-topics-chart-desc = Diagramme en barres des inscriptions aux webinaires et des demandes de file d’attente par thème du { $from } au { $to }. Le tableau ci-dessous donne les mêmes chiffres.
marketing-topics-chart-desc-top = Diagramme en barres des inscriptions aux webinaires et des demandes de file d’attente pour les { $count } thèmes les plus demandés du { $from } au { $to }. Le tableau ci-dessous donne les chiffres de tous les thèmes.
marketing-topics-caption = Chiffres par thème
marketing-topics-col-topic = Thème
marketing-topics-col-registrations = Inscriptions
marketing-topics-col-rate = Taux de participation
marketing-topics-col-queue = Demandes de file d’attente
marketing-topics-col-questions = Questions à l’avance
marketing-topics-col-recent = Questions récentes
marketing-topics-note = Les questions récentes ne sont citées que pour les personnes qui ont accepté le marketing. – : aucune inscription confirmée, ou aucune question à citer.

## Notes issues de l’e-mail de suivi
marketing-ratings-title = Comment les participants ont noté les sessions
marketing-ratings-intro = Webinaires de la période que les participants ont notés depuis l’e-mail de remerciement, sur une échelle de 1 (faible) à 5 (excellent).
marketing-ratings-caption = Notes par webinaire
marketing-ratings-col-webinar = Webinaire
marketing-ratings-col-date = Date
marketing-ratings-col-count = Notes
marketing-ratings-col-average = Moyenne (1–5)
