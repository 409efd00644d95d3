import { inMemoryAckBudget } from '../fakes/ack-counters';
import type { ApiDeps } from '../../lambdas/app/api/api-deps';
import type { TimerDeps } from '../../lambdas/app/deadlines/handle-timer';
import { createDeadlinePlanner } from '../../lambdas/app/deadlines/planner';
import { processInbound, type IntakeDeps } from '../../lambdas/app/intake/process-inbound';
import type { Case } from '../../lambdas/core/case';
import { EXAMPLE_PROFILE } from '../../lambdas/core/firm-profile';
import type { TimerMessage } from '../../lambdas/core/ports';
import { getPreset } from '../../lambdas/core/sla/presets';
import type { TrackingNumber } from '../../lambdas/core/tracking-number';
import { InMemoryBlobStore } from '../fakes/blob-store';
import { InMemoryCaseRepository } from '../fakes/case-repository';
import { FakeClock, SequentialIds } from '../fakes/clock';
import { JsonMimeParser, rawFor } from '../fakes/mime-parser';
import { InMemoryQueue } from '../fakes/queue';
import { InMemoryMacroStore, InMemoryNoticeStore, InMemoryReportStore } from '../fakes/stores';
import { parsedMail, type ParsedMailSpec } from '../support/parsed-mail';

export const SIGNING_SECRET = 'test-signing-secret-of-enough-length';

/** A port the use case under test must not touch: any call fails the test and names the call. */
export function unused<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_, prop) =>
      prop === 'then'
        ? undefined
        : () => {
            throw new Error(`${name}.${String(prop)} was called, but this use case should not need it`);
          },
  });
}

/**
 * The whole application on in-memory ports sharing one repository, queue and standing clock: intake opens
 * cases as it would in production, then the API, timer and mailer use cases act on them.
 */
export function appHarness(start = '2026-03-02T14:00:00.000Z') {
  const clock = new FakeClock(start);
  const ids = new SequentialIds('id');
  const repo = new InMemoryCaseRepository(clock);
  const blobs = new InMemoryBlobStore(clock, 2557);
  const queue = new InMemoryQueue();
  const policy = getPreset('nydfs');
  const planDeadlines = createDeadlinePlanner({ repo, presetName: 'nydfs', policy, ids });
  const notices = new InMemoryNoticeStore(clock);
  const intake: IntakeDeps = {
    repo,
    blobs,
    queue,
    clock,
    ids,
    profile: EXAMPLE_PROFILE,
    planDeadlines,
    signingSecret: SIGNING_SECRET,
    parser: new JsonMimeParser(),
    ackBudget: inMemoryAckBudget(),
  };
  const api: ApiDeps = {
    repo,
    queue,
    clock,
    ids,
    profile: EXAMPLE_PROFILE,
    planDeadlines,
    signingSecret: SIGNING_SECRET,
    exportSigner: unused('exportSigner'),
    notices,
    reports: new InMemoryReportStore(repo),
    accessLog: unused('accessLog'),
    macros: new InMemoryMacroStore(),
    policy,
    downloads: unused('downloads'),
    // The same bucket, without retention: the API only reads stored bodies.
    blobs: new InMemoryBlobStore(clock, undefined, blobs.objects),
  };
  const timers: TimerDeps = { repo, queue, clock, planDeadlines, policy };
  let n = 0;

  /** A customer mail through intake; returns the case it opened (and empties nothing from the queue). */
  async function openCase(spec: ParsedMailSpec = {}): Promise<Case> {
    const sesMessageId = `ses-${++n}`;
    const key = `inbound/${sesMessageId}`;
    await blobs.put(
      key,
      rawFor(parsedMail({ messageId: `${sesMessageId}@customer.example`, ...spec })),
      'message/rfc822',
    );
    const outcome = await processInbound({ key, sesMessageId }, intake);
    if (outcome.kind !== 'case_opened') throw new Error(`expected a new case, got ${JSON.stringify(outcome)}`);
    return (await repo.getCase(outcome.tracking))!;
  }

  /** The timer wake-ups queued so far for one case, taking them off the queue. */
  function takeTimers(tracking: TrackingNumber): TimerMessage[] {
    const all = queue.take<TimerMessage>('timers').map((m) => m.body as TimerMessage);
    const others = all.filter((m) => m.tracking !== tracking);
    if (others.length)
      void queue.sendBatch(
        'timers',
        others.map((body) => ({ body })),
      );
    return all.filter((m) => m.tracking === tracking);
  }

  return { clock, ids, repo, blobs, queue, policy, notices, intake, api, timers, openCase, takeTimers };
}

export const AGENT = { sub: 'alice.agent', roles: ['agent'] } as const;
export const SUPERVISOR = { sub: 'sam.supervisor', roles: ['supervisor'] } as const;
