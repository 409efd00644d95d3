import { randomBytes } from 'node:crypto';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { CreateBucketCommand, HeadBucketCommand, PutObjectLockConfigurationCommand } from '@aws-sdk/client-s3';
import { EXAMPLE_PROFILE, FirmProfileSchema, type FirmProfile } from '../lambdas/core/firm-profile';
import { ENV } from '../lambdas/shared/catalogue';
import { INDEXES, TABLE_KEYS, TTL_ATTRIBUTE, type IndexSchema } from '../lambdas/shared/table-schema';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localClients, type LocalClients, type LocalEndpoints } from './local-aws';

/**
 * The work queues; each has a `<name>-dlq`. Outbound mail has two lanes (lambdas/shared/catalogue.ts):
 * `outbound` for acknowledgements, replies and decisions, `outbound-bulk` for status updates, reminders
 * and broadcast notices; `exports` carries export jobs to the exports worker.
 */
export const QUEUE_NAMES = ['inbound', 'outbound', 'outbound-bulk', 'timers', 'exports'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Each queue's dead-letter queue. */
const dlqName = (queueName: string): string => `${queueName}-dlq`;

/**
 * Visibility timeouts as in the CDK stack (>= 6x each function's timeout): intake 180 s, mailer and
 * timers 60 s; the exports worker's 5 minutes make 30 minutes.
 */
export const VISIBILITY_SECONDS: Record<QueueName, number> = {
  inbound: 180,
  outbound: 60,
  'outbound-bulk': 60,
  timers: 60,
  exports: 1800,
};

/**
 * Batches in flight per queue, as the stack's event-source maximum concurrency where it matters: both
 * mailer lanes get the stack's default of 2. The interactive lane then holds 20 mails at once, fewer than
 * the send budget's look-ahead, so under a surge each waits for its place instead of being deferred
 * behind later mail (which is what kept acknowledgements out of arrival order with 100 in hand); the
 * bulk lane gets the minimum so a broadcast cannot crowd the interactive one.
 * @default - the poller's own default (10)
 */
export const POLLER_CONCURRENCY: Partial<Record<QueueName, number>> = { outbound: 4, 'outbound-bulk': 2, exports: 2 };

/**
 * Per-queue settings of the consuming function as in the CDK stack: export jobs come one per invocation
 * and an invocation may run 5 minutes (it continues itself before that).
 */
export const POLLER_BATCH_SIZE: Partial<Record<QueueName, number>> = { exports: 1 };
export const FUNCTION_TIMEOUT_MS: Partial<Record<QueueName, number>> = { exports: 300_000 };

/** Deliveries before SQS parks a message in the dead-letter queue. */
export const MAX_RECEIVE_COUNT = 5;

export const DEFAULT_SUPPORT_ADDRESS = 'support@exchange.example';

export interface QueueInfo {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly dlqUrl: string;
  readonly dlqArn: string;
  readonly visibilityTimeout: number;
}

export interface ResourceOptions {
  /** Prepended to every name so parallel test files never share a table, queue or bucket. Lowercase, digits, dashes. */
  readonly prefix?: string;
  readonly supportAddress?: string;
  /** HMAC key for reply addresses (>= 32 chars); random when omitted. */
  readonly signingSecret?: string;
  /** Tests shorten redelivery: one visibility timeout for every queue. */
  readonly visibilityTimeoutSeconds?: number;
  readonly maxReceiveCount?: number;
  /**
   * PEM file of the ECDSA P-256 key that signs exports (`loadOrCreateExportKey`): the local stack keeps it
   * under DOCKET_DATA_DIR, a test env or an in-memory stack in a folder of its own that it removes.
   */
  readonly exportSigningKeyFile: string;
}

export interface LocalResources {
  readonly tableName: string;
  readonly bucket: string;
  readonly queues: Record<QueueName, QueueInfo>;
  readonly profile: FirmProfile;
  /**
   * The variables of every function's catalogue entry (lambdas/shared/catalogue.ts), plus SDK endpoints and
   * INBOUND_QUEUE_URL for the local pollers.
   */
  readonly env: Record<string, string>;
}

/** The example firm with the support address (and its domain) swapped in. */
export function localProfile(supportAddress = DEFAULT_SUPPORT_ADDRESS): FirmProfile {
  const domain = supportAddress.split('@')[1] ?? '';
  return FirmProfileSchema.parse({ ...EXAMPLE_PROFILE, supportAddress, ownDomains: [domain.toLowerCase()] });
}

function gsiOf(ix: IndexSchema): GlobalSecondaryIndex {
  return {
    IndexName: ix.name,
    KeySchema: [
      { AttributeName: ix.partitionKey, KeyType: 'HASH' },
      { AttributeName: ix.sortKey, KeyType: 'RANGE' },
    ],
    Projection: ix.include
      ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...ix.include] }
      : { ProjectionType: 'ALL' },
  };
}

/**
 * A table kept in DOCKET_DATA_DIR from before an index existed gets it added (DynamoDB Local builds it
 * from the items there), one index per update as on AWS.
 */
async function addMissingIndexes(clients: Pick<LocalClients, 'dynamo'>, tableName: string): Promise<void> {
  const table = await clients.dynamo.send(new DescribeTableCommand({ TableName: tableName }));
  const present = new Set((table.Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  for (const ix of (Object.values(INDEXES) as IndexSchema[]).filter((i) => !present.has(i.name))) {
    await clients.dynamo.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [ix.partitionKey, ix.sortKey].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
        GlobalSecondaryIndexUpdates: [{ Create: gsiOf(ix) }],
      }),
    );
    for (let waited = 0; ; waited += 200) {
      const d = await clients.dynamo.send(new DescribeTableCommand({ TableName: tableName }));
      const status = d.Table?.GlobalSecondaryIndexes?.find((g) => g.IndexName === ix.name)?.IndexStatus;
      if (status === 'ACTIVE') break;
      if (waited > 60_000) throw new Error(`index ${ix.name} of ${tableName} is still ${status} after a minute`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Creates (idempotently) the table with every index and TTL, as the stack defines it (also the bench's seed tables). */
export async function createTable(clients: Pick<LocalClients, 'dynamo'>, tableName: string): Promise<void> {
  const gsis = (Object.values(INDEXES) as IndexSchema[]).map(gsiOf);
  const attributes = [
    TABLE_KEYS.partitionKey,
    TABLE_KEYS.sortKey,
    ...Object.values(INDEXES).flatMap((ix) => [ix.partitionKey, ix.sortKey]),
  ];
  try {
    await clients.dynamo.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        GlobalSecondaryIndexes: gsis,
      }),
    );
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw err; // already there: idempotent
  }
  await waitUntilTableExists({ client: clients.dynamo, maxWaitTime: 30 }, { TableName: tableName });
  await addMissingIndexes(clients, tableName);
  const ttl = await clients.dynamo.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
    await clients.dynamo.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  }
}

async function createQueue(
  clients: ReturnType<typeof localClients>,
  name: string,
  visibilityTimeout: number,
  maxReceiveCount: number,
): Promise<QueueInfo> {
  const arnOf = async (url: string): Promise<string> => {
    const out = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
    const arn = out.Attributes?.QueueArn;
    if (!arn) throw new Error(`queue ${url} has no ARN`);
    return arn;
  };
  // 14 days, the SQS maximum: a parked message waits for a human redrive.
  const dlq = await clients.sqs.send(
    new CreateQueueCommand({ QueueName: dlqName(name), Attributes: { MessageRetentionPeriod: '1209600' } }),
  );
  const dlqUrl = dlq.QueueUrl!;
  const dlqArn = await arnOf(dlqUrl);
  const queue = await clients.sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(visibilityTimeout),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }),
      },
    }),
  );
  const url = queue.QueueUrl!;
  return { name, url, arn: await arnOf(url), dlqUrl, dlqArn, visibilityTimeout };
}

/**
 * The mail bucket with Object Lock enabled and no default retention, as in the stack (SES cannot write
 * into a bucket with a default retention; intake and the mailer retain each object). A bucket from an
 * older data folder gets Object Lock enabled in place.
 */
async function createBucket(clients: ReturnType<typeof localClients>, bucket: string): Promise<void> {
  try {
    await clients.s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await clients.s3.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
    return;
  }
  await clients.s3.send(
    new PutObjectLockConfigurationCommand({
      Bucket: bucket,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' },
    }),
  );
}

/** The names of the resources under one prefix (`npm start` uses none). */
export interface ResourceNames {
  readonly tableName: string;
  readonly bucket: string;
  /** Each work queue's name; its dead-letter queue is `<name>-dlq`. */
  readonly queues: Record<QueueName, string>;
}

/**
 * The names {@link createResources} gives the table, bucket and queues, so a process beside a running
 * stack can find them without creating anything.
 */
export function resourceNames(prefix = ''): ResourceNames {
  if (!/^[a-z0-9-]*$/.test(prefix))
    throw new Error(`resource prefix "${prefix}" must be lowercase letters, digits and dashes`);
  return {
    tableName: `${prefix}docket`,
    bucket: `${prefix}docket-mail`,
    queues: Object.fromEntries(QUEUE_NAMES.map((q) => [q, `${prefix}${q}`])) as Record<QueueName, string>,
  };
}

/** What the handlers' environment is made of besides the resources. */
interface HandlerSecrets {
  readonly signingSecret: string;
  readonly exportSigningKeyFile: string;
}

/**
 * Variable names from the function catalogue, as the CDK stack sets them. The local stack runs all seven
 * handlers in one process, so it sets the union; each handler's config reads only its own.
 */
function handlerEnv(
  endpoints: LocalEndpoints,
  r: Omit<LocalResources, 'env'>,
  secrets: HandlerSecrets,
): Record<string, string> {
  return {
    [ENV.tableName]: r.tableName,
    [ENV.mailBucket]: r.bucket,
    INBOUND_QUEUE_URL: r.queues.inbound.url,
    [ENV.outboundQueueUrl]: r.queues.outbound.url,
    [ENV.outboundBulkQueueUrl]: r.queues['outbound-bulk'].url,
    [ENV.timersQueueUrl]: r.queues.timers.url,
    [ENV.exportsQueueUrl]: r.queues.exports.url,
    [ENV.profile]: JSON.stringify(r.profile),
    [ENV.slaPreset]: 'nydfs',
    // Seven years (23 NYCRR 200.12), as the CDK stack's default.
    [ENV.mailRetentionDays]: '2557',
    [ENV.signingSecret]: secrets.signingSecret,
    [ENV.exportSigningKeyFile]: secrets.exportSigningKeyFile,
    [ENV.region]: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SES: endpoints.ses,
  };
}

/**
 * Creates (idempotently) the table, the queues with their dead-letter queues and the mail bucket, and
 * returns the environment the handlers expect.
 */
export async function createResources(endpoints: LocalEndpoints, opts: ResourceOptions): Promise<LocalResources> {
  const names = resourceNames(opts.prefix);
  const signingSecret = opts.signingSecret ?? randomBytes(32).toString('base64url');
  const profile = localProfile(opts.supportAddress);
  const clients = localClients(endpoints);
  try {
    await createTable(clients, names.tableName);
    await createBucket(clients, names.bucket);
    const queues = {} as Record<QueueName, QueueInfo>;
    for (const name of QUEUE_NAMES) {
      queues[name] = await createQueue(
        clients,
        names.queues[name],
        opts.visibilityTimeoutSeconds ?? VISIBILITY_SECONDS[name],
        opts.maxReceiveCount ?? MAX_RECEIVE_COUNT,
      );
    }
    const resources = { tableName: names.tableName, bucket: names.bucket, queues, profile };
    const { exportSigningKeyFile } = opts;
    return { ...resources, env: handlerEnv(endpoints, resources, { signingSecret, exportSigningKeyFile }) };
  } finally {
    clients.destroy();
  }
}

/**
 * The resources a running stack (another process) created with {@link createResources}, looked up by
 * their names: nothing is created or changed. `secrets` are the stack's own (its data folder's).
 */
export async function findResources(
  endpoints: LocalEndpoints,
  secrets: HandlerSecrets,
  opts: Pick<ResourceOptions, 'prefix' | 'supportAddress'> = {},
): Promise<LocalResources> {
  const names = resourceNames(opts.prefix);
  const clients = localClients(endpoints);
  const lookUp = async (name: string): Promise<{ url: string; arn: string; visibilityTimeout: number }> => {
    const url = (await clients.sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
    const { Attributes: a } = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn', 'VisibilityTimeout'] }),
    );
    if (!a?.QueueArn) throw new Error(`queue ${url} has no ARN`);
    return { url, arn: a.QueueArn, visibilityTimeout: Number(a.VisibilityTimeout) };
  };
  try {
    const queues = {} as Record<QueueName, QueueInfo>;
    for (const q of QUEUE_NAMES) {
      const name = names.queues[q];
      const [queue, dlq] = await Promise.all([lookUp(name), lookUp(dlqName(name))]);
      queues[q] = { name, ...queue, dlqUrl: dlq.url, dlqArn: dlq.arn };
    }
    const resources = {
      tableName: names.tableName,
      bucket: names.bucket,
      queues,
      profile: localProfile(opts.supportAddress),
    };
    return { ...resources, env: handlerEnv(endpoints, resources, secrets) };
  } finally {
    clients.destroy();
  }
}
