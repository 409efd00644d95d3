import type { Case } from '../../lambdas/core/case';
import {
  quarterlyReportFromAggregates,
  slaReportFromAggregates,
  type SumAggregates,
} from '../../lambdas/core/reports/aggregate-reports';
import { timeBucket } from '../../lambdas/core/reports/aggregates';
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
  return { ...r, overall: bucketed(r.overall), byType: each(r.byType), byTopic: each(r.byTopic) };
}

describe('report aggregates written with every case change', () => {
  const repo = new InMemoryCaseRepository({ now: () => NOW });
  const cases: Case[] = [];
  const sum: SumAggregates = async (cohort, group, from, last) => repo.sumAggregates(cohort, group, from, last);

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
});
