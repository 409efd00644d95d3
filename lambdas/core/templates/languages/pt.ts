import type { Strings } from '../strings';

/** Portuguese. */
export const pt: Strings = {
  locale: 'pt',
  greeting: 'Olá,',
  signOff: 'Atenciosamente,',
  team: ({ firm }) => `Equipe de suporte ${firm}`,
  noSubject: 'Sua solicitação de suporte',
  receivedSubject: 'Recebemos a sua mensagem',
  trackingNumber: ({ tracking }) => `Seu número de acompanhamento é ${tracking}.`,

  ackIntro: 'Obrigado por entrar em contato. Recebemos sua mensagem e abrimos um caso para ela.',
  processHeading: 'Próximos passos',
  processSteps: [
    'Um membro da nossa equipe de suporte lê sua mensagem.',
    'Se precisarmos de mais informações, responderemos a este e-mail e aguardaremos sua resposta.',
    'Analisamos sua solicitação e mantemos você informado enquanto o caso estiver aberto.',
    'Informamos o resultado e explicamos o motivo.',
  ],
  responseTimeHeading: 'Quando esperar uma resposta',
  expectedResponse: ({ when }) => `Prevemos responder até ${when}.`,
  estimatedResolution: ({ when }) => `Prevemos resolver seu caso até ${when}.`,
  hours24x7: 'Nossa equipe de suporte trabalha 24 horas por dia, todos os dias do ano.',
  hoursWeekly: ({ days, hours, zone }) =>
    `Nossa equipe de suporte trabalha ${days}, ${hours} (horário de ${zone}). Mensagens recebidas fora desse horário são tratadas no próximo dia útil.`,
  surgeNote:
    'No momento estamos recebendo um número de mensagens excepcionalmente alto. O prazo acima já leva isso em conta.',

  noticesHeading: 'Avisos sobre o serviço',
  noticeMaintenance: 'Manutenção programada',
  noticeIncident: 'Incidente no serviço',
  noticeWindow: ({ from, to }) => `De ${from} até ${to}.`,
  noticeOpenEnded: ({ from }) => `Desde ${from}; ainda não sabemos quando terminará.`,
  noticeDelay: ({ delay }) => `Nossas respostas podem demorar até ${delay} a mais do que o normal.`,

  howToReplyHeading: 'Como responder',
  howToReply: ({ tracking, address }) =>
    `Basta responder a este e-mail (ele será enviado para ${address}) mantendo ${tracking} no assunto, para que sua mensagem seja adicionada ao seu caso.`,
  checkStatus: ({ tracking }) =>
    `Para saber a situação do seu caso, responda a este e-mail ou ligue para nós informando seu número de acompanhamento ${tracking}.`,
  contactHeading: 'Nossos canais de contato oficiais',
  labelPhone: 'Telefone: ',
  labelEmail: 'E-mail: ',
  labelFaq: 'Central de ajuda (perguntas frequentes): ',
  labelServiceStatus: 'Status do serviço: ',
  labelPostalAddress: 'Endereço postal: ',
  labelWebsite: 'Site: ',
  officialDomain: ({ domain }) =>
    `Só escrevemos para você a partir de endereços que terminam em @${domain}. Considere fraude qualquer outro remetente que diga ser nós.`,

  securityHeading: 'Proteja sua conta',
  securityWarning:
    'Nossa equipe nunca pedirá sua senha, suas chaves privadas, sua frase semente (de recuperação) ou seus códigos de autenticação de dois fatores (2FA). Não os compartilhe com ninguém, nem mesmo conosco.',

  automationHeading: 'Sobre esta mensagem',
  automationSent: 'Esta mensagem foi enviada automaticamente.',
  automationHuman: 'Seu caso será tratado por uma pessoa da nossa equipe, não por uma máquina.',
  automationReachPerson: ({ phone }) => `Para falar com uma pessoa, responda a este e-mail ou ligue para ${phone}.`,

  complaintsHeading: 'Reclamações',
  complaintsFirm: ({ firm }) => `Se não estiver satisfeito, você pode apresentar uma reclamação à empresa ${firm}:`,
  complaintsRegulator: ({ regulator }) =>
    `Você também pode apresentar uma reclamação à autoridade supervisora (${regulator}):`,

  replyReceivedIntro: ({ tracking }) => `Recebemos sua mensagem e a adicionamos ao seu caso ${tracking}.`,
  replyReceivedNoResend: 'Não é necessário enviá-la novamente. Responderemos assim que possível.',

  agentReplyFooter: ({ tracking }) => `Esta é uma resposta ao seu caso ${tracking}.`,

  statusIntro: ({ tracking }) => `Esta é uma atualização sobre o seu caso ${tracking}.`,
  statusHeading: 'Situação do seu caso',
  progressReceived: 'Seu caso está na nossa fila e será atendido pelo próximo membro disponível da equipe.',
  progressInvestigating: 'Estamos analisando sua solicitação.',
  progressEscalated: 'Seu caso foi encaminhado a um responsável da nossa equipe para revisão.',
  progressWaitingThirdParty:
    'Estamos aguardando informações de terceiros (por exemplo, um banco ou uma rede blockchain) para poder continuar.',
  resolutionDateChanged: ({ before, after }) =>
    `Alteramos a data estimada de resolução do seu caso de ${before} para ${after}.`,
  labelReason: 'Motivo: ',
  nextUpdate: ({ when }) => `Você receberá a próxima atualização até ${when}, ou antes, se houver novidades.`,

  resolutionIntro: ({ tracking }) => `Concluímos o tratamento do seu caso ${tracking}.`,
  outcomeFull: 'Resultado: sua solicitação foi atendida integralmente.',
  outcomePartial: 'Resultado: sua solicitação foi atendida em parte.',
  outcomeDenied: 'Resultado: não podemos atender à sua solicitação.',
  explanationHeading: 'Nossa explicação',
  reopenHeading: 'Se você discordar ou precisar de mais ajuda',
  reopen: ({ until }) => `Responda a este e-mail até ${until} e reabriremos seu caso.`,
  escalate:
    'Se não estiver satisfeito com o resultado, diga isso na sua resposta e um responsável da nossa equipe revisará seu caso.',
  ratingHeading: 'Como nos saímos?',
  ratingPrompt: 'Avalie com um clique como tratamos o seu caso, de 1 (muito ruim) a 5 (excelente):',

  autoCloseIntro: ({ tracking, since }) =>
    `Encerramos seu caso ${tracking} porque não recebemos notícias suas desde ${since}.`,
  autoCloseReopen: ({ until }) =>
    `Se ainda precisar de ajuda, responda a este e-mail até ${until} e o reabriremos. Depois dessa data, escreva para nós em uma nova mensagem.`,

  noticeMailIntro: ({ tracking }) =>
    `Estamos escrevendo sobre o seu caso aberto ${tracking} para informar sobre um evento que pode afetar nossos prazos de resposta.`,
  noticeMailClosing: 'Seu caso continua aberto e seguimos trabalhando nele. Não é necessário escrever novamente.',

  lateIntro: ({ tracking }) =>
    `Não conseguimos chegar a uma decisão sobre a sua reclamação ${tracking} no prazo previsto e queremos explicar o motivo.`,
  lateReasonHeading: 'Por que está demorando mais',
  lateExpected: ({ when }) => `Agora prevemos comunicar nossa decisão até ${when}.`,
  lateApology: 'Pedimos desculpas pelo atraso.',
};
