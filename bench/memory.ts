import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { progress } from './stats';

export const LAMBDA_MEMORY_BYTES = 512 * 1024 * 1024;

export interface MemoryResult {
  readonly rawBytes: number;
  readonly attachmentBase64Bytes: number;
  readonly baselineRss: number;
  /** Highest RSS seen (max of the 5 ms samples and the kernel's maxRSS). */
  readonly peakRss: number;
  /** Peak RSS from `/usr/bin/time -v`, when that tool exists (includes process start-up). */
  readonly timePeakRss?: number;
  readonly parseMs: number;
  readonly budgetBytes: number;
  readonly kind: string;
}

/** A ~30 MB message: a short text part and a base64 attachment of `base64Bytes` encoded bytes. */
function writeBigMessage(file: string, base64Bytes: number): number {
  const payload = randomBytes(Math.floor((base64Bytes / 4) * 3))
    .toString('base64')
    .replace(/.{76}/g, '$&\r\n');
  const head = [
    'From: Big Sender <big@customer.example>',
    'To: support@exchange.example',
    'Subject: Statement for my account',
    'Message-ID: <big-30mb@customer.example>',
    'Date: Mon, 23 Nov 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Please find my bank statement attached; my deposit has not arrived.',
    '',
    '--b1',
    'Content-Type: application/pdf; name="statement.pdf"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="statement.pdf"',
    '',
    '',
  ].join('\r\n');
  const raw = Buffer.concat([Buffer.from(head), Buffer.from(payload), Buffer.from('\r\n--b1--\r\n')]);
  writeFileSync(file, raw);
  return raw.length;
}

/** Parses and classifies a 30 MB message in a fresh Node process (the bundled child, no tsx) and reports peak RSS. */
export async function measureMemory(workDir: string): Promise<MemoryResult> {
  const eml = join(workDir, 'big-30mb.eml');
  const attachmentBase64Bytes = 29 * 1024 * 1024;
  writeBigMessage(eml, attachmentBase64Bytes);
  const child = join(workDir, 'memory-child.js');
  await build({
    entryPoints: [join(__dirname, 'memory-child.ts')],
    bundle: true,
    platform: 'node',
    target: 'node22',
    outfile: child,
    logLevel: 'silent',
  });
  progress('memory: parsing a 30 MB message in a child process');
  const out = execFileSync(process.execPath, [child, eml], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const r = JSON.parse(out.trim()) as {
    rawBytes: number;
    baselineRss: number;
    sampledPeak: number;
    maxRss: number;
    ms: number;
    kind: string;
  };
  let timePeakRss: number | undefined;
  if (existsSync('/usr/bin/time')) {
    const s = spawnSync('/usr/bin/time', ['-v', process.execPath, child, eml], { encoding: 'utf8' });
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(s.stderr ?? '');
    if (m) timePeakRss = Number(m[1]) * 1024;
  }
  return {
    rawBytes: r.rawBytes,
    attachmentBase64Bytes,
    baselineRss: r.baselineRss,
    peakRss: Math.max(r.sampledPeak, r.maxRss),
    ...(timePeakRss !== undefined ? { timePeakRss } : {}),
    parseMs: r.ms,
    budgetBytes: LAMBDA_MEMORY_BYTES,
    kind: r.kind,
  };
}
