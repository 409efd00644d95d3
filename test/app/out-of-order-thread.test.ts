import type { IntakeOutcome } from '../../lambdas/app/intake/process-inbound';
import { ConcurrencyError } from '../../lambdas/core/errors';
import { EXAMPLE_PROFILE, type FirmProfile } from '../../lambdas/core/firm-profile';
import type { CaseChange } from '../../lambdas/core/ports';
import type { TrackingNumber } from '../../lambdas/core/tracking-number';
import { InMemoryCaseRepository } from '../fakes/case-repository';
import { mailbox, type ParsedMailSpec } from '../support/parsed-mail';
import { generateSupportMail, type SupportMail } from '../support/support-mail';
import { intakeWorld } from './harness';

/** Counts commits refused for a lost race, so a test can show the race was really run. */
class CountingRepo extends InMemoryCaseRepository {
  conflicts = 0;
  override async commit(change: CaseChange): Promise<void> {
    try {
      await super.commit(change);
    } catch (err) {
      if (err instanceof ConcurrencyError) this.conflicts++;
      throw err;
    }
  }
}

function intake(profile: FirmProfile = EXAMPLE_PROFILE) {
  const { clock, repo, queue, deliver } = intakeWorld({ idPrefix: 'dl', profile, repo: (c) => new CountingRepo(c) });
  /** Stores a message as SES would (under its own SES id; sender verified unless `receiver: 'none'`) and runs intake on it. */
  const receive = async (sesMessageId: string, spec: ParsedMailSpec) => {
    clock.advance({ seconds: 1 });
    return deliver(spec, sesMessageId);
  };
  const casesOf = async (customer = 'alice@customer.example') => (await repo.queryCases({ customer, limit: 50 })).items;
  const acks = () => queue.bodies<{ purpose: string }>('outbound').filter((b) => b.purpose === 'acknowledgement');
  return { clock, repo: repo as CountingRepo, queue, receive, casesOf, acks };
}

const ORIGINAL: ParsedMailSpec = { messageId: 'first.1@mail.customer.example', subject: 'My withdrawal is stuck' };
const FOLLOW_UP: ParsedMailSpec = {
  messageId: 'second.2@mail.customer.example',
  subject: 'Re: My withdrawal is stuck',
  text: 'Any news?',
  inReplyTo: 'first.1@mail.customer.example',
  references: ['first.1@mail.customer.example'],
};
const trackingOf = (o: IntakeOutcome) => (o as { tracking: TrackingNumber }).tracking;

describe('one case per thread whatever the order (verified senders)', () => {
  it('joins the original, arriving after its follow-up, to the case the follow-up opened: one case, one acknowledgement', async () => {
    const { repo, receive, casesOf, acks } = intake();
    const followUp = await receive('ses-b', FOLLOW_UP);
    expect(followUp).toMatchObject({ kind: 'case_opened', acknowledged: true });
    const original = await receive('ses-a', ORIGINAL);
    expect(original).toEqual({ kind: 'threaded', tracking: trackingOf(followUp) });
    expect(await casesOf()).toHaveLength(1);
    expect(acks()).toHaveLength(1);
    expect((await repo.listMessages(trackingOf(followUp))).map((m) => m.id)).toEqual(['ses-b', 'ses-a']);
    const joined = (await repo.listEvents(trackingOf(followUp))).find((e) => e.type === 'customer_replied');
    expect(joined?.data).toMatchObject({ messageId: 'ses-a', via: 'pending_reference' });
    expect(await repo.findCaseByMessageId('first.1@mail.customer.example')).toBe(trackingOf(followUp));
  });

  it('threads the follow-up into the case of the original when they arrive in order: one case, one acknowledgement', async () => {
    const { receive, casesOf, acks } = intake();
    const original = await receive('ses-a', ORIGINAL);
    expect(await receive('ses-b', FOLLOW_UP)).toEqual({ kind: 'threaded', tracking: trackingOf(original) });
    expect(await casesOf()).toHaveLength(1);
    expect(acks()).toHaveLength(1);
  });

  it.each([
    ['follow-up started first', [FOLLOW_UP, ORIGINAL]],
    ['original started first', [ORIGINAL, FOLLOW_UP]],
  ])('gives one case and one acknowledgement when both are processed at once (%s)', async (_, specs) => {
    const { repo, receive, casesOf, acks } = intake();
    const outcomes = await Promise.all(specs.map((s, i) => receive(`ses-${i}`, s)));
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['case_opened', 'threaded']);
    expect(new Set(outcomes.map(trackingOf)).size).toBe(1);
    expect(await casesOf()).toHaveLength(1);
    expect(acks()).toHaveLength(1);
    // Both read before either wrote: the loser's conditions failed and it re-read.
    expect(repo.conflicts).toBeGreaterThanOrEqual(1);
  });

  it('joins a chain delivered newest first into one case', async () => {
    const { receive, casesOf, acks } = intake();
    const third = await receive('ses-c', {
      messageId: 'third.3@mail.customer.example',
      subject: 'Re: Re: My withdrawal is stuck',
      inReplyTo: 'second.2@mail.customer.example',
      // Some clients name only the mail they answer.
      references: ['second.2@mail.customer.example'],
    });
    const second = await receive('ses-b', FOLLOW_UP);
    const first = await receive('ses-a', ORIGINAL);
    expect([second, first]).toEqual([
      { kind: 'threaded', tracking: trackingOf(third) },
      { kind: 'threaded', tracking: trackingOf(third) },
    ]);
    expect(await casesOf()).toHaveLength(1);
    expect(acks()).toHaveLength(1);
  });

  it('stays silent on a late original even where replies are acknowledged', async () => {
    const { receive, queue } = intake({ ...EXAMPLE_PROFILE, acknowledgeReplies: true });
    await receive('ses-b', FOLLOW_UP);
    await receive('ses-a', ORIGINAL);
    expect(queue.bodies<{ purpose: string }>('outbound').map((b) => b.purpose)).toEqual(['acknowledgement']);
  });

  it('records a redelivered late original once, with no acknowledgement of its own', async () => {
    const { repo, receive, acks } = intake();
    const followUp = await receive('ses-b', FOLLOW_UP);
    await receive('ses-a', ORIGINAL);
    expect(await receive('ses-a', ORIGINAL)).toEqual({ kind: 'duplicate', tracking: trackingOf(followUp) });
    expect((await repo.listMessages(trackingOf(followUp))).map((m) => m.id)).toEqual(['ses-b', 'ses-a']);
    expect(new Set(acks().map((a) => JSON.stringify(a)))).toHaveProperty('size', 1);
  });

  it('never joins another sender whose mail carries the referenced Message-ID', async () => {
    const { receive, casesOf } = intake();
    const followUp = await receive('ses-b', FOLLOW_UP);
    const forged = await receive('ses-m', {
      ...ORIGINAL,
      from: mailbox('mallory@customer.example'),
    });
    expect(forged).toMatchObject({ kind: 'case_opened' });
    expect(trackingOf(forged)).not.toBe(trackingOf(followUp));
    expect(await casesOf()).toHaveLength(1);
  });

  it('does not join when the follow-up came from a sender that was not verified', async () => {
    const { receive, casesOf } = intake();
    await receive('ses-b', { ...FOLLOW_UP, receiver: 'none' });
    const original = await receive('ses-a', ORIGINAL);
    expect(original).toMatchObject({ kind: 'case_opened' });
    expect(await casesOf()).toHaveLength(2);
  });

  it('does not join when the late original is not verified', async () => {
    const { receive, casesOf } = intake();
    await receive('ses-b', FOLLOW_UP);
    expect(await receive('ses-a', { ...ORIGINAL, receiver: 'none' })).toMatchObject({ kind: 'case_opened' });
    expect(await casesOf()).toHaveLength(2);
  });

  it('lets the reference lapse: an original arriving after the pending time opens its own case', async () => {
    const { clock, receive, casesOf } = intake();
    await receive('ses-b', FOLLOW_UP);
    clock.advance({ days: 15 });
    expect(await receive('ses-a', ORIGINAL)).toMatchObject({ kind: 'case_opened' });
    expect(await casesOf()).toHaveLength(2);
  });

  // 150 mails a seed keeps the fast layer fast; the SMTP test sends 300 and the bench 1,000.
  it.each([1, 2, 3])(
    'gives 150 generated mails with 20%% follow-ups, 16 at a time, one case per thread and one acknowledgement each (seed %i)',
    async (seed) => {
      const { repo, receive, acks } = intake();
      const mails = generateSupportMail({ count: 150, tag: 'g', seed });
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < mails.length; i = next++) await receive(`ses-${i}`, specOf(mails[i]!));
      };
      await Promise.all(Array.from({ length: 16 }, worker));
      const casesByThread = new Map<string, Set<TrackingNumber | undefined>>();
      for (const m of mails) {
        const cases = casesByThread.get(m.thread) ?? new Set();
        casesByThread.set(m.thread, cases.add(await repo.findCaseByMessageId(m.messageId)));
      }
      const threads = mails.filter((m) => !m.followUp).length;
      expect(threads).toBe(120);
      expect([...casesByThread.values()].filter((c) => c.size === 1 && !c.has(undefined))).toHaveLength(threads);
      expect(new Set([...casesByThread.values()].flatMap((c) => [...c])).size).toBe(threads);
      expect(acks()).toHaveLength(threads);
    },
  );
});

/** What the MIME parser would make of a generated mail (the fakes take parsed mail). */
function specOf(m: SupportMail): ParsedMailSpec {
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(m.raw)?.[1]?.trim();
  const ids = (v: string | undefined) =>
    (v ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => id.replace(/[<>]/g, ''));
  const inReplyTo = ids(header('In-Reply-To'))[0];
  return {
    from: m.from,
    messageId: m.messageId,
    subject: header('Subject') ?? '',
    references: ids(header('References')),
    ...(inReplyTo ? { inReplyTo } : {}),
  };
}
