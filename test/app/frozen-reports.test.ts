import { writeFrozenReports } from '../../lambdas/app/records/write-frozen-reports';
import { canonicalJson } from '../../lambdas/core/canonical-json';
import type { LockedObjects } from '../../lambdas/core/reports/frozen-report';
import { FakeClock } from '../fakes/clock';
import { InMemoryReportStore } from '../fakes/stores';
import { appHarness } from './harness';

/** The locked bucket: a key once written stays as it is (a second put of the same key fails the test). */
class InMemoryLockedObjects implements LockedObjects {
  readonly objects = new Map<string, string>();
  async exists(key: string): Promise<boolean> {
    return this.objects.has(key);
  }
  async put(key: string, body: string): Promise<void> {
    if (this.objects.has(key)) throw new Error(`${key} is locked and was written again`);
    this.objects.set(key, body);
  }
}

describe('frozen quarterly reports in the locked bucket', () => {
  it('freezes the quarter that just ended and writes it once as canonical JSON; older frozen quarters too', async () => {
    const h = appHarness('2026-02-10T09:00:00.000Z');
    await h.openCase({ subject: 'Deposit missing' });
    const reports = new InMemoryReportStore(h.repo);
    await reports.freezeSnapshot('quarterly', '2025Q2', { quarter: '2025Q2', filed: true }, '2025-07-02T08:00:00.000Z');
    const locked = new InMemoryLockedObjects();
    const clock = new FakeClock('2026-04-01T00:05:00.000Z');

    expect(await writeFrozenReports({ reports, locked, clock })).toEqual(['2026Q1', '2025Q2']);
    const snapshot = (await reports.getSnapshot('quarterly', '2026Q1'))!;
    expect(snapshot.frozenAt).toBe('2026-04-01T00:05:00.000Z');
    const body = locked.objects.get('reports/quarterly/2026Q1.json')!;
    expect(body).toBe(
      canonicalJson({
        format: 'docket-frozen-report/1',
        kind: 'quarterly',
        quarter: '2026Q1',
        frozenAt: snapshot.frozenAt,
        report: snapshot.body,
      }),
    );
    expect(JSON.parse(body).report.quarter).toBe('2026Q1');
    expect(JSON.parse(locked.objects.get('reports/quarterly/2025Q2.json')!).report).toEqual({
      quarter: '2025Q2',
      filed: true,
    });
    // Quarters nobody froze before the last one are not frozen after the fact.
    expect(await reports.getSnapshot('quarterly', '2025Q4')).toBeUndefined();

    clock.advance({ minutes: 5 });
    expect(await writeFrozenReports({ reports, locked, clock })).toEqual([]);
  });
});
