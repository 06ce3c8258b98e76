# Textos das páginas web (português do Brasil, tratamento por "você").
# Mesmas chaves e variáveis que en/pages.ftl; toda chave começa com "page-".

## Moldura

page-lang-name = Português
page-site-name = Webinars e horários de atendimento
page-skip-to-content = Ir para o conteúdo
page-language-switch = Idioma
page-back-to-catalog = Todos os próximos webinars

## Catálogo

page-catalog-title = Próximos webinars
page-catalog-intro = Aprenda com nosso time de Customer Success: webinars temáticos abertos a todos e webinars com especialistas em pequenos grupos, nos quais você pode discutir a sua própria situação.
page-filter-kind = Formato
page-filter-kind-all = Todos os formatos
page-kind-regular = Webinar
page-kind-expert = Webinar com especialista
page-filter-topic = Tema
page-filter-submit = Mostrar
page-catalog-empty = Nenhum webinar futuro corresponde à sua seleção.
page-catalog-more = Webinars seguintes
page-zone-visitor = Horários exibidos no seu fuso horário ({ $zone }).
page-zone-session = Horários exibidos no fuso horário de cada sessão.
page-time-range = { $start }–{ $end } ({ $zone })
page-hosted-by = Com { $host }
page-seats-open = Aberto a todos
page-seats-full = Esgotado – lista de espera aberta
page-seats-left =
    { $count ->
        [one] Resta uma vaga
       *[other] Restam { $count } vagas
    }

## Um webinar e o formulário de inscrição

page-webinar-when = Data
page-webinar-host = Apresentação
page-webinar-seats = Vagas
page-register-title = Inscrever-se
page-register-waitlist-note = Este webinar está esgotado. Inscreva-se para entrar na lista de espera: assim que uma vaga for liberada, ela vai para a próxima pessoa da lista, e avisaremos você por e-mail.
page-register-closed = As inscrições estão encerradas: esta sessão já começou ou foi cancelada.
page-field-name = Nome
page-field-email = Endereço de e-mail
page-field-email-hint = Enviaremos o convite para a sua agenda neste endereço.
page-field-company = Empresa
page-field-optional = opcional
page-field-situation = Sua situação
page-field-situation-hint = Conte brevemente em que ponto você está e o que deseja alcançar, para que o especialista possa se preparar.
page-field-questions = Suas perguntas
page-field-questions-hint = Perguntas que você gostaria que respondêssemos na sessão.
page-field-consent = Sim, quero receber por e-mail novidades sobre webinars e produtos. Posso retirar este consentimento a qualquer momento.
page-register-submit = Inscrever-se
page-register-submit-waitlist = Entrar na lista de espera
page-form-has-errors = Verifique os campos indicados abaixo.
page-error-name = Informe seu nome (uma linha, até 200 caracteres).
page-error-email = Informe um endereço de e-mail válido, por exemplo nome@empresa.com.br.
page-error-company = Informe sua empresa em uma linha (até 200 caracteres).
page-error-situation = Descreva sua situação (até 4.000 caracteres): o especialista a usa para preparar a sessão.
page-error-questions = Limite suas perguntas a 1.000 caracteres.
page-error-form = Algumas informações não puderam ser processadas. Recarregue a página e tente novamente.
page-already-registered = Este endereço de e-mail já está inscrito neste webinar. Enviamos a confirmação para ele novamente.
page-already-registered-recent = Este endereço de e-mail já está inscrito neste webinar. Reenviamos a confirmação há poucos minutos; verifique também sua pasta de spam.

## Confirmação

page-confirmed-title = Inscrição confirmada
page-confirmed-text = Enviamos o convite para a sua agenda para { $email }.
page-waitlisted-title = Você está na lista de espera
page-waitlisted-text = Você ocupa a posição { $position } na lista de espera. Assim que uma vaga for liberada, enviaremos seu convite para { $email }.
page-calendar-title = Adicionar à sua agenda
page-calendar-ics = Baixar arquivo de agenda (.ics)
page-calendar-google = Google Agenda
page-calendar-outlook = Outlook.com
page-manage-hint = Você pode cancelar a qualquer momento pelo link do seu e-mail ou aqui:
page-manage-link = Gerenciar sua inscrição

## Página de gerenciamento (link do e-mail)

page-manage-title = Sua inscrição
page-manage-webinar = Webinar
page-manage-name = Nome
page-manage-email = Endereço de e-mail
page-manage-status = Situação
page-status-confirmed = Confirmada
page-status-waitlisted = Na lista de espera (posição { $position })
page-status-cancelled = Cancelada
page-cancel-explain = Se você não puder mais participar, cancele sua inscrição para que alguém da lista de espera possa ficar com a vaga.
page-cancel-button = Cancelar minha inscrição
page-cancelled-notice = Sua inscrição foi cancelada.
page-manage-closed = Esta sessão já terminou; a inscrição não pode mais ser alterada.
page-status-offered = Uma vaga está reservada para você até { $until }
page-seat-chance-label = Chance de conseguir uma vaga
page-seat-chance = { $chance }, com base nas sessões anteriores
page-claim-explain = Uma vaga foi liberada e está reservada para você. Fique com ela usando este botão; caso contrário, ela passará para a próxima pessoa da lista de espera quando o prazo terminar.
page-claim-button = Ficar com a vaga
page-claimed-notice = A vaga é sua. O convite já está a caminho da sua caixa de entrada.
page-claim-missed = Esta vaga não está mais reservada para você: o prazo terminou ou ela já passou para outra pessoa.

## Plantão de atendimento e fila

page-oh-title = Plantão de atendimento
page-oh-intro = Agende uma hora com alguém do nosso time de Customer Success para tratar da sua situação. Os pedidos são atendidos por ordem de chegada.
page-oh-slots-title = Horários livres
page-oh-zone = Os horários são exibidos no fuso horário { $zone }.
page-oh-slots-empty = Não há horários livres nas próximas duas semanas. Mesmo assim, você pode entrar na fila: o próximo horário que ficar livre será seu.
page-oh-form-title = Pedir um horário
page-oh-form-intro = Vamos oferecer a você o próximo horário livre, de preferência dentro do período que você indicar.
page-oh-email-hint = Enviaremos a confirmação e o seu horário para este endereço.
page-field-topic = Assunto
page-field-topic-hint = Em poucas palavras, por exemplo "Relatórios" ou "Configurar perfis de usuário".
page-oh-situation-hint = Conte brevemente em que ponto você está e o que gostaria de alcançar, para que possamos nos preparar para a conversa.
page-oh-preferred = Horário de preferência
page-oh-preferred-hint = Se um dia e um horário específicos forem melhores para você, informe-nos: procuraremos primeiro um horário dentro desse período. Horários no seu fuso horário.
page-oh-day = Dia
page-oh-day-any = Qualquer dia
page-oh-from = Das
page-oh-to = Até
page-day-mon = Segunda-feira
page-day-tue = Terça-feira
page-day-wed = Quarta-feira
page-day-thu = Quinta-feira
page-day-fri = Sexta-feira
page-day-sat = Sábado
page-day-sun = Domingo
page-oh-submit = Entrar na fila
page-error-topic = Informe um assunto (uma linha, até 200 caracteres).
page-error-queue-situation = Descreva sua situação (até 4.000 caracteres) para que possamos nos preparar para a conversa.
page-error-preferred = Escolha um dia com horário de início e de término, sendo o término depois do início.
page-queue-already = Já existe um pedido em aberto para este e-mail. Use o link do e-mail que enviamos para consultá-lo ou alterá-lo.
page-queue-quota = Sua empresa já teve um horário com o nosso time recentemente. Faça um novo pedido mais tarde.
page-queue-not-eligible = Sua empresa conta com um Customer Success Manager dedicado: entre em contato diretamente com essa pessoa.

## Depois do pedido, link de confirmação e página de gerenciamento

page-queue-check-mail-title = Confirme seu pedido
page-queue-check-mail-text = Enviamos um e-mail para { $email }. Abra o link dele em até 24 horas para confirmar seu pedido: só então ele entra na fila.
page-queue-waiting-title = Você está na fila
page-queue-waiting-text = Assim que um horário ficar livre, enviaremos o convite por e-mail.
page-queue-scheduled-title = Seu horário está agendado
page-queue-scheduled-text = Enviamos o convite da agenda para você por e-mail.
page-queue-topic = Assunto
page-queue-status = Situação
page-queue-when = Quando
page-queue-host = Com
page-queue-status-unconfirmed = Aguardando sua confirmação
page-queue-status-waiting = Na fila (posição { $position })
page-queue-status-scheduled = Horário agendado
page-queue-status-done = Concluído
page-queue-status-cancelled = Cancelado
page-queue-status-expired = Expirado: não foi confirmado a tempo
page-queue-manage-hint = Você pode cancelar ou pedir outro horário pelo link do seu e-mail ou aqui:
page-queue-manage-link = Gerenciar seu pedido
page-queue-confirm-title = Confirme seu pedido
page-queue-confirm-text = Confirme seu pedido de uma hora com o nosso time de Customer Success. Sua posição na fila conta a partir do momento em que você fez o pedido.
page-queue-confirm-button = Confirmar meu pedido
page-queue-confirmed-title = Seu pedido está confirmado
page-queue-confirmed-notice = Obrigado! Seu pedido está confirmado.
page-queue-confirm-closed = Este pedido não pode mais ser confirmado: ele foi cancelado ou não foi confirmado em até 24 horas. Fique à vontade para fazer um novo pedido.
page-queue-ask-again = Pedir um horário
page-queue-manage-title = Seu pedido de horário
page-queue-reschedule-explain = Este horário não é bom para você? Procuraremos o próximo horário livre depois dele; se não houver, você mantém sua posição na fila.
page-queue-reschedule-button = Procurar outro horário
page-queue-rescheduled-notice = Procuramos outro horário para você: a situação atual aparece abaixo.
page-queue-not-scheduled = Este pedido não tem nenhum horário agendado para remarcar.
page-queue-cancel-explain = Se você não precisar mais do horário, cancele seu pedido para que outra pessoa possa usá-lo.
page-queue-cancel-button = Cancelar meu pedido
page-queue-cancelled-notice = Seu pedido foi cancelado.

## Erros

page-error-not-found-title = Página não encontrada
page-error-not-found-text = Esta página não existe (mais). Talvez o webinar tenha sido removido.
page-error-link-title = Este link não é válido
page-error-link-text = O link pode estar incompleto ou ter expirado. Use o link do seu e-mail mais recente.
page-error-closed-title = Inscrições encerradas
page-error-closed-text = Esta sessão já começou ou foi cancelada.
page-error-busy-title = Muitas solicitações
page-error-busy-text = Aguarde um momento e tente novamente.
page-error-unavailable-title = Temporariamente indisponível
page-error-unavailable-text = O serviço está sobrecarregado no momento. Tente novamente em alguns minutos.
page-error-internal-title = Algo deu errado
page-error-internal-text = Ocorreu um erro inesperado. Nós o registramos; tente novamente mais tarde.
page-error-bad-request-title = Não foi possível processar a solicitação
page-error-bad-request-text = Volte e tente novamente.

# Between the items of a list written on one line (the free hours of a day).
page-list-separator = {", "}

## Rating a session after it (the link in the follow-up mail).

page-rate-title = Avaliar a sessão
page-rate-legend = Sua nota
page-rate-comment = Comentário (opcional)
page-rate-button = Enviar minha avaliação
page-rate-thanks = Obrigado: sua avaliação foi enviada à equipe.
page-rate-already = Obrigado: já recebemos sua avaliação desta sessão.
page-rate-not-rateable = Somente os participantes podem avaliar esta sessão, e apenas depois que ela terminar.
page-rate-error-score = Escolha uma nota de 1 a 5.
page-rate-error-comment = O comentário pode ter no máximo 2.000 caracteres.
