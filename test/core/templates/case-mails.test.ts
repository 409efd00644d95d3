import { ValidationError } from '../../../lambdas/core/errors';
import {
  agentReply,
  autoClose,
  lateDecision,
  notice,
  replyReceived,
  resolution,
  statusUpdate,
} from '../../../lambdas/core/templates';
import { base, maintenance, TRACKING } from './fixtures';

describe('case mails', () => {
  it('replyReceived says the update joined the case and keeps the thread subject', () => {
    const m = replyReceived({ ...base, subject: `Re: [${TRACKING}] Withdrawal stuck` });
    expect(m.subject).toBe(`[${TRACKING}] Withdrawal stuck`);
    expect(m.text).toContain(`We have received your message and added it to your case ${TRACKING}.`);
  });

  it('agentReply keeps the agent text, escapes it in HTML and adds the footer', () => {
    const m = agentReply({ ...base, body: 'Hi Ana,\n<img src=x onerror=alert(1)> your funds are safe.' });
    expect(m.text.startsWith('Hi Ana,\n<img src=x onerror=alert(1)> your funds are safe.')).toBe(true);
    expect(m.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(m.html).not.toContain('<img');
    expect(m.text).toContain(`This is a reply to your case ${TRACKING}.`);
    expect(m.text).toContain('never ask you for your password');
    expect(m.text).not.toContain('sent automatically');
  });

  it('statusUpdate states an estimated resolution date change explicitly, with both dates and the reason', () => {
    const m = statusUpdate({
      ...base,
      progress: 'waiting_third_party',
      notices: [maintenance],
      previousEstimatedResolutionAt: new Date('2026-03-10T15:00:00Z'),
      estimatedResolutionAt: new Date('2026-03-17T15:00:00Z'),
      resolutionChangeReason: 'The bank has not answered yet.',
      nextUpdateAt: new Date('2026-03-12T15:00:00Z'),
    });
    expect(m.text).toContain(
      'We have changed the estimated resolution date of your case from March 10, 2026 at 11:00 AM EDT to March 17, 2026 at 11:00 AM EDT.',
    );
    expect(m.text).toContain('Reason: The bank has not answered yet.');
    expect(m.text).toContain('We are waiting for information from a third party');
    expect(m.text).toContain('You will receive the next update by March 12, 2026 at 11:00 AM EDT');
    expect(m.text).toContain('Planned maintenance');
  });

  it('statusUpdate states an unchanged estimated resolution date without announcing a change', () => {
    const at = new Date('2026-03-17T15:00:00Z');
    const m = statusUpdate({
      ...base,
      progress: 'investigating',
      notices: [],
      previousEstimatedResolutionAt: at,
      estimatedResolutionAt: at,
      nextUpdateAt: at,
    });
    expect(m.text).toContain('We expect to resolve your case by March 17, 2026');
    expect(m.text).not.toContain('We have changed');
  });

  it('resolution carries outcome, explanation, reopen date, complaint block and five rating links', () => {
    const m = resolution({
      ...base,
      outcome: 'partial',
      explanation: 'We refunded the fee <not> the spread.',
      reopenUntil: new Date('2026-03-24T12:00:00Z'),
      ratingUrl: (score) => `https://api.exchange.example/feedback/tok?score=${score}`,
    });
    expect(m.text).toContain('Outcome: your request has been resolved in part.');
    expect(m.text).toContain('We refunded the fee <not> the spread.');
    expect(m.html).toContain('We refunded the fee &lt;not&gt; the spread.');
    expect(m.text).toContain('Reply to this email by March 24, 2026');
    expect(m.text).toContain('https://www.dfs.ny.gov/complaint');
    for (const score of [1, 2, 3, 4, 5]) {
      expect(m.html).toContain(`<a href="https://api.exchange.example/feedback/tok?score=${score}">${score}</a>`);
    }
  });

  it('resolution refuses a partial or denied outcome without an explanation', () => {
    const input = { ...base, explanation: '  ', reopenUntil: new Date() };
    expect(() => resolution({ ...input, outcome: 'denied' })).toThrow(ValidationError);
    expect(resolution({ ...input, outcome: 'full' }).text).toContain('resolved in full');
  });

  it('autoClose tells since when we waited and until when a reply reopens, in the language', () => {
    const m = autoClose({
      ...base,
      language: 'ko',
      waitingSince: new Date('2026-03-01T15:00:00Z'),
      reopenUntil: new Date('2026-03-15T15:00:00Z'),
    });
    expect(m.text).toContain('2026년 3월 1일');
    expect(m.text).toContain('2026년 3월 15일까지');
    expect(m.text).toContain(TRACKING);
  });

  it('notice tells a customer with an open case about an incident without a known end', () => {
    const incident = {
      ...maintenance,
      kind: 'incident' as const,
      endsAt: undefined,
      message: 'Deposits on Solana are delayed.',
    };
    const m = notice({ ...base, notice: incident });
    expect(m.text).toContain('Service incident: Deposits on Solana are delayed.');
    expect(m.text).toContain('we do not yet know when it will end');
    expect(m.text).toContain(`your open case ${TRACKING}`);
  });

  it('lateDecision says why the decision is late and when to expect it, with the regulator route', () => {
    const m = lateDecision({
      ...base,
      language: 'fr',
      reason: 'Nous attendons le rapport de notre banque.',
      expectedDecisionAt: new Date('2026-05-04T14:00:00Z'),
    });
    expect(m.text).toContain('Nous attendons le rapport de notre banque.');
    expect(m.text).toContain('4 mai 2026');
    expect(m.text).toContain('dfs.ny.gov');
    expect(() => lateDecision({ ...base, reason: ' ', expectedDecisionAt: new Date() })).toThrow(ValidationError);
  });
});
