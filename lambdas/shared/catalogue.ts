/**
 * The function catalogue: for each of the seven Lambda functions, what it may touch (table actions, mail
 * bucket prefixes, queues, the signing secret, SES sending) and, derived from that, exactly the
 * environment variables it is given. One table read by three readers, so they cannot drift apart:
 *
 * - lib/ grants these permissions and sets these variables (lib/grants.ts), and nothing else;
 * - local/ sets the same variable names for the local stack (local/resources.ts);
 * - each handler's config (lambdas/shared/config.ts) requires exactly its entry's variables.
 *
 * Pure data: no AWS SDK, no CDK, no I/O, so all three composition roots may import it.
 */

import { ATTACHMENT_KEY_PREFIX } from '../core/attachment';
import { EXPORT_KEY_PREFIX } from '../core/export-job';
import { FROZEN_REPORT_PREFIX } from '../core/reports/frozen-report';
import { BODY_KEY_PREFIX } from '../core/message-body';
import { DEFAULT_ACK_BUDGET, type AckBudgetLimits } from '../core/ack-budget';

/** The seven Lambda handlers in lambdas/handlers, each `export const handler`. */
export const FUNCTION_NAMES = ['intake', 'mailer', 'timers', 'sweeper', 'api', 'feedback', 'exports'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** Environment variable names, spelled once. */
export const ENV = {
  tableName: 'TABLE_NAME',
  mailBucket: 'MAIL_BUCKET',
  mailRetentionDays: 'MAIL_RETENTION_DAYS',
  outboundQueueUrl: 'OUTBOUND_QUEUE_URL',
  outboundBulkQueueUrl: 'OUTBOUND_BULK_QUEUE_URL',
  timersQueueUrl: 'TIMERS_QUEUE_URL',
  exportsQueueUrl: 'EXPORTS_QUEUE_URL',
  profile: 'DOCKET_PROFILE',
  slaPreset: 'SLA_PRESET',
  slaPolicy: 'SLA_POLICY',
  signingSecretArn: 'SIGNING_SECRET_ARN',
  /** The literal key, for the local stack only; on AWS the ARN is set and the value read at cold start. */
  signingSecret: 'SIGNING_SECRET',
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  /** ARN of the KMS key that signs exports (AWS). */
  exportSigningKeyId: 'EXPORT_SIGNING_KEY_ID',
  /** PEM file of the ECDSA P-256 key that signs exports, for the local stack only (it creates the file). */
  exportSigningKeyFile: 'EXPORT_SIGNING_KEY_FILE',
  changedBy: 'DOCKET_CHANGED_BY',
  /** Optional, intake: acknowledgements queued per minute, all senders (overrides the catalogue's `ackBudget`). */
  ackBudgetPerMinute: 'ACK_BUDGET_PER_MINUTE',
  /** Optional, intake: acknowledgements one address gets per UTC day (overrides the catalogue's `ackBudget`). */
  ackCapPerSenderPerDay: 'ACK_CAP_PER_SENDER_PER_DAY',
  /** Set by Lambda itself (and by the local stack); Message-ID threading depends on it, so it has no default. */
  region: 'AWS_REGION',
} as const;
export type EnvName = (typeof ENV)[keyof typeof ENV];

/** Key prefix SES writes raw inbound mail under; the S3 notification to the intake queue filters on it. */
export const INBOUND_PREFIX = 'inbound/';
/** Key prefix the mailer writes the exact MIME it sent under. */
export const SENT_PREFIX = 'sent/';
/**
 * Key prefix the intake stores each inbound attachment under on its own, so the API can hand out a link
 * to one file without any reach into the raw mail (core/attachment.ts builds the keys).
 */
export const ATTACHMENTS_PREFIX = ATTACHMENT_KEY_PREFIX;
/**
 * Key prefix the intake stores message bodies too large for their item under (core/message-body.ts); the
 * API reads them back one entry at a time and for exports.
 */
export const BODIES_PREFIX = BODY_KEY_PREFIX;
/** Key prefix of the hourly audit manifests the sweeper writes (core/audit-manifest.ts), each locked. */
export const MANIFEST_PREFIX = 'manifests/';
/** Key prefix of the record exports the exports worker writes (core/export-job.ts), each locked. */
export const EXPORTS_PREFIX = EXPORT_KEY_PREFIX;
/** Key prefix of frozen quarterly reports (core/reports/frozen-report.ts), each locked. */
export const REPORTS_PREFIX = FROZEN_REPORT_PREFIX;
export type MailPrefix =
  | typeof INBOUND_PREFIX
  | typeof SENT_PREFIX
  | typeof ATTACHMENTS_PREFIX
  | typeof BODIES_PREFIX
  | typeof MANIFEST_PREFIX
  | typeof EXPORTS_PREFIX
  | typeof REPORTS_PREFIX;

/**
 * Queues a function may send to (the work queues; SES events reach the feedback queue through SNS).
 * Outbound mail has two lanes: `outbound` (acknowledgements, agents' replies, decisions) and
 * `outbound-bulk` (status updates, auto-close mail, broadcast notices and their fan-out).
 */
export type SendQueue = 'outbound' | 'outbound-bulk' | 'timers' | 'exports';
/** Queues an event source feeds a function from. */
export type ConsumedQueue = 'inbound' | 'outbound' | 'outbound-bulk' | 'timers' | 'feedback' | 'exports';

/** Reads by key and by index. No Scan: every read path has a key or an index. */
export const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:Query'] as const;
/**
 * Conditional puts and updates, also inside TransactWriteItems (IAM checks each item's own action), and the
 * condition checks such a transaction makes on items it does not write (pending references,
 * docs/adr/0007-pending-references.md). No BatchWriteItem, which takes no condition and can delete.
 */
export const TABLE_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'] as const;
/**
 * Several keys read in one request, for the intake alone: its redelivery check and Message-ID lookup on every
 * mail (the same items GetItem reads; one request instead of two).
 */
export const TABLE_BATCH_READ = ['dynamodb:BatchGetItem'] as const;
export type TableAction =
  (typeof TABLE_READ)[number] | (typeof TABLE_BATCH_READ)[number] | (typeof TABLE_WRITE)[number];

export interface TableAccess {
  readonly actions: readonly TableAction[];
  /**
   * Partition-key prefixes the function may DeleteItem in (IAM `dynamodb:LeadingKeys`); nothing else is
   * deletable, audit events (`CASE#...` partitions) above all.
   * @default - no DeleteItem at all
   */
  readonly deleteIn?: readonly string[];
}

export interface BucketAccess {
  /** Prefixes read (`s3:GetObject`, which HeadObject also needs). */
  readonly read?: readonly MailPrefix[];
  /** Prefixes written (`s3:PutObject`). */
  readonly write?: readonly MailPrefix[];
  /** Prefixes the function locks (`s3:PutObjectRetention`, compliance mode); gives it MAIL_RETENTION_DAYS. */
  readonly retain?: readonly MailPrefix[];
}

export interface FunctionEntry {
  /** What the function is for (the Lambda description). */
  readonly description: string;
  readonly table: TableAccess;
  /** @default - no bucket, no MAIL_BUCKET */
  readonly bucket?: BucketAccess;
  /** Queues it sends to (`sqs:SendMessage`); each gives it that queue's URL variable. */
  readonly sendsTo: readonly SendQueue[];
  /** The queue(s) its event sources consume. @default - invoked otherwise (schedule, HTTP API) */
  readonly consumes?: ConsumedQueue | readonly ConsumedQueue[];
  /** Whether it signs or verifies reply addresses and feedback links (reads the signing secret). */
  readonly signing: boolean;
  /**
   * Whether it sends mail through SES (`ses:SendRawEmail` on the identity and configuration set, and
   * `ses:GetSendQuota`, which sizes the shared send budget).
   */
  readonly sesSend: boolean;
  /**
   * Whether it maps SES message ids to the Message-IDs SES gave the mail (the sender port, without any
   * SES permission: the mapping calls nothing). Implied by `sesSend`.
   * @default false
   */
  readonly sesMessageIds?: boolean;
  /**
   * The acknowledgement budget of a function that answers mail (core/ack-budget.ts): automatic answers
   * queued per minute over all senders (more wait for a later minute, and an alarm fires) and per sender
   * per UTC day (more are not sent). ACK_BUDGET_PER_MINUTE and ACK_CAP_PER_SENDER_PER_DAY override it.
   * @default - the function sends no acknowledgements
   */
  readonly ackBudget?: AckBudgetLimits;
  /**
   * Whether it signs record exports (`kms:Sign` and `kms:GetPublicKey` on the export signing key, and
   * EXPORT_SIGNING_KEY_ID; locally EXPORT_SIGNING_KEY_FILE).
   * @default false
   */
  readonly exportSigning?: boolean;
}

const READ_WRITE: TableAccess = { actions: [...TABLE_READ, ...TABLE_WRITE] };

/** The permission table. Read it as "function -> everything it may do"; the template tests hold lib/ to it. */
export const CATALOGUE = {
  // Reads raw mail, locks it, stores (and locks) each attachment and each large body on its own, writes
  // the case, queues the acknowledgement and the deadlines.
  intake: {
    description: 'Docket intake: raw mail to cases',
    table: { actions: [...TABLE_READ, ...TABLE_BATCH_READ, ...TABLE_WRITE] },
    bucket: {
      read: [INBOUND_PREFIX],
      write: [ATTACHMENTS_PREFIX, BODIES_PREFIX],
      retain: [INBOUND_PREFIX, ATTACHMENTS_PREFIX, BODIES_PREFIX],
    },
    sendsTo: ['outbound', 'timers'],
    consumes: 'inbound',
    signing: true,
    sesSend: false,
    ackBudget: DEFAULT_ACK_BUDGET,
  },
  // Renders, stores and locks the exact MIME under sent/, sends through SES, records on the case. Its
  // send lease (one sender per mail) is the only item anyone deletes. Sends to its own queues: mail
  // deferred by the send budget or SES's limits goes back there as a new, delayed message, and a
  // broadcast notice fans out page by page on the bulk lane.
  mailer: {
    description: 'Docket mailer: outbound mail through SES',
    table: { ...READ_WRITE, deleteIn: ['LEASE#'] },
    bucket: { write: [SENT_PREFIX], retain: [SENT_PREFIX] },
    sendsTo: ['outbound', 'outbound-bulk'],
    consumes: ['outbound', 'outbound-bulk'],
    signing: true,
    sesSend: true,
  },
  // Acts on due deadlines, re-enqueues long waits, queues reminders and status updates. Signs nothing.
  timers: {
    description: 'Docket timers: reminders, escalations, updates',
    table: READ_WRITE,
    sendsTo: ['outbound', 'outbound-bulk', 'timers'],
    consumes: 'timers',
    signing: false,
    sesSend: false,
  },
  // Arms the deadline wake-ups coming due (and re-arms lost ones) from the due-time index, records
  // configuration changes, and writes the hourly audit manifests and the frozen quarterly reports
  // (locked: HeadObject to see which are written, PutObject with retention). Reads no mail.
  sweeper: {
    description: 'Docket sweeper: arms deadline wake-ups coming due',
    table: READ_WRITE,
    bucket: {
      read: [MANIFEST_PREFIX, REPORTS_PREFIX],
      write: [MANIFEST_PREFIX, REPORTS_PREFIX],
      retain: [MANIFEST_PREFIX, REPORTS_PREFIX],
    },
    sendsTo: ['timers'],
    signing: false,
    sesSend: false,
  },
  // Internet-facing: cases, replies (outbound), broadcasts (one fan-out message on outbound-bulk),
  // deadlines (timers), feedback links (verifies signatures), signed record exports of small
  // selections, export jobs (queued on exports). Of the mail bucket it reads attachments/ and exports/ (to
  // sign one-object download links) and bodies/ (large message bodies, one entry at a time and in exports)
  // only; raw and sent mail stay out of its reach.
  api: {
    description: 'Docket agent API',
    table: READ_WRITE,
    bucket: { read: [ATTACHMENTS_PREFIX, EXPORTS_PREFIX, BODIES_PREFIX] },
    sendsTo: ['outbound', 'outbound-bulk', 'timers', 'exports'],
    signing: true,
    sesSend: false,
    exportSigning: true,
  },
  // Annotates cases and suppresses addresses after bounces and complaints.
  feedback: {
    description: 'Docket feedback: SES bounces and complaints',
    table: READ_WRITE,
    sendsTo: [],
    consumes: 'feedback',
    signing: false,
    sesSend: false,
    sesMessageIds: true,
  },
  // Export jobs: pages through the cases of a range (large message bodies read back from bodies/),
  // streams the signed NDJSON into exports/ as a
  // multipart upload with compliance retention (s3:PutObject covers the upload calls; the lock headers
  // need s3:PutObjectRetention; HeadObject checks a completion whose job update was lost), and queues
  // itself to continue near its time limit. Its lease on a job is the only item it deletes.
  exports: {
    description: 'Docket exports: record exports of date ranges, as jobs',
    table: { ...READ_WRITE, deleteIn: ['LEASE#'] },
    bucket: { read: [EXPORTS_PREFIX, BODIES_PREFIX], write: [EXPORTS_PREFIX], retain: [EXPORTS_PREFIX] },
    sendsTo: ['exports'],
    consumes: 'exports',
    signing: false,
    sesSend: false,
    exportSigning: true,
  },
} as const satisfies Readonly<Record<FunctionName, FunctionEntry>>;

const QUEUE_ENV: Readonly<Record<SendQueue, EnvName>> = {
  outbound: ENV.outboundQueueUrl,
  'outbound-bulk': ENV.outboundBulkQueueUrl,
  timers: ENV.timersQueueUrl,
  exports: ENV.exportsQueueUrl,
};

/** The queues a function's event sources consume (none for a scheduled or HTTP function). */
export function consumedQueues(entry: FunctionEntry): readonly ConsumedQueue[] {
  const c = entry.consumes;
  return c === undefined ? [] : typeof c === 'string' ? [c] : c;
}

/** The variable holding a send queue's URL. */
export const queueEnv = (queue: SendQueue): EnvName => QUEUE_ENV[queue];

/**
 * The variables a function requires, derived from its entry. AWS_REGION comes from Lambda; the signing
 * secret is SIGNING_SECRET_ARN on AWS or SIGNING_SECRET locally (config.ts accepts either).
 */
export function requiredEnv(name: FunctionName): EnvName[] {
  const e: FunctionEntry = CATALOGUE[name];
  return [
    ENV.region,
    ENV.tableName,
    ENV.profile,
    ENV.slaPreset,
    ...(e.bucket ? [ENV.mailBucket] : []),
    ...(e.bucket?.retain?.length ? [ENV.mailRetentionDays] : []),
    ...e.sendsTo.map(queueEnv),
  ];
}

/**
 * Variables a function reads when present. SES_CONFIGURATION_SET is always set on AWS (with the send
 * grant) but optional so the local SES emulator needs none.
 */
export const OPTIONAL_ENV: readonly EnvName[] = [
  ENV.slaPolicy,
  ENV.changedBy,
  ENV.sesConfigurationSet,
  ENV.ackBudgetPerMinute,
  ENV.ackCapPerSenderPerDay,
];

/** Metric the mailer emits each time mail is held because SES's 24-hour quota is spent (lib/ alarms on it). */
export const DAILY_QUOTA_METRIC = 'DailyQuotaExhausted';

/**
 * Metric the intake emits for each acknowledgement the global budget delays to a later minute (lib/ alarms
 * on it): a flood, forged or real, is answering through Docket's domain.
 */
export const ACK_BUDGET_METRIC = 'AckBudgetExceeded';
/** Metrics the mailer emits after each batch about sending (lib/ graphs them and alarms before the quota runs out). */
export const SEND_METRICS = {
  /** Messages waiting on both outbound lanes. */
  backlog: 'SendBacklog',
  /** Messages waiting on the interactive lane. */
  interactiveBacklog: 'SendBacklogInteractive',
  /** Share of the current second's send budget taken, percent. */
  budgetInUse: 'SendBudgetInUse',
  /** Sends per second the budget hands out. */
  budgetRate: 'SendBudgetRate',
  /** Seconds to send both lanes at the current budget. */
  drainSeconds: 'ProjectedDrainSeconds',
  /** Share of SES's 24-hour quota used, percent. */
  dailyQuotaUsed: 'DailyQuotaUsedPercent',
} as const;
