# Textos dos e-mails (português do Brasil, tom corporativo, tratamento por
# "você"). Mesmas chaves e variáveis que en/mail.ftl.

## Partes comuns a todos os e-mails.

greeting = Olá, { $name },
greeting-neutral = Olá,
sign-off = Equipe um para muitos
label-when = Data e horário
label-join = Link de acesso
when-in-zone = { $when } ({ $zone })
manage-intro = Para cancelar ou consultar sua inscrição, acesse:
manage-link = Cancelar ou consultar sua inscrição

## Lembretes: quanto falta para o início (passado como $delay).

starts-in-minutes =
    { $count ->
        [one] daqui a { $count } minuto
       *[other] daqui a { $count } minutos
    }
starts-in-hours =
    { $count ->
        [one] daqui a { $count } hora
       *[other] daqui a { $count } horas
    }
starts-in-days =
    { $count ->
        [one] daqui a { $count } dia
       *[other] daqui a { $count } dias
    }

## Uma mensagem por tipo de e-mail: assunto e frase de abertura após a saudação.

invite =
    .subject = Convite: { $title } · { $when }
    .body = Sua inscrição em “{ $title }” com { $host } está confirmada.
promoted =
    .subject = Uma vaga para você: { $title } · { $when }
    .body = Uma vaga foi liberada e agora é sua: sua inscrição em “{ $title }” com { $host } está confirmada.
updated =
    .subject = Atualização: { $title } · { $when }
    .body = Houve alterações em “{ $title }”. Esta mensagem atualiza o convite na sua agenda.
cancelled =
    .subject = Cancelamento: { $title }
    .body = Sua inscrição em “{ $title }” foi cancelada. Esta mensagem remove o evento da sua agenda.
webinar-cancelled =
    .subject = Evento cancelado pelo organizador: { $title }
    .body = { $host } precisou cancelar “{ $title }”. Lamentamos o transtorno. Esta mensagem remove o evento da sua agenda.
waitlisted =
    .subject = Lista de espera: { $title } (posição { $position })
    .body = As vagas para “{ $title }” estão esgotadas, por isso você está na lista de espera, na posição { $position }. Quando uma vaga for liberada, ela será atribuída automaticamente à primeira pessoa da lista, que receberá o convite por e-mail.
    .body-offer = As vagas para “{ $title }” estão esgotadas, por isso você está na lista de espera, na posição { $position }. Quando uma vaga for liberada, nós a reservaremos para a primeira pessoa da lista, que receberá um e-mail com um link para confirmá-la.
left-waitlist =
    .subject = Você saiu da lista de espera: { $title }
    .body = Você não está mais na lista de espera de “{ $title }”.
reminder =
    .subject = Lembrete: { $title } começa { $delay }
    .body = Lembramos que “{ $title }” com { $host } começa { $delay }.

## A fila de CSMs.

queued =
    .subject = Você está na fila para uma reunião com um CSM (posição { $position })
    .body = Obrigado! Sua solicitação de reunião de uma hora com um de nossos CSMs sobre “{ $topic }” está na fila, na posição { $position }. As solicitações são atendidas por ordem de chegada; assim que houver um horário disponível para você, o convite será enviado por e-mail.
appointment =
    .subject = Sua reunião com { $host } · { $when }
    .body = Sua reunião de uma hora com { $host } está agendada. Vamos conversar sobre “{ $topic }”.
appointment-host =
    .subject = Reunião com cliente: { $topic } · { $when }
    .body = Uma reunião de uma hora com um cliente foi agendada para você: { $customer } gostaria de conversar sobre “{ $topic }”. Contexto: { $situation }
appointment-cancelled =
    .subject = Cancelamento: { $title }
    .body = A reunião “{ $title }” foi cancelada. Esta mensagem remove a reunião da sua agenda.
appointment-cancelled-host =
    .subject = Cancelamento: { $title }
    .body = A reunião “{ $title }” foi cancelada. Esta mensagem remove a reunião da sua agenda.
queue-confirm =
    .subject = Confirme sua solicitação de reunião com um CSM
    .title = Confirme sua solicitação
    .body = Alguém — esperamos que tenha sido você — usou este endereço para solicitar uma reunião de uma hora com um de nossos CSMs. A solicitação só entra na fila depois que você a confirmar.
    .confirm-intro = Para isso, acesse o link abaixo e confirme a solicitação na página que será aberta:
    .confirm-link = Abrir a solicitação para confirmá-la
    .not-you = Se não foi você, ignore esta mensagem: nada foi agendado, e a solicitação só vale até { $when } ({ $zone }).

## Elementos do layout e do evento na agenda.

labelled = { $label }: { $value }
time-span = { $date }, das { $start } às { $end }
date-span = { $start } – { $end }
appointment-title = Uma hora com { $host } – { $topic }
appointment-title-host = Reunião com o cliente { $customer } – { $topic }
customer-with-company = { $customer } ({ $company })
label-customer = Cliente
label-topic = Tema
label-manage = Gerenciar sua inscrição

## Vagas reservadas e a chance de conseguir uma vaga.

seat-offered =
    .subject = Uma vaga está reservada para você: { $title } · { $when }
    .body = Uma vaga foi liberada em “{ $title }” com { $host }, e nós a reservamos para você até { $until }. Para ficar com ela, abra o link abaixo e confirme com um clique. Se não for confirmada até lá, a vaga passa para a próxima pessoa da lista de espera.
    .manage-intro = Para ficar com a vaga ou liberá-la, acesse:
    .manage-link = Ficar com a vaga
offer-expired =
    .subject = Sua vaga reservada passou para outra pessoa: { $title }
    .body = A vaga que reservamos para você em “{ $title }” não foi confirmada a tempo e passou para a próxima pessoa da lista de espera. Você não está mais na lista de espera; se novas vagas forem liberadas, fique à vontade para se inscrever novamente.
chance-line = Com base nas sessões anteriores, sua chance de conseguir uma vaga antes do início é de { $chance }.
chance-one-in = cerca de 1 em { $n }
chance-in-ten = cerca de { $n } em 10
chance-very-likely = quase 100%
chance-unlikely = menos de 1 em 20

## Número mínimo de participantes.

too-few-cancelled =
    .subject = Não será realizada: { $title }
    .body = “{ $title }” com { $host } não atingiu o número mínimo de inscrições e, por isso, não será realizada. Pedimos desculpas. Esta mensagem remove o evento da sua agenda.
    .next = A próxima sessão desta série, { $when }
minimum-warning =
    .subject = Poucas inscrições até agora: { $title } · { $when }
    .body = “{ $title }” ainda não atingiu o número mínimo de inscrições (confirmadas: { $count }; mínimo: { $minimum }). Se o mínimo ainda não for atingido daqui a um dia, a sessão será cancelada automaticamente e todos os inscritos serão avisados.
minimum-cancelled-host =
    .subject = Sessão cancelada por falta de inscrições: { $title }
    .body = “{ $title }” não atingiu o número mínimo de inscrições (confirmadas: { $count }; mínimo: { $minimum }) e por isso foi cancelada automaticamente. Os inscritos foram avisados, com um link para a próxima sessão da série, se houver.

## Listas de espera que passam para a próxima sessão de uma série.

rolled-over =
    .subject = Uma vaga na próxima sessão: { $title } · { $when }
    .body = Sua inscrição em uma sessão anterior de “{ $title }” com { $host } passou para a próxima, e sua vaga nela está garantida. Se a nova data não for conveniente para você, cancele pelo link abaixo.
rolled-over-waitlisted =
    .subject = Lista de espera da próxima sessão: { $title } (posição { $position })
    .body = Seu lugar na lista de espera de uma sessão anterior de “{ $title }” com { $host } passou para a próxima, à frente das novas inscrições: você está na posição { $position }. Se preferir não esperar, saia da lista pelo link abaixo.

## Depois da sessão.

follow-up-thanks =
    .subject = Obrigado pela participação: { $title }
    .body = Obrigado por participar de “{ $title }” com { $host }. O que você achou? Clique em uma nota abaixo para abrir uma página em que você poderá enviá-la, com um comentário, se quiser.
    .rate-intro = Sua nota, de 1 (fraca) a 5 (excelente):
follow-up-missed =
    .subject = Sentimos sua falta: { $title }
    .body = Sentimos muito que você não tenha conseguido participar de “{ $title }” com { $host }. Esperamos contar com a sua presença em uma próxima oportunidade.
follow-up-recording = Assistir à gravação
rating-1 = 1 – fraca
rating-2 = 2 – regular
rating-3 = 3 – boa
rating-4 = 4 – muito boa
rating-5 = 5 – excelente
