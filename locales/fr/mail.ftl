# Textes des e-mails (vouvoiement). Mêmes clés et variables que en/mail.ftl.
# Typographie : espace insécable avant « : » et à l'intérieur des guillemets.

## Éléments communs à tous les e-mails.

greeting = Bonjour { $name },
greeting-neutral = Bonjour,
sign-off = L’équipe un-à-plusieurs
label-when = Date
label-join = Lien de connexion
when-in-zone = { $when } ({ $zone })
manage-intro = Pour annuler ou consulter votre inscription, ouvrez ce lien :
manage-link = Annuler ou consulter votre inscription

## Rappels : délai avant le début (transmis comme $delay).

starts-in-minutes =
    { $count ->
        [one] dans { $count } minute
       *[other] dans { $count } minutes
    }
starts-in-hours =
    { $count ->
        [one] dans { $count } heure
       *[other] dans { $count } heures
    }
starts-in-days =
    { $count ->
        [one] dans { $count } jour
       *[other] dans { $count } jours
    }

## Un message par type d'e-mail : objet et première phrase après la salutation.

invite =
    .subject = Invitation : { $title } · { $when }
    .body = Votre inscription à « { $title } » avec { $host } est confirmée.
promoted =
    .subject = Une place s’est libérée pour vous : { $title } · { $when }
    .body = Une place s’est libérée et elle vous revient : votre inscription à « { $title } » avec { $host } est désormais confirmée.
updated =
    .subject = Modification : { $title } · { $when }
    .body = Des modifications ont été apportées à « { $title } ». Ce message met à jour l’invitation dans votre agenda.
cancelled =
    .subject = Annulation : { $title }
    .body = Votre inscription à « { $title } » a été annulée. Ce message retire l’événement de votre agenda.
webinar-cancelled =
    .subject = Annulation par l’organisateur : { $title }
    .body = { $host } a dû annuler « { $title } ». Nous vous prions de nous en excuser. Ce message retire l’événement de votre agenda.
waitlisted =
    .subject = Liste d’attente : { $title } (position { $position })
    .body = Toutes les places pour « { $title } » sont prises : vous figurez donc sur la liste d’attente, en position { $position }. Dès qu’une place se libère, elle est attribuée automatiquement à la première personne de la liste, qui reçoit l’invitation par e-mail.
    .body-offer = Toutes les places pour « { $title } » sont prises : vous figurez donc sur la liste d’attente, en position { $position }. Dès qu’une place se libère, nous la réservons à la première personne de la liste, qui reçoit un e-mail avec un lien pour la confirmer.
left-waitlist =
    .subject = Retrait de la liste d’attente : { $title }
    .body = Vous ne figurez plus sur la liste d’attente de « { $title } ».
reminder =
    .subject = Rappel : { $title } commence { $delay }
    .body = Pour rappel, « { $title } » avec { $host } commence { $delay }.

## La file d'attente des CSM.

queued =
    .subject = Votre demande de rendez-vous avec un CSM est en file d’attente (position { $position })
    .body = Merci ! Votre demande de rendez-vous d’une heure avec l’un de nos CSM au sujet de « { $topic } » est en file d’attente, en position { $position }. Les demandes sont traitées par ordre d’arrivée ; dès qu’un créneau se libérera pour vous, vous recevrez l’invitation par e-mail.
appointment =
    .subject = Votre rendez-vous avec { $host } · { $when }
    .body = Votre rendez-vous d’une heure avec { $host } est confirmé. Nous parlerons de « { $topic } ».
appointment-host =
    .subject = Rendez-vous client : { $topic } · { $when }
    .body = Un rendez-vous client d’une heure a été réservé pour vous : { $customer } souhaite parler de « { $topic } ». Voici sa situation : { $situation }
appointment-cancelled =
    .subject = Annulation : { $title }
    .body = Le rendez-vous « { $title } » a été annulé. Ce message le retire de votre agenda.
appointment-cancelled-host =
    .subject = Annulation : { $title }
    .body = Le rendez-vous « { $title } » a été annulé. Ce message le retire de votre agenda.
queue-confirm =
    .subject = Merci de confirmer votre demande de rendez-vous avec un CSM
    .title = Merci de confirmer votre demande
    .body = Quelqu’un – vous, nous l’espérons – a demandé un rendez-vous d’une heure avec l’un de nos CSM à partir de cette adresse e-mail. La demande ne prendra place dans la file d’attente qu’une fois que vous l’aurez confirmée.
    .confirm-intro = Pour la confirmer, ouvrez ce lien et validez la demande :
    .confirm-link = Ouvrir la demande pour la confirmer
    .not-you = Si vous n’êtes pas à l’origine de cette demande, ignorez simplement ce message : rien n’a été réservé et la demande expirera le { $when } ({ $zone }).

## Éléments de mise en page et de l’entrée d’agenda.

labelled = { $label } : { $value }
time-span = { $date } de { $start } à { $end }
date-span = { $start } – { $end }
appointment-title = Une heure avec { $host } – { $topic }
appointment-title-host = Rendez-vous client avec { $customer } – { $topic }
customer-with-company = { $customer } ({ $company })
label-customer = Client
label-topic = Sujet
label-manage = Gérer votre inscription

## Places réservées et chances d'obtenir une place.

seat-offered =
    .subject = Une place vous est réservée : { $title } · { $when }
    .body = Une place s’est libérée pour « { $title } » avec { $host }, et nous vous la réservons jusqu’au { $until }. Pour la prendre, ouvrez le lien ci-dessous et confirmez en un clic. Sans confirmation d’ici là, elle sera proposée à la personne suivante sur la liste d’attente.
    .manage-intro = Pour prendre cette place ou y renoncer, ouvrez ce lien :
    .manage-link = Confirmer ma place
offer-expired =
    .subject = Votre place réservée a été proposée à une autre personne : { $title }
    .body = La place que nous vous avions réservée pour « { $title } » n’a pas été confirmée à temps ; elle a donc été proposée à la personne suivante sur la liste d’attente. Vous ne figurez plus sur la liste d’attente ; si des places se libèrent, vous pouvez bien sûr vous inscrire à nouveau.
chance-line = D’après les sessions précédentes, vous avez { $chance } d’obtenir une place avant le début.
chance-one-in = environ 1 chance sur { $n }
chance-in-ten = environ { $n } chances sur 10
chance-very-likely = presque toutes les chances
chance-unlikely = moins d’une chance sur 20

## Nombre minimum de participants.

too-few-cancelled =
    .subject = Session annulée : { $title }
    .body = « { $title } » avec { $host } n’a pas atteint le nombre minimum d’inscriptions et n’aura donc pas lieu. Nous vous prions de nous en excuser. Ce message retire l’événement de votre agenda.
    .next = La prochaine session de cette série, { $when }
minimum-warning =
    .subject = Peu d’inscriptions pour l’instant : { $title } · { $when }
    .body = « { $title } » n’a pas encore atteint le nombre minimum d’inscriptions (confirmées : { $count } ; minimum : { $minimum }). Si le minimum n’est toujours pas atteint dans 24 heures, la session sera annulée automatiquement et chaque inscrit en sera informé.
minimum-cancelled-host =
    .subject = Session annulée faute d’inscriptions suffisantes : { $title }
    .body = « { $title } » n’a pas atteint le nombre minimum d’inscriptions (confirmées : { $count } ; minimum : { $minimum }) : la session a donc été annulée automatiquement. Les inscrits en ont été informés, avec un lien vers la prochaine session de la série s’il y en a une.

## Listes d'attente reportées à la session suivante d'une série.

rolled-over =
    .subject = Une place à la prochaine session : { $title } · { $when }
    .body = Votre inscription à une session précédente de « { $title } » avec { $host } a été reportée à la suivante, et une place vous y est attribuée. Si la nouvelle date ne vous convient pas, annulez votre inscription à l’aide du lien ci-dessous.
rolled-over-waitlisted =
    .subject = Liste d’attente de la prochaine session : { $title } (position { $position })
    .body = Votre place sur la liste d’attente d’une session précédente de « { $title } » avec { $host } a été reportée à la suivante, en priorité sur les nouvelles inscriptions : vous êtes en position { $position }. Si vous préférez ne pas attendre, quittez la liste à l’aide du lien ci-dessous.

## Après la session.

follow-up-thanks =
    .subject = Merci de votre participation : { $title }
    .body = Merci d’avoir participé à « { $title } » avec { $host }. Qu’en avez-vous pensé ? Un clic sur une note ci-dessous ouvre une page où vous pourrez l’envoyer, avec un commentaire si vous le souhaitez.
    .rate-intro = Votre note, de 1 (insuffisant) à 5 (excellent) :
follow-up-missed =
    .subject = Dommage que vous n’ayez pas pu venir : { $title }
    .body = Nous regrettons que vous n’ayez pas pu assister à « { $title } » avec { $host }. Nous espérons vous voir une prochaine fois.
follow-up-recording = Voir l’enregistrement
rating-1 = 1 – insuffisant
rating-2 = 2 – passable
rating-3 = 3 – bien
rating-4 = 4 – très bien
rating-5 = 5 – excellent
