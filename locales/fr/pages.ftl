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
