import { inMemoryAckBudget } from '../fakes/ack-counters';
import type { ApiDeps } from '../../lambdas/app/api/api-deps';
import type { TimerDeps } from '../../lambdas/app/deadlines/handle-timer';
import { createDeadlinePlanner } from '../../lambdas/app/deadlines/planner';
import { buildRenderContext } from '../../lambdas/app/mailer/render-context';
import type { MailerDeps } from '../../lambdas/app/mailer/send-outbound';
import { nodemailerComposer } from '../../lambdas/adapters/mime/compose';
import { processInbound, type IntakeDeps, type IntakeOutcome } from '../../lambdas/app/intake/process-inbound';
import type { AckBudgetLimits } from '../../lambdas/core/ack-budget';
import type { AttachmentReader } from '../../lambdas/core/attachment';
import type { Case } from '../../lambdas/core/case';
import { EXAMPLE_PROFILE, type FirmProfile } from '../../lambdas/core/firm-profile';
import type { TimerMessage } from '../../lambdas/core/ports';
import { getPreset } from '../../lambdas/core/sla/presets';
import type { SlaPolicy } from '../../lambdas/core/sla/policy';
import type { TrackingNumber } from '../../lambdas/core/tracking-number';
import { InMemoryBlobStore } from '../fakes/blob-store';
import { InMemoryCaseRepository } from '../fakes/case-repository';
import { FakeClock, SequentialIds } from '../fakes/clock';
import { JsonMimeParser, rawFor } from '../fakes/mime-parser';
import { InMemoryQueue } from '../fakes/queue';
import { RecordingMailSender } from '../fakes/sender';
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

export interface IntakeWorldOptions {
  /** Where the standing clock starts. */
  readonly start?: string;
  /** Prefix of the sequential ids (deadline ids and the like). */
  readonly idPrefix?: string;
  readonly profile?: Partial<FirmProfile>;
  readonly ackBudget?: Partial<AckBudgetLimits>;
  /** Reads attachments out of a raw mail; without it intake stores none. */
  readonly attachments?: AttachmentReader;
  /** A repository subclass, for tests that watch its commits. */
  readonly repo?: (clock: FakeClock) => InMemoryCaseRepository;
  /** The SLA policy deadlines are planned with. @default the nydfs preset */
  readonly policy?: SlaPolicy;
  /** The parser's size limit. @default - none */
  readonly maxRawBytes?: number;
}

/**
 * Intake on in-memory ports sharing one repository, blob store, queue and standing clock: no emulator, no
 * MIME (mails are JSON-encoded parsed mails), no waiting. The one place use-case tests build intake.
 */
export function intakeWorld(opts: IntakeWorldOptions = {}) {
  const clock = new FakeClock(opts.start ?? '2026-03-02T14:00:00.000Z');
  const ids = new SequentialIds(opts.idPrefix ?? 'id');
  const repo = opts.repo ? opts.repo(clock) : new InMemoryCaseRepository(clock);
  const blobs = new InMemoryBlobStore(clock, 2557);
  const queue = new InMemoryQueue();
  const policy = opts.policy ?? getPreset('nydfs');
  const planDeadlines = createDeadlinePlanner({ repo, presetName: 'nydfs', policy, ids });
  const deps: IntakeDeps = {
    repo,
    blobs,
    queue,
    clock,
    ids,
    profile: { ...EXAMPLE_PROFILE, ...opts.profile },
    planDeadlines,
    signingSecret: SIGNING_SECRET,
    parser: new JsonMimeParser(opts.maxRawBytes === undefined ? {} : { maxRawBytes: opts.maxRawBytes }),
    ackBudget: inMemoryAckBudget(opts.ackBudget, clock),
    ...(opts.attachments ? { attachments: opts.attachments } : {}),
  };
  let n = 0;
  /**
   * Stores a mail under `inbound/<ses id>` as SES would and runs intake on it. The Message-ID defaults to one
   * derived from the SES id, so every delivery is a distinct mail unless the spec names one.
   */
  async function deliver(spec: ParsedMailSpec = {}, sesMessageId = `ses-${++n}`): Promise<IntakeOutcome> {
    return deliverRaw(rawFor(parsedMail({ messageId: `${sesMessageId}@customer.example`, ...spec })), sesMessageId);
  }
  /** The same with the stored bytes as given, for mail the parser should refuse. */
  async function deliverRaw(raw: string | Buffer, sesMessageId = `ses-${++n}`): Promise<IntakeOutcome> {
    const key = `inbound/${sesMessageId}`;
    await blobs.put(key, raw, 'message/rfc822');
    return processInbound({ key, sesMessageId }, deps);
  }
  return { clock, ids, repo, blobs, queue, policy, planDeadlines, deps, deliver, deliverRaw };
}

/**
 * The whole application on in-memory ports sharing one repository, queue and standing clock: intake opens
 * cases as it would in production, then the API, timer and mailer use cases act on them.
 */
export function appHarness(
  start = '2026-03-02T14:00:00.000Z',
  opts: { readonly policy?: SlaPolicy; readonly repo?: IntakeWorldOptions['repo'] } = {},
) {
  const world = intakeWorld({ start, ...opts });
  const { clock, ids, repo, blobs, queue, policy, planDeadlines, deliver } = world;
  const intake = world.deps;
  const notices = new InMemoryNoticeStore(clock);
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
    exportJobs: unused('exportJobs'),
    // The same bucket, without retention: the API only reads stored bodies.
    blobs: new InMemoryBlobStore(clock, undefined, blobs.objects),
  };
  const timers: TimerDeps = { repo, queue, clock, planDeadlines, policy };
  const sender = new RecordingMailSender();
  const mailer: MailerDeps = {
    repo,
    blobs,
    sender,
    // The real composer: pure (no I/O), and what the recipient reads is what a test should check.
    composer: nodemailerComposer,
    clock,
    ids,
    profile: EXAMPLE_PROFILE,
    signingSecret: SIGNING_SECRET,
    notices,
    renderContext: () =>
      buildRenderContext({ repo, clock, profile: EXAMPLE_PROFILE, policy, signingSecret: SIGNING_SECRET }),
    sentRetentionDays: 2557,
  };

  /** A customer mail through intake; returns the case it opened (and empties nothing from the queue). */
  async function openCase(spec: ParsedMailSpec = {}): Promise<Case> {
    const outcome = await deliver(spec);
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

  return { clock, ids, repo, blobs, queue, policy, notices, intake, api, timers, sender, mailer, openCase, takeTimers };
}

export const AGENT = { sub: 'alice.agent', roles: ['agent'] } as const;
export const SUPERVISOR = { sub: 'sam.supervisor', roles: ['supervisor'] } as const;
