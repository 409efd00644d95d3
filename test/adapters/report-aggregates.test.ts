import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import { DynamoReportStore } from '../../lambdas/adapters/dynamodb/report-store';
import { compactReportAggregates } from '../../lambdas/app/records/compact-report-aggregates';
import type { SumAggregates } from '../../lambdas/core/reports/aggregate-reports';
import { utcDay } from '../../lambdas/core/reports/aggregates';
import { backlogFromAggregates } from '../../lambdas/core/reports/backlog';
import { parseQuarter } from '../../lambdas/core/reports/quarter';
import { slaReport } from '../../lambdas/core/reports/sla-report';
import { commitHistory, prng } from '../support/case-history';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { expectQuarterlyReportMatchesRecount, expectSlaReportMatchesRecount } from '../support/report-recount';

const NOW = new Date('2025-06-20T12:00:00.000Z');
const START = Date.parse('2025-04-01T00:00:00.000Z');
const CASES = 120;

let t: TestEnv;
let repo: DynamoCaseRepository;
let store: DynamoReportStore;
let sum: SumAggregates;

beforeAll(async () => {
  t = await createTestEnv();
  repo = new DynamoCaseRepository(t.clients.doc, t.resources.tableName, () => NOW);
  store = new DynamoReportStore(t.clients.doc, t.resources.tableName);
  sum = (...a) => store.sumAggregates(...a);
  const rnd = prng(7);
  const created = Array.from(
    { length: CASES },
    () => START + Math.floor(rnd() * ((NOW.getTime() - START) / 60_000)) * 60_000,
  );
  // Several cases commit at once, as concurrent intake and API calls do: the day's counter items are shared.
  for (let i = 0; i < created.length; i += 10) {
    await Promise.all(created.slice(i, i + 10).map((ms) => commitHistory(repo, rnd, ms, NOW)));
  }
}, 180_000);
afterAll(() => t?.dispose());

describe('report aggregates on DynamoDB Local', () => {
  it('sums the counters written in the case transactions to what a full recount of the stored cases gives', async () => {
    const range = { from: '2025-04-01T00:00:00.000Z', to: '2025-06-21T00:00:00.000Z' };
    const cases = await store.casesCreatedBetween(range.from, range.to);
    expect(cases).toHaveLength(CASES);
    const records = await Promise.all(cases.map(async (c) => ({ case: c, events: await repo.listEvents(c.tracking) })));
    const fromAggregates = await expectSlaReportMatchesRecount(sum, records, range, NOW);
    expect(fromAggregates.byLanguage.other!.cases).toBeGreaterThan(0);

    const all = await store.casesCreatedBetween('2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
    await expectQuarterlyReportMatchesRecount(sum, all, parseQuarter('2025Q2'), NOW);
  });

  it('reads the counters of one day from every shard', async () => {
    const [first] = await store.casesCreatedBetween('2025-05-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z');
    const day = first!.createdAt.slice(0, 10);
    const requests = await sum('C', 'type:request', day, day);
    const complaints = await sum('C', 'type:complaint', day, day);
    const received = (requests.received_request ?? 0) + (complaints.received_complaint ?? 0);
    const next = new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();
    const cases = await store.casesCreatedBetween(`${day}T00:00:00.000Z`, next);
    expect(received).toBe(cases.length);
    expect(received).toBeGreaterThan(0);
  });

  it('pages the cases of a range in key order over every status partition', async () => {
    const range = { from: '2025-04-01T00:00:00.000Z', to: '2025-06-21T00:00:00.000Z' };
    const key = (c: { createdAt: string; tracking: string }) => `${c.createdAt}#${c.tracking}`;
    const expected = (await store.casesCreatedBetween(range.from, range.to)).map(key).sort();
    // A page much smaller than the 40 status partitions: each page is merged from several partitions and statuses.
    const limit = 7;
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (let more = true; more; pages++) {
      const page = await store.casesCreatedPage({ ...range, limit, ...(after ? { after } : {}) });
      expect(page.cases.length).toBeLessThanOrEqual(limit);
      seen.push(...page.cases.map(key));
      after = seen.at(-1);
      more = page.more;
      if (more) expect(page.cases).toHaveLength(limit);
    }
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / limit));
  });

  it('reads the backlog of each day from the per-day counters as a recount of the stored cases gives', async () => {
    const all = await store.casesCreatedBetween('2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
    const endOf = (c: (typeof all)[number]) => c.resolvedAt ?? c.closedAt;
    const backlog = await backlogFromAggregates(
      (...a) => store.aggregatesByDay(...a),
      sum,
      { from: '2025-05-01', to: '2025-06-01' },
      NOW,
    );
    expect(backlog.days).toHaveLength(31);
    for (const d of backlog.days) {
      expect(d).toEqual({
        day: d.day,
        received: all.filter((c) => utcDay(c.createdAt) === d.day).length,
        resolved: all.filter((c) => c.resolvedAt && utcDay(c.resolvedAt) === d.day).length,
        ended: all.filter((c) => endOf(c) && utcDay(endOf(c)!) === d.day).length,
        open: all.filter((c) => utcDay(c.createdAt) <= d.day && !(endOf(c) && utcDay(endOf(c)!) <= d.day)).length,
      });
    }
    expect(backlog.days.reduce((s, d) => s + d.received, 0)).toBeGreaterThan(10);
  });

  // Last: it changes the stored counters and adds cases.
  it('compacts the zero counters away under concurrent commits, and the sums still agree with a recount', async () => {
    const zeroCounters = async () => {
      const out = await t.clients.doc.send(
        new ScanCommand({
          TableName: t.resources.tableName,
          FilterExpression: 'itemType = :it AND NOT begins_with(SK, :gauge)',
          ExpressionAttributeValues: { ':it': 'aggregate', ':gauge': '-' },
        }),
      );
      return (out.Items ?? []).reduce((n, item) => n + Object.values(item).filter((v) => v === 0).length, 0);
    };
    expect(await zeroCounters()).toBeGreaterThan(CASES / 2);
    // More histories commit on the same days while the compaction runs: no addition may be lost.
    const rnd = prng(8);
    const [removed] = await Promise.all([
      compactReportAggregates({ reports: store }, NOW, 100),
      (async () => {
        for (let i = 0; i < 20; i++)
          await commitHistory(repo, rnd, START + Math.floor(rnd() * ((NOW.getTime() - START) / 60_000)) * 60_000, NOW);
      })(),
    ]);
    expect(removed).toBeGreaterThan(CASES / 2);
    await compactReportAggregates({ reports: store }, NOW, 100);
    expect(await zeroCounters()).toBe(0);

    const range = { from: '2025-04-01T00:00:00.000Z', to: '2025-06-21T00:00:00.000Z' };
    const cases = await store.casesCreatedBetween(range.from, range.to);
    expect(cases).toHaveLength(CASES + 20);
    const records = await Promise.all(cases.map(async (c) => ({ case: c, events: await repo.listEvents(c.tracking) })));
    const fromAggregates = await expectSlaReportMatchesRecount(sum, records, range, NOW);
    expect(fromAggregates.overall.updates.overdue).toBe(slaReport(records, range, NOW).overall.updates.overdue);
  }, 120_000);
});
