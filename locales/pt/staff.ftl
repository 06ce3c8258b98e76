# Textos das páginas da equipe (login, páginas dos CSMs).

## Estrutura e navegação

staff-nav-label = Menu da equipe
staff-nav-dashboard = Minhas sessões
staff-nav-new-webinar = Novo webinar
staff-nav-marketing = Participantes e relatórios
staff-nav-admin = Administração
staff-sign-out = Sair
staff-signed-in-as = Você entrou como { $name }

## Login

staff-login-title = Entrar
staff-login-intro = Para as equipes de Customer Success, marketing e administração. Os clientes não precisam de conta: basta o link que receberam por e-mail.
staff-login-email = Endereço de e-mail
staff-login-password = Senha
staff-login-submit = Entrar
staff-login-signed-out = Você saiu da sua sessão.
staff-login-error-wrong = O endereço de e-mail ou a senha não está correto.
staff-login-error-locked =
    { $minutes ->
        [one] Muitas tentativas sem sucesso. Tente novamente em um minuto.
       *[other] Muitas tentativas sem sucesso. Tente novamente em { $minutes } minutos.
    }
staff-login-error-expired = O formulário de login expirou. Digite sua senha novamente.

## Erros

staff-error-forbidden-title = Não disponível para o seu perfil
staff-error-forbidden-text = Sua sessão está ativa, mas o seu perfil não dá acesso a esta página.
staff-error-csrf-title = Formulário não aceito
staff-error-csrf-text = Este formulário não foi enviado a partir de uma página atual da sua sessão, por isso nada foi alterado. Volte, recarregue a página e tente novamente.

## Painel

staff-zone-note = Os horários são exibidos no seu fuso horário ({ $zone }).
staff-dashboard-title = Minhas próximas sessões
staff-dashboard-webinars = Webinars que eu apresento
staff-dashboard-no-webinars = Você não tem webinars agendados.
staff-dashboard-appointments = Meus atendimentos do plantão
staff-dashboard-no-appointments = Você não tem atendimentos agendados.
staff-link-registrants = Inscritos
staff-link-edit = Editar
staff-link-appointments = Meus atendimentos
staff-seats-of = { $taken } de { $capacity } vagas ocupadas
staff-seats-registered =
    { $count ->
        [one] Uma inscrição
       *[other] { $count } inscrições
    }
