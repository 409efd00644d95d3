import { categorise } from '../../../lambdas/core/intake/topic';

describe('categorise', () => {
  const topics: ReadonlyArray<[string, string, string, string]> = [
    ['withdrawal', 'en', 'Withdrawal stuck', 'My withdrawal to my wallet has been pending for two days.'],
    ['deposit', 'en', 'Missing funds', 'I made a deposit by wire transfer on Monday and it is not credited yet.'],
    [
      'account_access',
      'en',
      'Help',
      'I lost my phone and cannot log in: the 2FA code is required and my account is locked.',
    ],
    ['verification', 'en', 'Documents', 'My KYC verification was rejected although I uploaded my passport twice.'],
    ['fees', 'en', 'Question', 'Why was I charged such a high fee on my last transaction?'],
    [
      'trading',
      'en',
      'Order problem',
      'My limit order was executed at a different price and my margin position got liquidated.',
    ],
    ['fraud', 'en', 'Account hacked', 'Someone hacked my account and my coins were stolen.'],
    ['withdrawal', 'ro', 'Retragere blocată', 'Bună ziua, retragerea mea este blocată de trei zile.'],
    ['withdrawal', 'it', 'Prelievo', 'Non riesco a effettuare un prelievo dal mio conto.'],
    ['withdrawal', 'zh', '提现问题', '我的提现已经三天没有到账。'],
    ['account_access', 'ja', 'ログインできません', 'パスワードを変更してからログインできません。'],
    ['fraud', 'ru', 'Мошенничество', 'Меня обманули мошенники, средства украли.'],
    ['deposit', 'es', 'Depósito', 'Hice un depósito ayer y no aparece en mi cuenta.'],
    ['verification', 'de', 'Verifizierung', 'Meine Verifizierung hängt seit einer Woche, Ausweis ist hochgeladen.'],
    ['fees', 'fr', 'Frais', 'Pourquoi des frais aussi élevés sur mon dernier achat ?'],
    ['withdrawal', 'pt', 'Saque', 'Meu saque está pendente há dois dias.'],
    ['account_access', 'ko', '로그인 문제', '비밀번호를 잊어버려서 로그인할 수 없습니다.'],
    ['withdrawal', 'tr', 'Para çekme', 'Dünden beri para çekemiyorum.'],
  ];
  it.each(topics)('files a %s request (%s)', (topic, _lang, subject, text) => {
    expect(categorise(text, subject)).toMatchObject({ type: 'request', topic });
  });

  it('files text without any keyword under other', () => {
    expect(categorise('Hello, what are your opening hours?', 'Question')).toMatchObject({
      type: 'request',
      topic: 'other',
      matched: [],
    });
  });

  it('does not take a stem for a whole word (fee is not feedback)', () => {
    expect(categorise('Some feedback on your app design.', 'Feedback').topic).toBe('other');
  });

  const complaints: ReadonlyArray<[string, string, string]> = [
    ['en', 'Formal complaint', 'This is unacceptable, I will contact the regulator and my lawyer.'],
    ['es', 'Queja', 'Quiero presentar una queja formal.'],
    ['fr', 'Réclamation', 'Ceci est inacceptable, je dépose une plainte.'],
    ['de', 'Beschwerde', 'Ich reiche hiermit eine Beschwerde ein.'],
    ['it', 'Reclamo', 'Vorrei presentare un reclamo.'],
    ['pt', 'Reclamação', 'Vou abrir uma reclamação.'],
    ['ro', 'Reclamație', 'Depun o reclamatie oficială.'],
    ['zh', '投诉', '我要投诉你们的服务。'],
    ['ja', '苦情', '対応について苦情を申し上げます。'],
    ['ko', '민원', '금융감독원에 민원을 넣겠습니다.'],
    ['ru', 'Жалоба', 'Я подаю жалобу на вашу работу.'],
    ['tr', 'Şikayet', 'Hizmetiniz hakkında şikayet etmek istiyorum.'],
  ];
  it.each(complaints)('recognises a complaint (%s)', (_lang, subject, text) => {
    expect(categorise(text, subject).type).toBe('complaint');
  });

  it('keeps the topic of a complaint', () => {
    expect(categorise('My withdrawal is missing for a week. This is unacceptable!', 'Complaint')).toMatchObject({
      type: 'complaint',
      topic: 'withdrawal',
    });
  });

  it('ignores our complaint disclosure and 2FA warning quoted in a reply', () => {
    const reply = [
      'Thanks, the deposit arrived now.',
      '',
      'On Mon, 2 Mar 2026, Example Support <support@exchange.example> wrote:',
      '> Staff never ask for passwords, private keys or 2FA codes.',
      '> To file a complaint, write to complaints@exchange.example or contact the regulator.',
    ].join('\n');
    expect(categorise(reply, 'Re: [K7QM-4TZX-P9HC] Missing deposit')).toMatchObject({
      type: 'request',
      topic: 'deposit',
    });
  });

  it('stays fast on a huge body', () => {
    const start = Date.now();
    categorise('withdraw fee scam password '.repeat(200_000), 'x');
    expect(Date.now() - start).toBeLessThan(1000);
  });
});
