import { DynamoNoticeStore } from '../adapters/dynamodb/notice-store';
import { DynamoSendWindowStore } from '../adapters/dynamodb/send-window-store';
import { SesSendQuotaSource } from '../adapters/ses-send-quota';
import { SqsQueueDepth } from '../adapters/sqs-queue-depth';
import { createSendBacklogReader } from '../app/mailer/send-backlog';
import { createSendGate, QUOTA_REFRESH_MS, type SendGate } from '../app/mailer/send-gate';
import { drainSeconds, type SendBacklog } from '../core/send-budget';
import { nodemailerComposer } from '../adapters/mime/compose';
import { buildRenderContext } from '../app/mailer/render-context';
import type { DeliveryDeps } from '../app/mailer/deliver-outbound';
import type { MailerDeps } from '../app/mailer/send-outbound';
import { ConfigError } from '../core/errors';
import { clients } from './clients';
import { TTL_ATTRIBUTE } from '../adapters/dynamodb/table-schema';
import type { Container } from './container';
import { loadMailerConfig, type MailerConfig } from './mailer-config';

/** The mailer's ports, wired once per container (the mailer function's part of the composition root). */
export function mailerDeps(c: Container<'mailer'>, config: MailerConfig = loadMailerConfig()): MailerDeps {
  const retentionDays = c.config.mailRetentionDays;
  // The mailer keeps what it sent: without a retention period it must not start (the stack sets it).
  if (retentionDays === undefined) throw new ConfigError('environment variable MAIL_RETENTION_DAYS is required');
  return {
    repo: c.repo,
    blobs: c.blobs,
    sender: c.sender,
    composer: nodemailerComposer,
    clock: c.clock,
    ids: c.ids,
    profile: c.profile,
    signingSecret: c.signingSecret,
    notices: new DynamoNoticeStore(clients().dynamo, c.config.tableName, () => c.clock.now()),
    renderContext: async () => {
      // The backlog only adds to the stated time: if it cannot be read, the mail still goes.
      const [context, backlog] = await Promise.all([
        buildRenderContext(c),
        sendBacklog(c, config)().catch(() => undefined),
      ]);
      return {
        ...context,
        sendBacklogSeconds: backlog ? drainSeconds(backlog.interactive, backlog.capacity) : 0,
      };
    },
    sentRetentionDays: retentionDays,
  };
}

let gate: SendGate | undefined;
let backlogReader: (() => Promise<SendBacklog>) | undefined;

/** Reused this long: every acknowledgement reads the backlog, SQS is asked at most every few seconds. */
const BACKLOG_CACHE_MS = 5_000;

/** The sending backlog (both lanes, the budget, time to drain), one reader per container. */
export function sendBacklog(
  c: Container<'mailer'>,
  config: MailerConfig = loadMailerConfig(),
): () => Promise<SendBacklog> {
  backlogReader ??= createSendBacklogReader({
    gate: sendGate(c, config),
    gauge: new SqsQueueDepth(clients().sqs, c.config.queueUrls),
    store: new DynamoSendWindowStore(clients().dynamo, c.config.tableName, TTL_ATTRIBUTE),
    clock: c.clock,
    cacheMs: BACKLOG_CACHE_MS,
  });
  return backlogReader;
}

/**
 * The shared send budget, one per container so the account's quota is read at cold start and refreshed
 * every few minutes, not at every invocation.
 */
export function sendGate(c: Container<'mailer'>, config: MailerConfig = loadMailerConfig()): SendGate {
  gate ??= createSendGate({
    store: new DynamoSendWindowStore(clients().dynamo, c.config.tableName, TTL_ATTRIBUTE),
    quota: new SesSendQuotaSource(clients().ses),
    ...(config.sendRateCeiling !== undefined ? { ceiling: config.sendRateCeiling } : {}),
    clock: c.clock,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    quotaRefreshMs: QUOTA_REFRESH_MS,
  });
  return gate;
}

/**
 * The mailer's delivery loop: its ports, the outbound queue that deferred mail goes back to, and the
 * shared send budget before every send.
 */
export function deliveryDeps(c: Container<'mailer'>, config: MailerConfig = loadMailerConfig()): DeliveryDeps {
  const budget = sendGate(c, config);
  return {
    mailer: mailerDeps(c, config),
    queue: c.queue,
    dailyQuotaHoldSeconds: config.dailyQuotaHoldSeconds,
    beforeSend: (req) => budget.beforeSend(req),
    backlog: sendBacklog(c, config),
    budgetFull: (req) => budget.full(req),
  };
}
