import { acknowledgement } from '../../../lambdas/core/templates';
import { findTrackingNumbers } from '../../../lambdas/core/tracking-number';
import { ackInput, maintenance, TRACKING } from './fixtures';

describe('acknowledgement', () => {
  it('puts the tracking number in square brackets before the original subject', () => {
    expect(acknowledgement(ackInput()).subject).toBe(`[${TRACKING}] Withdrawal stuck`);
  });

  it('does not stack reply prefixes or a second tracking tag, and keeps the subject on one line', () => {
    const m = acknowledgement(
      ackInput({ subject: `RE: Fwd: [${TRACKING}] AW: Withdrawal\r\nBcc: victim@example.com` }),
    );
    expect(m.subject).toBe(`[${TRACKING}] Withdrawal Bcc: victim@example.com`);
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(findTrackingNumbers(m.subject)).toEqual([TRACKING]);
  });

  it('uses a localised generic subject when the customer sent none', () => {
    expect(acknowledgement(ackInput({ subject: '  \t ', language: 'es' })).subject).toBe(
      `[${TRACKING}] Su solicitud de soporte`,
    );
  });

  it('states the tracking number, the process, the expected response time, channels, warnings and disclosures', () => {
    const { text } = acknowledgement(ackInput());
    const expectations = [
      `Your tracking number is ${TRACKING}.`,
      '1. A member of our support team reads your message.', // (b) process in plain steps
      'We expect to reply by March 9, 2026 at 10:30 AM EDT.', // (c) in the firm's zone, after the DST change
      'keep K7QM-4TZX-P9H', // how to reply
      'support+k7qm4tzxp9h@exchange.example',
      '+1 212 555 0100',
      'support@exchange.example',
      'https://exchange.example/help',
      'never ask you for your password, private keys, seed (recovery) phrase or two-factor (2FA) codes',
      'This message was sent automatically.',
      'A member of our staff, not a machine, will handle your case.',
      'complaints@exchange.example',
      '+1 212 555 0199',
      '1 Example Plaza, New York, NY 10004',
      'New York State Department of Financial Services',
      'https://www.dfs.ny.gov/complaint',
      '(800) 342-3736',
    ];
    for (const e of expectations) expect(text).toContain(e);
    // Most important first: (a) tracking number, (b) process, (c) response time, then the rest.
    const order = [`${TRACKING}.`, '1. A member', 'We expect to reply', 'How to reply', 'Complaints'].map((s) =>
      text.indexOf(s),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('adds the surge note only when volume is unusually high', () => {
    expect(acknowledgement(ackInput({ surge: false })).text).not.toContain('unusually high');
    expect(acknowledgement(ackInput({ surge: true })).text).toContain('unusually high number of messages');
  });

  it('shows active notices with their window and extra delay', () => {
    const { text } = acknowledgement(ackInput({ notices: [maintenance] }));
    expect(text).toContain('Planned maintenance: Wallet upgrade for <BTC> & ETH');
    expect(text).toContain('From March 8, 2026 at 6:00 AM EDT to March 8, 2026 at 10:00 AM EDT.');
    expect(text).toContain('up to 2 hours longer');
  });

  it('shows a notice in the customer language when a translation exists', () => {
    const notice = { ...maintenance, messages: { de: 'Wartung der Wallets' } };
    expect(acknowledgement(ackInput({ language: 'de', notices: [notice] })).text).toContain(
      'Geplante Wartung: Wartung der Wallets',
    );
  });

  it('describes business hours with locale weekday names and the zone', () => {
    const hours = { kind: 'weekly', days: [1, 2, 3, 4, 5], opens: '09:00', closes: '18:00' } as const;
    // ICU writes a narrow no-break space before AM/PM.
    expect(acknowledgement(ackInput({ businessHours: hours })).text.replace(/\u202f/g, ' ')).toContain(
      'Monday–Friday, 9:00 AM–6:00 PM (America/New_York time)',
    );
    expect(acknowledgement(ackInput({ businessHours: hours, language: 'fr' })).text).toContain(
      'lundi–vendredi, 09:00–18:00',
    );
    expect(acknowledgement(ackInput({ businessHours: { kind: '24x7' } })).text).toContain('around the clock');
  });

  it('escapes customer and configuration text in the HTML version', () => {
    const m = acknowledgement(ackInput({ subject: '<script>alert(1)</script>', notices: [maintenance] }));
    expect(m.html).toContain('Wallet upgrade for &lt;BTC&gt; &amp; ETH');
    expect(m.html).not.toContain('<BTC>');
    expect(m.html).not.toContain('<script');
    expect(m.html).toContain('<html lang="en">');
    expect(m.html).toContain('<a href="https://www.dfs.ny.gov/complaint">');
  });

  it('leaves the automation disclosure out when the firm turns it off', () => {
    const profile = { ...ackInput().profile, automationDisclosure: false };
    expect(acknowledgement(ackInput({ profile })).text).not.toContain('sent automatically');
  });

  it('writes a Romanian acknowledgement in Romanian, with Romanian dates', () => {
    const m = acknowledgement(ackInput({ language: 'ro' }));
    expect(m.language).toBe('ro');
    expect(m.text).toContain(`Numărul dumneavoastră de urmărire este ${TRACKING}`);
    expect(m.text).toContain('9 martie 2026');
    expect(m.text).toContain('Reclamații');
    expect(m.text).not.toContain('Your tracking number');
  });

  it('writes an Italian acknowledgement in Italian, with Italian dates', () => {
    const m = acknowledgement(ackInput({ language: 'it' }));
    expect(m.language).toBe('it');
    expect(m.text).toContain(`Il Suo numero di pratica è ${TRACKING}`);
    expect(m.text).toContain('9 marzo 2026');
    expect(m.text).toContain('Reclami');
    expect(m.text).not.toContain('Your tracking number');
  });

  it('writes a Chinese acknowledgement in Chinese, with Chinese dates', () => {
    const m = acknowledgement(ackInput({ language: 'zh-CN' }));
    expect(m.language).toBe('zh');
    expect(m.text).toContain(`您的工单编号是 ${TRACKING}`);
    expect(m.text).toContain('2026年3月9日');
    expect(m.text).toContain('投诉');
    expect(m.html).toContain('<html lang="zh">');
  });

  it('falls back to English for a language without a template', () => {
    const m = acknowledgement(ackInput({ language: 'nl' }));
    expect(m.language).toBe('en');
    expect(m.text).toContain('Your tracking number is');
  });
});
