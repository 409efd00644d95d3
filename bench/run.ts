import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { measureBundles } from './bundles';
import { loadCorpus } from './corpus';
import { installMiddyResolver } from '../local/middy-resolver';
import { estimateCostPer1000, PRICES, PER_MAIL } from './cost';
import { estimateCasesPer1000, PER_CASE } from './cost-per-case';
import { measureIntakeThroughput } from './intake-throughput';
import { isAlive, startBenchStack, type BenchStack } from './local-stack';
import { startStackProcess } from './stack-process';
import { measureMailRequests } from './mail-requests';
import { measureMemory } from './memory';
import { measureParseCost } from './parse-cost';
import { measureScaleReports } from './scale-reports';
import { renderMarkdown, type BenchReport } from './report';
import { measureSmtpLatency } from './smtp-latency';
import { measureSurge } from './surge';
import { measureThreading } from './threading';
import { measureTimerLateness } from './timer-lateness';
import { progress } from './stats';

/** Generated mails sent through the local stack before its SMTP sections are measured. */
const WARM_UP_MAILS = 600;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * `npm run bench`: one run, progress on stderr, writes bench/reports/latest.{md,json}. A section that
 * fails is reported as failed and the rest still run; every process started here is stopped at the end.
 */
async function main(): Promise<void> {
  installMiddyResolver();
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'docket-bench-'));
  const corpus = loadCorpus();
  progress(`corpus: ${corpus.length} messages`);
  const report: Mutable<BenchReport> = {
    date: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    totalMemoryBytes: totalmem(),
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
    loadAverageAtEnd: [],
    durationMs: 0,
    corpusMessages: corpus.length,
    errors: {},
  };
  const attempt = async <T>(section: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (err) {
      report.errors[section] = err instanceof Error ? err.message : String(err);
      progress(`${section} FAILED: ${report.errors[section]}`);
      return undefined;
    }
  };

  report.parseCost = await attempt('parse cost', () => measureParseCost(corpus));

  // The SMTP sections run against the local stack as `npm start` runs it, in a process of its own.
  const local = await attempt('local stack (npm start)', () => startStackProcess());
  if (local) {
    try {
      // DynamoDB Local's JIT compiles its hot paths over the first ~1,000 requests of each kind: Java CPU per
      // mail falls by half over the first few hundred mails. The bars are about a running stack, so it is
      // warmed by generated mail first; its numbers are reported beside the measured ones.
      report.stackWarmUp = await attempt('stack warm-up', () => measureThreading(local, WARM_UP_MAILS, 16));
      report.threading = await attempt('threading', () => measureThreading(local, 1000, 16));
      report.smtp = await attempt('smtp latency', () =>
        measureSmtpLatency(local, [
          // Cold start (handler imports, language data, JIT) is reported in section 5, not in these targets.
          { name: 'warm-up', ratePerSec: 5, seconds: 4 },
          { name: 'steady', ratePerSec: 20, seconds: 15 },
          { name: 'burst', ratePerSec: 140, seconds: 5 },
        ]),
      );
    } finally {
      progress('stopping the local stack');
      await local.stop();
    }
  }

  let stack: BenchStack | undefined;
  let javaPid = 0;
  try {
    stack = await attempt('emulators', () => startBenchStack());
    if (stack) {
      javaPid = stack.emulators.javaPid;
      const t = stack.env;
      report.intake = await attempt('intake throughput', () => measureIntakeThroughput(t, corpus));
      report.mailRequests = await attempt('requests per mail', () => measureMailRequests(t));
      report.bundles = await attempt('bundles', () => measureBundles(work, t.env));
    }
  } finally {
    if (stack) {
      progress('stopping emulators');
      await stack.stop();
      if (javaPid && isAlive(javaPid)) {
        progress(`DynamoDB Local pid ${javaPid} still alive; killing it`);
        process.kill(javaPid, 'SIGKILL');
      }
    }
  }
  report.memory = await attempt('memory', () => measureMemory(work));
  // Its own DynamoDB Local on the cached seed (bench/seed; `npm run bench:seed` writes it ahead).
  const scaleCases = Number(process.env.BENCH_SCALE_CASES ?? 100_000);
  report.scale = await attempt('scale', () => measureScaleReports(scaleCases));
  // Its own process and emulators: the SES emulator there allows a fixed send rate.
  const surgeMails = Number(process.env.SURGE_MAILS ?? 1000);
  const surgeRate = Number(process.env.SURGE_RATE ?? 20);
  report.surge = await attempt('surge under quota', () => measureSurge(surgeMails, surgeRate));
  report.timers = await attempt('timers', () => measureTimerLateness());

  const intakeMs = report.intake
    ? report.intake.sequential.ms / report.intake.sequential.messages
    : report.parseCost?.intakeMsPerMessage;
  if (intakeMs !== undefined) {
    report.cost = {
      ...estimateCostPer1000({
        intakeMsPerMessage: intakeMs,
        intakeMemoryMb: 512,
        mailerMsPerMessage: intakeMs,
        mailerMemoryMb: 256,
        ...(report.mailRequests
          ? {
              measured: {
                dynamoReadUnits: report.mailRequests.readUnitsPerMail,
                dynamoWriteUnits: report.mailRequests.writeUnitsPerMail,
                s3PutClass:
                  (report.mailRequests.requestsPerMail['s3:PutObject'] ?? 0) +
                  (report.mailRequests.requestsPerMail['s3:PutObjectRetention'] ?? 0),
                s3Gets: report.mailRequests.requestsPerMail['s3:GetObject'] ?? 0,
              },
            }
          : {}),
      }),
      assumptions: {
        ...PRICES,
        perMail: PER_MAIL,
        intakeMemoryMb: 512,
        mailerMemoryMb: 256,
        mailerMs: 'assumed equal to intake ms per message',
      },
    };
    report.costPerCase = { ...estimateCasesPer1000(report.cost.totalUsd), assumptions: { ...PER_CASE } };
  }
  report.loadAverageAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);
  report.durationMs = Date.now() - started;
  const dir = join(__dirname, 'reports');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, 'latest.md'), renderMarkdown(report));
  rmSync(work, { recursive: true, force: true });
  progress(`wrote bench/reports/latest.md and latest.json in ${Math.round(report.durationMs / 1000)} s`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
