import type { Strings } from '../strings';

/** German (formal "Sie"). */
export const de: Strings = {
  locale: 'de',
  greeting: 'Guten Tag,',
  signOff: 'Mit freundlichen Grüßen',
  team: ({ firm }) => `Ihr Support-Team von ${firm}`,
  noSubject: 'Ihre Support-Anfrage',
  receivedSubject: 'Wir haben Ihre Nachricht erhalten',
  trackingNumber: ({ tracking }) => `Ihre Vorgangsnummer lautet ${tracking}.`,

  ackIntro: 'Vielen Dank für Ihre Nachricht. Wir haben sie erhalten und einen Vorgang dazu angelegt.',
  processHeading: 'Wie es weitergeht',
  processSteps: [
    'Ein Mitglied unseres Support-Teams liest Ihre Nachricht.',
    'Wenn wir weitere Informationen benötigen, antworten wir auf diese E-Mail und warten auf Ihre Antwort.',
    'Wir prüfen Ihr Anliegen und halten Sie auf dem Laufenden, solange Ihr Vorgang offen ist.',
    'Wir teilen Ihnen das Ergebnis mit und erläutern es.',
  ],
  responseTimeHeading: 'Wann Sie eine Antwort erhalten',
  expectedResponse: ({ when }) => `Wir werden Ihnen voraussichtlich bis zum ${when} antworten.`,
  estimatedResolution: ({ when }) => `Wir werden Ihren Vorgang voraussichtlich bis zum ${when} abschließen.`,
  hours24x7: 'Unser Support-Team ist rund um die Uhr und an jedem Tag des Jahres für Sie da.',
  hoursWeekly: ({ days, hours, zone }) =>
    `Unser Support-Team arbeitet ${days}, ${hours} (Zeitzone ${zone}). Nachrichten, die außerhalb dieser Zeiten eingehen, bearbeiten wir am nächsten Arbeitstag.`,
  surgeNote: 'Derzeit erreichen uns ungewöhnlich viele Nachrichten. Die oben genannte Zeit berücksichtigt das bereits.',

  noticesHeading: 'Hinweise zu unserem Service',
  noticeMaintenance: 'Geplante Wartung',
  noticeIncident: 'Störung',
  noticeWindow: ({ from, to }) => `Vom ${from} bis zum ${to}.`,
  noticeOpenEnded: ({ from }) => `Seit dem ${from}; wir wissen noch nicht, wann sie endet.`,
  noticeDelay: ({ delay }) => `Unsere Antworten können bis zu ${delay} länger dauern als üblich.`,

  howToReplyHeading: 'So antworten Sie',
  howToReply: ({ tracking, address }) =>
    `Antworten Sie einfach auf diese E-Mail (sie geht an ${address}) und lassen Sie ${tracking} im Betreff stehen, damit Ihre Nachricht Ihrem Vorgang zugeordnet wird.`,
  checkStatus: ({ tracking }) =>
    `Den Stand Ihres Vorgangs erfahren Sie, wenn Sie auf diese E-Mail antworten oder uns unter Angabe Ihrer Vorgangsnummer ${tracking} anrufen.`,
  contactHeading: 'Unsere offiziellen Kontaktwege',
  labelPhone: 'Telefon: ',
  labelEmail: 'E-Mail: ',
  labelFaq: 'Hilfe-Center (FAQ): ',
  labelServiceStatus: 'Service-Status: ',
  labelPostalAddress: 'Postanschrift: ',
  labelWebsite: 'Website: ',
  officialDomain: ({ domain }) =>
    `Wir schreiben Ihnen nur von Adressen, die auf @${domain} enden. Betrachten Sie jeden anderen Absender, der sich als uns ausgibt, als Betrugsversuch.`,

  securityHeading: 'Schützen Sie Ihr Konto',
  securityWarning:
    'Unsere Mitarbeitenden werden Sie niemals nach Ihrem Passwort, Ihren privaten Schlüsseln, Ihrer Seed-Phrase (Wiederherstellungsphrase) oder Ihren Codes für die Zwei-Faktor-Authentifizierung (2FA) fragen. Geben Sie diese an niemanden weiter, auch nicht an uns.',

  automationHeading: 'Zu dieser Nachricht',
  automationSent: 'Diese Nachricht wurde automatisch versendet.',
  automationHuman: 'Ihr Vorgang wird von einem Menschen aus unserem Team bearbeitet, nicht von einer Maschine.',
  automationReachPerson: ({ phone }) =>
    `Um mit einem Menschen zu sprechen, antworten Sie auf diese E-Mail oder rufen Sie uns unter ${phone} an.`,

  complaintsHeading: 'Beschwerden',
  complaintsFirm: ({ firm }) => `Wenn Sie nicht zufrieden sind, können Sie sich bei ${firm} beschweren:`,
  complaintsRegulator: ({ regulator }) => `Sie können sich auch bei der Aufsichtsbehörde (${regulator}) beschweren:`,

  replyReceivedIntro: ({ tracking }) => `Wir haben Ihre Nachricht erhalten und Ihrem Vorgang ${tracking} hinzugefügt.`,
  replyReceivedNoResend: 'Sie müssen sie nicht erneut senden. Wir melden uns so bald wie möglich bei Ihnen.',

  agentReplyFooter: ({ tracking }) => `Dies ist eine Antwort zu Ihrem Vorgang ${tracking}.`,

  statusIntro: ({ tracking }) => `Hier ist der aktuelle Stand zu Ihrem Vorgang ${tracking}.`,
  statusHeading: 'Stand Ihres Vorgangs',
  progressReceived:
    'Ihr Vorgang ist in unserer Warteschlange und wird vom nächsten verfügbaren Teammitglied übernommen.',
  progressInvestigating: 'Wir prüfen Ihr Anliegen.',
  progressEscalated:
    'Ihr Vorgang wurde zur Prüfung an eine erfahrene Kollegin oder einen erfahrenen Kollegen weitergegeben.',
  progressWaitingThirdParty:
    'Wir warten auf Informationen eines Dritten (zum Beispiel einer Bank oder eines Blockchain-Netzwerks), bevor wir weitermachen können.',
  resolutionDateChanged: ({ before, after }) =>
    `Wir haben das voraussichtliche Abschlussdatum Ihres Vorgangs vom ${before} auf den ${after} geändert.`,
  labelReason: 'Grund: ',
  nextUpdate: ({ when }) =>
    `Die nächste Information erhalten Sie bis zum ${when}, oder früher, wenn sich etwas ändert.`,

  resolutionIntro: ({ tracking }) => `Wir haben die Bearbeitung Ihres Vorgangs ${tracking} abgeschlossen.`,
  outcomeFull: 'Ergebnis: Ihrem Anliegen wurde vollständig entsprochen.',
  outcomePartial: 'Ergebnis: Ihrem Anliegen wurde teilweise entsprochen.',
  outcomeDenied: 'Ergebnis: Wir können Ihrem Anliegen leider nicht entsprechen.',
  explanationHeading: 'Unsere Begründung',
  reopenHeading: 'Wenn Sie nicht einverstanden sind oder weitere Hilfe brauchen',
  reopen: ({ until }) => `Antworten Sie bis zum ${until} auf diese E-Mail, dann öffnen wir Ihren Vorgang erneut.`,
  escalate:
    'Wenn Sie mit dem Ergebnis nicht zufrieden sind, schreiben Sie uns das in Ihrer Antwort; eine erfahrene Kollegin oder ein erfahrener Kollege prüft Ihren Vorgang dann erneut.',
  ratingHeading: 'Wie zufrieden waren Sie?',
  ratingPrompt:
    'Bewerten Sie mit einem Klick, wie wir Ihren Vorgang bearbeitet haben, von 1 (sehr schlecht) bis 5 (ausgezeichnet):',

  autoCloseIntro: ({ tracking, since }) =>
    `Wir haben Ihren Vorgang ${tracking} geschlossen, da wir seit dem ${since} nichts von Ihnen gehört haben.`,
  autoCloseReopen: ({ until }) =>
    `Wenn Sie noch Hilfe benötigen, antworten Sie bis zum ${until} auf diese E-Mail, dann öffnen wir ihn erneut. Danach schreiben Sie uns bitte eine neue Nachricht.`,

  noticeMailIntro: ({ tracking }) =>
    `Wir schreiben Ihnen zu Ihrem offenen Vorgang ${tracking}, um Sie über ein Ereignis zu informieren, das unsere Antwortzeiten verlängern kann.`,
  noticeMailClosing: 'Ihr Vorgang bleibt offen und wir arbeiten weiter daran. Sie müssen uns nicht erneut schreiben.',

  lateIntro: ({ tracking }) =>
    `Wir konnten über Ihre Beschwerde ${tracking} nicht in der vorgesehenen Zeit entscheiden und möchten Ihnen den Grund dafür nennen.`,
  lateReasonHeading: 'Warum es länger dauert',
  lateExpected: ({ when }) => `Wir werden Ihnen unsere Entscheidung nun voraussichtlich bis zum ${when} mitteilen.`,
  lateApology: 'Wir bitten die Verzögerung zu entschuldigen.',
};
