import type { Strings } from '../strings';

/** Chinese (Simplified). */
export const zh: Strings = {
  locale: 'zh-CN',
  greeting: '您好：',
  signOff: '祝好，',
  team: ({ firm }) => `${firm} 客服团队`,
  noSubject: '您的客服请求',
  receivedSubject: '我们已收到您的邮件',
  trackingNumber: ({ tracking }) => `您的工单编号是 ${tracking}。`,

  ackIntro: '感谢您联系我们。我们已收到您的邮件，并为此创建了工单。',
  processHeading: '接下来的流程',
  processSteps: [
    '我们的客服人员会阅读您的邮件。',
    '如需更多信息，我们会回复此邮件并等待您的答复。',
    '我们会调查处理您的请求，并在工单处理期间随时告知您进展。',
    '我们会将处理结果告知您并作出说明。',
  ],
  responseTimeHeading: '预计答复时间',
  expectedResponse: ({ when }) => `我们预计在 ${when} 之前答复您。`,
  estimatedResolution: ({ when }) => `我们预计在 ${when} 之前解决您的问题。`,
  hours24x7: '我们的客服团队全年无休，24 小时为您服务。',
  hoursWeekly: ({ days, hours, zone }) =>
    `我们的客服团队工作时间为${days} ${hours}（${zone} 时间）。在此时间以外收到的邮件将在下一个工作日处理。`,
  surgeNote: '目前我们收到的邮件数量异常多。上述时间已考虑到这一情况。',

  noticesHeading: '服务公告',
  noticeMaintenance: '计划维护',
  noticeIncident: '服务故障',
  noticeWindow: ({ from, to }) => `时间：${from} 至 ${to}。`,
  noticeOpenEnded: ({ from }) => `自 ${from} 起；目前尚不确定何时结束。`,
  noticeDelay: ({ delay }) => `我们的答复可能比平时最多延迟 ${delay}。`,

  howToReplyHeading: '如何回复',
  howToReply: ({ tracking, address }) =>
    `直接回复此邮件即可（将发送至 ${address}），请在邮件主题中保留 ${tracking}，以便您的邮件归入您的工单。`,
  checkStatus: ({ tracking }) => `如需查询工单进度，请回复此邮件，或致电我们并提供您的工单编号 ${tracking}。`,
  contactHeading: '我们的官方联系方式',
  labelPhone: '电话：',
  labelEmail: '电子邮件：',
  labelFaq: '帮助中心（常见问题）：',
  labelServiceStatus: '服务状态：',
  labelPostalAddress: '邮寄地址：',
  labelWebsite: '网站：',
  officialDomain: ({ domain }) =>
    `我们只会使用以 @${domain} 结尾的地址给您发邮件。任何其他自称是我们的发件人都应视为诈骗。`,

  securityHeading: '保护您的账户安全',
  securityWarning:
    '我们的工作人员绝不会向您索要密码、私钥、助记词（恢复短语）或双重验证（2FA）代码。请勿将这些信息透露给任何人，包括我们。',

  automationHeading: '关于此邮件',
  automationSent: '此邮件为系统自动发送。',
  automationHuman: '您的工单将由我们的工作人员（而非机器）处理。',
  automationReachPerson: ({ phone }) => `如需人工服务，请回复此邮件或致电 ${phone}。`,

  complaintsHeading: '投诉',
  complaintsFirm: ({ firm }) => `如果您不满意，可以向 ${firm} 提出投诉：`,
  complaintsRegulator: ({ regulator }) => `您也可以向监管机构（${regulator}）投诉：`,

  replyReceivedIntro: ({ tracking }) => `我们已收到您的邮件，并已将其添加到您的工单 ${tracking} 中。`,
  replyReceivedNoResend: '您无需再次发送。我们会尽快回复您。',

  agentReplyFooter: ({ tracking }) => `这是对您的工单 ${tracking} 的回复。`,

  statusIntro: ({ tracking }) => `以下是您的工单 ${tracking} 的最新进展。`,
  statusHeading: '工单当前状态',
  progressReceived: '您的工单正在排队，将由下一位有空的工作人员处理。',
  progressInvestigating: '我们正在调查处理您的请求。',
  progressEscalated: '您的工单已转交给我们团队的资深人员审核。',
  progressWaitingThirdParty: '我们正在等待第三方（例如银行或区块链网络）提供信息，之后才能继续处理。',
  resolutionDateChanged: ({ before, after }) => `您的工单预计解决日期已从 ${before} 更改为 ${after}。`,
  labelReason: '原因：',
  nextUpdate: ({ when }) => `您将在 ${when} 之前收到下一次进展通知；如有变化，我们会更早通知您。`,

  resolutionIntro: ({ tracking }) => `我们已完成对您的工单 ${tracking} 的处理。`,
  outcomeFull: '处理结果：您的请求已全部解决。',
  outcomePartial: '处理结果：您的请求已部分解决。',
  outcomeDenied: '处理结果：我们无法满足您的请求。',
  explanationHeading: '我们的说明',
  reopenHeading: '如果您有异议或需要进一步帮助',
  reopen: ({ until }) => `请在 ${until} 之前回复此邮件，我们将重新打开您的工单。`,
  escalate: '如果您对处理结果不满意，请在回复中说明，我们团队的资深人员将重新审核您的工单。',
  ratingHeading: '您对我们的服务满意吗？',
  ratingPrompt: '请一键为我们对您工单的处理打分，1 分（非常差）到 5 分（非常好）：',

  autoCloseIntro: ({ tracking, since }) => `由于自 ${since} 起未收到您的回复，我们已关闭您的工单 ${tracking}。`,
  autoCloseReopen: ({ until }) =>
    `如果您仍需帮助，请在 ${until} 之前回复此邮件，我们将重新打开工单。此后请发送新邮件联系我们。`,

  noticeMailIntro: ({ tracking }) => `我们就您尚未结案的工单 ${tracking} 致信，告知您一项可能影响我们答复时间的情况。`,
  noticeMailClosing: '您的工单仍在处理中，我们会继续跟进。您无需再次来信。',

  lateIntro: ({ tracking }) => `我们未能在预定时间内就您的投诉 ${tracking} 作出决定，现向您说明原因。`,
  lateReasonHeading: '延误原因',
  lateExpected: ({ when }) => `我们现在预计在 ${when} 之前将决定告知您。`,
  lateApology: '对于此次延误，我们深表歉意。',
};
