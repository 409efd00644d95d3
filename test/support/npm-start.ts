import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePort } from '../../local/free-port';
import { REPO_ROOT } from '../../local/handler-loader';

/** The `start` script's own command line (`node --import tsx local/start.ts`), run with this Node. */
export const START_ARGS = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .split(' ')
  .slice(1);

/** The port variables `npm start` reads, each set to a free port. */
export interface StackPorts {
  readonly DOCKET_SMTP_PORT: number;
  readonly DOCKET_API_PORT: number;
  readonly DOCKET_SES_PORT: number;
  readonly DOCKET_DYNAMODB_PORT: number;
  readonly DOCKET_SQS_PORT: number;
  readonly DOCKET_S3_PORT: number;
}

export async function freeStackPorts(): Promise<StackPorts> {
  return {
    DOCKET_SMTP_PORT: await resolvePort(0),
    DOCKET_API_PORT: await resolvePort(0),
    DOCKET_SES_PORT: await resolvePort(0),
    DOCKET_DYNAMODB_PORT: await resolvePort(0),
    DOCKET_SQS_PORT: await resolvePort(0),
    DOCKET_S3_PORT: await resolvePort(0),
  };
}

/** The environment that puts `npm start` on `ports`. */
export const portEnv = (ports: StackPorts): Record<string, string> =>
  Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)]));

export interface RunningStack {
  readonly child: ChildProcess;
  /** Everything the stack printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Milliseconds from the spawn to the `ready` line; rejects if the stack exits first. */
  readonly ready: Promise<number>;
}

/** Runs `npm start` (its own command line, this Node) in its own process with `env` added. */
export function startNpmStart(env: Record<string, string>): RunningStack {
  const started = Date.now();
  const child = spawn(process.execPath, START_ARGS, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ready = new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (/\bready\b/.test(out)) resolve(Date.now() - started);
    });
    child.stderr!.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${out}`)));
  });
  return { child, output: () => out, ready };
}

/** Ctrl-C, as a user stops it; resolves with the exit code. */
export function stopNpmStart(r: RunningStack): Promise<number | null> {
  return new Promise((resolve) => {
    if (r.child.exitCode !== null) return resolve(r.child.exitCode);
    r.child.once('exit', (code) => resolve(code));
    r.child.kill('SIGINT');
  });
}
