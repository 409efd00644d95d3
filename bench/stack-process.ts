import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { resolvePort } from '../local/free-port';
import { localClients, type LocalEndpoints } from '../local/local-aws';
import { loadOrCreateExportKey, loadOrCreateSecrets } from '../local/local-secrets';
import { DEFAULT_SUPPORT_ADDRESS, findResources } from '../local/resources';
import type { TestEnv } from '../test/support/local-env';
import { progress } from './stats';

const ROOT = resolve(__dirname, '..');
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 20_000;

export interface StackProcess {
  /** The stack's endpoints, resources and SDK clients, for reading its table, queues and SES store. */
  readonly env: TestEnv;
  readonly smtpPort: number;
  /** The stack's own Node process (its main thread runs the emulators, SMTP and API; a worker the functions). */
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * The local stack exactly as `npm start` runs it (`local/start.ts`: emulators, SMTP intake and API in the
 * main thread, function pollers and handlers in a worker thread, DynamoDB Local in Java), in a process of
 * its own on free ports with a fresh data directory, so the bench's load generator does not share its
 * event loop. Resolves once the stack prints its `ready` line.
 */
export async function startStackProcess(): Promise<StackProcess> {
  const ports = {
    smtp: await resolvePort(0),
    api: await resolvePort(0),
    ses: await resolvePort(0),
    dynamodb: await resolvePort(0),
    sqs: await resolvePort(0),
    s3: await resolvePort(0),
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'docket-bench-stack-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DOCKET_DATA_DIR: dataDir,
      DOCKET_SMTP_PORT: String(ports.smtp),
      DOCKET_API_PORT: String(ports.api),
      DOCKET_SES_PORT: String(ports.ses),
      DOCKET_DYNAMODB_PORT: String(ports.dynamodb),
      DOCKET_SQS_PORT: String(ports.sqs),
      DOCKET_S3_PORT: String(ports.s3),
      // The sweeper's default minute: none of the bench's mail has a deadline due within the run.
      DOCKET_SWEEP_SECONDS: '60',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const tail: string[] = [];
  // BENCH_STACK_LOG=<file> keeps the stack's whole output there (its log lines, one per mail and hop).
  const logFile = process.env.BENCH_STACK_LOG;
  const keep = (line: string): void => {
    if (logFile) appendFileSync(logFile, `${line}\n`);
    tail.push(line);
    if (tail.length > 20) tail.shift();
  };
  createInterface({ input: child.stderr! }).on('line', keep);
  const ready = new Promise<void>((done, fail) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      keep(line);
      if (/\bready\b/.test(line)) done();
    });
    void exited.then((code) =>
      fail(new Error(`the local stack exited (${code}) before it was ready: ${tail.join(' | ')}`)),
    );
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    const started = Date.now();
    await Promise.race([
      ready,
      new Promise((_, fail) => {
        timer = setTimeout(
          () => fail(new Error(`no ready line from the local stack in ${READY_TIMEOUT_MS} ms`)),
          READY_TIMEOUT_MS,
        );
      }),
    ]);
    progress(`local stack (npm start) up in its own process in ${Date.now() - started} ms`);
    const endpoints: LocalEndpoints = {
      dynamodb: `http://127.0.0.1:${ports.dynamodb}`,
      sqs: `http://127.0.0.1:${ports.sqs}`,
      s3: `http://127.0.0.1:${ports.s3}`,
      ses: `http://127.0.0.1:${ports.ses}`,
    };
    // The stack created its resources under the default names and its secrets in its data folder (both
    // there once it is ready, so this only reads them): look them up, creating nothing a second time.
    const resources = await findResources(
      endpoints,
      {
        signingSecret: loadOrCreateSecrets(dataDir).signingSecret,
        exportSigningKeyFile: loadOrCreateExportKey(dataDir),
      },
      { supportAddress: process.env.DOCKET_SUPPORT_ADDRESS || DEFAULT_SUPPORT_ADDRESS },
    );
    const clients = localClients(endpoints);
    const env: TestEnv = {
      endpoints,
      resources,
      env: resources.env,
      clients,
      dispose: () => clients.destroy(),
    };
    return {
      env,
      smtpPort: ports.smtp,
      pid: child.pid ?? 0,
      stop: async () => {
        clients.destroy();
        await stop();
      },
    };
  } catch (err) {
    await stop();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
