import type { Strings } from '../strings';

/** Spanish. */
export const es: Strings = {
  locale: 'es',
  greeting: 'Hola:',
  signOff: 'Atentamente,',
  team: ({ firm }) => `Equipo de soporte de ${firm}`,
  noSubject: 'Su solicitud de soporte',
  receivedSubject: 'Hemos recibido su mensaje',
  trackingNumber: ({ tracking }) => `Su número de seguimiento es ${tracking}.`,

  ackIntro: 'Gracias por escribirnos. Hemos recibido su mensaje y hemos abierto un caso.',
  processHeading: 'Próximos pasos',
  processSteps: [
    'Un miembro de nuestro equipo de soporte lee su mensaje.',
    'Si necesitamos más información, responderemos a este correo y esperaremos su respuesta.',
    'Estudiamos su solicitud y le mantenemos informado mientras su caso esté abierto.',
    'Le comunicamos el resultado y se lo explicamos.',
  ],
  responseTimeHeading: 'Cuándo recibirá una respuesta',
  expectedResponse: ({ when }) => `Prevemos responderle antes del ${when}.`,
  estimatedResolution: ({ when }) => `Prevemos resolver su caso antes del ${when}.`,
  hours24x7: 'Nuestro equipo de soporte trabaja las 24 horas, todos los días del año.',
  hoursWeekly: ({ days, hours, zone }) =>
    `Nuestro equipo de soporte trabaja ${days}, ${hours} (hora de ${zone}). Los mensajes que llegan fuera de este horario se atienden el siguiente día laborable.`,
  surgeNote:
    'En este momento estamos recibiendo un número de mensajes inusualmente alto. El plazo indicado ya lo tiene en cuenta.',

  noticesHeading: 'Avisos del servicio',
  noticeMaintenance: 'Mantenimiento programado',
  noticeIncident: 'Incidencia en el servicio',
  noticeWindow: ({ from, to }) => `Desde el ${from} hasta el ${to}.`,
  noticeOpenEnded: ({ from }) => `Desde el ${from}; todavía no sabemos cuándo terminará.`,
  noticeDelay: ({ delay }) => `Nuestras respuestas pueden tardar hasta ${delay} más de lo habitual.`,

  howToReplyHeading: 'Cómo responder',
  howToReply: ({ tracking, address }) =>
    `Basta con responder a este correo (llegará a ${address}) manteniendo ${tracking} en el asunto, para que su mensaje se añada a su caso.`,
  checkStatus: ({ tracking }) =>
    `Para conocer el estado de su caso, responda a este correo o llámenos indicando su número de seguimiento ${tracking}.`,
  contactHeading: 'Nuestros canales de contacto oficiales',
  labelPhone: 'Teléfono: ',
  labelEmail: 'Correo electrónico: ',
  labelFaq: 'Centro de ayuda (preguntas frecuentes): ',
  labelServiceStatus: 'Estado del servicio: ',
  labelPostalAddress: 'Dirección postal: ',
  labelWebsite: 'Sitio web: ',
  officialDomain: ({ domain }) =>
    `Solo le escribimos desde direcciones que terminan en @${domain}. Considere un fraude cualquier otro remitente que diga ser nosotros.`,

  securityHeading: 'Proteja su cuenta',
  securityWarning:
    'Nuestro personal nunca le pedirá su contraseña, sus claves privadas, su frase semilla (de recuperación) ni sus códigos de verificación en dos pasos (2FA). No los comparta con nadie, tampoco con nosotros.',

  automationHeading: 'Sobre este mensaje',
  automationSent: 'Este mensaje se ha enviado automáticamente.',
  automationHuman: 'Su caso lo gestionará una persona de nuestro equipo, no una máquina.',
  automationReachPerson: ({ phone }) => `Para hablar con una persona, responda a este correo o llámenos al ${phone}.`,

  complaintsHeading: 'Reclamaciones',
  complaintsFirm: ({ firm }) => `Si no está satisfecho, puede presentar una reclamación ante ${firm}:`,
  complaintsRegulator: ({ regulator }) =>
    `También puede presentar una reclamación ante la autoridad supervisora (${regulator}):`,

  replyReceivedIntro: ({ tracking }) => `Hemos recibido su mensaje y lo hemos añadido a su caso ${tracking}.`,
  replyReceivedNoResend: 'No es necesario que lo envíe de nuevo. Le responderemos lo antes posible.',

  agentReplyFooter: ({ tracking }) => `Esta es una respuesta a su caso ${tracking}.`,

  statusIntro: ({ tracking }) => `Le informamos sobre el estado de su caso ${tracking}.`,
  statusHeading: 'Situación de su caso',
  progressReceived: 'Su caso está en nuestra cola y lo atenderá el próximo miembro disponible de nuestro equipo.',
  progressInvestigating: 'Estamos estudiando su solicitud.',
  progressEscalated: 'Su caso se ha trasladado a un responsable de nuestro equipo para su revisión.',
  progressWaitingThirdParty:
    'Estamos esperando información de un tercero (por ejemplo, un banco o una red de blockchain) para poder continuar.',
  resolutionDateChanged: ({ before, after }) =>
    `Hemos cambiado la fecha estimada de resolución de su caso del ${before} al ${after}.`,
  labelReason: 'Motivo: ',
  nextUpdate: ({ when }) => `Recibirá la próxima actualización antes del ${when}, o antes si hay novedades.`,

  resolutionIntro: ({ tracking }) => `Hemos terminado de tramitar su caso ${tracking}.`,
  outcomeFull: 'Resultado: su solicitud se ha resuelto por completo.',
  outcomePartial: 'Resultado: su solicitud se ha resuelto en parte.',
  outcomeDenied: 'Resultado: no podemos atender su solicitud.',
  explanationHeading: 'Nuestra explicación',
  reopenHeading: 'Si no está de acuerdo o necesita más ayuda',
  reopen: ({ until }) => `Responda a este correo antes del ${until} y reabriremos su caso.`,
  escalate:
    'Si no está conforme con el resultado, indíquelo en su respuesta y un responsable de nuestro equipo revisará su caso.',
  ratingHeading: '¿Qué tal lo hemos hecho?',
  ratingPrompt: 'Valore con un clic cómo hemos gestionado su caso, de 1 (muy mal) a 5 (excelente):',

  autoCloseIntro: ({ tracking, since }) =>
    `Hemos cerrado su caso ${tracking} porque no hemos tenido noticias suyas desde el ${since}.`,
  autoCloseReopen: ({ until }) =>
    `Si todavía necesita ayuda, responda a este correo antes del ${until} y lo reabriremos. Después de esa fecha, escríbanos en un mensaje nuevo.`,

  noticeMailIntro: ({ tracking }) =>
    `Le escribimos en relación con su caso abierto ${tracking} para informarle de una situación que puede afectar a nuestros tiempos de respuesta.`,
  noticeMailClosing: 'Su caso sigue abierto y seguimos trabajando en él. No es necesario que vuelva a escribirnos.',

  lateIntro: ({ tracking }) =>
    `No hemos podido tomar una decisión sobre su reclamación ${tracking} en el plazo previsto y queremos explicarle el motivo.`,
  lateReasonHeading: 'Por qué está tardando más',
  lateExpected: ({ when }) => `Ahora prevemos comunicarle nuestra decisión antes del ${when}.`,
  lateApology: 'Le pedimos disculpas por el retraso.',
};
