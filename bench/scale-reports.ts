import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoAccessLog } from '../lambdas/adapters/dynamodb/access-log';
import { DynamoCaseRepository } from '../lambdas/adapters/dynamodb/case-repository';
import { DynamoReportStore } from '../lambdas/adapters/dynamodb/report-store';
import { FileExportSigner } from '../lambdas/adapters/signing/file-export-signer';
import type { ApiDeps } from '../lambdas/app/api/api-deps';
import { exportRecords } from '../lambdas/app/api/export-records';
import { getBacklogReport, getQuarterlyReport, getSlaReport } from '../lambdas/app/api/reports';
import type { Clock } from '../lambdas/core/ports';
import { loadOrCreateExportKey } from '../local/local-secrets';
import { openSeed, SEED_SPAN, SEED_VERSION, WHOLE_CASES_FROM } from './seed/seed-tables';
import { median, progress } from './stats';

/** Timed repetitions of each measurement (after one untimed warm-up call); the median is reported. */
const REPEATS = 5;
/** Cases on the export page measured (the API's page size for a range export is the caller's `limit`). */
const EXPORT_PAGE_CASES = 100;
const SLA_RANGE_DAYS = 90;
/** The dashboard's backlog chart: the last 30 days. */
const BACKLOG_RANGE_DAYS = 30;
const QUARTER = '2026Q3';

export interface ScaleTiming {
  readonly cases: number;
  readonly medianMs: number;
  readonly runsMs: number[];
  /** What the answer counted, to show the larger table really holds more (cases in the report, lines of the page). */
  readonly answered: number;
}

export interface ScaleMeasure {
  readonly name: string;
  readonly what: string;
  readonly small: ScaleTiming;
  readonly large: ScaleTiming;
  /** large / small median time: ~1 when the time does not grow with the data. */
  readonly ratio: number;
}

export interface ScaleResult {
  readonly seedVersion: number;
  readonly span: typeof SEED_SPAN;
  readonly wholeCasesFrom: string;
  /** True when this run wrote the seed (otherwise it came from `.bench-data/`). */
  readonly seeded: boolean;
  readonly seedMs: number;
  readonly measures: ScaleMeasure[];
}

type Run = () => Promise<number>;

async function time(run: Run): Promise<{ runsMs: number[]; answered: number }> {
  const answered = await run();
  const runsMs: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    await run();
    runsMs.push(performance.now() - t0);
  }
  return { runsMs, answered };
}

/**
 * Reports and the first page of a range export against two tables of the same two years of synthetic
 * cases (bench/seed), one ten times denser than the other, through the API's use cases and the DynamoDB
 * adapters the api function uses. The clock stands at the end of the seed, inside the quarter measured
 * (so its report is computed, not read from a frozen snapshot).
 */
export async function measureScaleReports(large: number, sampleEvery = 10): Promise<ScaleResult> {
  const seed = await openSeed({ large, sampleEvery });
  const keyDir = mkdtempSync(join(tmpdir(), 'docket-bench-key-'));
  try {
    const clock: Clock = { now: () => new Date(SEED_SPAN.to) };
    const exportSigner = FileExportSigner.fromFile(loadOrCreateExportKey(keyDir));
    const to = SEED_SPAN.to;
    const slaFrom = new Date(Date.parse(to) - SLA_RANGE_DAYS * 86_400_000).toISOString();
    const backlogFrom = new Date(Date.parse(to) - BACKLOG_RANGE_DAYS * 86_400_000).toISOString();
    const runsFor = (table: string): Record<string, Run> => {
      const repo = new DynamoCaseRepository(seed.doc, table, clock.now);
      const reports = new DynamoReportStore(seed.doc, table);
      // Seeded bodies are small enough to stay on their items: an export that asks for a stored body is a bug here.
      const blobs = new Proxy({} as ApiDeps['blobs'], {
        get: () => () => Promise.reject(new Error('the seed stores no message body in S3')),
      });
      const deps = { repo, reports, blobs, clock, accessLog: new DynamoAccessLog(seed.doc, table), exportSigner };
      return {
        sla: async () => (await getSlaReport({ from: slaFrom, to }, deps)).overall.cases,
        backlog: async () =>
          (await getBacklogReport({ from: backlogFrom, to }, deps)).days.reduce((n, d) => n + d.received, 0),
        quarterly: async () => (await getQuarterlyReport({ quarter: QUARTER }, deps)).report.received.all.total,
        export: async () => {
          const page = await exportRecords(
            {
              actor: { sub: 'bench.auditor', roles: ['auditor'] },
              from: WHOLE_CASES_FROM,
              to,
              limit: EXPORT_PAGE_CASES,
            },
            deps,
          );
          return page.ndjson.split('\n').filter(Boolean).length;
        },
      };
    };
    const what: Record<string, { name: string; what: string }> = {
      sla: { name: 'SLA report', what: `GET /reports/sla over the last ${SLA_RANGE_DAYS} days` },
      backlog: { name: 'backlog series', what: `GET /reports/backlog over the last ${BACKLOG_RANGE_DAYS} days` },
      quarterly: { name: 'quarterly report', what: `GET /reports/quarterly for ${QUARTER} (live, not frozen)` },
      export: {
        name: 'export, first page',
        what: `GET /export?from&to over the last 30 days, limit ${EXPORT_PAGE_CASES} cases`,
      },
    };
    const [smallTable, largeTable] = seed.tables as [(typeof seed.tables)[0], (typeof seed.tables)[0]];
    const small = runsFor(smallTable.name);
    const big = runsFor(largeTable.name);
    const measures: ScaleMeasure[] = [];
    for (const key of Object.keys(what)) {
      const s = await time(small[key]!);
      const l = await time(big[key]!);
      const m: ScaleMeasure = {
        ...what[key]!,
        small: { cases: smallTable.cases, medianMs: median(s.runsMs), ...s },
        large: { cases: largeTable.cases, medianMs: median(l.runsMs), ...l },
        ratio: median(l.runsMs) / median(s.runsMs),
      };
      progress(
        `scale: ${m.name}: ${m.small.medianMs.toFixed(0)} ms at ${m.small.cases} cases, ${m.large.medianMs.toFixed(0)} ms at ${m.large.cases} (x${m.ratio.toFixed(2)})`,
      );
      measures.push(m);
    }
    return {
      seedVersion: SEED_VERSION,
      span: SEED_SPAN,
      wholeCasesFrom: WHOLE_CASES_FROM,
      seeded: seed.seeded,
      seedMs: seed.seedMs,
      measures,
    };
  } finally {
    rmSync(keyDir, { recursive: true, force: true });
    await seed.stop();
  }
}
