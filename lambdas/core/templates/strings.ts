/**
 * Every sentence a customer can read, for one language. A language is one file in `languages/` that
 * implements this interface; the compiler rejects a file with a missing key, and a test checks the same
 * at run time. Parameters arrive already formatted for the language (dates, durations), and are plain
 * text: the renderer escapes them for HTML.
 */
export interface Strings {
  /** BCP 47 locale for dates, times and durations. */
  readonly locale: string;

  readonly greeting: string;
  readonly signOff: string;
  readonly team: (p: { firm: string }) => string;
  /** Stands in for an empty subject line. */
  readonly noSubject: string;
  /**
   * The whole subject (after the tracking number) of everything sent about a case whose sender could not be
   * verified: nothing the sender wrote may appear in what we send from our own domain.
   */
  readonly receivedSubject: string;
  readonly trackingNumber: (p: { tracking: string }) => string;

  // Acknowledgement
  readonly ackIntro: string;
  readonly processHeading: string;
  readonly processSteps: readonly string[];
  readonly responseTimeHeading: string;
  readonly expectedResponse: (p: { when: string }) => string;
  readonly estimatedResolution: (p: { when: string }) => string;
  readonly hours24x7: string;
  readonly hoursWeekly: (p: { days: string; hours: string; zone: string }) => string;
  readonly surgeNote: string;

  // Notices (maintenance, incidents)
  readonly noticesHeading: string;
  readonly noticeMaintenance: string;
  readonly noticeIncident: string;
  readonly noticeWindow: (p: { from: string; to: string }) => string;
  readonly noticeOpenEnded: (p: { from: string }) => string;
  readonly noticeDelay: (p: { delay: string }) => string;

  // How to reply, contact channels
  readonly howToReplyHeading: string;
  readonly howToReply: (p: { tracking: string; address: string }) => string;
  readonly checkStatus: (p: { tracking: string }) => string;
  readonly contactHeading: string;
  readonly labelPhone: string;
  readonly labelEmail: string;
  readonly labelFaq: string;
  readonly labelServiceStatus: string;
  readonly labelPostalAddress: string;
  readonly labelWebsite: string;
  readonly officialDomain: (p: { domain: string }) => string;

  // Security warning
  readonly securityHeading: string;
  readonly securityWarning: string;

  // Automation disclosure
  readonly automationHeading: string;
  readonly automationSent: string;
  readonly automationHuman: string;
  readonly automationReachPerson: (p: { phone: string }) => string;

  // Complaint disclosure
  readonly complaintsHeading: string;
  readonly complaintsFirm: (p: { firm: string }) => string;
  readonly complaintsRegulator: (p: { regulator: string }) => string;

  // Reply received
  readonly replyReceivedIntro: (p: { tracking: string }) => string;
  readonly replyReceivedNoResend: string;

  // Agent reply footer
  readonly agentReplyFooter: (p: { tracking: string }) => string;

  // Status update
  readonly statusIntro: (p: { tracking: string }) => string;
  readonly statusHeading: string;
  readonly progressReceived: string;
  readonly progressInvestigating: string;
  readonly progressEscalated: string;
  readonly progressWaitingThirdParty: string;
  readonly resolutionDateChanged: (p: { before: string; after: string }) => string;
  readonly labelReason: string;
  readonly nextUpdate: (p: { when: string }) => string;

  // Resolution
  readonly resolutionIntro: (p: { tracking: string }) => string;
  readonly outcomeFull: string;
  readonly outcomePartial: string;
  readonly outcomeDenied: string;
  readonly explanationHeading: string;
  readonly reopenHeading: string;
  readonly reopen: (p: { until: string }) => string;
  readonly escalate: string;
  readonly ratingHeading: string;
  readonly ratingPrompt: string;

  // Auto-close
  readonly autoCloseIntro: (p: { tracking: string; since: string }) => string;
  readonly autoCloseReopen: (p: { until: string }) => string;

  // Proactive notice to customers with open cases
  readonly noticeMailIntro: (p: { tracking: string }) => string;
  readonly noticeMailClosing: string;

  // Late decision (MiCA: the customer is told why)
  readonly lateIntro: (p: { tracking: string }) => string;
  readonly lateReasonHeading: string;
  readonly lateExpected: (p: { when: string }) => string;
  readonly lateApology: string;
}
