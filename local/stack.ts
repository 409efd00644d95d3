import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  ScheduledEvent,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import { buildConsole } from '../console/build';
import { assertJava } from './dynamodb-local';
import { startEmulators, type EmulatorPorts } from './emulators';
import { startGateway } from './gateway';
import { lazyHandler, type AsyncHandler } from './handler-loader';
import { LOCAL_REGION, localClients, type LocalEndpoints } from './local-aws';
import { loadOrCreateExportKey, loadOrCreateSecrets } from './local-secrets';
import { silentLogger, type LocalLogger } from './log';
import { startPoller } from './pollers';
import { startPollersInWorker } from './function-pollers';
import { CATALOGUE, consumedQueues } from '../lambdas/shared/catalogue';
import {
  createResources,
  FUNCTION_TIMEOUT_MS,
  POLLER_BATCH_SIZE,
  POLLER_CONCURRENCY,
  type LocalResources,
  type QueueName,
} from './resources';
import { loadDnsZone, type DnsZone } from './dns-zone';
import { startSmtpIntake } from './smtp-intake';
import { startSweeperSchedule } from './sweeper';

/** Handler modules the local stack invokes, as on AWS (each exports `handler`). */
export const HANDLER_MODULES = {
  intake: 'lambdas/handlers/intake.ts',
  mailer: 'lambdas/handlers/mailer.ts',
  timers: 'lambdas/handlers/timers.ts',
  api: 'lambdas/handlers/api.ts',
  sweeper: 'lambdas/handlers/sweeper.ts',
  exports: 'lambdas/handlers/exports.ts',
} as const;

type SqsHandler = AsyncHandler<SQSEvent, SQSBatchResponse | void>;

export interface LocalStackHandlers {
  readonly intake: SqsHandler;
  readonly mailer: SqsHandler;
  readonly timers: SqsHandler;
  readonly api: AsyncHandler<APIGatewayProxyEventV2, APIGatewayProxyResultV2<unknown>>;
  readonly sweeper: AsyncHandler<ScheduledEvent, unknown>;
  readonly exports: SqsHandler;
}

export interface LocalStackPorts extends EmulatorPorts {
  readonly smtp: number;
  readonly api: number;
}

export interface LocalStackOptions {
  /** 0 picks a free port. */
  readonly ports: LocalStackPorts;
  /** Keep DynamoDB, S3 and secrets here (survive restarts); omitted: in memory and temp folders (tests). */
  readonly dataDir?: string;
  readonly supportAddress?: string;
  readonly prefix?: string;
  /** Replace handlers (tests); the rest are imported lazily from HANDLER_MODULES. */
  readonly handlers?: Partial<LocalStackHandlers>;
  /** 0 disables the sweeper schedule. */
  readonly sweepIntervalMs?: number;
  readonly visibilityTimeoutSeconds?: number;
  readonly pollIdleMs?: number;
  readonly jwtSecret?: string;
  /** DNS the SMTP intake verifies SPF/DKIM/DMARC against; default: local/dns-zone.default.json. */
  readonly dnsZone?: DnsZone;
  readonly log?: LocalLogger;
  /**
   * Run the function pollers and handlers in a worker thread (a second core); only when no consumed
   * function's handler is replaced (a replacement is a function of this thread).
   * @default true
   */
  readonly functionsInWorker?: boolean;
}

export interface LocalStack {
  readonly endpoints: LocalEndpoints & { readonly smtp: { host: string; port: number }; readonly api: string };
  readonly resources: LocalResources;
  readonly env: Record<string, string>;
  readonly jwtSecret: string;
  stop(): Promise<void>;
}

/**
 * Starts every local part: emulators, resources, SMTP intake, pollers for the three queues, the API
 * gateway and the sweeper schedule. Sets `process.env` to the handlers' configuration before any handler
 * is imported (this process is the local composition root). On failure, stops what already started.
 */
export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const log = opts.log ?? silentLogger();
  const stops: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const s of stops.splice(0).reverse()) {
      try {
        await s();
      } catch (err) {
        log.error('stopping a part failed', err);
      }
    }
  };
  try {
    assertJava(); // before anything is created: one clear line when Java is missing
    const secrets = opts.dataDir ? loadOrCreateSecrets(opts.dataDir) : undefined;
    const jwtSecret = opts.jwtSecret ?? secrets?.jwtSecret ?? randomBytes(32).toString('base64url');
    const emulators = await startEmulators({
      ports: opts.ports,
      signalPollers: true,
      ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    });
    stops.push(emulators.stop);
    const e = emulators.endpoints;
    log
      .child('emulators')
      .info(`DynamoDB Local ${e.dynamodb}, SQS ${e.sqs}, S3 ${e.s3}, SES ${e.ses} (inbox: ${e.ses}/)`);

    const resources = await createResources(e, {
      ...(opts.prefix ? { prefix: opts.prefix } : {}),
      ...(opts.supportAddress ? { supportAddress: opts.supportAddress } : {}),
      ...(secrets ? { signingSecret: secrets.signingSecret } : {}),
      exportSigningKeyFile: loadOrCreateExportKey(opts.dataDir ?? temporaryKeyDir(stops)),
      ...(opts.visibilityTimeoutSeconds ? { visibilityTimeoutSeconds: opts.visibilityTimeoutSeconds } : {}),
    });
    Object.assign(process.env, resources.env);
    log.child('resources').info(
      `table ${resources.tableName}, bucket ${resources.bucket}, queues ${Object.values(resources.queues)
        .map((q) => q.name)
        .join(', ')} (+ -dlq)`,
    );

    const clients = localClients(e);
    stops.push(async () => clients.destroy());
    const handlers: LocalStackHandlers = {
      intake: opts.handlers?.intake ?? lazyHandler(HANDLER_MODULES.intake),
      mailer: opts.handlers?.mailer ?? lazyHandler(HANDLER_MODULES.mailer),
      timers: opts.handlers?.timers ?? lazyHandler(HANDLER_MODULES.timers),
      api: opts.handlers?.api ?? lazyHandler(HANDLER_MODULES.api),
      sweeper: opts.handlers?.sweeper ?? lazyHandler(HANDLER_MODULES.sweeper),
      exports: opts.handlers?.exports ?? lazyHandler(HANDLER_MODULES.exports),
    };
    // One poller per queue a function consumes, as the catalogue says (the stack's event sources).
    const consumers: Array<[QueueName, string, SqsHandler]> = (
      ['intake', 'mailer', 'timers', 'exports'] as const
    ).flatMap((fn) =>
      consumedQueues(CATALOGUE[fn]).map((q): [QueueName, string, SqsHandler] => [q as QueueName, fn, handlers[fn]]),
    );
    const replaced = consumers.some(([, fn]) => opts.handlers?.[fn as keyof LocalStackHandlers] !== undefined);
    if ((opts.functionsInWorker ?? true) && !replaced) {
      const pollers = await startPollersInWorker({
        consumers: consumers.map(([name, fn]) => ({
          queue: name,
          fn,
          module: HANDLER_MODULES[fn as keyof typeof HANDLER_MODULES],
          url: resources.queues[name].url,
          arn: resources.queues[name].arn,
          ...(POLLER_CONCURRENCY[name] !== undefined ? { concurrency: POLLER_CONCURRENCY[name] } : {}),
          ...(POLLER_BATCH_SIZE[name] !== undefined ? { batchSize: POLLER_BATCH_SIZE[name] } : {}),
          ...(FUNCTION_TIMEOUT_MS[name] !== undefined ? { timeoutMs: FUNCTION_TIMEOUT_MS[name] } : {}),
        })),
        endpoints: e,
        ...(opts.pollIdleMs !== undefined ? { idleMs: opts.pollIdleMs } : {}),
        log,
      });
      stops.push(pollers.stop);
      log.child('functions').info('pollers and handlers in a worker thread');
    }
    for (const [name, fn, handler] of (opts.functionsInWorker ?? true) && !replaced ? [] : consumers) {
      const q = resources.queues[name];
      const concurrency = POLLER_CONCURRENCY[name];
      const batchSize = POLLER_BATCH_SIZE[name];
      const timeoutMs = FUNCTION_TIMEOUT_MS[name];
      const poller = startPoller({
        sqs: clients.sqs,
        queueUrl: q.url,
        queueArn: q.arn,
        region: LOCAL_REGION,
        functionName: fn,
        handler,
        log: log.child(`sqs:${name}`),
        ...(concurrency !== undefined ? { concurrency } : {}),
        ...(batchSize !== undefined ? { batchSize } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(opts.pollIdleMs !== undefined ? { idleMs: opts.pollIdleMs } : {}),
      });
      stops.push(poller.stop);
    }

    const smtp = await listenOrExplain('SMTP intake', opts.ports.smtp, () =>
      startSmtpIntake({
        port: opts.ports.smtp,
        s3: clients.s3,
        sqs: clients.sqs,
        bucket: resources.bucket,
        inboundQueueUrl: resources.queues.inbound.url,
        ownDomains: resources.profile.ownDomains,
        region: LOCAL_REGION,
        dnsZone: opts.dnsZone ?? loadDnsZone(),
        log: log.child('smtp'),
      }),
    );
    stops.push(smtp.stop);
    log.child('smtp').info(`listening on 127.0.0.1:${smtp.port} for ${resources.profile.supportAddress}`);

    // The console is built at every start (under a second): a fresh clone has no build step to forget.
    const consoleBundle = await buildConsole();
    const gateway = await listenOrExplain('API gateway', opts.ports.api, () =>
      startGateway({
        port: opts.ports.api,
        jwtSecret,
        handler: handlers.api,
        log: log.child('api'),
        console: consoleBundle,
      }),
    );
    stops.push(gateway.stop);
    log.child('api').info(`listening on ${gateway.url}`);

    if ((opts.sweepIntervalMs ?? 0) > 0) {
      const sweeper = startSweeperSchedule({
        intervalMs: opts.sweepIntervalMs!,
        handler: handlers.sweeper,
        log: log.child('sweeper'),
      });
      stops.push(sweeper.stop);
      log.child('sweeper').info(`every ${Math.round(opts.sweepIntervalMs! / 1000)} s`);
    }

    return {
      endpoints: { ...e, smtp: { host: '127.0.0.1', port: smtp.port }, api: gateway.url },
      resources,
      env: resources.env,
      jwtSecret,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** A folder for the export signing key of a stack without a data folder, removed when the stack stops. */
function temporaryKeyDir(stops: Array<() => Promise<void>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'docket-export-key-'));
  stops.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Turns EADDRINUSE into a message naming the part and port. */
async function listenOrExplain<T>(part: string, port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(`${part}: port ${port} is already in use`, { cause: err });
    throw err;
  }
}
