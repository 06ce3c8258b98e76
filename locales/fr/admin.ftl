# Textes des pages d'administration (/admin…). Chaque clé commence par « admin- ».

## Navigation

admin-nav-users = Équipe
admin-nav-accounts = Comptes clients
admin-nav-outbox = Messages sortants

## Vue d'ensemble

admin-overview-title = Administration
admin-overview-intro = Ce qui demande votre attention, et où gérer l'équipe, les comptes clients et les messages sortants.
admin-overview-users = Membres de l'équipe
admin-overview-users-value =
    { $count ->
        [one] { $count } actif sur { $all }
       *[other] { $count } actifs sur { $all }
    }
admin-overview-users-link = Gérer l'équipe
admin-overview-accounts = Comptes clients
admin-overview-accounts-value =
    { $count ->
        [one] Un compte
       *[other] { $count } comptes
    }
admin-overview-accounts-link = Gérer les comptes et les segments
admin-overview-failed = Messages en échec
admin-overview-failed-value =
    { $count ->
        [0] Aucun message en échec
        [one] Un message n'a pas pu être remis
       *[other] { $count } messages n'ont pas pu être remis
    }
admin-overview-failed-link = Examiner les messages en échec
admin-overview-pending = En attente d'envoi
admin-overview-pending-value =
    { $count ->
        [0] Rien en attente
        [one] Un message
       *[other] { $count } messages
    }
admin-overview-pending-link = Voir les messages en attente

## Commun

admin-more = Afficher plus
admin-added-on = Ajouté le { $when }

## Équipe

admin-users-title = Membres de l'équipe
admin-users-add = Ajouter un membre de l'équipe
admin-users-add-hint = Transmettez le mot de passe en main propre ou par un canal sûr ; la personne pourra le changer après sa première connexion.
admin-users-add-submit = Ajouter
admin-role-admin = Administrateur
admin-role-csm = Customer Success Manager
admin-role-marketing = Marketing
admin-user-active = Actif
admin-user-inactive = Désactivé
admin-user-added = { $name } a été ajouté(e) et peut se connecter dès maintenant.
admin-user-changed = La modification est enregistrée. La personne a été déconnectée de tous ses appareils.
admin-user-is-me = C'est votre propre compte : seul un autre administrateur peut modifier votre rôle.
admin-user-change-role = Changer de rôle
admin-user-deactivate = Désactiver
admin-user-reactivate = Réactiver
admin-field-name = Nom complet
admin-field-email = Adresse e-mail
admin-field-role = Rôle
admin-field-locale = Langue
admin-field-timezone = Fuseau horaire
admin-field-password = Mot de passe initial
admin-field-password-hint = Au moins 10 caractères.
admin-error-user-name = Veuillez saisir le nom de la personne (200 caractères au maximum).
admin-error-user-email = Veuillez saisir une adresse e-mail valide.
admin-error-user-role = Veuillez choisir l'un des rôles.
admin-error-user-timezone = Veuillez choisir un fuseau horaire dans la liste.
admin-error-user-locale = Veuillez choisir l'une des langues.
admin-error-user-password = Le mot de passe doit comporter au moins 10 caractères.
admin-error-email-taken = Un membre de l'équipe utilise déjà cette adresse e-mail.
admin-error-nothing = Rien n'a été modifié : choisissez un rôle ou utilisez le bouton de désactivation.
admin-error-self = Vous ne pouvez ni changer votre propre rôle ni vous désactiver vous-même. Adressez-vous à un autre administrateur.

## Comptes clients

admin-accounts-title = Comptes clients
admin-accounts-intro = Le segment d'une entreprise détermine le temps que l'équipe lui consacre. Chaque personne est rattachée à son entreprise par le domaine de son adresse e-mail.
admin-accounts-empty = Aucun compte pour l'instant.
admin-accounts-add = Ajouter un compte
admin-accounts-add-submit = Ajouter le compte
admin-account-added = Le compte { $name } a été ajouté.
admin-account-changed = Le segment a été modifié.
admin-account-no-domains = Aucun domaine e-mail
admin-account-change-segment = Changer de segment
admin-segment-high-touch = High touch
admin-segment-low-touch = Low touch
admin-segment-tech-touch = Tech touch
admin-field-company = Nom de l'entreprise
admin-field-domains = Domaines e-mail
admin-field-domains-hint = Par exemple acme.fr, un par ligne ou séparés par des virgules ; 50 au maximum.
admin-field-segment = Segment
admin-field-segment-hint = High touch : un CSM dédié. Low touch : l'équipe one-to-many. Tech touch : libre-service et webinaires.
admin-error-account-name = Veuillez saisir le nom de l'entreprise (200 caractères au maximum).
admin-error-account-domains = Veuillez saisir des domaines comme acme.fr, chacun une seule fois, 50 au maximum.
admin-error-account-segment = Veuillez choisir l'un des segments.
admin-error-domain-taken = L'un de ces domaines appartient déjà à un autre compte.

## Messages sortants

admin-outbox-title = Messages sortants
admin-outbox-intro = Tous les e-mails et webhooks envoyés par le service, les plus récents d'abord. Un message en échec après toutes les tentatives peut être renvoyé.
admin-outbox-count-pending = { $count } en attente
admin-outbox-count-failed =
    { $count ->
        [one] { $count } en échec
       *[other] { $count } en échec
    }
admin-outbox-count-sent =
    { $count ->
        [one] { $count } envoyé
       *[other] { $count } envoyés
    }
admin-outbox-count-cancelled =
    { $count ->
        [one] { $count } annulé
       *[other] { $count } annulés
    }
admin-outbox-retried =
    { $count ->
        [0] Aucun message en échec à renvoyer.
        [one] Un message sera renvoyé dans un instant.
       *[other] { $count } messages seront renvoyés dans un instant.
    }
admin-outbox-all = Tous les messages
admin-outbox-filter = Filtrer
admin-outbox-show = Afficher
admin-outbox-retry-all = Renvoyer tous les messages en échec
admin-outbox-empty = Aucun message ne correspond à ce filtre.
admin-outbox-caption = Messages, les plus récents d'abord
admin-outbox-older = Messages plus anciens
admin-field-status = Statut
admin-status-pending = En attente
admin-status-sent = Envoyé
admin-status-failed = En échec
admin-status-cancelled = Annulé
admin-channel-email = E-mail
admin-channel-webhook = Webhook
admin-col-created = Créé
admin-col-topic = Type
admin-col-recipient = Destinataire
admin-col-status = Statut
admin-col-attempts = Tentatives
admin-col-error = Dernière erreur
admin-col-attempted = Tentative
admin-col-result = Résultat
admin-col-worker = Instance
admin-error-status = Ce statut n'existe pas ; tous les messages sont affichés.
admin-error-not-failed = Seul un message en échec peut être renvoyé ; celui-ci ne l'est pas.

## Un message

admin-message-title = Détails du message
admin-message-back = Retour aux messages sortants
admin-message-next-attempt = Prochaine tentative
admin-message-sent-at = Envoyé
admin-message-retried = Le message sera renvoyé dans un instant.
admin-message-webinar = Webinaire
admin-message-webinar-link = Voir les inscrits du webinaire
admin-message-retry = Renvoyer
admin-attempt-succeeded = Remis
admin-attempt-failed = En échec
admin-attempts-title = Tentatives de remise
admin-attempts-empty = Aucune tentative de remise pour l'instant.
admin-attempts-caption = Toutes les tentatives, les plus anciennes d'abord
