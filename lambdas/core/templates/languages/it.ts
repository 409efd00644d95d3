import type { Strings } from '../strings';

/** Italian (formal "Lei"). */
export const it: Strings = {
  locale: 'it',
  greeting: 'Gentile cliente,',
  signOff: 'Cordiali saluti,',
  team: ({ firm }) => `Il servizio clienti di ${firm}`,
  noSubject: 'La Sua richiesta di assistenza',
  receivedSubject: 'Abbiamo ricevuto il suo messaggio',
  trackingNumber: ({ tracking }) => `Il Suo numero di pratica è ${tracking}.`,

  ackIntro: 'La ringraziamo per averci contattato. Abbiamo ricevuto il Suo messaggio e aperto una pratica.',
  processHeading: 'Cosa succede ora',
  processSteps: [
    'Un membro del nostro team di assistenza legge il Suo messaggio.',
    'Se ci servono altre informazioni, rispondiamo a questa email e attendiamo la Sua risposta.',
    'Esaminiamo la Sua richiesta e La teniamo aggiornata finché la pratica resta aperta.',
    'Le comunichiamo l’esito e Le spieghiamo le ragioni.',
  ],
  responseTimeHeading: 'Quando riceverà una risposta',
  expectedResponse: ({ when }) => `Prevediamo di risponderLe entro il ${when}.`,
  estimatedResolution: ({ when }) => `Prevediamo di risolvere la Sua pratica entro il ${when}.`,
  hours24x7: 'Il nostro team di assistenza è operativo 24 ore su 24, tutti i giorni dell’anno.',
  hoursWeekly: ({ days, hours, zone }) =>
    `Il nostro team di assistenza è operativo ${days}, ${hours} (ora di ${zone}). I messaggi che arrivano fuori da questi orari vengono gestiti il giorno lavorativo successivo.`,
  surgeNote:
    'In questo momento stiamo ricevendo un numero di messaggi insolitamente elevato. Il tempo indicato ne tiene già conto.',

  noticesHeading: 'Avvisi sul servizio',
  noticeMaintenance: 'Manutenzione programmata',
  noticeIncident: 'Disservizio',
  noticeWindow: ({ from, to }) => `Dal ${from} al ${to}.`,
  noticeOpenEnded: ({ from }) => `Dal ${from}; non sappiamo ancora quando terminerà.`,
  noticeDelay: ({ delay }) => `Le nostre risposte potrebbero richiedere fino a ${delay} in più del solito.`,

  howToReplyHeading: 'Come risponderci',
  howToReply: ({ tracking, address }) =>
    `Risponda semplicemente a questa email (arriverà a ${address}) lasciando ${tracking} nell’oggetto, così il Suo messaggio verrà aggiunto alla Sua pratica.`,
  checkStatus: ({ tracking }) =>
    `Per conoscere lo stato della Sua pratica, risponda a questa email oppure ci chiami indicando il numero di pratica ${tracking}.`,
  contactHeading: 'I nostri canali di contatto ufficiali',
  labelPhone: 'Telefono: ',
  labelEmail: 'Email: ',
  labelFaq: 'Centro assistenza (domande frequenti): ',
  labelServiceStatus: 'Stato del servizio: ',
  labelPostalAddress: 'Indirizzo postale: ',
  labelWebsite: 'Sito web: ',
  officialDomain: ({ domain }) =>
    `Le scriviamo solo da indirizzi che terminano con @${domain}. Consideri una truffa qualsiasi altro mittente che dica di essere noi.`,

  securityHeading: 'Protegga il Suo account',
  securityWarning:
    'Il nostro personale non Le chiederà mai la password, le chiavi private, la frase seed (di recupero) o i codici di autenticazione a due fattori (2FA). Non li comunichi a nessuno, nemmeno a noi.',

  automationHeading: 'Informazioni su questo messaggio',
  automationSent: 'Questo messaggio è stato inviato automaticamente.',
  automationHuman: 'La Sua pratica sarà gestita da una persona del nostro team, non da una macchina.',
  automationReachPerson: ({ phone }) =>
    `Per parlare con una persona, risponda a questa email o ci chiami al numero ${phone}.`,

  complaintsHeading: 'Reclami',
  complaintsFirm: ({ firm }) => `Se non è soddisfatto, può presentare un reclamo a ${firm}:`,
  complaintsRegulator: ({ regulator }) => `Può anche presentare un reclamo all’autorità di vigilanza (${regulator}):`,

  replyReceivedIntro: ({ tracking }) =>
    `Abbiamo ricevuto il Suo messaggio e lo abbiamo aggiunto alla Sua pratica ${tracking}.`,
  replyReceivedNoResend: 'Non è necessario inviarlo di nuovo. Le risponderemo il prima possibile.',

  agentReplyFooter: ({ tracking }) => `Questa è una risposta relativa alla Sua pratica ${tracking}.`,

  statusIntro: ({ tracking }) => `Ecco un aggiornamento sulla Sua pratica ${tracking}.`,
  statusHeading: 'A che punto è la Sua pratica',
  progressReceived: 'La Sua pratica è in coda e sarà presa in carico dal primo membro disponibile del nostro team.',
  progressInvestigating: 'Stiamo esaminando la Sua richiesta.',
  progressEscalated: 'La Sua pratica è stata affidata a un responsabile del nostro team per una verifica.',
  progressWaitingThirdParty:
    'Stiamo attendendo informazioni da terzi (ad esempio una banca o una rete blockchain) prima di poter proseguire.',
  resolutionDateChanged: ({ before, after }) =>
    `Abbiamo modificato la data prevista di risoluzione della Sua pratica dal ${before} al ${after}.`,
  labelReason: 'Motivo: ',
  nextUpdate: ({ when }) => `Riceverà il prossimo aggiornamento entro il ${when}, o prima se ci saranno novità.`,

  resolutionIntro: ({ tracking }) => `Abbiamo concluso la gestione della Sua pratica ${tracking}.`,
  outcomeFull: 'Esito: la Sua richiesta è stata accolta integralmente.',
  outcomePartial: 'Esito: la Sua richiesta è stata accolta in parte.',
  outcomeDenied: 'Esito: non possiamo accogliere la Sua richiesta.',
  explanationHeading: 'La nostra spiegazione',
  reopenHeading: 'Se non è d’accordo o ha bisogno di altro aiuto',
  reopen: ({ until }) => `Risponda a questa email entro il ${until} e riapriremo la Sua pratica.`,
  escalate:
    'Se non è soddisfatto dell’esito, lo scriva nella Sua risposta e un responsabile del nostro team riesaminerà la pratica.',
  ratingHeading: 'Come siamo andati?',
  ratingPrompt: 'Valuti con un clic come abbiamo gestito la Sua pratica, da 1 (pessimo) a 5 (eccellente):',

  autoCloseIntro: ({ tracking, since }) =>
    `Abbiamo chiuso la Sua pratica ${tracking} perché non abbiamo ricevuto Sue notizie dal ${since}.`,
  autoCloseReopen: ({ until }) =>
    `Se ha ancora bisogno di aiuto, risponda a questa email entro il ${until} e la riapriremo. Dopo tale data, ci scriva con un nuovo messaggio.`,

  noticeMailIntro: ({ tracking }) =>
    `Le scriviamo in merito alla Sua pratica aperta ${tracking} per informarLa di un evento che potrebbe allungare i nostri tempi di risposta.`,
  noticeMailClosing: 'La Sua pratica resta aperta e continuiamo a lavorarci. Non è necessario che ci scriva di nuovo.',

  lateIntro: ({ tracking }) =>
    `Non siamo riusciti a decidere sul Suo reclamo ${tracking} entro il termine previsto e desideriamo spiegarLe il motivo.`,
  lateReasonHeading: 'Perché serve più tempo',
  lateExpected: ({ when }) => `Ora prevediamo di comunicarLe la nostra decisione entro il ${when}.`,
  lateApology: 'Ci scusiamo per il ritardo.',
};
