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
