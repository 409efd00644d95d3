import type { CaseChange } from '../../lambdas/core/ports';
import { ConcurrencyError } from '../../lambdas/core/errors';
import { InMemoryCaseRepository } from '../fakes/case-repository';
import { intakeWorld, type IntakeWorldOptions } from './harness';

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

/**
 * A case opened through intake on a `ContendedRepository`, and `replyWhileBusy`: the customer's reply
 * to it, delivered while other writes keep landing on the case for `busyMs`.
 */
async function busyThread(opts: Omit<IntakeWorldOptions, 'repo'> = {}) {
  let contended: ContendedRepository | undefined;
  const world = intakeWorld({ ...opts, repo: (clock) => (contended = new ContendedRepository(clock)) });
  const repo = contended!;
  const first = await world.deliver({ subject: 'Cannot withdraw my BTC' });
  if (first.kind !== 'case_opened') throw new Error(`expected a new case, got ${first.kind}`);
  const ours = (await world.repo.getCase(first.tracking))!.threadMessageIds[0]!;
  const replyWhileBusy = (busyMs: number) => {
    repo.busyUntil = Date.now() + busyMs;
    return world.deliver({ subject: 'Re: Cannot withdraw my BTC', inReplyTo: ours, references: [ours] });
  };
  return { world, repo, tracking: first.tracking, replyWhileBusy };
}

describe('a reply to a case other writers are busy with', () => {
  it('is threaded once the other writes are done, within the invocation, not left to a redelivery', async () => {
    const { world, repo, tracking, replyWhileBusy } = await busyThread();

    // Other writes keep landing on the case for 100 ms, longer than all the attempts take without pauses.
    const reply = await replyWhileBusy(100);

    expect(reply).toEqual({ kind: 'threaded', tracking });
    expect(repo.lost).toBeGreaterThanOrEqual(2);
    const inbound = (await world.repo.listMessages(tracking)).filter((m) => m.direction === 'in');
    expect(inbound).toHaveLength(2);
  });

  it('books the sender’s acknowledgement budget once, however many tries the reply needs', async () => {
    const { world, repo, tracking, replyWhileBusy } = await busyThread({
      profile: { acknowledgeReplies: true },
      ackBudget: { perSenderPerDay: 2 },
    });

    // The reply takes the sender's second and last place of the day, on whichever try commits.
    const reply = await replyWhileBusy(50);

    expect(repo.lost).toBeGreaterThanOrEqual(2);
    expect(reply).toEqual({ kind: 'threaded', tracking });
    expect(world.queue.bodies<{ purpose: string }>('outbound').map((b) => b.purpose)).toEqual([
      'acknowledgement',
      'reply_received',
    ]);
  });

  it('still gives up with the ConcurrencyError when the case stays busy past its attempts', async () => {
    const { repo, replyWhileBusy } = await busyThread();

    await expect(replyWhileBusy(Number.POSITIVE_INFINITY)).rejects.toThrow(ConcurrencyError);
    expect(repo.lost).toBe(8);
  });
});
