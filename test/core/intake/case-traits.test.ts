import { caseTraits } from '../../../lambdas/core/intake/case-traits';

describe('caseTraits', () => {
  const customer = {
    subject: 'Auszahlung ausstehend',
    text: 'Hallo, ich habe gestern eine Auszahlung beantragt und das Geld ist noch nicht auf meinem Konto angekommen. Können Sie das prüfen?',
  };
  // A bounce of our acknowledgement: the quoted acknowledgement speaks of complaints and 2FA, in German.
  const bounce = {
    subject: 'Undelivered Mail Returned to Sender',
    text: [
      'This is the mail system at host mx.example.net.',
      'Ihre Beschwerde wurde registriert. Bei Problemen mit der Anmeldung oder 2FA antworten Sie bitte auf diese',
      'Nachricht. Wir haben Ihre Anfrage zur Auszahlung erhalten und melden uns innerhalb von zwei Werktagen.',
    ].join('\n'),
  };

  it('reads language, type and topic from what a person wrote', () => {
    expect(caseTraits(customer, 'human')).toEqual({ language: 'de', type: 'request', topic: 'withdrawal' });
    expect(caseTraits(customer, 'spam')).toEqual({ language: 'de', type: 'request', topic: 'withdrawal' });
  });

  it('gives machine mail (bounces, auto-replies, lists, no-reply senders) the defaults, whatever it says', () => {
    const human = caseTraits(bounce, 'human');
    expect(human).not.toEqual({ language: 'en', type: 'request', topic: 'other' });
    expect(caseTraits(bounce, 'bounce')).toEqual({ language: 'en', type: 'request', topic: 'other' });
    for (const kind of ['auto_reply', 'list', 'no_reply'] as const)
      expect(caseTraits(bounce, kind)).toEqual({ language: 'en', type: 'request', topic: 'other' });
  });
});
