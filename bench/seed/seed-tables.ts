import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { caseChangeItems } from '../../lambdas/adapters/dynamodb/case-change-items';
import { TTL_ATTRIBUTE } from '../../lambdas/adapters/dynamodb/table-schema';
import { startDynamoDbLocal } from '../../local/dynamodb-local';
import { resolvePort } from '../../local/free-port';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/local-aws';
import { createTable } from '../../local/resources';
import { progress } from '../stats';
import { syntheticCases, type SeedCommit } from './synthetic-cases';

/**
 * Bump when the synthetic history or the item layout changes: the cached tables of another version are
 * not reused (they live in a folder named after the version).
 */
export const SEED_VERSION = 4;

/**
 * Two years of cases ending at `to`, the clock every scale measurement runs at. `to` is the last day of a
 * quarter, so that quarter is complete and still open (its report is computed live, not frozen).
 */
export const SEED_SPAN = { from: '2024-09-30T12:00:00.000Z', to: '2026-09-30T12:00:00.000Z' } as const;

/** Cases created from here on are written whole (thread and audit trail): the export section reads these. */
export const WHOLE_CASES_FROM = '2026-08-31T12:00:00.000Z';

export interface SeedOptions {
  /** Cases in the large table (the small one holds every `sampleEvery`-th of the same cases). */
  readonly large: number;
  readonly sampleEvery: number;
  /** Folder of the cached DynamoDB Local data (default `.bench-data/` at the repository root). */
  readonly dir?: string;
}

export interface SeedTables {
  readonly endpoint: string;
  readonly doc: DynamoDBDocumentClient;
  /** Table name and case count, smallest first. */
  readonly tables: ReadonlyArray<{ readonly name: string; readonly cases: number }>;
  /** Whether this run wrote the seed (false: it came from the cache). */
  readonly seeded: boolean;
  readonly seedMs: number;
  stop(): Promise<void>;
}

const BATCH = 25;
const BATCHES_IN_FLIGHT = 4;

/** Writes items with BatchWriteItem, a few batches at once, retrying what DynamoDB leaves unprocessed. */
class BatchWriter {
  private pending: Array<Record<string, unknown>> = [];
  private inFlight = new Set<Promise<void>>();
  written = 0;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async put(item: Record<string, unknown>): Promise<void> {
    this.pending.push(item);
    if (this.pending.length >= BATCH) await this.flushBatch();
  }

  private async flushBatch(): Promise<void> {
    const batch = this.pending.splice(0, BATCH);
    if (!batch.length) return;
    while (this.inFlight.size >= BATCHES_IN_FLIGHT) await Promise.race(this.inFlight);
    const p = this.write(batch).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  private async write(batch: Array<Record<string, unknown>>): Promise<void> {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length; attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
      const out = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: requests } }));
      requests = (out.UnprocessedItems?.[this.table] ?? []) as typeof requests;
    }
    this.written += batch.length;
  }

  async close(): Promise<void> {
    while (this.pending.length) await this.flushBatch();
    await Promise.all(this.inFlight);
  }
}

/**
 * What one table receives: the items of every commit (the repository's own transaction items), the last
 * version of each key winning as it would in the table, minus what DynamoDB's TTL would have deleted by the
 * seed's clock (idempotency keys, change journal); report counters summed as their `ADD` updates would.
 * Cases created before `threadsFrom` keep only their case item and counters: their messages, audit events
 * and Message-ID links are left out, because DynamoDB Local on a shared 2-core machine writes ~100-500 items a
 * second and they are ~8 of the ~10 items of a case. No measurement reads them (reports read counters,
 * listings and the export's selection read case items; the export's first page reads the threads of
 * cases inside `threadsFrom`).
 */
class TableSeed {
  private readonly counters = new Map<string, { key: Record<string, unknown>; sums: Record<string, number> }>();
  private readonly flushed = new Set<string>();
  readonly writer: BatchWriter;
  cases = 0;

  constructor(
    doc: DynamoDBDocumentClient,
    readonly name: string,
    private readonly nowSeconds: number,
    private readonly threadsFrom: string,
  ) {
    this.writer = new BatchWriter(doc, name);
  }

  /** One case's whole history (its commits in order). */
  async add(history: readonly SeedCommit[]): Promise<void> {
    this.cases++;
    const latest = new Map<string, Record<string, unknown>>();
    const withThread = history[0]!.change.case.createdAt >= this.threadsFrom;
    for (const { change, at } of history) {
      const { items, roles } = caseChangeItems(this.name, change, at, TTL_ATTRIBUTE);
      for (const [i, t] of items.entries()) {
        if (!withThread && roles[i] !== 'case' && roles[i] !== 'aggregate') continue;
        if (t.Put) {
          const item = t.Put.Item as Record<string, unknown>;
          const ttl = item[TTL_ATTRIBUTE];
          if (typeof ttl === 'number' && ttl < this.nowSeconds) continue;
          latest.set(`${String(item.PK)}\u0000${String(item.SK)}`, item);
        } else if (t.Update) {
          const key = t.Update.Key as Record<string, unknown>;
          const id = `${String(key.PK)}\u0000${String(key.SK)}`;
          if (this.flushed.has(id)) throw new Error(`report counters ${id} changed after they were written`);
          const entry = this.counters.get(id) ?? this.counters.set(id, { key, sums: {} }).get(id)!;
          const names = t.Update.ExpressionAttributeNames ?? {};
          const values = t.Update.ExpressionAttributeValues ?? {};
          for (const [alias, name] of Object.entries(names)) {
            const n = values[`:${alias.slice(1)}`];
            if (typeof n === 'number') entry.sums[name] = (entry.sums[name] ?? 0) + n;
          }
        }
      }
    }
    for (const item of latest.values()) await this.writer.put(item);
  }

  /**
   * Writes the counters of days before `day` (no later case can change them any more) while generation
   * goes on, so DynamoDB Local writes while the use cases run. The open-case gauge (day `-`) waits for `finish`.
   */
  async flushBefore(day: string): Promise<void> {
    for (const [id, { key, sums }] of this.counters) {
      if (key.SK === '-' || String(key.SK) >= day) continue;
      this.counters.delete(id);
      this.flushed.add(id);
      // Without the counters at zero, as the sweeper's hourly compaction leaves a settled day's items.
      const kept = Object.fromEntries(Object.entries(sums).filter(([, n]) => n !== 0));
      await this.writer.put({ ...key, itemType: 'aggregate', ...kept });
    }
  }

  async finish(): Promise<void> {
    await this.flushBefore('9999');
    for (const { key, sums } of this.counters.values())
      await this.writer.put({ ...key, itemType: 'aggregate', ...sums });
    await this.writer.close();
  }
}

const historiesOf = (commits: readonly SeedCommit[]): SeedCommit[][] => {
  const byCase = new Map<string, SeedCommit[]>();
  for (const c of commits) {
    const t = c.change.case.tracking;
    (byCase.get(t) ?? byCase.set(t, []).get(t)!).push(c);
  }
  return [...byCase.values()];
};

interface Local {
  readonly endpoint: string;
  readonly dynamo: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  stop(): Promise<void>;
}

async function startLocal(dataDir: string): Promise<Local> {
  const ddb = await startDynamoDbLocal({ port: await resolvePort(0), dataDir });
  const dynamo = new DynamoDBClient({ endpoint: ddb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  // The marshalling of lambdas/shared/clients.ts: items are stored exactly as the handlers store them.
  const doc = DynamoDBDocumentClient.from(dynamo, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return {
    endpoint: ddb.endpoint,
    dynamo,
    doc,
    stop: async () => {
      dynamo.destroy();
      await ddb.stop();
    },
  };
}

const tablesFor = (opts: SeedOptions) => {
  const small = Math.ceil(opts.large / opts.sampleEvery);
  return [
    { name: `cases-${small}`, cases: small },
    { name: `cases-${opts.large}`, cases: opts.large },
  ];
};

/**
 * Writes the seed into `dataDir`. DynamoDB Local keeps its tables in SQLite, which syncs every write to
 * disk; the caller points it at a tmpfs folder while writing and copies the file into the cache after.
 */
async function writeSeed(opts: SeedOptions, dataDir: string): Promise<Record<string, number>> {
  const local = await startLocal(dataDir);
  try {
    const tables = tablesFor(opts);
    for (const t of tables) await createTable({ dynamo: local.dynamo }, t.name);
    const nowSeconds = Math.floor(Date.parse(SEED_SPAN.to) / 1000);
    const [s, l] = tables.map((t) => new TableSeed(local.doc, t.name, nowSeconds, WHOLE_CASES_FROM)) as [
      TableSeed,
      TableSeed,
    ];
    const started = Date.now();
    let last = 0;
    let n = 0;
    for await (const commits of syntheticCases({ count: opts.large, ...SEED_SPAN, seed: SEED_VERSION })) {
      for (const history of historiesOf(commits)) {
        await l.add(history);
        if (n++ % opts.sampleEvery === 0) await s.add(history);
      }
      // A case's commits reach at most ~3 weeks past its arrival (first response, resolution).
      const lastArrival = Date.parse(commits.at(-1)!.change.case.createdAt);
      const settled = new Date(lastArrival - 30 * 86_400_000).toISOString().slice(0, 10);
      await Promise.all([s.flushBefore(settled), l.flushBefore(settled)]);
      if (Date.now() - last > 15_000 || n === opts.large) {
        last = Date.now();
        const rate = n / ((Date.now() - started) / 1000);
        progress(
          `seed: ${n} of ${opts.large} cases (${l.writer.written + s.writer.written} items written, ${Math.round(rate)} cases/s, ~${Math.round((opts.large - n) / rate)} s left)`,
        );
      }
    }
    progress('seed: writing the report counters');
    await Promise.all([s.finish(), l.finish()]);
    if (s.cases !== tables[0]!.cases || l.cases !== opts.large)
      throw new Error(`seed wrote ${s.cases} and ${l.cases} cases, expected ${tables[0]!.cases} and ${opts.large}`);
    return { [s.name]: s.writer.written, [l.name]: l.writer.written };
  } finally {
    await local.stop();
  }
}

/**
 * Opens the cached seed (DynamoDB Local on a free port, data under `.bench-data/seed-v<N>-<large>/`),
 * writing it first when the folder holds no complete seed: `large` synthetic cases over two years in one
 * table and every `sampleEvery`-th of them in another, with progress on stderr. Stop it when done.
 */
export async function openSeed(opts: SeedOptions): Promise<SeedTables> {
  const dir = resolve(opts.dir ?? join(__dirname, '..', '..', '.bench-data'), `seed-v${SEED_VERSION}-${opts.large}`);
  const marker = join(dir, 'complete.json');
  const started = Date.now();
  const seeded = !existsSync(marker);
  if (seeded) {
    rmSync(dir, { recursive: true, force: true });
    const scratch = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/docket-seed-') : join(dir, 'scratch');
    try {
      const items = await writeSeed(opts, scratch);
      mkdirSync(dir, { recursive: true });
      cpSync(scratch, join(dir, 'dynamodb'), { recursive: true });
      const seconds = Math.round((Date.now() - started) / 1000);
      writeFileSync(marker, `${JSON.stringify({ version: SEED_VERSION, ...SEED_SPAN, items, seconds }, null, 2)}\n`);
      progress(`seed: done in ${seconds} s, cached in ${dir}`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  } else {
    const info = JSON.parse(readFileSync(marker, 'utf8')) as { seconds: number };
    progress(`seed: reusing ${dir} (written once in ${info.seconds} s)`);
  }
  const local = await startLocal(join(dir, 'dynamodb'));
  return {
    endpoint: local.endpoint,
    doc: local.doc,
    tables: tablesFor(opts),
    seeded,
    seedMs: Date.now() - started,
    stop: local.stop,
  };
}
