import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequestHandler } from 'local-aws-sqs';
import S3rver from 's3rver';
import { startDynamoDbLocal } from './dynamodb-local';
import { layerPort, startObjectLockLayer } from './s3-object-lock';
import { assertPortFree, resolvePort, waitUntil } from './free-port';
import type { LocalEndpoints } from './local-aws';
import { registerSignallingEmulator, signallingSqsHandler } from './queue-signal';
import { SesQuota, sesQuotaFromEnv, startSesQuotaFront, type SesQuotaOptions } from './ses-quota';
import { LOCAL_REGION } from './local-aws';

export const HOST = '127.0.0.1';

/** Ports of the emulators; 0 picks a free one. */
export interface EmulatorPorts {
  readonly dynamodb: number;
  readonly sqs: number;
  readonly s3: number;
  readonly ses: number;
}

export interface EmulatorOptions {
  readonly ports: EmulatorPorts;
  /** Persist DynamoDB and S3 under this folder; omitted: DynamoDB in memory, S3 in a temp folder removed on stop. */
  readonly dataDir?: string;
  /** SES sending limits; default from DOCKET_SES_MAX_SEND_RATE, DOCKET_SES_DAILY_QUOTA, DOCKET_SES_QUOTA_WINDOW_SECONDS. */
  readonly sesQuota?: SesQuotaOptions;
  /**
   * Wake this process's pollers when the SQS emulator takes a message (queue-signal.ts). On for `npm start`
   * and the bench; off for the test suites' shared emulators, whose pollers keep the plain idle pause.
   * @default false
   */
  readonly signalPollers?: boolean;
}

export interface Emulators {
  readonly endpoints: LocalEndpoints;
  /** Process id of DynamoDB Local's Java process (tests assert it is gone after stop). */
  readonly javaPid: number;
  stop(): Promise<void>;
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((r) => {
    server.close(() => r());
    server.closeAllConnections?.();
  });
}

/** aws-ses-v2-local ships CommonJS with `exports.default`; loaded as ESM it sits one level deeper. */
async function loadSesServer(): Promise<(config: { host: string; port: number }) => Promise<Server>> {
  const mod = (await import('aws-ses-v2-local')) as unknown as { default: unknown };
  const candidate = mod.default as
    | ((c: { host: string; port: number }) => Promise<Server>)
    | { default: (c: { host: string; port: number }) => Promise<Server> };
  return typeof candidate === 'function' ? candidate : candidate.default;
}

/**
 * aws-ses-v2-local on an internal port, behind a front that applies SES's sending limits (DOCKET_SES_*
 * variables unless `quota` is given) and answers GetSendQuota and GetAccount with them.
 */
export async function startSesEmulator(
  port: number,
  quota: SesQuotaOptions = sesQuotaFromEnv(),
): Promise<{ server: Server; stop(): Promise<void> }> {
  // aws-ses-v2-local does not report listen errors: check the port first.
  await assertPortFree(port, HOST);
  const inner = await (await loadSesServer())({ host: HOST, port: 0 });
  try {
    const server = await startSesQuotaFront({
      host: HOST,
      port,
      upstreamPort: portOf(inner),
      quota: new SesQuota(quota),
    });
    return { server, stop: async () => void (await Promise.all([closeServer(server), closeServer(inner)])) };
  } catch (err) {
    await closeServer(inner);
    throw err;
  }
}

/**
 * local-aws-sqs (queues in memory; queue-deletion lifecycle emulation off so tests can recreate names at
 * once). Its own createSqsServer ignores listen errors (a busy port crashes the process), so listen here.
 */
async function startSqs(port: number, signal: boolean): Promise<Server> {
  const { service, requestHandler } = createRequestHandler({
    port,
    hostname: HOST,
    region: LOCAL_REGION,
    emulateQueueCreationLifecycle: false,
  });
  // Sends wake this process's pollers of the queue (queue-signal.ts).
  const handle = (req: IncomingMessage, res: ServerResponse): void => void requestHandler(req, res);
  const server = createServer(signal ? signallingSqsHandler(handle) : handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  service.PORT = portOf(server); // queue URLs carry the real port when 0 was asked for
  if (signal) {
    const unregister = registerSignallingEmulator(`http://${HOST}:${service.PORT}`);
    server.once('close', unregister);
  }
  return server;
}

/** Wraps a listen failure so the message names the part and the variable that moves it. */
async function part<T>(name: string, port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(`${name}: port ${port} is already in use`, { cause: err });
    throw err;
  }
}

/**
 * Starts DynamoDB Local, the SQS, S3 and SES emulators on 127.0.0.1 and waits until each answers.
 * On any failure the parts already started are stopped again (no orphan Java process).
 */
export async function startEmulators(opts: EmulatorOptions): Promise<Emulators> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) {
      try {
        await stop();
      } catch {
        /* keep stopping the others */
      }
    }
  };
  try {
    const dynamoPort = await resolvePort(opts.ports.dynamodb);
    // DynamoDB Local binds every interface; probe the wildcard address so a busy port is named clearly.
    await part('DynamoDB Local', dynamoPort, () => assertPortFree(dynamoPort, '0.0.0.0'));
    const dynamo = await startDynamoDbLocal({
      port: dynamoPort,
      dataDir: opts.dataDir && join(opts.dataDir, 'dynamodb'),
    });
    stops.push(dynamo.stop);

    const sqsServer = await part('SQS emulator', opts.ports.sqs, () =>
      startSqs(opts.ports.sqs, opts.signalPollers ?? false),
    );
    stops.push(() => closeServer(sqsServer));
    const sqs = `http://${HOST}:${portOf(sqsServer)}`;

    let s3Dir: string;
    let lockDir: string;
    if (opts.dataDir) {
      s3Dir = resolve(opts.dataDir, 's3');
      lockDir = resolve(opts.dataDir, 's3-object-lock');
      mkdirSync(s3Dir, { recursive: true });
    } else {
      const tmp = mkdtempSync(join(tmpdir(), 'docket-s3-'));
      s3Dir = join(tmp, 'objects');
      lockDir = join(tmp, 'object-lock');
      mkdirSync(s3Dir);
      stops.push(async () => rmSync(tmp, { recursive: true, force: true }));
    }
    // s3rver has no Object Lock: it listens on a private free port behind a layer that adds it (s3-object-lock.ts).
    const s3rver = new S3rver({ address: HOST, port: 0, directory: s3Dir, silent: true, vhostBuckets: false });
    const s3rverAddress = await s3rver.run();
    stops.push(() => s3rver.close());
    const lockLayer = await part('S3 emulator', opts.ports.s3, () =>
      startObjectLockLayer({
        host: HOST,
        port: opts.ports.s3,
        upstream: { host: HOST, port: s3rverAddress.port },
        stateDir: lockDir,
      }),
    );
    stops.push(() => closeServer(lockLayer));
    const s3 = `http://${HOST}:${layerPort(lockLayer)}`;

    const sesServer = await part('SES emulator', opts.ports.ses, () => startSesEmulator(opts.ports.ses, opts.sesQuota));
    stops.push(sesServer.stop);
    const ses = `http://${HOST}:${portOf(sesServer.server)}`;
    await waitUntil('SES emulator', async () => {
      const res = await fetch(`${ses}/health-check`);
      if (!res.ok) throw new Error(`status ${res.status}`);
    });

    return { endpoints: { dynamodb: dynamo.endpoint, sqs, s3, ses }, javaPid: dynamo.pid, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
