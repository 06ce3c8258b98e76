# Textes des pages web (vouvoiement). Mêmes clés et variables que
# en/pages.ftl ; chaque clé commence par « page- ».
# Typographie : espace insécable avant : ; ? ! et à l'intérieur des guillemets.

## Cadre

page-lang-name = Français
page-site-name = Webinaires et permanences
page-skip-to-content = Aller au contenu
page-language-switch = Langue
page-back-to-catalog = Tous les webinaires à venir

## Catalogue

page-catalog-title = Webinaires à venir
page-catalog-intro = Profitez de l’expérience de notre équipe Customer Success : des webinaires thématiques ouverts à tous et des webinaires d’experts en petit groupe, où vous pouvez aborder votre propre situation.
page-filter-kind = Format
page-filter-kind-all = Tous les formats
page-kind-regular = Webinaire
page-kind-expert = Webinaire d’expert
page-filter-topic = Thème
page-filter-submit = Afficher
page-catalog-empty = Aucun webinaire à venir ne correspond à votre sélection.
page-catalog-more = Webinaires suivants
page-zone-visitor = Les horaires sont indiqués dans votre fuseau horaire ({ $zone }).
page-zone-session = Les horaires sont indiqués dans le fuseau horaire de chaque session.
page-time-range = { $start } – { $end } ({ $zone })
page-hosted-by = Animé par { $host }
page-seats-open = Ouvert à tous
page-seats-full = Complet – liste d’attente ouverte
page-seats-left =
    { $count ->
        [one] Plus qu’une place
       *[other] Encore { $count } places
    }

## Un webinaire et son formulaire d’inscription

page-webinar-when = Date
page-webinar-host = Animation
page-webinar-seats = Places
page-register-title = S’inscrire
page-register-waitlist-note = Ce webinaire est complet. Inscrivez-vous pour rejoindre la liste d’attente : dès qu’une place se libère, elle revient à la personne suivante sur la liste, et nous vous prévenons par e-mail.
page-register-closed = Les inscriptions sont closes : cette session a déjà commencé ou a été annulée.
page-field-name = Nom
page-field-email = Adresse e-mail
page-field-email-hint = Nous enverrons votre invitation d’agenda à cette adresse.
page-field-company = Entreprise
page-field-optional = facultatif
page-field-situation = Votre situation
page-field-situation-hint = Décrivez brièvement où vous en êtes et ce que vous souhaitez atteindre, afin que l’expert puisse se préparer.
page-field-questions = Vos questions
page-field-questions-hint = Les questions auxquelles vous aimeriez une réponse pendant la session.
page-field-consent = Oui, je souhaite recevoir par e-mail des informations sur les webinaires et les produits. Je peux retirer ce consentement à tout moment.
page-register-submit = S’inscrire
page-register-submit-waitlist = Rejoindre la liste d’attente
page-form-has-errors = Veuillez vérifier les champs signalés ci-dessous.
page-error-name = Veuillez saisir votre nom (une ligne, 200 caractères au maximum).
page-error-email = Veuillez saisir une adresse e-mail valide, par exemple nom@entreprise.fr.
page-error-company = Veuillez saisir votre entreprise sur une ligne (200 caractères au maximum).
page-error-situation = Veuillez décrire votre situation (4 000 caractères au maximum) : l’expert s’en sert pour préparer la session.
page-error-questions = Veuillez limiter vos questions à 1 000 caractères.
page-error-form = Certaines informations n’ont pas pu être traitées. Veuillez recharger la page et réessayer.
page-already-registered = Cette adresse e-mail est déjà inscrite à ce webinaire. Nous lui avons renvoyé la confirmation.
page-already-registered-recent = Cette adresse e-mail est déjà inscrite à ce webinaire. Nous avons renvoyé la confirmation il y a quelques minutes ; pensez à vérifier aussi vos courriers indésirables.

## Confirmation

page-confirmed-title = Votre inscription est confirmée
page-confirmed-text = Nous avons envoyé votre invitation d’agenda à { $email }.
page-waitlisted-title = Vous êtes sur la liste d’attente
page-waitlisted-text = Vous êtes en position { $position } sur la liste d’attente. Dès qu’une place se libère, nous envoyons votre invitation à { $email }.
page-calendar-title = Ajouter à votre agenda
page-calendar-ics = Télécharger le fichier d’agenda (.ics)
page-calendar-google = Google Agenda
page-calendar-outlook = Outlook.com
page-manage-hint = Vous pouvez annuler à tout moment grâce au lien de votre e-mail ou ici :
page-manage-link = Gérer votre inscription

## Page de gestion (lien de l’e-mail)

page-manage-title = Votre inscription
page-manage-webinar = Webinaire
page-manage-name = Nom
page-manage-email = Adresse e-mail
page-manage-status = Statut
page-status-confirmed = Confirmée
page-status-waitlisted = Sur la liste d’attente (position { $position })
page-status-cancelled = Annulée
page-cancel-explain = Si vous ne pouvez plus participer, merci d’annuler votre inscription : votre place reviendra à une personne de la liste d’attente.
page-cancel-button = Annuler mon inscription
page-cancelled-notice = Votre inscription a été annulée.
page-manage-closed = Cette session est terminée ; l’inscription ne peut plus être modifiée.
page-status-offered = Une place vous est réservée jusqu’au { $until }
page-seat-chance-label = Chances d’obtenir une place
page-seat-chance = { $chance }, d’après les sessions précédentes
page-claim-explain = Une place s’est libérée et nous vous la réservons. Confirmez-la à l’aide de ce bouton ; sinon, elle sera proposée à la personne suivante sur la liste d’attente à l’expiration du délai.
page-claim-button = Confirmer ma place
page-claimed-notice = La place est à vous. L’invitation arrive dans votre boîte de réception.
page-claim-missed = Cette place ne vous est plus réservée : le délai a expiré, ou elle a déjà été proposée à une autre personne.

## Permanences et file d’attente

page-oh-title = Permanences
page-oh-intro = Réservez une heure avec un membre de notre équipe Customer Success pour travailler sur votre propre situation. Les demandes sont traitées dans leur ordre d’arrivée.
page-oh-slots-title = Créneaux disponibles
page-oh-zone = Les horaires sont indiqués dans le fuseau horaire { $zone }.
page-oh-slots-empty = Aucun créneau n’est disponible dans les deux prochaines semaines. Vous pouvez tout de même rejoindre la file d’attente : le prochain créneau libéré vous sera attribué.
page-oh-form-title = Demander un créneau
page-oh-form-intro = Nous vous proposerons le prochain créneau disponible, si possible dans la plage horaire de votre choix.
page-oh-email-hint = Nous enverrons la confirmation et votre rendez-vous à cette adresse.
page-field-topic = Sujet
page-field-topic-hint = En quelques mots, par exemple « Reporting » ou « Configuration des rôles utilisateurs ».
page-oh-situation-hint = Décrivez brièvement où vous en êtes et ce que vous souhaitez accomplir, afin que nous puissions préparer l’échange.
page-oh-preferred = Plage horaire souhaitée
page-oh-preferred-hint = Si un jour et un horaire vous conviennent particulièrement, indiquez-les : nous chercherons d’abord un créneau dans cette plage. Horaires dans votre fuseau horaire.
page-oh-day = Jour
page-oh-day-any = N’importe quel jour
page-oh-from = De
page-oh-to = À
page-day-mon = Lundi
page-day-tue = Mardi
page-day-wed = Mercredi
page-day-thu = Jeudi
page-day-fri = Vendredi
page-day-sat = Samedi
page-day-sun = Dimanche
page-oh-submit = Rejoindre la file d’attente
page-error-topic = Veuillez indiquer un sujet (sur une ligne, 200 caractères au maximum).
page-error-queue-situation = Veuillez décrire votre situation (4 000 caractères au maximum) afin que nous puissions préparer l’échange.
page-error-preferred = Veuillez choisir un jour avec une heure de début et une heure de fin, la fin étant postérieure au début.
page-queue-already = Une demande est déjà en cours pour cette adresse e-mail. Utilisez le lien figurant dans l’e-mail que nous vous avons envoyé pour la consulter ou la modifier.
page-queue-quota = Votre entreprise a déjà bénéficié récemment d’un créneau avec notre équipe. Veuillez renouveler votre demande plus tard.
page-queue-not-eligible = Votre entreprise bénéficie d’un Customer Success Manager dédié : veuillez le contacter directement.

## Après la demande, lien de confirmation et page de gestion

page-queue-check-mail-title = Veuillez confirmer votre demande
page-queue-check-mail-text = Nous avons envoyé un e-mail à { $email }. Ouvrez le lien qu’il contient dans les 24 heures pour confirmer votre demande : ce n’est qu’à ce moment-là qu’elle rejoindra la file d’attente.
page-queue-waiting-title = Vous êtes dans la file d’attente
page-queue-waiting-text = Dès qu’un créneau se libère, nous vous enverrons l’invitation par e-mail.
page-queue-scheduled-title = Votre rendez-vous est réservé
page-queue-scheduled-text = Nous vous avons envoyé l’invitation d’agenda par e-mail.
page-queue-topic = Sujet
page-queue-status = Statut
page-queue-when = Date et heure
page-queue-host = Avec
page-queue-status-unconfirmed = En attente de votre confirmation
page-queue-status-waiting = Dans la file d’attente (position { $position })
page-queue-status-scheduled = Rendez-vous réservé
page-queue-status-done = Terminé
page-queue-status-cancelled = Annulé
page-queue-status-expired = Expiré : non confirmé à temps
page-queue-manage-hint = Vous pouvez annuler ou demander un autre créneau à l’aide du lien figurant dans votre e-mail, ou ici :
page-queue-manage-link = Gérer votre demande
page-queue-confirm-title = Confirmez votre demande
page-queue-confirm-text = Veuillez confirmer votre demande d’un créneau d’une heure avec notre équipe Customer Success. Votre place dans la file d’attente est déterminée par l’heure de votre demande.
page-queue-confirm-button = Confirmer ma demande
page-queue-confirmed-title = Votre demande est confirmée
page-queue-confirmed-notice = Merci : votre demande est confirmée.
page-queue-confirm-closed = Cette demande ne peut plus être confirmée : elle a été annulée ou n’a pas été confirmée dans les 24 heures. N’hésitez pas à en faire une nouvelle.
page-queue-ask-again = Demander un créneau
page-queue-manage-title = Votre demande de créneau
page-queue-reschedule-explain = Ce créneau ne vous convient pas ? Nous chercherons le prochain créneau disponible après celui-ci ; s’il n’y en a pas, vous conservez votre place dans la file d’attente.
page-queue-reschedule-button = Trouver un autre créneau
page-queue-rescheduled-notice = Nous avons cherché un autre créneau pour vous : la situation actuelle est indiquée ci-dessous.
page-queue-not-scheduled = Cette demande n’a aucun rendez-vous à déplacer.
page-queue-cancel-explain = Si vous n’avez plus besoin de ce créneau, veuillez annuler votre demande afin que quelqu’un d’autre puisse en bénéficier.
page-queue-cancel-button = Annuler ma demande
page-queue-cancelled-notice = Votre demande a été annulée.

## Erreurs

page-error-not-found-title = Page introuvable
page-error-not-found-text = Cette page n’existe pas ou plus. Le webinaire a peut-être été retiré.
page-error-link-title = Ce lien n’est pas valide
page-error-link-text = Le lien est peut-être incomplet ou expiré. Veuillez utiliser le lien de votre e-mail le plus récent.
page-error-closed-title = Inscriptions closes
page-error-closed-text = Cette session a déjà commencé ou a été annulée.
page-error-busy-title = Trop de demandes
page-error-busy-text = Veuillez patienter un instant, puis réessayer.
page-error-unavailable-title = Service momentanément indisponible
page-error-unavailable-text = Le service est très sollicité en ce moment. Veuillez réessayer dans quelques minutes.
page-error-internal-title = Une erreur s’est produite
page-error-internal-text = Une erreur inattendue s’est produite. Nous l’avons enregistrée ; veuillez réessayer plus tard.
page-error-bad-request-title = La demande n’a pas pu être traitée
page-error-bad-request-text = Veuillez revenir en arrière et réessayer.

# Between the items of a list written on one line (the free hours of a day).
page-list-separator = {", "}

## Rating a session after it (the link in the follow-up mail).

page-rate-title = Évaluer la session
page-rate-legend = Votre note
page-rate-comment = Commentaire (facultatif)
page-rate-button = Envoyer mon évaluation
page-rate-thanks = Merci : votre évaluation a été transmise à l’équipe.
page-rate-already = Merci : nous avons déjà votre évaluation pour cette session.
page-rate-not-rateable = Seuls les participants peuvent évaluer cette session, et seulement une fois qu’elle est terminée.
page-rate-error-score = Veuillez choisir une note de 1 à 5.
page-rate-error-comment = Le commentaire ne doit pas dépasser 2 000 caractères.
