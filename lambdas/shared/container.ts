import { randomInt, randomUUID } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoCaseRepository } from '../adapters/dynamodb/case-repository';
import { S3BlobStore } from '../adapters/s3-blob-store';
import { SesRawSender } from '../adapters/ses-raw-sender';
import { SqsQueue } from '../adapters/sqs-queue';
import { FileExportSigner } from '../adapters/signing/file-export-signer';
import { KmsExportSigner } from '../adapters/signing/kms-export-signer';
import type { AppDeps } from '../app/deps';
import { createDeadlinePlanner, resolvePolicy } from '../app/deadlines/planner';
import type { SlaPolicy } from '../core/sla/policy';
import { ConfigError } from '../core/errors';
import type { Clock, Ids } from '../core/ports';
import { CATALOGUE, type FunctionEntry, type FunctionName } from './catalogue';
import { clients } from './clients';
import { loadConfig, type DocketConfig } from './config';

/** What every function gets: its config, the table, the clock, ids, the profile and the SLA policy. */
export interface BaseContainer extends Pick<AppDeps, 'repo' | 'clock' | 'ids' | 'profile' | 'planDeadlines'> {
  readonly config: DocketConfig;
  readonly region: string;
  readonly policy: SlaPolicy;
}

type Entry<N extends FunctionName> = (typeof CATALOGUE)[N];

/** The ports a function's catalogue entry gives it, worked out from the same table as its IAM grants. */
export type PortKey<N extends FunctionName> =
  | (Entry<N> extends { bucket: object } ? 'blobs' : never)
  | (Entry<N> extends { sendsTo: readonly [unknown, ...unknown[]] } ? 'queue' : never)
  | (Entry<N> extends { sesSend: true } | { sesMessageIds: true } ? 'sender' : never)
  | (Entry<N> extends { signing: true } ? 'signingSecret' : never)
  | (Entry<N> extends { exportSigning: true } ? 'exportSigner' : never);

/**
 * The composition root of one Lambda function: config parsed once, clients created once, adapters wired
 * to exactly the ports its catalogue entry grants (the timers function has no signing secret nor
 * blob store). A port a function lacks is absent from its type, not a getter that throws. The local
 * stack runs the same handlers and so the same root, only with endpoints overridden.
 */
export type Container<N extends FunctionName> = BaseContainer & Pick<AppDeps, PortKey<N>>;

export const systemClock: Clock = { now: () => new Date() };
export const randomIds: Ids = {
  id: () => randomUUID(),
  int: (max) => randomInt(max),
  fraction: () => Math.random(),
};

async function resolveSigningSecret(secret: NonNullable<DocketConfig['signingSecret']>): Promise<string> {
  if ('literal' in secret) return secret.literal;
  const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secret.secretArn }));
  if (!out.SecretString || out.SecretString.length < 32)
    throw new ConfigError('the signing secret in SIGNING_SECRET_ARN is missing or shorter than 32 characters');
  return out.SecretString;
}

/** Builds the container of function `name` from the environment (tests pass their own). */
export async function buildContainer<N extends FunctionName>(
  name: N,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Container<N>> {
  const config = loadConfig(name, env);
  const entry: FunctionEntry = CATALOGUE[name];
  const aws = clients();
  const repo = new DynamoCaseRepository(aws.dynamo, config.tableName, () => systemClock.now());
  const policy = resolvePolicy({ presetName: config.slaPreset, policyJson: config.slaPolicyJson });
  const base: BaseContainer = {
    config,
    policy,
    region: config.region,
    repo,
    clock: systemClock,
    ids: randomIds,
    profile: config.profile,
    planDeadlines: createDeadlinePlanner({ repo, presetName: config.slaPreset, policy, ids: randomIds }),
  };
  const ports: Partial<Pick<AppDeps, 'blobs' | 'queue' | 'sender' | 'signingSecret' | 'exportSigner'>> = {
    ...(config.mailBucket
      ? {
          blobs: new S3BlobStore(
            aws.s3,
            config.mailBucket,
            config.mailRetentionDays === undefined ? {} : { retentionDays: config.mailRetentionDays },
          ),
        }
      : {}),
    ...(Object.keys(config.queueUrls).length ? { queue: new SqsQueue(aws.sqs, config.queueUrls) } : {}),
    ...(entry.sesSend || entry.sesMessageIds
      ? { sender: new SesRawSender(aws.ses, config.region, config.sesConfigurationSet) }
      : {}),
    ...(config.signingSecret ? { signingSecret: await resolveSigningSecret(config.signingSecret) } : {}),
    ...(config.exportSigningKey
      ? {
          exportSigner:
            'keyId' in config.exportSigningKey
              ? new KmsExportSigner(aws.kms, config.exportSigningKey.keyId)
              : FileExportSigner.fromFile(config.exportSigningKey.file),
        }
      : {}),
  };
  // PortKey<N> is derived from the same catalogue entry that decided which ports were built above.
  return { ...base, ...ports } as Container<N>;
}

const shared = new Map<FunctionName, Promise<Container<FunctionName>>>();

/**
 * The container of this Lambda instance, built on first use (cold start) and reused afterwards. Keyed by
 * function, because the local stack runs all seven handlers in one process.
 */
export function container<N extends FunctionName>(name: N): Promise<Container<N>> {
  let built = shared.get(name) as Promise<Container<N>> | undefined;
  if (!built) {
    built = buildContainer(name).catch((err: unknown) => {
      shared.delete(name); // a failed cold start (e.g. Secrets Manager throttled) is retried next time
      throw err;
    });
    shared.set(name, built as Promise<Container<FunctionName>>);
  }
  return built;
}
