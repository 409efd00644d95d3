import type { CaseChange } from '../../lambdas/core/ports';
import { ConcurrencyError } from '../../lambdas/core/errors';
import { InMemoryCaseRepository } from '../fakes/case-repository';
import { intakeWorld } from './harness';

/**
 * A repository on which, while `busyUntil` lies ahead, every edit of an existing case loses to another
 * write that lands just before it (the acknowledgement being recorded, another mail of the thread).
 */
class ContendedRepository extends InMemoryCaseRepository {
  busyUntil = 0;
  lost = 0;

  override async commit(change: CaseChange): Promise<void> {
    if (change.expectedVersion !== null && Date.now() < this.busyUntil) {
      const stored = (await this.getCase(change.case.tracking))!;
      await super.commit({ case: { ...stored, version: stored.version + 1 }, expectedVersion: stored.version });
      this.lost++;
    }
    return super.commit(change);
  }
}

describe('a reply to a case other writers are busy with', () => {
  it('is threaded once the other writes are done, within the invocation, not left to a redelivery', async () => {
    let repo: ContendedRepository | undefined;
    const world = intakeWorld({ repo: (clock) => (repo = new ContendedRepository(clock)) });
    const first = await world.deliver({ subject: 'Cannot withdraw my BTC' });
    if (first.kind !== 'case_opened') throw new Error(`expected a new case, got ${first.kind}`);
    const ours = (await world.repo.getCase(first.tracking))!.threadMessageIds[0]!;

    // Other writes keep landing on the case for 100 ms, longer than all the attempts take without pauses.
    repo!.busyUntil = Date.now() + 100;
    const reply = await world.deliver({ subject: 'Re: Cannot withdraw my BTC', inReplyTo: ours, references: [ours] });

    expect(reply).toEqual({ kind: 'threaded', tracking: first.tracking });
    expect(repo!.lost).toBeGreaterThanOrEqual(2);
    const inbound = (await world.repo.listMessages(first.tracking)).filter((m) => m.direction === 'in');
    expect(inbound).toHaveLength(2);
  });

  it('books the sender’s acknowledgement budget once, however many tries the reply needs', async () => {
    let repo: ContendedRepository | undefined;
    const world = intakeWorld({
      repo: (clock) => (repo = new ContendedRepository(clock)),
      profile: { acknowledgeReplies: true },
      ackBudget: { perSenderPerDay: 2 },
    });
    const first = await world.deliver({ subject: 'Cannot withdraw my BTC' });
    if (first.kind !== 'case_opened') throw new Error(`expected a new case, got ${first.kind}`);
    const ours = (await world.repo.getCase(first.tracking))!.threadMessageIds[0]!;

    // The reply takes the sender's second and last place of the day, on whichever try commits.
    repo!.busyUntil = Date.now() + 50;
    const reply = await world.deliver({ subject: 'Re: Cannot withdraw my BTC', inReplyTo: ours, references: [ours] });

    expect(repo!.lost).toBeGreaterThanOrEqual(2);
    expect(reply).toEqual({ kind: 'threaded', tracking: first.tracking });
    expect(world.queue.bodies<{ purpose: string }>('outbound').map((b) => b.purpose)).toEqual([
      'acknowledgement',
      'reply_received',
    ]);
  });

  it('still gives up with the ConcurrencyError when the case stays busy past its attempts', async () => {
    let repo: ContendedRepository | undefined;
    const world = intakeWorld({ repo: (clock) => (repo = new ContendedRepository(clock)) });
    const first = await world.deliver({ subject: 'Cannot withdraw my BTC' });
    if (first.kind !== 'case_opened') throw new Error(`expected a new case, got ${first.kind}`);
    const ours = (await world.repo.getCase(first.tracking))!.threadMessageIds[0]!;

    repo!.busyUntil = Number.POSITIVE_INFINITY;
    await expect(
      world.deliver({ subject: 'Re: Cannot withdraw my BTC', inReplyTo: ours, references: [ours] }),
    ).rejects.toThrow(ConcurrencyError);
    expect(repo!.lost).toBe(8);
  });
});
