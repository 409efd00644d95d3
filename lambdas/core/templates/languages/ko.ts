import type { Strings } from '../strings';

/** Korean (formal 합니다 style). */
export const ko: Strings = {
  locale: 'ko',
  greeting: '안녕하세요.',
  signOff: '감사합니다.',
  team: ({ firm }) => `${firm} 고객지원팀`,
  noSubject: '고객지원 문의',
  receivedSubject: '메시지를 접수했습니다',
  trackingNumber: ({ tracking }) => `고객님의 문의 번호는 ${tracking}입니다.`,

  ackIntro: '문의해 주셔서 감사합니다. 보내주신 메시지를 받았으며, 문의 건을 접수했습니다.',
  processHeading: '앞으로의 진행 절차',
  processSteps: [
    '고객지원팀 담당자가 메시지를 확인합니다.',
    '추가 정보가 필요하면 이 메일에 회신하는 방식으로 연락드리고 고객님의 답변을 기다립니다.',
    '요청 내용을 검토하며, 문의 건이 처리되는 동안 진행 상황을 알려 드립니다.',
    '처리 결과와 그 이유를 설명해 드립니다.',
  ],
  responseTimeHeading: '예상 답변 시간',
  expectedResponse: ({ when }) => `${when}까지 답변드릴 예정입니다.`,
  estimatedResolution: ({ when }) => `${when}까지 문의 건을 해결할 예정입니다.`,
  hours24x7: '고객지원팀은 연중무휴 24시간 운영됩니다.',
  hoursWeekly: ({ days, hours, zone }) =>
    `고객지원팀 운영 시간은 ${days} ${hours}(${zone} 기준)입니다. 운영 시간 외에 받은 메시지는 다음 영업일에 처리합니다.`,
  surgeNote: '현재 평소보다 훨씬 많은 문의가 접수되고 있습니다. 위의 예상 시간은 이를 이미 반영한 것입니다.',

  noticesHeading: '서비스 안내',
  noticeMaintenance: '정기 점검',
  noticeIncident: '서비스 장애',
  noticeWindow: ({ from, to }) => `기간: ${from}부터 ${to}까지.`,
  noticeOpenEnded: ({ from }) => `${from}부터 발생했으며, 언제 끝날지는 아직 알 수 없습니다.`,
  noticeDelay: ({ delay }) => `답변이 평소보다 최대 ${delay} 늦어질 수 있습니다.`,

  howToReplyHeading: '회신 방법',
  howToReply: ({ tracking, address }) =>
    `이 메일에 그대로 회신해 주세요(${address}(으)로 전송됩니다). 메시지가 문의 건에 추가되도록 제목에 있는 ${tracking}을(를) 지우지 말아 주세요.`,
  checkStatus: ({ tracking }) =>
    `문의 건의 처리 상황을 확인하려면 이 메일에 회신하시거나, 문의 번호 ${tracking}을(를) 알려 주시고 전화해 주세요.`,
  contactHeading: '공식 연락처',
  labelPhone: '전화: ',
  labelEmail: '이메일: ',
  labelFaq: '고객센터(자주 묻는 질문): ',
  labelServiceStatus: '서비스 상태: ',
  labelPostalAddress: '우편 주소: ',
  labelWebsite: '웹사이트: ',
  officialDomain: ({ domain }) =>
    `당사는 @${domain}(으)로 끝나는 주소로만 메일을 보냅니다. 당사를 사칭하는 다른 발신자는 사기로 간주하시기 바랍니다.`,

  securityHeading: '계정 보안 안내',
  securityWarning:
    '당사 직원은 절대로 비밀번호, 개인 키, 시드 문구(복구 문구) 또는 2단계 인증(2FA) 코드를 요청하지 않습니다. 당사를 포함해 누구에게도 알려 주지 마세요.',

  automationHeading: '이 메시지에 대하여',
  automationSent: '이 메시지는 자동으로 발송되었습니다.',
  automationHuman: '고객님의 문의는 기계가 아닌 당사 직원이 직접 처리합니다.',
  automationReachPerson: ({ phone }) => `상담원과 연결을 원하시면 이 메일에 회신하시거나 ${phone}(으)로 전화해 주세요.`,

  complaintsHeading: '민원 제기',
  complaintsFirm: ({ firm }) => `처리 결과에 만족하지 않으시면 ${firm}에 민원을 제기하실 수 있습니다:`,
  complaintsRegulator: ({ regulator }) => `감독 기관(${regulator})에 민원을 제기하실 수도 있습니다:`,

  replyReceivedIntro: ({ tracking }) => `보내주신 메시지를 받아 문의 건 ${tracking}에 추가했습니다.`,
  replyReceivedNoResend: '다시 보내실 필요는 없습니다. 최대한 빨리 답변드리겠습니다.',

  agentReplyFooter: ({ tracking }) => `이 메일은 문의 건 ${tracking}에 대한 답변입니다.`,

  statusIntro: ({ tracking }) => `문의 건 ${tracking}의 진행 상황을 알려 드립니다.`,
  statusHeading: '현재 진행 상황',
  progressReceived: '문의 건이 대기 중이며, 순서대로 다음 담당자가 처리할 예정입니다.',
  progressInvestigating: '요청 내용을 검토하고 있습니다.',
  progressEscalated: '검토를 위해 문의 건을 상급 담당자에게 전달했습니다.',
  progressWaitingThirdParty: '계속 진행하기 위해 제3자(예: 은행 또는 블록체인 네트워크)의 정보를 기다리고 있습니다.',
  resolutionDateChanged: ({ before, after }) => `문의 건의 예상 해결일을 ${before}에서 ${after}(으)로 변경했습니다.`,
  labelReason: '사유: ',
  nextUpdate: ({ when }) => `다음 안내는 ${when}까지 보내 드리며, 변동 사항이 있으면 더 일찍 알려 드리겠습니다.`,

  resolutionIntro: ({ tracking }) => `문의 건 ${tracking}의 처리를 완료했습니다.`,
  outcomeFull: '결과: 요청하신 내용이 모두 해결되었습니다.',
  outcomePartial: '결과: 요청하신 내용이 일부 해결되었습니다.',
  outcomeDenied: '결과: 죄송하지만 요청하신 내용을 들어드릴 수 없습니다.',
  explanationHeading: '당사의 설명',
  reopenHeading: '동의하지 않으시거나 추가 도움이 필요하신 경우',
  reopen: ({ until }) => `${until}까지 이 메일에 회신해 주시면 문의 건을 다시 열어 드립니다.`,
  escalate: '결과에 만족하지 않으시면 회신에 그렇게 적어 주세요. 상급 담당자가 문의 건을 다시 검토합니다.',
  ratingHeading: '저희 서비스는 어떠셨나요?',
  ratingPrompt: '문의 처리에 대해 클릭 한 번으로 평가해 주세요. 1(매우 불만족)부터 5(매우 만족)까지입니다:',

  autoCloseIntro: ({ tracking, since }) => `${since} 이후 고객님의 연락이 없어 문의 건 ${tracking}을(를) 종료했습니다.`,
  autoCloseReopen: ({ until }) =>
    `아직 도움이 필요하시면 ${until}까지 이 메일에 회신해 주세요. 문의 건을 다시 열어 드립니다. 그 이후에는 새 메시지로 문의해 주세요.`,

  noticeMailIntro: ({ tracking }) =>
    `처리 중인 문의 건 ${tracking}과(와) 관련하여, 답변 시간에 영향을 줄 수 있는 상황을 안내해 드립니다.`,
  noticeMailClosing: '문의 건은 계속 처리 중입니다. 다시 연락하실 필요는 없습니다.',

  lateIntro: ({ tracking }) =>
    `민원 ${tracking}에 대해 예정된 기간 내에 결정을 내리지 못했습니다. 그 이유를 말씀드리고자 합니다.`,
  lateReasonHeading: '지연 사유',
  lateExpected: ({ when }) => `이제 ${when}까지 결정 내용을 알려 드릴 예정입니다.`,
  lateApology: '지연되어 대단히 죄송합니다.',
};
