# As páginas de marketing: relatórios (/marketing), participantes e exportação.

## Navegação
marketing-nav-reports = Relatórios
marketing-nav-attendees = Participantes

## Relatórios
marketing-title = Inscrições e participação
marketing-intro = Por tema e semana (de segunda a domingo), contadas na semana em que cada sessão começou.
marketing-range-legend = Período
marketing-field-from = De
marketing-field-to = Até
marketing-show = Mostrar
marketing-no-data = Nenhum webinar começou neste período.
marketing-legend = Temas
marketing-week = Semana a partir de
marketing-total = Total
marketing-no-topic = Sem tema
marketing-chart-registrations = Inscrições por semana
marketing-chart-registrations-desc = Gráfico de linhas das inscrições por tema e semana de { $from } a { $to }. A tabela abaixo traz os mesmos números.
marketing-table-registrations = Inscrições por semana (números do gráfico)
marketing-chart-attendance = Taxa de participação por semana
marketing-chart-attendance-desc = Gráfico de linhas da parcela de inscritos confirmados que participaram, por tema e semana de { $from } a { $to }. Semanas sem inscrições confirmadas não têm ponto. A tabela abaixo traz os mesmos números.
marketing-table-attendance = Taxa de participação por semana (números do gráfico)
marketing-rate-of = { $rate } ({ $attended } de { $confirmed })
marketing-rate-none-note = –: nenhuma inscrição confirmada naquela semana.
marketing-error-date = Informe uma data no formato 2027-03-09.
marketing-error-order = A data final não pode ser anterior à data inicial.
marketing-error-too-long = Escolha um período de no máximo 104 semanas.

## Participantes
marketing-attendees-title = Participantes
marketing-attendees-caption = Inscrições que correspondem aos filtros
marketing-filters = Filtros
marketing-field-kind = Tipo de webinar
marketing-field-topic = Tema
marketing-field-status = Situação da inscrição
marketing-field-attended = Participação
marketing-field-consent = Consentimento de marketing
marketing-any = Todos
marketing-status-confirmed = Confirmada
marketing-status-waitlisted = Na lista de espera
marketing-status-cancelled = Cancelada
marketing-consent-only = Somente quem aceitou receber marketing
marketing-consent-all = Todas as pessoas
marketing-consent-yes = Aceito
marketing-consent-no = Não aceito
marketing-apply = Aplicar filtros
marketing-download-csv = Baixar CSV
marketing-attendees-empty = Nenhuma inscrição corresponde a estes filtros.
marketing-attendees-more = Próxima página
marketing-col-name = Nome
marketing-col-email = E-mail
marketing-col-company = Empresa
marketing-col-webinar = Webinar
marketing-col-when = Quando
marketing-col-status = Situação
marketing-col-attended = Participação
marketing-col-consent = Consentimento de marketing
marketing-error-choice = Escolha uma das opções.
marketing-error-topic = Um tema tem no máximo 100 caracteres.
marketing-error-filters = Não é possível aplicar estes filtros. Verifique-os.

## O que os clientes perguntam
marketing-topics-title = O que os clientes perguntam
marketing-topics-intro = Por tema: inscrições e presença nos webinars que começaram no período, pedidos na fila feitos nele e perguntas enviadas com antecedência.
marketing-topics-chart = Inscrições e pedidos na fila por tema
marketing-topics-chart-desc = Gráfico de barras das inscrições em webinars e dos pedidos na fila por tema de { $from } a { $to }. A tabela abaixo apresenta os mesmos números.
marketing-topics-chart-desc-top = Gráfico de barras das inscrições em webinars e dos pedidos na fila dos { $count } temas mais procurados de { $from } a { $to }. A tabela abaixo apresenta os números de todos os temas.
marketing-topics-caption = Números por tema
marketing-topics-col-topic = Tema
marketing-topics-col-registrations = Inscrições
marketing-topics-col-rate = Taxa de presença
marketing-topics-col-queue = Pedidos na fila
marketing-topics-col-questions = Perguntas antecipadas
marketing-topics-col-recent = Perguntas recentes
marketing-topics-note = As perguntas recentes só são citadas de pessoas que aceitaram receber marketing. –: nenhuma inscrição confirmada, ou nenhuma pergunta para citar.

## Avaliações do e-mail de acompanhamento
marketing-ratings-title = Como os participantes avaliaram as sessões
marketing-ratings-intro = Webinars do período que os participantes avaliaram a partir do e-mail de agradecimento, numa escala de 1 (fraco) a 5 (excelente).
marketing-ratings-caption = Avaliações por webinar
marketing-ratings-col-webinar = Webinar
marketing-ratings-col-date = Data
marketing-ratings-col-count = Avaliações
marketing-ratings-col-average = Média (1–5)
