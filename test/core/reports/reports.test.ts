import { chainEvents } from '../../../lambdas/core/audit-chain';
import type { Case } from '../../../lambdas/core/case';
import { percentile } from '../../../lambdas/core/reports/percentile';
import { parseQuarter } from '../../../lambdas/core/reports/quarter';
import { quarterlyCsv, csvField } from '../../../lambdas/core/reports/quarterly-csv';
import { quarterlyHtml } from '../../../lambdas/core/reports/quarterly-html';
import { quarterlyReport } from '../../../lambdas/core/reports/quarterly-report';
import { slaReport } from '../../../lambdas/core/reports/sla-report';
import { aCase as caseFixture } from '../../support/case-fixture';

let n = 0;
function aCase(over: Partial<Case>): Case {
  n++;
  return caseFixture({
    tracking: `T${n}` as Case['tracking'],
    status: 'open',
    customer: { address: `c${n}@x.example`, kind: 'individual' },
    participants: [],
    subject: 's',
    createdAt: '2026-07-10T00:00:00.000Z',
    updatedAt: '2026-07-10T00:00:00.000Z',
    ...over,
  });
}

describe('percentile', () => {
  it('returns observed values by nearest rank', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([], 90)).toBeUndefined();
  });
});

describe('quarters', () => {
  it('parses 2026Q3 as July to September in UTC and rejects other forms', () => {
    expect(parseQuarter('2026q3')).toEqual({
      label: '2026Q3',
      from: '2026-07-01T00:00:00.000Z',
      to: '2026-10-01T00:00:00.000Z',
    });
    expect(() => parseQuarter('2026Q5')).toThrow(/2026Q3/);
  });
});

describe('SLA report', () => {
  it('counts met, late and overdue first responses by type', () => {
    const now = new Date('2026-07-20T00:00:00Z');
    const replied = (met: boolean, minutes: number, type: Case['type']) => {
      const c = aCase({ type, firstResponseAt: '2026-07-10T01:00:00.000Z' });
      const { events } = chainEvents(c, [
        {
          at: c.firstResponseAt!,
          actor: 'a',
          type: 'agent_replied',
          data: {
            messageId: 'm',
            firstResponse: true,
            owed: { kind: 'first_response', dueAt: 'x', met },
            waitedMinutes: minutes,
          },
        },
      ]);
      return { case: c, events };
    };
    const overdue = {
      case: aCase({ type: 'complaint', deadlines: { first_response: { dueAt: '2026-07-11T00:00:00.000Z', id: 'd' } } }),
      events: [],
    };
    const r = slaReport(
      [replied(true, 30, 'request'), replied(false, 600, 'request'), overdue],
      { from: 'a', to: 'b' },
      now,
    );
    expect(r.overall.firstResponse).toMatchObject({
      met: 1,
      late: 1,
      overdue: 1,
      compliance: 0.33,
      medianMinutes: 30,
      p90Minutes: 600,
    });
    expect(r.byType.request!.firstResponse.compliance).toBe(0.5);
    expect(r.byType.complaint!.breaches).toBe(1);
  });
});

describe('quarterly report', () => {
  const q = parseQuarter('2026Q3');
  const now = new Date('2026-11-01T00:00:00Z');
  const cases = [
    aCase({
      type: 'complaint',
      topic: 'fees',
      status: 'resolved',
      resolvedAt: '2026-07-10T10:00:00.000Z',
      resolution: { outcome: 'denied', explanation: 'x', by: 'a', at: 'x' },
      satisfaction: 2,
    }),
    aCase({ type: 'request', createdAt: '2026-06-30T00:00:00.000Z' }),
    aCase({ type: 'request', createdAt: '2026-10-02T00:00:00.000Z' }),
  ];
  const r = quarterlyReport(cases, q, now);

  it('tabulates receipts, outcomes, satisfaction and what was open at quarter end', () => {
    expect(r.received.all).toEqual({ request: 0, complaint: 1, total: 1 });
    expect(r.received.byTopic.fees).toEqual({ request: 0, complaint: 1, total: 1 });
    expect(r.outcomes.denied!.total).toBe(1);
    expect(r.resolution).toEqual({ resolved: 1, averageHours: 10, p90Hours: 10 });
    expect(r.satisfaction).toMatchObject({ responses: 1, average: 2 });
    expect(r.openAtQuarterEnd).toEqual({ request: 1, complaint: 0, total: 1 });
  });

  it('renders CSV rows and an HTML page with inline SVG and no script', () => {
    expect(quarterlyCsv(r)).toContain('received_by_topic,fees,0,1,1\r\n');
    const page = quarterlyHtml(r);
    expect(page).toContain('<svg');
    expect(page).not.toContain('<script');
  });

  it('quotes CSV fields and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('=cmd()')).toBe("'=cmd()");
  });
});
