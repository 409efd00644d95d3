import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import { DynamoReportStore } from '../../lambdas/adapters/dynamodb/report-store';
import { patchCase } from '../../lambdas/app/api/patch-case';
import { createDeadlinePlanner } from '../../lambdas/app/deadlines/planner';
import type { BackfillResult } from '../../lambdas/app/migrations/backfill-layout';
import { commitCaseEdit } from '../../lambdas/app/mutate-case';
import { chainEvent } from '../../lambdas/core/audit-chain';
import { CASE_STATUSES, type Case, type CaseStatus } from '../../lambdas/core/case';
import type { SumAggregates } from '../../lambdas/core/reports/aggregate-reports';
import { aggregateDelta, type Counters } from '../../lambdas/core/reports/aggregates';
import { parseQuarter } from '../../lambdas/core/reports/quarter';
import { AGENT_REPLIED } from '../../lambdas/core/reports/reply-event';
import { getPreset } from '../../lambdas/core/sla/presets';
import type { TrackingNumber } from '../../lambdas/core/tracking-number';
import { REPO_ROOT } from '../../local/handler-loader';
import { createTable } from '../../local/resources';
import { FakeClock, SequentialIds } from '../fakes/clock';
import { InMemoryQueue } from '../fakes/queue';
import { aCase } from '../support/case-fixture';
import { commitHistory, prng } from '../support/case-history';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { copyTable, scanAll, tableToOldLayout } from '../support/old-layout';
import { expectQuarterlyReportMatchesRecount, expectSlaReportMatchesRecount } from '../support/report-recount';

const run = promisify(execFile);
/** The `backfill` script's own command line (`node --import tsx deploy/backfill/cli.ts`), run with this Node. */
const BACKFILL_ARGS = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { backfill: string } }
).scripts.backfill
  .split(' ')
  .slice(1);

const NOW = new Date('2025-06-20T12:00:00.000Z');
const START = Date.parse('2025-04-01T00:00:00.000Z');
/** Cases the old release wrote, with random histories, and one more the API changes after the deploy. */
const HISTORIES = 30;
const SEGMENTS = 3;

let t: TestEnv;
let repo: DynamoCaseRepository;
let table: string;
let source: string;
let trackings: TrackingNumber[];
let firstRun: { stdout: string; stderr: string };

/** Runs `npm run backfill` against DynamoDB Local. */
const backfill = () =>
  run(
    process.execPath,
    [...BACKFILL_ARGS, '--source', source, '--table', table, '--segments', String(SEGMENTS), '--region', 'us-east-1'],
    { cwd: REPO_ROOT, env: { ...process.env, ...t.env } },
  );

/** A case opened as intake opens one and answered by an agent, with a real tracking number (the API parses it). */
async function answeredCase(): Promise<Case> {
  const at = '2025-06-02T09:00:00.000Z';
  const base = aCase({ createdAt: at, updatedAt: at, topic: 'deposit', language: 'de' });
  const opened = chainEvent(base, { at, actor: 'customer', type: 'case_opened' });
  const c = { ...base, eventSeq: opened.seq, lastEventHash: opened.hash };
  await repo.commit({
    case: c,
    expectedVersion: null,
    events: [opened],
    aggregates: aggregateDelta(undefined, c, [opened]),
  });
  const when = '2025-06-02T09:40:00.000Z';
  const replied = await commitCaseEdit(
    { repo },
    c,
    {
      case: { ...c, status: 'pending', firstResponseAt: when, lastAgentMessageAt: when },
      events: [
        {
          at: when,
          actor: 'agent',
          type: AGENT_REPLIED,
          data: { messageId: 'm1', firstResponse: true, waitedMinutes: 40 },
        },
      ],
    },
    new Date(when),
  );
  return replied.case;
}

beforeAll(async () => {
  t = await createTestEnv();
  table = t.resources.tableName;
  source = `${table}-source`;
  repo = new DynamoCaseRepository(t.clients.doc, table, () => NOW);
  // Cases written through the application's own commits, then put back as the old release left the table.
  const rnd = prng(21);
  const histories: Case[] = [];
  for (let i = 0; i < HISTORIES; i += 10)
    histories.push(
      ...(await Promise.all(
        Array.from({ length: 10 }, () =>
          commitHistory(repo, rnd, START + Math.floor(rnd() * ((NOW.getTime() - START) / 60_000)) * 60_000, NOW),
        ),
      )),
    );
  const answered = await answeredCase();
  await tableToOldLayout(t.clients.doc, table);
  // The point-in-time restore at the deploy instant.
  await createTable(t.clients, source);
  await copyTable(t.clients.doc, table, source);

  // After the deploy: an agent moves the answered case to the other type and topic (its reply's tallies
  // change report groups), and a new case arrives and is worked.
  const ids = new SequentialIds('d');
  await patchCase(
    {
      actor: { sub: 'sam.supervisor', roles: ['supervisor'] },
      tracking: answered.tracking,
      patch: { type: 'complaint', topic: 'fraud' },
    },
    {
      repo,
      queue: new InMemoryQueue(),
      clock: new FakeClock(NOW),
      planDeadlines: createDeadlinePlanner({ repo, presetName: 'nydfs', policy: getPreset('nydfs'), ids }),
    },
  );
  const since = await commitHistory(repo, rnd, NOW.getTime() - 3 * 3600_000, NOW);
  trackings = [...histories.map((c) => c.tracking), answered.tracking, since.tracking];

  firstRun = await backfill();
}, 240_000);
afterAll(() => t?.dispose());

const current = () => Promise.all(trackings.map(async (tr) => (await repo.getCase(tr))!));

async function listed(status?: CaseStatus): Promise<TrackingNumber[]> {
  const out: TrackingNumber[] = [];
  let cursor: string | undefined;
  do {
    const page = await repo.queryCases({ limit: 7, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) });
    out.push(...page.items.map((c) => c.tracking));
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/** The counters as stored, summed over shards, without zeros: `<cohort>#<group>#<day>` -> counters. */
async function storedCounters(): Promise<Record<string, Counters>> {
  const out: Record<string, Counters> = {};
  for await (const { PK, SK, itemType: _t, ...counters } of scanAll(t.clients.doc, table, {
    expression: 'begins_with(PK, :agg)',
    values: { ':agg': 'AGG#' },
  })) {
    const [, , cohort, ...group] = String(PK).split('#');
    const key = `${cohort}#${group.join('#')}#${String(SK)}`;
    for (const [k, n] of Object.entries(counters))
      if (n !== 0) out[key] = { ...out[key], [k]: (out[key]?.[k] ?? 0) + Number(n) };
  }
  return out;
}

describe('npm run backfill', () => {
  it('reports its progress per segment and pass, and its totals', () => {
    const result = JSON.parse(firstRun.stdout) as BackfillResult;
    expect(result).toEqual({
      aggregates: { scanned: HISTORIES + 1, added: HISTORIES + 1, already: 0, sourceTooLate: 0, sourceTooEarly: 0 },
      // The changed case and the new one have the keys from their own writes.
      statusKeys: { scanned: HISTORIES + 2, moved: HISTORIES, present: 2, changedMeanwhile: 0 },
    });
    for (const pass of ['aggregates', 'status-keys'])
      for (let s = 1; s <= SEGMENTS; s++)
        expect(firstRun.stderr).toMatch(
          new RegExp(`^backfill ${pass} segment ${s}/${SEGMENTS} done: scanned=\\d+`, 'm'),
        );
  });

  it('lists every case once, under its status', async () => {
    const byStatus = new Map((await current()).map((c) => [c.tracking, c.status]));
    const seen: TrackingNumber[] = [];
    for (const status of CASE_STATUSES) {
      const here = await listed(status);
      expect(here.every((tr) => byStatus.get(tr) === status)).toBe(true);
      seen.push(...here);
    }
    expect(seen.sort()).toEqual([...trackings].sort());
    expect((await listed()).sort()).toEqual([...trackings].sort());
  });

  it('leaves counters a full recount of the cases gives', async () => {
    const cases = await current();
    const records = await Promise.all(cases.map(async (c) => ({ case: c, events: await repo.listEvents(c.tracking) })));
    // Exactly what each case contributes as it stands, counter by counter.
    const expected: Record<string, Counters> = {};
    for (const r of records)
      for (const [key, counters] of Object.entries(aggregateDelta(undefined, r.case, r.events)))
        for (const [k, n] of Object.entries(counters))
          expected[key] = { ...expected[key], [k]: (expected[key]?.[k] ?? 0) + n };
    for (const key of Object.keys(expected)) {
      expected[key] = Object.fromEntries(Object.entries(expected[key]!).filter(([, n]) => n !== 0));
      if (!Object.keys(expected[key]!).length) delete expected[key];
    }
    expect(await storedCounters()).toEqual(expected);

    // And the reports read from them agree with the reports' own recount of the cases.
    const store = new DynamoReportStore(t.clients.doc, table);
    const sum: SumAggregates = (...a) => store.sumAggregates(...a);
    const range = { from: '2025-04-01T00:00:00.000Z', to: '2025-06-21T00:00:00.000Z' };
    const fromAggregates = await expectSlaReportMatchesRecount(sum, records, range, NOW);
    expect(fromAggregates.overall.cases).toBe(trackings.length);
    await expectQuarterlyReportMatchesRecount(sum, cases, parseQuarter('2025Q2'), NOW);
  });

  it('changes nothing when run again', async () => {
    const items = async () => {
      const all: Record<string, unknown>[] = [];
      for await (const item of scanAll(t.clients.doc, table)) all.push(item);
      return all.sort((a, b) => (`${a.PK}|${a.SK}` < `${b.PK}|${b.SK}` ? -1 : 1));
    };
    const before = await items();
    const again = await backfill();
    expect(JSON.parse(again.stdout)).toEqual({
      aggregates: { scanned: HISTORIES + 1, added: 0, already: HISTORIES + 1, sourceTooLate: 0, sourceTooEarly: 0 },
      statusKeys: { scanned: HISTORIES + 2, moved: 0, present: HISTORIES + 2, changedMeanwhile: 0 },
    });
    expect(await items()).toEqual(before);
  }, 60_000);

  it('refuses the live table as its source', async () => {
    await expect(
      run(process.execPath, [...BACKFILL_ARGS, '--source', table, '--table', table, '--region', 'us-east-1'], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...t.env },
      }),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--source must be the table restored') });
  }, 30_000);
});
