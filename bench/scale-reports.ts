import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand as RawQueryCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAccessLog } from '../lambdas/adapters/dynamodb/access-log';
import { DynamoCaseRepository } from '../lambdas/adapters/dynamodb/case-repository';
import { aggregateItemKey, caseKey, allStatusPartitions } from '../lambdas/adapters/dynamodb/keys';
import { DynamoReportStore } from '../lambdas/adapters/dynamodb/report-store';
import { INDEXES } from '../lambdas/adapters/dynamodb/table-schema';
import { FileExportSigner } from '../lambdas/adapters/signing/file-export-signer';
import type { ApiDeps } from '../lambdas/app/api/api-deps';
import { exportRecords } from '../lambdas/app/api/export-records';
import { getBacklogReport, getQuarterlyReport, getSlaReport } from '../lambdas/app/api/reports';
import type { Clock } from '../lambdas/core/ports';
import type { TrackingNumber } from '../lambdas/core/tracking-number';
import { loadOrCreateExportKey } from '../local/local-secrets';
import { openSeed, SEED_SPAN, SEED_VERSION, WHOLE_CASES_FROM } from './seed/seed-tables';
import { median, progress } from './stats';

/** Timed repetitions of each measurement (after one untimed warm-up call); the median is reported. */
const REPEATS = 5;
/** Timed repetitions of each single DynamoDB Local request (they take a few ms each). */
const PROBE_REPEATS = 30;
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
  /** What one call read from DynamoDB (counted on the warm-up call). */
  readonly reads: Reads;
}

/** DynamoDB requests one call made, items they returned, and those items' size as JSON. */
export interface Reads {
  readonly requests: number;
  readonly items: number;
  readonly kb: number;
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
  /**
   * Single DynamoDB Local requests for the same keys on both tables: what the table's size alone costs,
   * apart from how much the application reads.
   */
  readonly probes: ScaleMeasure[];
}

type Run = () => Promise<number>;
type Timed = { runsMs: number[]; answered: number; reads: Reads };

type RawItem = Record<string, { N?: string; S?: string }>;
/** An aggregate item's attribute values (numbers and strings only) as the document client would give them. */
const plainItem = (item: RawItem): Record<string, unknown> =>
  Object.fromEntries(Object.entries(item).map(([k, v]) => [k, v.N !== undefined ? Number(v.N) : (v.S ?? v)]));

/** A document client that counts what passes through it (the adapters only call `send`). */
function counting(doc: DynamoDBDocumentClient): { client: DynamoDBDocumentClient; take(): Reads } {
  let requests = 0;
  let items = 0;
  let bytes = 0;
  const client = {
    send: async (command: Parameters<DynamoDBDocumentClient['send']>[0]) => {
      const out = (await doc.send(command as never)) as { Items?: unknown[]; Item?: unknown };
      const got = out.Items ?? (out.Item ? [out.Item] : []);
      requests++;
      items += got.length;
      // The report store reads aggregate items as raw attribute values: sized as plain JSON like the rest.
      const plain = command instanceof RawQueryCommand ? got.map((i) => plainItem(i as RawItem)) : got;
      bytes += got.length ? Buffer.byteLength(JSON.stringify(plain)) : 0;
      return out;
    },
  } as unknown as DynamoDBDocumentClient;
  return {
    client,
    take: () => {
      const r = { requests, items, kb: Math.round(bytes / 102.4) / 10 };
      requests = items = bytes = 0;
      return r;
    },
  };
}

/**
 * Times `small` and `large` alternately (one untimed, counted warm-up call of each first), so a change of
 * load or a JIT warming up during the measurement weighs on both sizes alike.
 */
async function timePair(small: Run, large: Run, take: [() => Reads, () => Reads], repeats: number): Promise<Timed[]> {
  const out: Timed[] = [];
  for (const [i, run] of [small, large].entries()) {
    take[i]!();
    const answered = await run();
    out.push({ runsMs: [], answered, reads: take[i]!() });
  }
  for (let r = 0; r < repeats; r++) {
    for (const [i, run] of [small, large].entries()) {
      const t0 = performance.now();
      await run();
      out[i]!.runsMs.push(performance.now() - t0);
    }
  }
  return out;
}

/**
 * Single requests that ask both tables for the same keys: a case item present in both (the small table
 * holds every 10th case of the large one), a few keys of one status-index partition from the export's
 * range, and the SLA range's days of one aggregate partition (the same number of items, but a day's item
 * holds more histogram buckets and due-minute counters when more cases arrived that day).
 */
function probesOf(
  doc: DynamoDBDocumentClient,
  smallTable: string,
  slaFrom: string,
  to: string,
): Array<{ name: string; what: string; run: (table: string) => Promise<number>; take: () => Reads }> {
  const { client, take } = counting(doc);
  const ix = INDEXES.casesByStatus;
  const statusPk = allStatusPartitions('resolved')[0]!;
  const indexKeys = (table: string, limit: number) =>
    client.send(
      new QueryCommand({
        TableName: table,
        IndexName: ix.name,
        KeyConditionExpression: `${ix.partitionKey} = :pk AND ${ix.sortKey} BETWEEN :from AND :to`,
        ExpressionAttributeValues: { ':pk': statusPk, ':from': WHOLE_CASES_FROM, ':to': to },
        ProjectionExpression: `PK, SK, ${ix.sortKey}`,
        Limit: limit,
      }),
    );
  let tracking: string | undefined;
  const aggregate = aggregateItemKey(0, 'C', 'type:request', slaFrom.slice(0, 10)).PK;
  return [
    {
      name: 'one case item',
      what: 'DynamoDB Local alone: GetItem of a case present in both tables',
      take,
      run: async (table) => {
        // The first case of the export's range in the small table is in the large one too.
        tracking ??= String((await indexKeys(smallTable, 1)).Items?.[0]?.PK ?? '').slice('CASE#'.length) || undefined;
        if (tracking === undefined) throw new Error(`no case in ${statusPk} of ${smallTable} from ${WHOLE_CASES_FROM}`);
        const out = await client.send(new GetCommand({ TableName: table, Key: caseKey(tracking as TrackingNumber) }));
        if (!out.Item) throw new Error(`case ${tracking} is missing from ${table}`);
        return 1;
      },
    },
    {
      name: 'aggregate days',
      what: `DynamoDB Local alone: Query of ${SLA_RANGE_DAYS} days of one aggregate partition (${aggregate})`,
      take,
      run: async (table) =>
        (
          await client.send(
            new QueryCommand({
              TableName: table,
              KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
              ExpressionAttributeValues: { ':pk': aggregate, ':from': slaFrom.slice(0, 10), ':to': to.slice(0, 10) },
            }),
          )
        ).Items?.length ?? 0,
    },
    {
      name: 'status index keys',
      what: `DynamoDB Local alone: Query of 13 keys of one status partition (${statusPk}) from ${WHOLE_CASES_FROM.slice(0, 10)}`,
      take,
      run: async (table) => (await indexKeys(table, 13)).Items?.length ?? 0,
    },
  ];
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
    const runsFor = (table: string): { runs: Record<string, Run>; take: () => Reads } => {
      const { client, take } = counting(seed.doc);
      const repo = new DynamoCaseRepository(client, table, clock.now);
      const reports = new DynamoReportStore(client, table);
      // Seeded bodies are small enough to stay on their items: an export that asks for a stored body is a bug here.
      const blobs = new Proxy({} as ApiDeps['blobs'], {
        get: () => () => Promise.reject(new Error('the seed stores no message body in S3')),
      });
      const deps = { repo, reports, blobs, clock, accessLog: new DynamoAccessLog(client, table), exportSigner };
      const runs: Record<string, Run> = {
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
      return { runs, take };
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
    const compare = async (
      entry: { name: string; what: string },
      s: Run,
      l: Run,
      repeats: number,
      take: [() => Reads, () => Reads],
    ): Promise<ScaleMeasure> => {
      const [st, lt] = (await timePair(s, l, take, repeats)) as [Timed, Timed];
      const m: ScaleMeasure = {
        ...entry,
        small: { cases: smallTable.cases, medianMs: median(st.runsMs), ...st },
        large: { cases: largeTable.cases, medianMs: median(lt.runsMs), ...lt },
        ratio: median(lt.runsMs) / median(st.runsMs),
      };
      progress(
        `scale: ${m.name}: ${m.small.medianMs.toFixed(1)} ms at ${m.small.cases} cases, ${m.large.medianMs.toFixed(1)} ms at ${m.large.cases} (x${m.ratio.toFixed(2)}; read ${m.small.reads.items} / ${m.large.reads.items} items in ${m.small.reads.requests} / ${m.large.reads.requests} requests)`,
      );
      return m;
    };
    const measures: ScaleMeasure[] = [];
    for (const key of Object.keys(what))
      measures.push(await compare(what[key]!, small.runs[key]!, big.runs[key]!, REPEATS, [small.take, big.take]));
    const probes: ScaleMeasure[] = [];
    for (const probe of probesOf(seed.doc, smallTable.name, slaFrom, to)) {
      probes.push(
        await compare(
          probe,
          () => probe.run(smallTable.name),
          () => probe.run(largeTable.name),
          PROBE_REPEATS,
          [probe.take, probe.take],
        ),
      );
    }
    return {
      seedVersion: SEED_VERSION,
      span: SEED_SPAN,
      wholeCasesFrom: WHOLE_CASES_FROM,
      seeded: seed.seeded,
      seedMs: seed.seedMs,
      measures,
      probes,
    };
  } finally {
    rmSync(keyDir, { recursive: true, force: true });
    await seed.stop();
  }
}
