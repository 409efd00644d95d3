import type { AckBudgetLimits } from '../../lambdas/core/ack-budget';
import type { FirmProfile } from '../../lambdas/core/firm-profile';
import { mailbox } from '../support/parsed-mail';
import { intakeWorld } from './harness';

/** The intake use case on in-memory ports and a clock that stands still: no emulator, no MIME, no waiting. */
function intake(
  opts: { ackBudget?: Partial<AckBudgetLimits>; profile?: Partial<FirmProfile>; maxRawBytes?: number } = {},
) {
  const { clock, repo, blobs, queue, deliver, deliverRaw } = intakeWorld({ idPrefix: 'dl', ...opts });
  return { clock, repo, blobs, queue, receive: deliver, receiveRaw: deliverRaw };
}

describe('intake on in-memory ports', () => {
  it('opens a case for a new mail from a person, acknowledges it and plans its deadlines', async () => {
    const { repo, queue, blobs, receive } = intake();
    const outcome = await receive({ subject: 'My withdrawal is stuck' });
    expect(outcome).toMatchObject({ kind: 'case_opened', acknowledged: true });
    const tracking = (outcome as { tracking: string }).tracking as never;
    const c = await repo.getCase(tracking);
    expect(c).toMatchObject({
      status: 'new',
      subject: 'My withdrawal is stuck',
      customer: { address: 'alice@customer.example' },
    });
    expect(queue.bodies('outbound')).toEqual([expect.objectContaining({ tracking, purpose: 'acknowledgement' })]);
    expect(Object.keys(c!.deadlines).length).toBeGreaterThan(0);
    // Hours away: none is on the timer queue yet (the sweeper arms each 15 minutes before it is due).
    expect(queue.bodies('timers')).toEqual([]);
    expect((await repo.listMessages(tracking)).map((m) => m.id)).toEqual(['ses-1']);
    expect(blobs.objects.get('inbound/ses-1')?.retainUntil?.toISOString()).toBe('2033-03-02T14:00:00.000Z');
  });

  it('draws tracking numbers and deadline ids from the injected id source, so a run repeats exactly', async () => {
    const opened = async () => {
      const { repo, receive } = intake();
      const outcome = (await receive({ subject: 'My withdrawal is stuck' })) as { tracking: string };
      const c = await repo.getCase(outcome.tracking as never);
      return { tracking: outcome.tracking, deadlineIds: Object.values(c!.deadlines).map((d) => d?.id) };
    };
    const first = await opened();
    expect(first.deadlineIds.length).toBeGreaterThan(0);
    expect(first.deadlineIds.every((id) => id?.startsWith('dl-'))).toBe(true);
    expect(await opened()).toEqual(first);
  });

  it('threads a reply quoting our Message-ID into its case and does not open another', async () => {
    const { repo, queue, receive } = intake();
    const first = await receive({});
    const tracking = (first as { tracking: string }).tracking as never;
    const ours = (await repo.getCase(tracking))!.threadMessageIds[0]!;
    const reply = await receive({ subject: 'Re: Cannot withdraw my BTC', inReplyTo: ours, references: [ours] });
    expect(reply).toEqual({ kind: 'threaded', tracking });
    expect((await repo.listMessages(tracking)).filter((m) => m.direction === 'in')).toHaveLength(2);
    expect((await repo.queryCases({ customer: 'alice@customer.example', limit: 10 })).items).toHaveLength(1);
    expect(queue.bodies<{ purpose: string }>('outbound').map((b) => b.purpose)).not.toContain('acknowledgement:2');
  });

  it('keeps an out-of-office reply as a case without acknowledging it', async () => {
    const { queue, receive } = intake();
    const outcome = await receive({ headers: { 'Auto-Submitted': 'auto-replied' }, subject: 'Out of office' });
    expect(outcome).toMatchObject({ kind: 'case_opened', acknowledged: false });
    expect(queue.bodies('outbound')).toEqual([]);
  });

  it('quarantines a virus and mail without a sender, and opens nothing for them', async () => {
    const { repo, queue, receive } = intake();
    expect(await receive({ headers: { 'X-SES-Virus-Verdict': 'FAIL' } })).toEqual({
      kind: 'quarantined',
      reason: 'virus',
    });
    expect(await receive({ from: null })).toEqual({ kind: 'quarantined', reason: 'no_sender' });
    expect(
      repo
        .quarantinedRecords()
        .map((r) => r.id)
        .sort(),
    ).toEqual(['ses-1', 'ses-2']);
    expect(repo.commits).toEqual([]);
    expect(queue.sent).toEqual([]);
  });

  it('quarantines bytes the parser refuses, with the reason', async () => {
    const { receiveRaw } = intake();
    const outcome = await receiveRaw('not a message at all', 'bad');
    expect(outcome).toEqual({ kind: 'quarantined', reason: 'unparseable:unparseable' });
  });

  it("quarantines a mail over the parser's size limit without reading it, and still locks it", async () => {
    const { repo, blobs, queue, receiveRaw } = intake({ maxRawBytes: 1024 });
    const outcome = await receiveRaw(Buffer.alloc(4096, 'x'), 'huge');
    expect(outcome).toEqual({ kind: 'quarantined', reason: 'unparseable:too_large' });
    expect(repo.quarantinedRecords()).toMatchObject([
      {
        id: 'huge',
        reason: 'unparseable:too_large',
        detail: 'the message has 4096 bytes, more than the 1024 accepted',
      },
    ]);
    expect(blobs.reads).toBe(0);
    expect(blobs.objects.get('inbound/huge')!.retainUntil).toBeInstanceOf(Date);
    expect(queue.sent).toEqual([]);
  });

  it('treats the same SES delivery twice as one: no second case, the acknowledgement re-queued for the idempotent mailer', async () => {
    const { repo, queue, receive } = intake();
    const first = await receive({}, 'ses-same');
    const again = await receive({}, 'ses-same');
    expect(again).toEqual({ kind: 'duplicate', tracking: (first as { tracking: string }).tracking });
    expect(repo.commits).toHaveLength(1);
    const acks = queue.bodies<{ purposeKey: string }>('outbound').map((b) => b.purposeKey);
    expect(new Set(acks)).toEqual(new Set(['acknowledgement']));
  });

  it('answers a recorded SES delivery as a duplicate even when the mail would now be quarantined', async () => {
    const { repo, receive, receiveRaw } = intake();
    const first = await receive({}, 'ses-kept');
    const again = await receiveRaw('not a message at all', 'ses-kept');
    expect(again).toEqual({ kind: 'duplicate', tracking: (first as { tracking: string }).tracking });
    expect(repo.quarantinedRecords()).toEqual([]);
  });

  it('loses nothing when enqueueing fails: the redelivery re-sends the follow-ups', async () => {
    const { repo, queue, receive } = intake();
    queue.failNext = 1;
    await expect(receive({}, 'ses-flaky')).rejects.toThrow(/throttled/);
    expect(repo.commits).toHaveLength(1);
    await receive({}, 'ses-flaky');
    expect(queue.bodies('outbound')).toEqual([expect.objectContaining({ purpose: 'acknowledgement' })]);
  });

  it('gives a stranger quoting a tracking number a case of their own', async () => {
    const { repo, receive } = intake();
    const first = await receive({});
    const tracking = (first as { tracking: string }).tracking;
    const stranger = await receive({ from: mailbox('mallory@elsewhere.example'), subject: `Re: [${tracking}] hello` });
    expect(stranger).toMatchObject({ kind: 'case_opened' });
    expect((stranger as { tracking: string }).tracking).not.toBe(tracking);
    expect((await repo.listMessages(tracking as never)).filter((m) => m.direction === 'in')).toHaveLength(1);
  });
});

describe('intake of a sender it cannot verify', () => {
  it('opens a flagged case whose subject, name and thread ids hold nothing the sender wrote, and acknowledges it', async () => {
    const { repo, queue, receive } = intake();
    const outcome = await receive({
      receiver: 'none',
      from: mailbox('bob@unknown.example', 'Security alert - call +1 555 0100'),
      subject: 'ACTION REQUIRED: verify at https://exchange-verify.example',
    });
    expect(outcome).toMatchObject({ kind: 'case_opened', acknowledged: true });
    const tracking = (outcome as { tracking: string }).tracking as never;
    const c = (await repo.getCase(tracking))!;
    expect(c.subject).toBe('We received your message');
    expect(c.customer).toEqual({ address: 'bob@unknown.example', kind: 'individual' });
    expect(c.threadMessageIds).toEqual([]);
    expect(c.flags).toContain('unverified_sender');
    expect(c.senderAuthentication?.trust).toBe('unverified');
    // The sender's own subject stays on its message, for agents.
    expect((await repo.listMessages(tracking))[0]!.subject).toMatch(/^ACTION REQUIRED/);
    expect(queue.bodies('outbound')).toEqual([expect.objectContaining({ tracking, purpose: 'acknowledgement' })]);
  });

  it('uses the fixed subject in the language of the mail', async () => {
    const { repo, receive } = intake();
    const outcome = await receive({
      receiver: 'none',
      subject: 'Auszahlung hängt',
      text: 'Hallo, ich habe gestern eine Auszahlung beantragt und sie ist noch nicht angekommen. Können Sie mir bitte helfen? Danke',
    });
    const c = (await repo.getCase((outcome as { tracking: string }).tracking as never))!;
    expect(c.language).toBe('de');
    expect(c.subject).toBe('Wir haben Ihre Nachricht erhalten');
  });

  it('never joins the case it claims: a forged reply opens its own case linked to it, and the claimed case is untouched', async () => {
    const { repo, queue, receive } = intake();
    const victim = await receive({ subject: 'My withdrawal is stuck' });
    const tracking = (victim as { tracking: string }).tracking as never;
    const before = (await repo.getCase(tracking))!;
    const ours = before.threadMessageIds[0]!;
    const forged = await receive({
      receiver: 'none',
      subject: `Re: [${tracking}] please change my withdrawal address`,
      text: 'Send everything to bc1qattacker from now on.',
      inReplyTo: ours,
      references: [ours],
    });
    expect(forged).toMatchObject({ kind: 'case_opened' });
    const other = (forged as { tracking: string }).tracking as never;
    expect(other).not.toBe(tracking);
    expect(await repo.getCase(tracking)).toEqual(before);
    expect((await repo.listMessages(tracking)).map((m) => m.id)).toEqual(['ses-1']);
    const opened = (await repo.listEvents(other))[0]!;
    expect(opened.data).toMatchObject({ relatedTo: tracking });
    expect(JSON.stringify(await repo.listEvents(tracking))).not.toMatch(/attacker|withdrawal address/);
    expect(queue.bodies<{ tracking: string }>('outbound').map((b) => b.tracking)).toEqual([tracking, other]);
  });
});

describe('the acknowledgement budget', () => {
  const address = (i: number) => `cust${i}@customer.example`;

  it('delays acknowledgements over the global budget to the next minute, never drops them, and records it', async () => {
    const { repo, queue, receive } = intake({ ackBudget: { perMinute: 2 } });
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await receive({ from: address(i) }));
    expect(outcomes.map((o) => (o as { ackBudget?: string }).ackBudget)).toEqual([undefined, undefined, 'delayed']);
    const acks = queue.sent.filter((m) => m.queue === 'outbound');
    expect(acks.map((m) => m.delaySeconds)).toEqual([0, 0, 60]); // the clock stands at 14:00:00
    expect(acks.map((m) => (m.body as { purpose: string }).purpose)).toEqual(Array(3).fill('acknowledgement'));
    const third = (outcomes[2] as { tracking: string }).tracking as never;
    const events = await repo.listEvents(third);
    expect(events.map((e) => e.type)).toEqual(['case_opened', 'acknowledgement_delayed']);
    expect(events[1]!.data).toEqual({ purpose: 'acknowledgement', delaySeconds: 60, why: 'ack_budget_per_minute' });
    expect((await repo.getCase(third))!.eventSeq).toBe(2);
  });

  it('books delayed acknowledgements into later minutes, each within the budget', async () => {
    const { queue, receive } = intake({ ackBudget: { perMinute: 1 } });
    for (let i = 0; i < 4; i++) await receive({ from: address(i) });
    expect(queue.sent.filter((m) => m.queue === 'outbound').map((m) => m.delaySeconds)).toEqual([0, 60, 120, 180]);
  });

  it('sends a sender over its daily cap nothing more that day, keeps its mail as cases and records why', async () => {
    const { repo, queue, receive, clock } = intake({ ackBudget: { perSenderPerDay: 2 } });
    const outcomes = [];
    for (let i = 0; i < 3; i++) {
      outcomes.push(await receive({ subject: `question ${i}` }));
      clock.advance({ hours: 2 }); // past the hourly loop brake
    }
    expect(outcomes.map((o) => (o as { acknowledged: boolean }).acknowledged)).toEqual([true, true, false]);
    const third = (outcomes[2] as { tracking: string }).tracking as never;
    const c = (await repo.getCase(third))!;
    expect(c.flags).toContain('ack_withheld:sender_daily_cap');
    expect((await repo.listEvents(third)).map((e) => e.type)).toEqual(['case_opened', 'acknowledgement_withheld']);
    expect(queue.bodies('outbound')).toHaveLength(2);
    // Another day, another budget.
    clock.advance({ days: 1 });
    expect(await receive({ subject: 'next day' })).toMatchObject({ acknowledged: true });
  });

  it('keeps a sender’s new mails past the hourly loop brake but acknowledges none of them, until the next hour', async () => {
    const { repo, clock, queue, receive } = intake({ profile: { ackLimitPerSenderPerHour: 2 } });
    const outcomes = [];
    for (const subject of ['one', 'two', 'three', 'four']) outcomes.push(await receive({ subject }));
    expect(outcomes.map((o) => o.kind === 'case_opened' && o.acknowledged)).toEqual([true, true, false, false]);
    const braked = (outcomes[2] as { tracking: string }).tracking as never;
    expect((await repo.getCase(braked))!.flags).toContain('ack_withheld:sender_rate_limit');
    expect(queue.bodies('outbound')).toHaveLength(2);
    clock.advance({ hours: 1 });
    expect(await receive({ subject: 'next hour' })).toMatchObject({ acknowledged: true });
  });

  it('counts reply_received answers against the same per-sender cap', async () => {
    const { repo, queue, receive } = intake({
      ackBudget: { perSenderPerDay: 2 },
      profile: { acknowledgeReplies: true },
    });
    const first = await receive({});
    const tracking = (first as { tracking: string }).tracking as never;
    const ours = (await repo.getCase(tracking))!.threadMessageIds[0]!;
    const reply = { subject: 'Re: Cannot withdraw my BTC', inReplyTo: ours, references: [ours] };
    expect(await receive(reply)).toEqual({ kind: 'threaded', tracking });
    expect(await receive(reply)).toEqual({ kind: 'threaded', tracking, ackBudget: 'sender_capped' });
    expect(queue.bodies<{ purpose: string }>('outbound').map((b) => b.purpose)).toEqual([
      'acknowledgement',
      'reply_received',
    ]);
    const withheld = (await repo.listEvents(tracking)).filter((e) => e.type === 'acknowledgement_withheld');
    expect(withheld.map((e) => e.data)).toEqual([{ purpose: 'reply_received', why: 'sender_daily_cap' }]);
  });
});
