import type { Strings } from '../strings';

/** Japanese (polite です/ます form). */
export const ja: Strings = {
  locale: 'ja',
  greeting: 'いつもご利用いただきありがとうございます。',
  signOff: '今後ともよろしくお願いいたします。',
  team: ({ firm }) => `${firm} サポートチーム`,
  noSubject: 'サポートへのお問い合わせ',
  receivedSubject: 'メッセージを受け付けました',
  trackingNumber: ({ tracking }) => `お問い合わせ番号は ${tracking} です。`,

  ackIntro: 'お問い合わせいただきありがとうございます。メッセージを受け付け、お問い合わせ案件として登録しました。',
  processHeading: '今後の流れ',
  processSteps: [
    'サポートチームの担当者がメッセージを確認します。',
    '追加の情報が必要な場合は、このメールに返信する形でご連絡し、お客様のご回答をお待ちします。',
    'お問い合わせ内容を調査し、対応中は進捗をお知らせします。',
    '結果とその理由をご説明します。',
  ],
  responseTimeHeading: '回答の目安',
  expectedResponse: ({ when }) => `${when}までに回答する予定です。`,
  estimatedResolution: ({ when }) => `${when}までに解決する見込みです。`,
  hours24x7: 'サポートチームは年中無休、24時間体制で対応しています。',
  hoursWeekly: ({ days, hours, zone }) =>
    `サポートチームの対応時間は${days}の${hours}（${zone} 時間）です。対応時間外に届いたメッセージは、翌営業日に対応します。`,
  surgeNote: '現在、通常より非常に多くのお問い合わせをいただいております。上記の目安はこの状況を反映したものです。',

  noticesHeading: 'サービスに関するお知らせ',
  noticeMaintenance: '計画メンテナンス',
  noticeIncident: 'サービス障害',
  noticeWindow: ({ from, to }) => `期間：${from}から${to}まで。`,
  noticeOpenEnded: ({ from }) => `${from}から発生しており、終了時期はまだ分かっていません。`,
  noticeDelay: ({ delay }) => `回答が通常より最大${delay}遅れる場合があります。`,

  howToReplyHeading: '返信の方法',
  howToReply: ({ tracking, address }) =>
    `このメールにそのまま返信してください（宛先は ${address} です）。件名の ${tracking} は消さずに残してください。お客様のメッセージがお問い合わせ案件に追加されます。`,
  checkStatus: ({ tracking }) =>
    `対応状況を確認するには、このメールに返信するか、お問い合わせ番号 ${tracking} をお伝えのうえお電話ください。`,
  contactHeading: '公式の連絡窓口',
  labelPhone: '電話：',
  labelEmail: 'メール：',
  labelFaq: 'ヘルプセンター（よくある質問）：',
  labelServiceStatus: 'サービスの稼働状況：',
  labelPostalAddress: '郵送先住所：',
  labelWebsite: 'ウェブサイト：',
  officialDomain: ({ domain }) =>
    `当社からのメールは、@${domain} で終わるアドレスからのみ送信されます。当社を名乗るその他の送信者は詐欺としてご注意ください。`,

  securityHeading: 'アカウントの安全のために',
  securityWarning:
    '当社のスタッフが、パスワード、秘密鍵、シードフレーズ（リカバリーフレーズ）、二段階認証（2FA）のコードをお尋ねすることは決してありません。当社を含め、誰にも教えないでください。',

  automationHeading: 'このメッセージについて',
  automationSent: 'このメッセージは自動送信されています。',
  automationHuman: 'お問い合わせには、機械ではなく当社のスタッフが対応します。',
  automationReachPerson: ({ phone }) =>
    `担当者と直接お話しになりたい場合は、このメールに返信するか、${phone} までお電話ください。`,

  complaintsHeading: '苦情の申し立て',
  complaintsFirm: ({ firm }) => `対応にご満足いただけない場合は、${firm} に苦情を申し立てることができます：`,
  complaintsRegulator: ({ regulator }) => `監督当局（${regulator}）に苦情を申し立てることもできます：`,

  replyReceivedIntro: ({ tracking }) => `メッセージを受け付け、お問い合わせ案件 ${tracking} に追加しました。`,
  replyReceivedNoResend: '再送していただく必要はありません。できるだけ早くご連絡いたします。',

  agentReplyFooter: ({ tracking }) => `このメールはお問い合わせ案件 ${tracking} への回答です。`,

  statusIntro: ({ tracking }) => `お問い合わせ案件 ${tracking} の進捗をお知らせします。`,
  statusHeading: '現在の対応状況',
  progressReceived: 'お問い合わせは順番待ちの状態で、手の空いた担当者から順に対応します。',
  progressInvestigating: 'お問い合わせ内容を調査しています。',
  progressEscalated: 'お問い合わせは確認のため、上級担当者に引き継がれました。',
  progressWaitingThirdParty:
    '第三者（銀行やブロックチェーンネットワークなど）からの情報を待っており、届き次第対応を続けます。',
  resolutionDateChanged: ({ before, after }) => `解決予定日を ${before} から ${after} に変更しました。`,
  labelReason: '理由：',
  nextUpdate: ({ when }) => `次回のお知らせは${when}までにお送りします。状況に変化があれば、それより早くご連絡します。`,

  resolutionIntro: ({ tracking }) => `お問い合わせ案件 ${tracking} への対応が完了しました。`,
  outcomeFull: '結果：ご依頼の内容はすべて解決しました。',
  outcomePartial: '結果：ご依頼の内容は一部解決しました。',
  outcomeDenied: '結果：誠に申し訳ございませんが、ご依頼にはお応えできません。',
  explanationHeading: '当社からのご説明',
  reopenHeading: 'ご納得いただけない場合やさらにサポートが必要な場合',
  reopen: ({ until }) => `${until}までにこのメールに返信いただければ、お問い合わせ案件を再開します。`,
  escalate: '結果にご満足いただけない場合は、その旨を返信でお知らせください。上級担当者があらためて確認します。',
  ratingHeading: '対応はいかがでしたか？',
  ratingPrompt: '今回の対応をワンクリックで評価してください（1：非常に不満 ～ 5：非常に満足）：',

  autoCloseIntro: ({ tracking, since }) =>
    `${since}以降お客様からのご連絡がないため、お問い合わせ案件 ${tracking} を終了しました。`,
  autoCloseReopen: ({ until }) =>
    `引き続きサポートが必要な場合は、${until}までにこのメールに返信いただければ再開します。それ以降は、新しいメッセージでお問い合わせください。`,

  noticeMailIntro: ({ tracking }) =>
    `対応中のお問い合わせ案件 ${tracking} について、回答までの時間に影響する可能性のある事象をお知らせします。`,
  noticeMailClosing: 'お問い合わせ案件は引き続き対応中です。改めてご連絡いただく必要はありません。',

  lateIntro: ({ tracking }) =>
    `苦情 ${tracking} について、予定していた期間内に判断をお伝えすることができませんでした。その理由をご説明します。`,
  lateReasonHeading: '時間がかかっている理由',
  lateExpected: ({ when }) => `判断の結果は${when}までにお伝えする予定です。`,
  lateApology: 'お待たせして誠に申し訳ございません。',
};
