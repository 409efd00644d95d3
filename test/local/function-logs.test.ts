import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../support/eventually';
import { freeStackPorts, portEnv, startNpmStart, stopNpmStart, type RunningStack } from '../support/npm-start';
import { plainMail, smtpSend } from '../support/smtp-send';

/** A Powertools log line as the handlers print it (one JSON object per line). */
interface LogLine {
  readonly message: string;
  readonly function_name?: string;
  readonly function_request_id?: string;
}

/** Which function writes each of these messages (lambdas/handlers/intake.ts and mailer.ts). */
const WRITER: Record<string, string> = {
  'inbound processed': 'intake',
  'outbound processed': 'mailer',
};

const logLines = (output: string): LogLine[] =>
  output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine)
    .filter((l) => l.function_name !== undefined);

describe('npm start: function log lines', () => {
  let dataDir: string;
  let stack: RunningStack | undefined;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'docket-function-logs-'));
  });
  afterAll(async () => {
    if (stack) await stopNpmStart(stack);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('names the function and invocation that wrote each line while intake and the mailer run at once', async () => {
    const ports = await freeStackPorts();
    stack = startNpmStart({ ...portEnv(ports), DOCKET_DATA_DIR: dataDir, DOCKET_SWEEP_SECONDS: '3600' });
    await stack.ready;
    const running = stack;

    // A burst, so the mailer acknowledges the first mails while intake still takes in the last ones.
    const mails = 20;
    await Promise.all(
      Array.from({ length: mails }, (_, i) =>
        smtpSend(
          ports.DOCKET_SMTP_PORT,
          plainMail({ from: `logs-${i}@customer.example`, subject: `Deposit ${i} missing`, body: 'Not arrived.' }),
        ),
      ),
    );
    const lines = await eventually(
      () => {
        const got = logLines(running.output());
        expect(got.filter((l) => l.message === 'inbound processed')).toHaveLength(mails);
        expect(got.filter((l) => l.message === 'outbound processed').length).toBeGreaterThanOrEqual(mails);
        return got;
      },
      { timeoutMs: 60_000, description: 'every mail taken in and acknowledged, in the log' },
    );

    const misnamed = lines.filter((l) => WRITER[l.message] !== undefined && l.function_name !== WRITER[l.message]);
    expect(misnamed.map((l) => `${l.message}: ${l.function_name}`)).toEqual([]);
    // One invocation is one function's: a request id never shows up under two names.
    const namesOf = new Map<string, Set<string>>();
    for (const l of lines) {
      const names = namesOf.get(l.function_request_id ?? '') ?? new Set<string>();
      names.add(l.function_name!);
      namesOf.set(l.function_request_id ?? '', names);
    }
    expect([...namesOf].filter(([, names]) => names.size > 1).map(([id, names]) => `${id}: ${[...names]}`)).toEqual([]);
  }, 150_000);
});
