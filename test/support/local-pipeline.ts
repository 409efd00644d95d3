import { randomBytes } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { buildConsole } from '../../console/build';
import { startGateway } from '../../local/gateway';
import { resolve } from 'node:path';
import { lazyHandler, REPO_ROOT, type AsyncHandler } from '../../local/handler-loader';
import { LOCAL_REGION } from '../../local/local-aws';
import { silentLogger, type LocalLogger } from '../../local/log';
import { startPoller } from '../../local/pollers';
import { FUNCTION_TIMEOUT_MS, POLLER_BATCH_SIZE, POLLER_CONCURRENCY, type QueueName } from '../../local/resources';
import { loadDnsZone, type DnsZone } from '../../local/dns-zone';
import { startSmtpIntake } from '../../local/smtp-intake';
import { HANDLER_MODULES, type LocalStackHandlers } from '../../local/stack';
import type { TestEnv } from './local-env';

/** A handler given in the test, or `'module'` for the real one under lambdas/handlers (imported lazily). */
type HandlerChoice<K extends keyof LocalStackHandlers> = LocalStackHandlers[K] | 'module';

export interface PipelineOptions {
  readonly intake?: HandlerChoice<'intake'>;
  readonly mailer?: HandlerChoice<'mailer'>;
  readonly timers?: HandlerChoice<'timers'>;
  readonly api?: HandlerChoice<'api'>;
  readonly exports?: HandlerChoice<'exports'>;
  /** Start the SMTP intake (default true). */
  readonly smtp?: boolean;
  readonly smtpMaxBytes?: number;
  /** DNS for the SMTP intake's SPF/DKIM/DMARC checks; default: the local stack's default zone. */
  readonly dnsZone?: DnsZone;
  readonly log?: LocalLogger;
  /** Serve the built console under `/console/` on the gateway (browser tests). */
  readonly console?: boolean;
}

export interface Pipeline {
  /** Port of the SMTP intake on 127.0.0.1 (when started). */
  readonly smtpPort: number;
  /** Base URL of the API gateway (when an api handler was given). */
  readonly apiUrl: string;
  /** Key that signs tokens this gateway accepts (pass to signLocalToken). */
  readonly jwtSecret: string;
  readonly log: LocalLogger;
  stop(): Promise<void>;
}

function pick<K extends keyof LocalStackHandlers>(
  choice: HandlerChoice<K> | undefined,
  module: string,
): LocalStackHandlers[K] | undefined {
  if (choice === undefined) return undefined;
  return choice === 'module' ? (lazyHandler(module) as LocalStackHandlers[K]) : choice;
}

/**
 * Starts, in the test's own process, the local parts an end-to-end test needs on free ports: the SMTP
 * intake, a poller for each queue whose handler is given, and the gateway when an api handler is given.
 * Call after createTestEnv(); stop() in afterAll.
 */
export async function startPipeline(t: TestEnv, opts: PipelineOptions = {}): Promise<Pipeline> {
  // Load the real handler modules now, as Lambda does before its first event: the first mail of a test then
  // measures the pipeline, not compiling the handlers on a loaded machine. Configuration is already in
  // process.env (createTestEnv), which is what the handlers read at import.
  const modules = (['intake', 'mailer', 'timers', 'api', 'exports'] as const).filter((k) => opts[k] === 'module');
  await Promise.all(modules.map((k) => import(resolve(REPO_ROOT, HANDLER_MODULES[k]))));
  const log = opts.log ?? silentLogger();
  const stops: Array<() => Promise<void>> = [];
  const jwtSecret = randomBytes(32).toString('base64url');
  let smtpPort = 0;
  let apiUrl = '';
  const mailer = pick<'mailer'>(opts.mailer, HANDLER_MODULES.mailer);
  const consumers: Array<[QueueName, string, AsyncHandler<SQSEvent, SQSBatchResponse | void> | undefined]> = [
    ['inbound', 'intake', pick<'intake'>(opts.intake, HANDLER_MODULES.intake)],
    ['outbound', 'mailer', mailer],
    ['outbound-bulk', 'mailer', mailer],
    ['timers', 'timers', pick<'timers'>(opts.timers, HANDLER_MODULES.timers)],
    ['exports', 'exports', pick<'exports'>(opts.exports, HANDLER_MODULES.exports)],
  ];
  for (const [queue, fn, handler] of consumers) {
    if (!handler) continue;
    const q = t.resources.queues[queue];
    const concurrency = POLLER_CONCURRENCY[queue];
    const batchSize = POLLER_BATCH_SIZE[queue];
    const timeoutMs = FUNCTION_TIMEOUT_MS[queue];
    stops.push(
      startPoller({
        sqs: t.clients.sqs,
        queueUrl: q.url,
        queueArn: q.arn,
        region: LOCAL_REGION,
        functionName: fn,
        handler,
        log,
        idleMs: 50,
        ...(concurrency !== undefined ? { concurrency } : {}),
        ...(batchSize !== undefined ? { batchSize } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      }).stop,
    );
  }
  if (opts.smtp !== false) {
    const smtp = await startSmtpIntake({
      port: 0,
      s3: t.clients.s3,
      sqs: t.clients.sqs,
      bucket: t.resources.bucket,
      inboundQueueUrl: t.resources.queues.inbound.url,
      ownDomains: t.resources.profile.ownDomains,
      region: LOCAL_REGION,
      log,
      dnsZone: opts.dnsZone ?? loadDnsZone(),
      ...(opts.smtpMaxBytes ? { maxBytes: opts.smtpMaxBytes } : {}),
    });
    smtpPort = smtp.port;
    stops.push(smtp.stop);
  }
  const api = pick<'api'>(opts.api, HANDLER_MODULES.api);
  if (api) {
    const gateway = await startGateway({
      port: 0,
      jwtSecret,
      handler: api,
      log,
      ...(opts.console ? { console: await buildConsole() } : {}),
    });
    apiUrl = gateway.url;
    stops.push(gateway.stop);
  }
  return {
    smtpPort,
    apiUrl,
    jwtSecret,
    log,
    stop: async () => {
      for (const s of stops.splice(0).reverse()) await s();
    },
  };
}
