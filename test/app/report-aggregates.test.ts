import type { Case } from '../../lambdas/core/case';
import {
  quarterlyReportFromAggregates,
  slaReportFromAggregates,
  type DailyAggregates,
  type SumAggregates,
} from '../../lambdas/core/reports/aggregate-reports';
import { compactReportAggregates } from '../../lambdas/app/records/compact-report-aggregates';
import { timeBucket, utcDay } from '../../lambdas/core/reports/aggregates';
import { backlogFromAggregates, type BacklogDay } from '../../lambdas/core/reports/backlog';
import { parseQuarter } from '../../lambdas/core/reports/quarter';
import { quarterlyReport, type QuarterlyReport } from '../../lambdas/core/reports/quarterly-report';
import { slaReport, type SlaFigures, type SlaReport } from '../../lambdas/core/reports/sla-report';
import { InMemoryCaseRepository } from '../fakes/case-repository';
import { commitHistory, prng } from '../support/case-history';

const NOW = new Date('2026-12-20T12:00:00.000Z');
const YEAR_START = Date.parse('2026-01-01T00:00:00.000Z');
const CASES = 2000;

/** The full recount's percentiles put into the aggregates' histogram buckets (instants are whole minutes). */
function bucketed(f: SlaFigures): SlaFigures {
  const times = <T extends { medianMinutes?: number; p90Minutes?: number }>(x: T): T => ({
    ...x,
    ...(x.medianMinutes !== undefined ? { medianMinutes: timeBucket(x.medianMinutes) } : {}),
    ...(x.p90Minutes !== undefined ? { p90Minutes: timeBucket(x.p90Minutes) } : {}),
  });
  return { ...f, firstResponse: times(f.firstResponse), updates: times(f.updates), resolution: times(f.resolution) };
}

function bucketedReport(r: SlaReport): SlaReport {
  const each = (m: Readonly<Record<string, SlaFigures>>) =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [k, bucketed(v)]));
  return {
    ...r,
    overall: bucketed(r.overall),
    byType: each(r.byType),
    byTopic: each(r.byTopic),
    byLanguage: each(r.byLanguage),
  };
}

describe('report aggregates written with every case change', () => {
  const repo = new InMemoryCaseRepository({ now: () => NOW });
  const cases: Case[] = [];
  const sum: SumAggregates = async (...a) => repo.sumAggregates(...a);
  const daily: DailyAggregates = async (...a) => repo.aggregatesByDay(...a);

  beforeAll(async () => {
    const rnd = prng(14);
    for (let i = 0; i < CASES; i++) {
      const created = YEAR_START + Math.floor(rnd() * ((NOW.getTime() - YEAR_START) / 60_000)) * 60_000;
      cases.push(await commitHistory(repo, rnd, created, NOW));
    }
  });

  const recordsIn = async (from: string, to: string) => {
    const current = await Promise.all(cases.map(async (c) => (await repo.getCase(c.tracking))!));
    const inRange = current.filter((c) => c.createdAt >= from && c.createdAt < to);
    return Promise.all(inRange.map(async (c) => ({ case: c, events: await repo.listEvents(c.tracking) })));
  };

  it('answers the SLA report over a year of cases as a full recount does', async () => {
    const range = { from: '2026-01-01T00:00:00.000Z', to: '2026-12-21T00:00:00.000Z' };
    const records = await recordsIn(range.from, range.to);
    expect(records.length).toBe(CASES);
    const fromAggregates = await slaReportFromAggregates(sum, range, NOW);
    expect(fromAggregates).toEqual(bucketedReport(slaReport(records, range, NOW)));
    // The history exercised every counter the report shows.
    const o = fromAggregates.overall;
    for (const n of [o.firstResponse.met, o.firstResponse.late, o.firstResponse.overdue, o.updates.met, o.updates.late])
      expect(n).toBeGreaterThan(0);
    expect(o.updates.overdue + o.escalations + o.resolution.late).toBeGreaterThan(0);
    // Languages we write mail in have their own group; any other detected language counts under `other`.
    const languages = fromAggregates.byLanguage;
    for (const l of ['en', 'de', 'es', 'ja', 'fr', 'other']) expect(languages[l]!.breaches).toBeGreaterThan(0);
    expect(languages.ko!.cases).toBe(0);
    expect(Object.values(languages).reduce((s, f) => s + f.cases, 0)).toBe(CASES);
  });

  it('agrees on a range of whole days inside the year, and rounds a partial day out to whole days', async () => {
    const range = { from: '2026-03-15T00:00:00.000Z', to: '2026-05-02T00:00:00.000Z' };
    const expected = bucketedReport(slaReport(await recordsIn(range.from, range.to), range, NOW));
    expect(await slaReportFromAggregates(sum, range, NOW)).toEqual(expected);
    const partial = await slaReportFromAggregates(
      sum,
      { from: '2026-03-15T09:30:00Z', to: '2026-05-01T17:00:00Z' },
      NOW,
    );
    expect(partial).toEqual(expected);
  });

  it('answers the backlog of each day as a recount of the cases as they stand', async () => {
    const current = await Promise.all(cases.map(async (c) => (await repo.getCase(c.tracking))!));
    const endOf = (c: Case) => c.resolvedAt ?? c.closedAt;
    const recount = (day: string): BacklogDay => ({
      day,
      received: current.filter((c) => utcDay(c.createdAt) === day).length,
      resolved: current.filter((c) => c.resolvedAt && utcDay(c.resolvedAt) === day).length,
      ended: current.filter((c) => endOf(c) && utcDay(endOf(c)!) === day).length,
      open: current.filter((c) => utcDay(c.createdAt) <= day && !(endOf(c) && utcDay(endOf(c)!) <= day)).length,
    });
    // Ten weeks in spring, and the last days up to today (the range's end lies past today: the series stops today).
    for (const range of [
      { from: '2026-03-01', to: '2026-05-10' },
      { from: '2026-12-01', to: '2027-01-01' },
    ]) {
      const backlog = await backlogFromAggregates(daily, sum, range, NOW);
      const days = backlog.days.map((d) => d.day);
      expect(days[0]).toBe(range.from);
      expect(days.at(-1)).toBe(range.from === '2026-03-01' ? '2026-05-09' : '2026-12-20');
      expect(backlog.days).toEqual(days.map(recount));
    }
  });

  it.each(['2026Q1', '2026Q2', '2026Q3', '2026Q4'])(
    'answers the quarterly tabulation of %s as a full recount does',
    async (label) => {
      const q = parseQuarter(label);
      const current = await Promise.all(cases.map(async (c) => (await repo.getCase(c.tracking))!));
      const recount = quarterlyReport(current, q, NOW);
      const fromAggregates = await quarterlyReportFromAggregates(sum, q, NOW);
      const withoutP90 = ({ resolution: { p90Hours: _p, ...resolution }, ...r }: QuarterlyReport) => ({
        ...r,
        resolution,
      });
      expect(withoutP90(fromAggregates)).toEqual(withoutP90(recount));
      expect(recount.received.all.total).toBeGreaterThan(CASES / 8); // a quarter holds a real share of the year
      // p90 is the upper bound of the recount's value's histogram bucket (three significant figures).
      const p90 = recount.resolution.p90Hours!;
      expect(fromAggregates.resolution.p90Hours).toBeGreaterThanOrEqual(p90);
      expect(fromAggregates.resolution.p90Hours! - p90).toBeLessThanOrEqual(p90 * 0.01 + 0.01);
    },
  );

  // Last: it changes the stored counters (their sums must not change).
  it('compacts away the counters that stand at zero, and every report reads the same afterwards', async () => {
    const year = { from: '2026-01-01T00:00:00.000Z', to: '2026-12-21T00:00:00.000Z' };
    const reportsNow = async () => ({
      sla: await slaReportFromAggregates(sum, year, NOW),
      quarter: await quarterlyReportFromAggregates(sum, parseQuarter('2026Q4'), NOW),
      backlog: await backlogFromAggregates(daily, sum, { from: '2026-11-01', to: '2026-12-21' }, NOW),
    });
    const zeros = () =>
      [...repo.aggregates]
        .filter(([key]) => !key.startsWith('G#'))
        .reduce((n, [, counters]) => n + Object.values(counters).filter((v) => v === 0).length, 0);
    const before = await reportsNow();
    const zerosBefore = zeros();
    // Answered responses leave their due minute at zero: most of what a day's items hold after a year.
    expect(zerosBefore).toBeGreaterThan(CASES);
    const reports = {
      compactAggregates: async (...a: ['C' | 'R', string, string, string]) => repo.compactAggregates(...a),
    };
    expect(await compactReportAggregates({ reports }, NOW, 400)).toBe(zerosBefore);
    expect(zeros()).toBe(0);
    expect(await reportsNow()).toEqual(before);
    // Idempotent: nothing is left to remove.
    expect(await compactReportAggregates({ reports }, NOW)).toBe(0);
  });
});
