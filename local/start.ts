import { SWEEP_PERIOD_SECONDS } from '../lambdas/core/sla/timer-delay';
import { loadDnsZone } from './dns-zone';
import { JavaMissingError } from './dynamodb-local';
import { installInvokeStore } from './invoke-store';
import { dataDirFromEnv } from './local-secrets';
import { consoleLogger } from './log';
import { DEFAULT_SUPPORT_ADDRESS } from './resources';
import { startLocalStack, type LocalStack } from './stack';
import { installMiddyResolver } from './middy-resolver';

// Handlers are imported lazily by the pollers and the gateway; middy 7 needs this under tsx (CommonJS).
installMiddyResolver();

/** `npm start`: the whole pipeline on 127.0.0.1 in the foreground, until Ctrl-C. */
function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`environment variable ${name} must be a port number, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const started = Date.now();
  const log = consoleLogger('docket');
  const supportAddress = process.env.DOCKET_SUPPORT_ADDRESS || DEFAULT_SUPPORT_ADDRESS;
  const sweepSeconds = Number(process.env.DOCKET_SWEEP_SECONDS || '60');
  // The sweeper arms 15 minutes ahead: three runs of its AWS period see each deadline coming.
  if (sweepSeconds > SWEEP_PERIOD_SECONDS)
    log.info(
      `warning: DOCKET_SWEEP_SECONDS=${sweepSeconds} is over ${SWEEP_PERIOD_SECONDS}: a deadline armed by the sweeper may fire late`,
    );
  const dataDir = dataDirFromEnv();
  // Assigned once, after the signal handlers that read it are installed (a signal may arrive while starting).
  // eslint-disable-next-line prefer-const
  let stack: LocalStack | undefined;
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    void (stack?.stop() ?? Promise.resolve()).then(() => {
      log.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  // The API and the sweeper run in this thread, interleaved with each other (the functions in a worker).
  await installInvokeStore();
  stack = await startLocalStack({
    ports: {
      smtp: port('DOCKET_SMTP_PORT', 2525),
      api: port('DOCKET_API_PORT', 3000),
      ses: port('DOCKET_SES_PORT', 8005),
      dynamodb: port('DOCKET_DYNAMODB_PORT', 8000),
      sqs: port('DOCKET_SQS_PORT', 9324),
      s3: port('DOCKET_S3_PORT', 4569),
    },
    dataDir,
    supportAddress,
    dnsZone: loadDnsZone(process.env.DOCKET_DNS_ZONE || undefined),
    sweepIntervalMs: Number.isFinite(sweepSeconds) ? sweepSeconds * 1000 : 60_000,
    log,
  });
  if (stopping) {
    await stack.stop();
    return;
  }
  const { smtp, api, ses } = stack.endpoints;
  log.info(
    `ready in ${((Date.now() - started) / 1000).toFixed(1)} s: mail ${supportAddress} via smtp://${smtp.host}:${smtp.port}, API ${api}, inbox ${ses}/, data in ${dataDir}`,
  );
}

main().catch((err: unknown) => {
  if (err instanceof JavaMissingError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
    const message = err instanceof Error ? err.message : String(err);
    const hint = message.includes('already in use')
      ? ' (move it with DOCKET_SMTP_PORT, DOCKET_API_PORT, DOCKET_SES_PORT, DOCKET_DYNAMODB_PORT, DOCKET_SQS_PORT or DOCKET_S3_PORT)'
      : cause;
    process.stderr.write(`docket: could not start: ${message}${hint}\n`);
  }
  process.exit(1);
});
