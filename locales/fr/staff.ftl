# Textes des pages de l'équipe (connexion, pages des CSM).

## Cadre et navigation

staff-nav-label = Menu de l'équipe
staff-nav-dashboard = Mes sessions
staff-nav-new-webinar = Nouveau webinaire
staff-nav-marketing = Participants et rapports
staff-nav-admin = Administration
staff-sign-out = Se déconnecter
staff-signed-in-as = Compte : { $name }

## Connexion

staff-login-title = Connexion
staff-login-intro = Réservé aux équipes Customer Success, marketing et administration. Les clients n'ont pas besoin de compte : le lien reçu par e-mail leur suffit.
staff-login-email = Adresse e-mail
staff-login-password = Mot de passe
staff-login-submit = Se connecter
staff-login-signed-out = Votre session est fermée.
staff-login-error-wrong = L'adresse e-mail ou le mot de passe est incorrect.
staff-login-error-locked =
    { $minutes ->
        [one] Trop de tentatives infructueuses. Veuillez réessayer dans une minute.
       *[other] Trop de tentatives infructueuses. Veuillez réessayer dans { $minutes } minutes.
    }
staff-login-error-expired = Le formulaire de connexion avait expiré. Veuillez saisir à nouveau votre mot de passe.

## Erreurs

staff-error-forbidden-title = Non disponible pour votre rôle
staff-error-forbidden-text = Votre session est ouverte, mais votre rôle ne donne pas accès à cette page.
staff-error-csrf-title = Formulaire refusé
staff-error-csrf-text = Ce formulaire n'a pas été envoyé depuis une page à jour de votre session : rien n'a été modifié. Veuillez revenir en arrière, recharger la page et réessayer.

## Tableau de bord

staff-zone-note = Les horaires sont affichés dans votre fuseau horaire ({ $zone }).
staff-dashboard-title = Mes prochaines sessions
staff-dashboard-webinars = Les webinaires que j'anime
staff-dashboard-no-webinars = Vous n'avez aucun webinaire à venir.
staff-dashboard-appointments = Mes rendez-vous de permanence
staff-dashboard-no-appointments = Vous n'avez aucun rendez-vous à venir.
staff-link-registrants = Inscrits
staff-link-edit = Modifier
staff-link-appointments = Mes rendez-vous
staff-seats-of = { $taken } places occupées sur { $capacity }
staff-seats-registered =
    { $count ->
        [one] Une inscription
       *[other] { $count } inscriptions
    }

## Créer et modifier un webinaire

staff-webinar-new-title = Nouveau webinaire
staff-webinar-edit-title = Modifier « { $title } »
staff-webinar-created =
    { $count ->
        [one] Le webinaire a été créé. Les inscriptions sont ouvertes.
       *[other] La série a été créée : { $count } sessions. Les inscriptions sont ouvertes. Vous voyez ci-dessous la première session.
    }
staff-webinar-saved = Vos modifications ont été enregistrées. Les inscrits confirmés sont informés de tout changement d'horaire ou de contenu.
staff-webinar-is-cancelled = Ce webinaire a été annulé. Ses inscrits ont été informés.
staff-field-kind = Format
staff-field-kind-hint = Un webinaire expert réunit un petit groupe aux places limitées ; les inscrits décrivent leur situation à l'avance.
staff-field-title = Titre
staff-field-description = Description
staff-field-topic = Thème (facultatif)
staff-field-capacity = Places
staff-field-capacity-hint = Laissez vide pour un webinaire sans limite de places. Obligatoire pour un webinaire expert.
staff-field-when = Date et heure
staff-field-date = Date
staff-field-time = Heure de début
staff-field-duration = Durée (minutes)
staff-field-timezone = Fuseau horaire
staff-field-join-url = Lien de la réunion (facultatif)
staff-field-policy = Liste d’attente et nombre minimum
staff-field-waitlist-mode = Quand une place se libère
staff-waitlist-auto = L’attribuer directement à la première personne de la liste d’attente
staff-waitlist-offer = La réserver à la première personne de la liste d’attente, qui la confirme par e-mail
staff-field-offer-hours = Heures pour confirmer une place réservée
staff-field-min-attendees = Nombre minimum de participants (facultatif)
staff-field-decision-hours = Décider ce nombre d’heures avant le début
staff-field-rollover = Dans une série, reporter les personnes en attente sur la session suivante
staff-field-recording-url = Lien de l’enregistrement (facultatif)
staff-webinar-started = Cette session a déjà commencé : seul l’enregistrement peut encore être ajouté. Les participants le reçoivent avec l’e-mail de remerciement.
staff-field-repeat = Série
staff-field-repeat-how = Répétition
staff-repeat-once = Pas de répétition
staff-repeat-weekly = Chaque semaine
staff-repeat-biweekly = Toutes les deux semaines
staff-repeat-monthly = Chaque mois
staff-field-count = Nombre de sessions
staff-webinar-create = Créer le webinaire
staff-webinar-save = Enregistrer les modifications
staff-webinar-cancel-title = Annuler ce webinaire
staff-webinar-cancel-warning = Tous les inscrits reçoivent une annulation par e-mail et la session est retirée de leur agenda. Cette action est irréversible.
staff-webinar-cancel-confirm = Oui, annuler ce webinaire et informer tous les inscrits.
staff-webinar-cancel-submit = Annuler le webinaire
staff-error-kind = Veuillez choisir un format.
staff-error-title = Veuillez saisir un titre (une ligne, 200 caractères au maximum).
staff-error-description = La description peut compter 5 000 caractères au maximum.
staff-error-topic = Veuillez saisir le thème sur une ligne (100 caractères au maximum).
staff-error-start = Veuillez saisir une date et une heure de début à venir (années 2000 à 2100).
staff-error-start-gap = Cette heure n'existe pas dans le fuseau horaire choisi, car c'est le moment du changement d'heure. Veuillez choisir une autre heure.
staff-error-duration = Veuillez saisir une durée comprise entre 5 et 720 minutes.
staff-error-timezone = Veuillez choisir un fuseau horaire dans la liste.
staff-error-capacity = Veuillez saisir un nombre de places compris entre 1 et 100 000 (obligatoire pour un webinaire expert).
staff-error-join_url = Veuillez saisir une adresse web complète commençant par https://.
staff-error-repeat = Impossible de créer cette série : toutes les sessions doivent se situer entre les années 2000 et 2100.
staff-error-count = Veuillez indiquer entre 2 et 104 sessions.
staff-error-waitlist_mode = Veuillez choisir ce qui se passe quand une place se libère.
staff-error-offer_hours = Veuillez indiquer entre 1 et 168 heures pour confirmer une place réservée.
staff-error-min_attendees = Veuillez indiquer un minimum compris entre 1 et le nombre de places, ou laisser le champ vide.
staff-error-decision_hours = Veuillez indiquer entre 1 et 336 heures avant le début.
staff-error-recording_url = Veuillez saisir une adresse web complète commençant par https://.
staff-error-form = Certaines informations n'ont pas pu être acceptées. Veuillez vérifier le formulaire.
staff-error-host-busy = Vous avez un rendez-vous client à cette heure-là. Veuillez choisir une autre heure.
staff-error-closed = Ce webinaire a déjà commencé ou a été annulé : il ne peut plus être modifié.
staff-error-capacity-below = Le nombre de personnes déjà confirmées dépasse ce nombre de places. Veuillez indiquer au moins le nombre d'inscrits confirmés.
staff-error-confirm = Veuillez cocher la case pour confirmer l'annulation.

## Inscrits et présence

staff-registrants-title = Inscrits à « { $title } »
staff-registrants-summary = Confirmés : { $taken } · Liste d'attente : { $waiting }
staff-registrants-empty = Personne ne s'est encore inscrit.
staff-registrants-more = Autres inscrits
staff-reg-confirmed = Confirmé
staff-reg-waitlisted = Liste d'attente, position { $position }
staff-reg-cancelled = Annulé
staff-reg-offered = Place réservée jusqu’au { $until }
staff-reg-situation = Sa situation
staff-reg-questions = Questions posées à l'avance
staff-reg-rating = Son évaluation de la session
staff-attendance-label = Présence
staff-attendance-attended = Présent
staff-attendance-no-show = Absent
staff-attendance-unmarked = Présence pas encore indiquée
staff-mark-attended = Présent
staff-mark-no-show = Absent
staff-attendance-saved = Présence enregistrée.
staff-error-attendance = La présence ne peut être indiquée que pour les inscrits confirmés de ce webinaire.

## Le flux d’agenda (tableau de bord)
staff-feed-title = Votre flux d’agenda
staff-feed-intro = Abonnez-vous à cette adresse dans votre application d’agenda pour y voir vos webinaires et vos créneaux de file d’attente. Toute personne qui connaît l’adresse peut le lire.
staff-feed-url = Adresse du flux
staff-feed-url-note = Copiez-la maintenant : elle n’est affichée qu’une seule fois. Créer une nouvelle adresse désactive celle-ci.
staff-feed-exists = Vous avez une adresse de flux. Si elle est tombée entre de mauvaises mains, créez-en une nouvelle : l’ancienne cesse aussitôt de fonctionner.
staff-feed-create = Créer l’adresse du flux
staff-feed-rotate = Créer une nouvelle adresse de flux

## Votre propre agenda (tableau de bord)
staff-busy-title = Votre autre agenda
staff-busy-intro = Indiquez l’adresse secrète de votre agenda Google ou Outlook. Tant qu’il vous indique comme occupé(e), les clients ne peuvent pas vous réserver et la file d’attente n’attribue pas votre temps. Nous le relisons toutes les { $minutes } minutes.
staff-busy-saved = Enregistré. Nous avons lu votre agenda aussitôt ; le résultat figure ci-dessous.
staff-busy-from = Les plages occupées sont lues depuis
staff-busy-read-at = Dernière lecture :
staff-busy-never = Il n’a pas encore pu être lu.
staff-busy-problem-refused = La dernière lecture a été refusée : l’adresse pointe vers un réseau interne.
staff-busy-problem-http = La dernière lecture a échoué : le serveur de l’agenda a répondu par l’erreur { $status }.
staff-busy-problem-too-large = La dernière lecture a échoué : l’agenda dépasse 1 Mo.
staff-busy-problem-not-calendar = La dernière lecture a échoué : l’adresse ne renvoie pas d’agenda au format iCal.
staff-busy-problem-unreachable = La dernière lecture a échoué : le serveur de l’agenda n’a pas répondu à temps.
staff-busy-failed-keeps = En attendant, nous continuons d’utiliser les plages occupées de la dernière lecture réussie.
staff-busy-failed-none = En attendant, aucune de ses plages occupées n’est prise en compte.
staff-busy-url = Adresse de l’agenda (iCal)
staff-busy-url-hint = Google Agenda : Paramètres → votre agenda → « Adresse secrète au format iCal ». Outlook : Paramètres → Calendrier → Calendriers partagés → Publier un calendrier → lien ICS.
staff-busy-error-url = Saisissez l’adresse complète d’un agenda sur un serveur public, commençant par https://.
staff-busy-save = Enregistrer et lire maintenant
staff-busy-replace = Remplacer l’adresse
