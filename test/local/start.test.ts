import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { REPO_ROOT } from '../../local/handler-loader';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/local-aws';
import { eventually } from '../support/eventually';
import {
  freeStackPorts,
  portEnv,
  START_ARGS,
  startNpmStart as start,
  stopNpmStart as stop,
  type RunningStack as Running,
} from '../support/npm-start';
import { plainMail, smtpSend } from '../support/smtp-send';

const portIsClosed = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

describe('npm start', () => {
  let dataDir: string;
  const running: Running[] = [];
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'docket-start-'));
  });
  afterAll(async () => {
    for (const r of running) await stop(r);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reaches ready in under a minute, stops cleanly on Ctrl-C, and keeps cases across a restart', async () => {
    const ports = await freeStackPorts();
    const env = {
      ...portEnv(ports),
      DOCKET_DATA_DIR: dataDir,
      DOCKET_SWEEP_SECONDS: '3600',
    };
    const doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: `http://127.0.0.1:${ports.DOCKET_DYNAMODB_PORT}`,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      }),
    );
    try {
      const first = start(env);
      running.push(first);
      const firstMs = await first.ready;
      expect(firstMs).toBeLessThan(60_000);
      expect(
        first
          .output()
          .split('\n')
          .filter((l) => /\bready\b/.test(l)),
      ).toHaveLength(1);
      await doc.send(
        new PutCommand({
          TableName: 'docket',
          Item: { PK: 'CASE#K7QX-4MPA', SK: 'META', status: 'open', subject: 'Withdrawal stuck' },
        }),
      );
      // A mail goes the whole way (the functions run in their own thread): its acknowledgement reaches the inbox.
      const customer = `start-${Date.now()}@customer.example`;
      await smtpSend(
        ports.DOCKET_SMTP_PORT,
        plainMail({ from: customer, subject: 'Deposit missing', body: 'My deposit has not arrived.' }),
      );
      await eventually(
        async () => {
          const res = await fetch(`http://127.0.0.1:${ports.DOCKET_SES_PORT}/store`);
          const { emails } = (await res.json()) as { emails: Array<{ destination: { to: string[] } }> };
          expect(emails.some((m) => m.destination.to.includes(customer))).toBe(true);
        },
        { timeoutMs: 30_000, description: 'the acknowledgement in the SES inbox' },
      );

      expect(await stop(first)).toBe(0);
      expect(await portIsClosed(ports.DOCKET_DYNAMODB_PORT)).toBe(true); // Java process gone
      expect(await portIsClosed(ports.DOCKET_SMTP_PORT)).toBe(true);

      const second = start(env);
      running.push(second);
      await second.ready;
      const read = await doc.send(new GetCommand({ TableName: 'docket', Key: { PK: 'CASE#K7QX-4MPA', SK: 'META' } }));
      expect(read.Item).toMatchObject({ status: 'open', subject: 'Withdrawal stuck' });
      expect(await stop(second)).toBe(0);
      process.stdout.write(`npm start reached ready in ${firstMs} ms (cold data dir)\n`);
    } finally {
      doc.destroy();
    }
  }, 150_000);

  it('says in one line that Java is missing and exits non-zero', async () => {
    const child = spawn(process.execPath, START_ARGS, {
      cwd: REPO_ROOT,
      env: { ...process.env, PATH: '/nonexistent', DOCKET_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/Java is not installed/);
  }, 30_000);
});
