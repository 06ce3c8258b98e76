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

## Criar e editar um webinar

staff-webinar-new-title = Novo webinar
staff-webinar-edit-title = Editar “{ $title }”
staff-webinar-created =
    { $count ->
        [one] O webinar foi criado. As inscrições estão abertas.
       *[other] A série foi criada: { $count } sessões. As inscrições estão abertas. Abaixo está a primeira sessão.
    }
staff-webinar-saved = Suas alterações foram salvas. Os inscritos confirmados são avisados sobre qualquer mudança de horário ou de conteúdo.
staff-webinar-is-cancelled = Este webinar foi cancelado. Os inscritos foram avisados.
staff-field-kind = Formato
staff-field-kind-hint = Um webinar com especialista é um grupo pequeno, com vagas limitadas, em que os inscritos descrevem a sua situação com antecedência.
staff-field-title = Título
staff-field-description = Descrição
staff-field-topic = Tema (opcional)
staff-field-capacity = Vagas
staff-field-capacity-hint = Deixe em branco para um webinar sem limite de vagas. Obrigatório para um webinar com especialista.
staff-field-when = Data e horário
staff-field-date = Data
staff-field-time = Horário de início
staff-field-duration = Duração (minutos)
staff-field-timezone = Fuso horário
staff-field-join-url = Link da reunião (opcional)
staff-field-policy = Lista de espera e número mínimo
staff-field-waitlist-mode = Quando uma vaga for liberada
staff-waitlist-auto = Atribuí-la diretamente à primeira pessoa da lista de espera
staff-waitlist-offer = Reservá-la para a primeira pessoa da lista de espera, que a confirma por e-mail
staff-field-offer-hours = Horas para confirmar uma vaga reservada
staff-field-min-attendees = Número mínimo de participantes (opcional)
staff-field-decision-hours = Antecedência da decisão (horas antes do início)
staff-field-rollover = Em uma série, transferir quem ainda espera para a próxima sessão
staff-field-recording-url = Link da gravação (opcional)
staff-webinar-started = Esta sessão já começou; só é possível adicionar a gravação. Os participantes a recebem com o e-mail de agradecimento.
staff-field-repeat = Série
staff-field-repeat-how = Repetir
staff-repeat-once = Não se repete
staff-repeat-weekly = Toda semana
staff-repeat-biweekly = A cada duas semanas
staff-repeat-monthly = Todo mês
staff-field-count = Número de sessões
staff-webinar-create = Criar webinar
staff-webinar-save = Salvar alterações
staff-webinar-cancel-title = Cancelar este webinar
staff-webinar-cancel-warning = Todos os inscritos recebem o cancelamento por e-mail, e a sessão é removida da agenda deles. Não é possível desfazer esta ação.
staff-webinar-cancel-confirm = Sim, cancelar este webinar e avisar todos os inscritos.
staff-webinar-cancel-submit = Cancelar webinar
staff-error-kind = Escolha um formato.
staff-error-title = Digite um título (uma linha, até 200 caracteres).
staff-error-description = A descrição pode ter até 5.000 caracteres.
staff-error-topic = Digite o tema em uma linha (até 100 caracteres).
staff-error-start = Digite uma data e um horário de início no futuro (anos 2000 a 2100).
staff-error-start-gap = Este horário não existe no fuso escolhido, porque é o momento da mudança de horário. Escolha outro horário.
staff-error-duration = Digite uma duração entre 5 e 720 minutos.
staff-error-timezone = Escolha um fuso horário da lista.
staff-error-capacity = Digite um número de vagas entre 1 e 100.000 (obrigatório para um webinar com especialista).
staff-error-join_url = Digite um endereço web completo, começando com https://.
staff-error-repeat = Não é possível criar esta série: todas as sessões precisam estar entre os anos 2000 e 2100.
staff-error-count = Informe entre 2 e 104 sessões.
staff-error-waitlist_mode = Escolha o que acontece quando uma vaga for liberada.
staff-error-offer_hours = Informe entre 1 e 168 horas para confirmar uma vaga reservada.
staff-error-min_attendees = Informe um mínimo entre 1 e o número de vagas, ou deixe o campo vazio.
staff-error-decision_hours = Informe entre 1 e 336 horas antes do início.
staff-error-recording_url = Digite um endereço web completo, começando com https://.
staff-error-form = Alguns dados não puderam ser aceitos. Verifique o formulário.
staff-error-host-busy = Você tem um atendimento com cliente neste horário. Escolha outro horário.
staff-error-closed = Este webinar já começou ou foi cancelado, por isso não pode mais ser alterado.
staff-error-capacity-below = Já há mais pessoas confirmadas do que este número de vagas. Informe pelo menos o número de inscritos confirmados.
staff-error-confirm = Marque a caixa para confirmar o cancelamento.

## Inscritos e presença

staff-registrants-title = Inscritos em “{ $title }”
staff-registrants-summary = Confirmados: { $taken } · Lista de espera: { $waiting }
staff-registrants-empty = Ninguém se inscreveu ainda.
staff-registrants-more = Mais inscritos
staff-reg-confirmed = Confirmado
staff-reg-waitlisted = Lista de espera, posição { $position }
staff-reg-cancelled = Cancelado
staff-reg-offered = Vaga reservada até { $until }
staff-reg-situation = Situação
staff-reg-questions = Perguntas enviadas com antecedência
staff-reg-rating = Avaliação da sessão
staff-attendance-label = Presença
staff-attendance-attended = Participou
staff-attendance-no-show = Não participou
staff-attendance-unmarked = Presença ainda não registrada
staff-mark-attended = Participou
staff-mark-no-show = Não participou
staff-attendance-saved = Presença registrada.
staff-error-attendance = A presença só pode ser registrada para inscritos confirmados neste webinar.

## O feed de calendário (painel)
staff-feed-title = O seu feed de calendário
staff-feed-intro = Subscreva este endereço na sua aplicação de calendário para ver lá os seus webinars e horários da fila. Quem tiver o endereço pode lê-lo.
staff-feed-url = Endereço do feed
staff-feed-url-note = Copie-o agora: só é mostrado esta vez. Criar um novo endereço desativa este.
staff-feed-exists = Já tem um endereço de feed. Se chegou às mãos erradas, crie um novo: o antigo deixa de funcionar de imediato.
staff-feed-create = Criar endereço do feed
staff-feed-rotate = Criar um novo endereço do feed

## O seu próprio calendário (painel)
staff-busy-title = O seu outro calendário
staff-busy-intro = Indique o endereço secreto do seu calendário Google ou Outlook. Sempre que aí estiver ocupado, os clientes não o podem reservar e a fila não atribui o seu tempo. Voltamos a lê-lo a cada { $minutes } minutos.
staff-busy-saved = Guardado. Lemos o seu calendário de imediato; o resultado aparece abaixo.
staff-busy-from = Os períodos ocupados são lidos de
staff-busy-read-at = Última leitura:
staff-busy-never = Ainda não foi possível lê-lo.
staff-busy-problem-refused = A última leitura foi recusada: o endereço aponta para uma rede interna.
staff-busy-problem-http = A última leitura falhou: o servidor do calendário respondeu com o erro { $status }.
staff-busy-problem-too-large = A última leitura falhou: o calendário tem mais de 1 MB.
staff-busy-problem-not-calendar = A última leitura falhou: o endereço não devolve um calendário em formato iCal.
staff-busy-problem-unreachable = A última leitura falhou: o servidor do calendário não respondeu a tempo.
staff-busy-failed-keeps = Até voltar a funcionar, continuamos a usar os períodos ocupados da última leitura bem-sucedida.
staff-busy-failed-none = Até funcionar, nenhum dos seus períodos ocupados é tido em conta.
staff-busy-url = Endereço do calendário (iCal)
staff-busy-url-hint = Google Calendar: Definições → o seu calendário → «Endereço secreto no formato iCal». Outlook: Definições → Calendário → Calendários partilhados → Publicar um calendário → ligação ICS.
staff-busy-error-url = Introduza o endereço completo de um calendário num servidor público, começando por https://.
staff-busy-save = Guardar e ler agora
staff-busy-replace = Substituir o endereço
