import type { Strings } from '../strings';

/** Romanian (formal "dumneavoastră"). */
export const ro: Strings = {
  locale: 'ro',
  greeting: 'Bună ziua,',
  signOff: 'Cu stimă,',
  team: ({ firm }) => `Echipa de asistență ${firm}`,
  noSubject: 'Solicitarea dumneavoastră de asistență',
  receivedSubject: 'Am primit mesajul dumneavoastră',
  trackingNumber: ({ tracking }) => `Numărul dumneavoastră de urmărire este ${tracking}.`,

  ackIntro: 'Vă mulțumim că ne-ați contactat. Am primit mesajul dumneavoastră și am deschis un caz.',
  processHeading: 'Ce urmează',
  processSteps: [
    'Un membru al echipei noastre de asistență vă citește mesajul.',
    'Dacă avem nevoie de mai multe informații, vă răspundem la acest e-mail și așteptăm răspunsul dumneavoastră.',
    'Analizăm solicitarea și vă ținem la curent cât timp cazul este deschis.',
    'Vă comunicăm rezultatul și vi-l explicăm.',
  ],
  responseTimeHeading: 'Când veți primi un răspuns',
  expectedResponse: ({ when }) => `Estimăm că vă vom răspunde până la ${when}.`,
  estimatedResolution: ({ when }) => `Estimăm că vom rezolva cazul până la ${when}.`,
  hours24x7: 'Echipa noastră de asistență lucrează non-stop, în fiecare zi a anului.',
  hoursWeekly: ({ days, hours, zone }) =>
    `Echipa noastră de asistență lucrează ${days}, ${hours} (ora ${zone}). Mesajele primite în afara acestui program sunt tratate în următoarea zi lucrătoare.`,
  surgeNote:
    'În acest moment primim un număr neobișnuit de mare de mesaje. Termenul de mai sus ține deja cont de acest lucru.',

  noticesHeading: 'Anunțuri despre serviciu',
  noticeMaintenance: 'Lucrări de mentenanță planificate',
  noticeIncident: 'Incident de serviciu',
  noticeWindow: ({ from, to }) => `De la ${from} până la ${to}.`,
  noticeOpenEnded: ({ from }) => `Începând cu ${from}; nu știm încă când se va încheia.`,
  noticeDelay: ({ delay }) => `Răspunsurile noastre pot întârzia cu până la ${delay} față de obicei.`,

  howToReplyHeading: 'Cum ne răspundeți',
  howToReply: ({ tracking, address }) =>
    `Răspundeți pur și simplu la acest e-mail (va ajunge la ${address}) și păstrați ${tracking} în subiect, pentru ca mesajul să fie adăugat la cazul dumneavoastră.`,
  checkStatus: ({ tracking }) =>
    `Pentru a afla stadiul cazului, răspundeți la acest e-mail sau sunați-ne și menționați numărul de urmărire ${tracking}.`,
  contactHeading: 'Canalele noastre oficiale de contact',
  labelPhone: 'Telefon: ',
  labelEmail: 'E-mail: ',
  labelFaq: 'Centru de ajutor (întrebări frecvente): ',
  labelServiceStatus: 'Starea serviciului: ',
  labelPostalAddress: 'Adresă poștală: ',
  labelWebsite: 'Site web: ',
  officialDomain: ({ domain }) =>
    `Vă scriem doar de pe adrese care se termină în @${domain}. Considerați fraudă orice alt expeditor care pretinde că suntem noi.`,

  securityHeading: 'Protejați-vă contul',
  securityWarning:
    'Personalul nostru nu vă va cere niciodată parola, cheile private, fraza seed (de recuperare) sau codurile de autentificare în doi pași (2FA). Nu le comunicați nimănui, nici măcar nouă.',

  automationHeading: 'Despre acest mesaj',
  automationSent: 'Acest mesaj a fost trimis automat.',
  automationHuman: 'Cazul dumneavoastră va fi tratat de o persoană din echipa noastră, nu de un program.',
  automationReachPerson: ({ phone }) =>
    `Pentru a vorbi cu o persoană, răspundeți la acest e-mail sau sunați-ne la ${phone}.`,

  complaintsHeading: 'Reclamații',
  complaintsFirm: ({ firm }) => `Dacă nu sunteți mulțumit, puteți depune o reclamație la ${firm}:`,
  complaintsRegulator: ({ regulator }) =>
    `Puteți depune o reclamație și la autoritatea de supraveghere (${regulator}):`,

  replyReceivedIntro: ({ tracking }) => `Am primit mesajul dumneavoastră și l-am adăugat la cazul ${tracking}.`,
  replyReceivedNoResend: 'Nu este nevoie să îl trimiteți din nou. Vă vom răspunde cât mai curând posibil.',

  agentReplyFooter: ({ tracking }) => `Acesta este un răspuns la cazul dumneavoastră ${tracking}.`,

  statusIntro: ({ tracking }) => `Vă transmitem noutăți despre cazul dumneavoastră ${tracking}.`,
  statusHeading: 'Stadiul cazului',
  progressReceived:
    'Cazul dumneavoastră este în coada de așteptare și va fi preluat de următorul membru disponibil al echipei.',
  progressInvestigating: 'Analizăm solicitarea dumneavoastră.',
  progressEscalated: 'Cazul dumneavoastră a fost transmis unui coordonator din echipa noastră pentru verificare.',
  progressWaitingThirdParty:
    'Așteptăm informații de la o terță parte (de exemplu o bancă sau o rețea blockchain) înainte de a putea continua.',
  resolutionDateChanged: ({ before, after }) =>
    `Am modificat data estimată de rezolvare a cazului dumneavoastră de la ${before} la ${after}.`,
  labelReason: 'Motiv: ',
  nextUpdate: ({ when }) => `Veți primi următoarea informare până la ${when} sau mai devreme, dacă intervine ceva nou.`,

  resolutionIntro: ({ tracking }) => `Am finalizat soluționarea cazului dumneavoastră ${tracking}.`,
  outcomeFull: 'Rezultat: solicitarea dumneavoastră a fost rezolvată integral.',
  outcomePartial: 'Rezultat: solicitarea dumneavoastră a fost rezolvată parțial.',
  outcomeDenied: 'Rezultat: nu putem da curs solicitării dumneavoastră.',
  explanationHeading: 'Explicația noastră',
  reopenHeading: 'Dacă nu sunteți de acord sau aveți nevoie de ajutor suplimentar',
  reopen: ({ until }) => `Răspundeți la acest e-mail până la ${until} și vom redeschide cazul.`,
  escalate:
    'Dacă nu sunteți mulțumit de rezultat, spuneți-ne acest lucru în răspuns, iar un coordonator din echipa noastră va reanaliza cazul.',
  ratingHeading: 'Cum ne-am descurcat?',
  ratingPrompt: 'Evaluați cu un singur clic modul în care am tratat cazul, de la 1 (foarte slab) la 5 (excelent):',

  autoCloseIntro: ({ tracking, since }) =>
    `Am închis cazul dumneavoastră ${tracking} deoarece nu am mai primit vești de la dumneavoastră din ${since}.`,
  autoCloseReopen: ({ until }) =>
    `Dacă aveți în continuare nevoie de ajutor, răspundeți la acest e-mail până la ${until} și îl vom redeschide. După această dată, vă rugăm să ne scrieți un mesaj nou.`,

  noticeMailIntro: ({ tracking }) =>
    `Vă scriem în legătură cu cazul dumneavoastră deschis ${tracking} pentru a vă informa despre un eveniment care ne poate prelungi timpul de răspuns.`,
  noticeMailClosing:
    'Cazul dumneavoastră rămâne deschis și continuăm să lucrăm la el. Nu este nevoie să ne scrieți din nou.',

  lateIntro: ({ tracking }) =>
    `Nu am reușit să luăm o decizie privind reclamația dumneavoastră ${tracking} în termenul prevăzut și dorim să vă explicăm de ce.`,
  lateReasonHeading: 'De ce durează mai mult',
  lateExpected: ({ when }) => `Estimăm acum că vă vom comunica decizia noastră până la ${when}.`,
  lateApology: 'Ne cerem scuze pentru întârziere.',
};
