import type { Strings } from '../strings';

/** English: the default and the fallback for every language without a file. */
export const en: Strings = {
  locale: 'en-US',
  greeting: 'Hello,',
  signOff: 'Kind regards,',
  team: ({ firm }) => `${firm} Support`,
  noSubject: 'Your support request',
  receivedSubject: 'We received your message',
  trackingNumber: ({ tracking }) => `Your tracking number is ${tracking}.`,

  ackIntro: 'Thank you for contacting us. We have received your message and opened a case for it.',
  processHeading: 'What happens next',
  processSteps: [
    'A member of our support team reads your message.',
    'If we need more information, we reply to this email and wait for your answer.',
    'We look into your request and keep you informed while your case is open.',
    'We tell you the outcome and explain it.',
  ],
  responseTimeHeading: 'When to expect an answer',
  expectedResponse: ({ when }) => `We expect to reply by ${when}.`,
  estimatedResolution: ({ when }) => `We expect to resolve your case by ${when}.`,
  hours24x7: 'Our support team works around the clock, every day of the year.',
  hoursWeekly: ({ days, hours, zone }) =>
    `Our support team works ${days}, ${hours} (${zone} time). Messages that arrive outside these hours are handled on the next working day.`,
  surgeNote:
    'We are receiving an unusually high number of messages at the moment. The time above already takes this into account.',

  noticesHeading: 'Service notices',
  noticeMaintenance: 'Planned maintenance',
  noticeIncident: 'Service incident',
  noticeWindow: ({ from, to }) => `From ${from} to ${to}.`,
  noticeOpenEnded: ({ from }) => `Since ${from}; we do not yet know when it will end.`,
  noticeDelay: ({ delay }) => `Our answers may take up to ${delay} longer than usual.`,

  howToReplyHeading: 'How to reply',
  howToReply: ({ tracking, address }) =>
    `Simply reply to this email (it goes to ${address}) and keep ${tracking} in the subject line, so that your message is added to your case.`,
  checkStatus: ({ tracking }) =>
    `To check the status of your case, reply to this email or call us and quote your tracking number ${tracking}.`,
  contactHeading: 'Our official contact channels',
  labelPhone: 'Phone: ',
  labelEmail: 'Email: ',
  labelFaq: 'Help centre (FAQ): ',
  labelServiceStatus: 'Service status: ',
  labelPostalAddress: 'Postal address: ',
  labelWebsite: 'Website: ',
  officialDomain: ({ domain }) =>
    `We only write to you from addresses ending in @${domain}. Treat any other sender that claims to be us as fraud.`,

  securityHeading: 'Keep your account safe',
  securityWarning:
    'Our staff will never ask you for your password, private keys, seed (recovery) phrase or two-factor (2FA) codes. Do not share them with anyone, including us.',

  automationHeading: 'About this message',
  automationSent: 'This message was sent automatically.',
  automationHuman: 'A member of our staff, not a machine, will handle your case.',
  automationReachPerson: ({ phone }) => `To reach a person, reply to this email or call us at ${phone}.`,

  complaintsHeading: 'Complaints',
  complaintsFirm: ({ firm }) => `If you are not satisfied, you can file a complaint with ${firm}:`,
  complaintsRegulator: ({ regulator }) => `You may also file a complaint with the ${regulator}:`,

  replyReceivedIntro: ({ tracking }) => `We have received your message and added it to your case ${tracking}.`,
  replyReceivedNoResend: 'There is no need to send it again. We will get back to you as soon as we can.',

  agentReplyFooter: ({ tracking }) => `This is a reply to your case ${tracking}.`,

  statusIntro: ({ tracking }) => `Here is an update on your case ${tracking}.`,
  statusHeading: 'Where your case stands',
  progressReceived: 'Your case is in our queue and will be picked up by the next available member of our team.',
  progressInvestigating: 'We are looking into your request.',
  progressEscalated: 'Your case has been passed to a senior member of our team for review.',
  progressWaitingThirdParty:
    'We are waiting for information from a third party (for example a bank or a blockchain network) before we can continue.',
  resolutionDateChanged: ({ before, after }) =>
    `We have changed the estimated resolution date of your case from ${before} to ${after}.`,
  labelReason: 'Reason: ',
  nextUpdate: ({ when }) => `You will receive the next update by ${when}, or sooner if something changes.`,

  resolutionIntro: ({ tracking }) => `We have finished working on your case ${tracking}.`,
  outcomeFull: 'Outcome: your request has been resolved in full.',
  outcomePartial: 'Outcome: your request has been resolved in part.',
  outcomeDenied: 'Outcome: we are unable to grant your request.',
  explanationHeading: 'Our explanation',
  reopenHeading: 'If you disagree or need more help',
  reopen: ({ until }) => `Reply to this email by ${until} and we will reopen your case.`,
  escalate:
    'If you are not satisfied with the outcome, say so in your reply and a senior member of our team will review your case.',
  ratingHeading: 'How did we do?',
  ratingPrompt: 'Rate how we handled your case with one click, from 1 (very poor) to 5 (excellent):',

  autoCloseIntro: ({ tracking, since }) =>
    `We have closed your case ${tracking} because we have not heard from you since ${since}.`,
  autoCloseReopen: ({ until }) =>
    `If you still need help, reply to this email by ${until} and we will reopen it. After that, please write to us in a new message.`,

  noticeMailIntro: ({ tracking }) =>
    `We are writing about your open case ${tracking} to let you know about an event that may affect our response times.`,
  noticeMailClosing: 'Your case stays open and we continue to work on it. You do not need to write to us again.',

  lateIntro: ({ tracking }) =>
    `We have not been able to reach a decision on your complaint ${tracking} within the expected time, and we want to tell you why.`,
  lateReasonHeading: 'Why it is taking longer',
  lateExpected: ({ when }) => `We now expect to give you our decision by ${when}.`,
  lateApology: 'We apologise for the delay.',
};
