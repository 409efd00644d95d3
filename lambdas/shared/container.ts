import { randomUUID } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoCaseRepository } from '../adapters/dynamodb/case-repository';
import { S3BlobStore } from '../adapters/s3-blob-store';
import { SesRawSender } from '../adapters/ses-raw-sender';
import { SqsQueue } from '../adapters/sqs-queue';
import type { AppDeps } from '../app/deps';
import { createDeadlinePlanner, resolvePolicy } from '../app/deadlines/planner';
import type { SlaPolicy } from '../core/sla/policy';
import { ConfigError } from '../core/errors';
import type { Clock, IdGenerator } from '../core/ports';
import { clients } from './clients';
import { loadConfig, type DocketConfig } from './config';
import { memoiseAsync } from './memoise';

/**
 * The composition root for Lambda handlers: config parsed once, clients created once, adapters wired
 * to ports. The local stack runs the same handlers and so the same root, only with endpoints overridden.
 */
export interface Container extends AppDeps {
  readonly config: DocketConfig;
  readonly region: string;
  readonly policy: SlaPolicy;
}

export const systemClock: Clock = { now: () => new Date() };
export const randomIds: IdGenerator = { id: () => randomUUID() };

async function resolveSigningSecret(config: DocketConfig): Promise<string> {
  if ('literal' in config.signingSecret) return config.signingSecret.literal;
  const out = await new SecretsManagerClient({}).send(
    new GetSecretValueCommand({ SecretId: config.signingSecret.secretArn }),
  );
  if (!out.SecretString || out.SecretString.length < 32)
    throw new ConfigError('the signing secret in SIGNING_SECRET_ARN is missing or shorter than 32 characters');
  return out.SecretString;
}

export interface ContainerOptions {
  /**
   * Whether this function signs (reply addresses, feedback links). Functions that do not are not granted
   * the secret, so they must not fetch it: their `signingSecret` throws if anything reads it.
   * @default true
   */
  readonly signing?: boolean;
}

function noSigningSecret(): never {
  throw new ConfigError('this function is not granted the signing secret (container built with signing: false)');
}

export async function buildContainer(
  env: NodeJS.ProcessEnv = process.env,
  opts: ContainerOptions = {},
): Promise<Container> {
  const config = loadConfig(env);
  const built = await assemble(env, config, opts);
  return opts.signing === false ? withoutSigningSecret(built) : built;
}

async function assemble(env: NodeJS.ProcessEnv, config: DocketConfig, opts: ContainerOptions): Promise<Container> {
  const aws = clients();
  const repo = new DynamoCaseRepository(aws.dynamo, config.tableName);
  const policy = resolvePolicy({ presetName: config.slaPreset, policyJson: config.slaPolicyJson });
  const region = env.AWS_REGION ?? 'us-east-1';
  return {
    config,
    policy,
    region,
    repo,
    blobs: new S3BlobStore(
      aws.s3,
      config.mailBucket,
      config.mailRetentionDays === undefined ? {} : { retentionDays: config.mailRetentionDays },
    ),
    queue: new SqsQueue(aws.sqs, { outbound: config.outboundQueueUrl, timers: config.timersQueueUrl }),
    sender: new SesRawSender(aws.ses, region, config.sesConfigurationSet),
    clock: systemClock,
    ids: randomIds,
    profile: config.profile,
    planDeadlines: createDeadlinePlanner({ repo, presetName: config.slaPreset, policy }),
    signingSecret: opts.signing === false ? '' : await resolveSigningSecret(config),
  };
}

/** Makes reading `signingSecret` throw (a getter, defined after construction: spreading would call it). */
function withoutSigningSecret(c: Container): Container {
  Object.defineProperty(c, 'signingSecret', { get: noSigningSecret, enumerable: false });
  return c;
}

const shared = memoiseAsync((opts: ContainerOptions) => buildContainer(process.env, opts));

/** The container of this Lambda instance, built on first use (cold start) and reused afterwards. */
export function container(opts: ContainerOptions = {}): Promise<Container> {
  return shared(opts);
}
