# Textos das páginas de administração (/admin…). Toda chave começa com "admin-".

## Navegação

admin-nav-users = Equipe
admin-nav-accounts = Contas de clientes
admin-nav-outbox = Caixa de saída

## Visão geral

admin-overview-title = Administração
admin-overview-intro = O que precisa da sua atenção e onde gerenciar a equipe, as contas de clientes e as mensagens enviadas.
admin-overview-users = Pessoas da equipe
admin-overview-users-value =
    { $count ->
        [one] { $count } de { $all } ativa
       *[other] { $count } de { $all } ativas
    }
admin-overview-users-link = Gerenciar a equipe
admin-overview-accounts = Contas de clientes
admin-overview-accounts-value =
    { $count ->
        [one] Uma conta
       *[other] { $count } contas
    }
admin-overview-accounts-link = Gerenciar contas e segmentos
admin-overview-failed = Mensagens com falha
admin-overview-failed-value =
    { $count ->
        [0] Nenhuma mensagem com falha
        [one] Uma mensagem não pôde ser entregue
       *[other] { $count } mensagens não puderam ser entregues
    }
admin-overview-failed-link = Revisar mensagens com falha
admin-overview-pending = Aguardando envio
admin-overview-pending-value =
    { $count ->
        [0] Nada aguardando
        [one] Uma mensagem
       *[other] { $count } mensagens
    }
admin-overview-pending-link = Ver mensagens pendentes

## Comum

admin-more = Mostrar mais
admin-added-on = Incluído em { $when }

## Equipe

admin-users-title = Pessoas da equipe
admin-users-add = Incluir uma pessoa na equipe
admin-users-add-hint = Entregue a senha pessoalmente ou por um canal seguro; a pessoa pode alterá-la depois de entrar.
admin-users-add-submit = Incluir
admin-role-admin = Administração
admin-role-csm = Customer Success Manager
admin-role-marketing = Marketing
admin-user-active = Ativa
admin-user-inactive = Desativada
admin-user-added = { $name } foi incluída e já pode entrar.
admin-user-changed = A alteração foi salva. A pessoa foi desconectada de todos os dispositivos.
admin-user-is-me = Esta é a sua própria conta: só outra pessoa da administração pode alterar a sua função.
admin-user-change-role = Alterar função
admin-user-deactivate = Desativar
admin-user-reactivate = Reativar
admin-field-name = Nome completo
admin-field-email = Endereço de e-mail
admin-field-role = Função
admin-field-locale = Idioma
admin-field-timezone = Fuso horário
admin-field-password = Senha inicial
admin-field-password-hint = Pelo menos 10 caracteres.
admin-error-user-name = Informe o nome da pessoa (no máximo 200 caracteres).
admin-error-user-email = Informe um endereço de e-mail válido.
admin-error-user-role = Escolha uma das funções.
admin-error-user-timezone = Escolha um fuso horário da lista.
admin-error-user-locale = Escolha um dos idiomas.
admin-error-user-password = A senha precisa ter pelo menos 10 caracteres.
admin-error-email-taken = Já existe uma pessoa da equipe com este endereço de e-mail.
admin-error-nothing = Nada foi alterado: escolha uma função ou use o botão de desativar.
admin-error-self = Você não pode alterar a sua própria função nem se desativar. Peça a outra pessoa da administração.

## Contas de clientes

admin-accounts-title = Contas de clientes
admin-accounts-intro = O segmento de uma empresa define quanto tempo da equipe ela recebe. Cada pessoa é associada à sua empresa pelo domínio do seu e-mail.
admin-accounts-empty = Ainda não há contas.
admin-accounts-add = Incluir uma conta
admin-accounts-add-submit = Incluir conta
admin-account-added = A conta { $name } foi incluída.
admin-account-changed = O segmento foi alterado.
admin-account-no-domains = Nenhum domínio de e-mail
admin-account-change-segment = Alterar segmento
admin-segment-high-touch = High touch
admin-segment-low-touch = Low touch
admin-segment-tech-touch = Tech touch
admin-field-company = Nome da empresa
admin-field-domains = Domínios de e-mail
admin-field-domains-hint = Por exemplo acme.com.br, um por linha ou separados por vírgulas; no máximo 50.
admin-field-segment = Segmento
admin-field-segment-hint = High touch: um CSM dedicado. Low touch: a equipe one-to-many. Tech touch: autoatendimento e webinars.
admin-error-account-name = Informe o nome da empresa (no máximo 200 caracteres).
admin-error-account-domains = Informe domínios como acme.com.br, cada um uma só vez, no máximo 50.
admin-error-account-segment = Escolha um dos segmentos.
admin-error-domain-taken = Um destes domínios já pertence a outra conta.

## Caixa de saída

admin-outbox-title = Caixa de saída
admin-outbox-intro = Todos os e-mails e webhooks enviados pelo serviço, os mais recentes primeiro. Uma mensagem que falhou depois de todas as tentativas pode ser enviada de novo.
admin-outbox-count-pending =
    { $count ->
        [one] { $count } pendente
       *[other] { $count } pendentes
    }
admin-outbox-count-failed =
    { $count ->
        [one] { $count } com falha
       *[other] { $count } com falha
    }
admin-outbox-count-sent =
    { $count ->
        [one] { $count } enviada
       *[other] { $count } enviadas
    }
admin-outbox-count-cancelled =
    { $count ->
        [one] { $count } cancelada
       *[other] { $count } canceladas
    }
admin-outbox-retried =
    { $count ->
        [0] Não havia mensagens com falha para reenviar.
        [one] Uma mensagem será reenviada em instantes.
       *[other] { $count } mensagens serão reenviadas em instantes.
    }
admin-outbox-all = Todas as mensagens
admin-outbox-filter = Filtro
admin-outbox-show = Mostrar
admin-outbox-retry-all = Reenviar todas as mensagens com falha
admin-outbox-empty = Nenhuma mensagem corresponde a este filtro.
admin-outbox-caption = Mensagens, as mais recentes primeiro
admin-outbox-older = Mensagens anteriores
admin-field-status = Situação
admin-status-pending = Pendente
admin-status-sent = Enviada
admin-status-failed = Com falha
admin-status-cancelled = Cancelada
admin-channel-email = E-mail
admin-channel-webhook = Webhook
admin-col-created = Criada em
admin-col-topic = Tipo
admin-col-recipient = Destinatário
admin-col-status = Situação
admin-col-attempts = Tentativas
admin-col-error = Último erro
admin-col-attempted = Tentativa em
admin-col-result = Resultado
admin-col-worker = Instância
admin-error-status = Esta situação não existe; todas as mensagens são mostradas.
admin-error-not-failed = Só uma mensagem com falha pode ser reenviada; esta não falhou.

## Uma mensagem

admin-message-title = Detalhes da mensagem
admin-message-back = Voltar à caixa de saída
admin-message-next-attempt = Próxima tentativa
admin-message-sent-at = Enviada em
admin-message-retried = A mensagem será reenviada em instantes.
admin-message-webinar = Webinar
admin-message-webinar-link = Abrir os inscritos do webinar
admin-message-retry = Reenviar
admin-attempt-succeeded = Entregue
admin-attempt-failed = Falhou
admin-attempts-title = Tentativas de entrega
admin-attempts-empty = Ainda nenhuma tentativa de entrega.
admin-attempts-caption = Todas as tentativas, as mais antigas primeiro
