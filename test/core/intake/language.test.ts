import { detectLanguage } from '../../../lambdas/core/intake/language';

describe('detectLanguage', () => {
  const samples: ReadonlyArray<[string, string, string]> = [
    [
      'en',
      'Withdrawal not received',
      'Hello, I requested a withdrawal of 0.5 BTC yesterday and it still has not arrived in my wallet. Can you check?',
    ],
    [
      'es',
      'Retiro pendiente',
      'Hola, solicité un retiro de mis fondos ayer y todavía no ha llegado a mi cuenta bancaria. ¿Pueden revisarlo?',
    ],
    [
      'fr',
      'Retrait en attente',
      'Bonjour, j’ai demandé un retrait de mes fonds hier et il n’est toujours pas arrivé sur mon compte. Pouvez-vous vérifier ?',
    ],
    [
      'de',
      'Auszahlung ausstehend',
      'Hallo, ich habe gestern eine Auszahlung beantragt und das Geld ist noch nicht auf meinem Konto angekommen. Können Sie das prüfen?',
    ],
    [
      'it',
      'Prelievo in sospeso',
      'Buongiorno, ieri ho richiesto un prelievo dei miei fondi e non è ancora arrivato sul mio conto. Potete controllare?',
    ],
    [
      'pt',
      'Saque pendente',
      'Olá, solicitei um saque dos meus fundos ontem e ainda não chegou na minha conta bancária. Vocês podem verificar?',
    ],
    [
      'ro',
      'Retragere în așteptare',
      'Bună ziua, ieri am solicitat o retragere a fondurilor mele și încă nu au ajuns în contul meu bancar. Puteți verifica?',
    ],
    ['zh', '提现未到账', '您好，我昨天申请了提现，但是资金到现在还没有到我的银行账户。请帮我查一下，谢谢。'],
    [
      'ja',
      '出金について',
      'こんにちは。昨日出金を申請しましたが、まだ銀行口座に届いていません。確認していただけますか。',
    ],
    ['ko', '출금 문의', '안녕하세요. 어제 출금을 신청했는데 아직 은행 계좌에 도착하지 않았습니다. 확인해 주시겠어요?'],
    [
      'ru',
      'Вывод средств',
      'Здравствуйте, вчера я запросил вывод средств, но деньги до сих пор не поступили на мой банковский счёт. Проверьте, пожалуйста.',
    ],
    [
      'tr',
      'Para çekme',
      'Merhaba, dün hesabımdan para çekme talebinde bulundum ama para hâlâ banka hesabıma ulaşmadı. Kontrol edebilir misiniz?',
    ],
  ];
  it.each(samples)('recognises %s', (lang, subject, text) => {
    expect(detectLanguage(text, subject)).toBe(lang);
  });

  it('falls back to the default for text too short to judge', () => {
    expect(detectLanguage('ok thanks', 'Re: [K7QM-4TZX-P9HC]')).toBe('en');
    expect(detectLanguage('merci', '', 'de')).toBe('de');
  });

  it('judges the customer’s words, not the acknowledgement they quote', () => {
    const quoted = [
      'Hola, ¿ya tienen alguna novedad sobre mi retiro? Sigo esperando el dinero.',
      '',
      'On Mon, 2 Mar 2026 at 10:00, Example Support <support@exchange.example> wrote:',
      ...Array.from(
        { length: 20 },
        () => '> We received your message and opened a case. Our staff will never ask for your password.',
      ),
    ].join('\n');
    expect(detectLanguage(quoted, 'Re: [K7QM-4TZX-P9HC] Retiro')).toBe('es');
  });
});
