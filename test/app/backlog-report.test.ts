import { getBacklogReport, getSlaReport } from '../../lambdas/app/api/reports';
import { resolveCase } from '../../lambdas/app/api/resolve-case';
import { ValidationError } from '../../lambdas/core/errors';
import { AGENT, appHarness } from './harness';

const GERMAN =
  'Guten Tag, meine Auszahlung von 500 Euro ist seit drei Tagen nicht auf meinem Konto angekommen. Bitte prüfen Sie das.';

describe('the backlog over time, from the report counters', () => {
  it('gives received, resolved, ended and open for each day of the range, up to today', async () => {
    const h = appHarness('2026-02-27T09:00:00.000Z');
    const from = (n: number) => ({ from: `customer${n}@customer.example` });
    await h.openCase(from(1)); // before the range, still open at its start
    h.clock.set('2026-03-02T08:00:00.000Z');
    const a = await h.openCase(from(2));
    const b = await h.openCase(from(3));
    h.clock.set('2026-03-02T17:30:00.000Z');
    await resolveCase({ actor: AGENT, tracking: a.tracking, outcome: 'full' }, h.api);
    h.clock.set('2026-03-03T23:59:00.000Z');
    await h.openCase(from(4));
    h.clock.set('2026-03-04T00:00:00.000Z');
    await resolveCase({ actor: AGENT, tracking: b.tracking, outcome: 'denied', explanation: 'Not ours.' }, h.api);
    h.clock.set('2026-03-06T12:00:00.000Z');
    await h.openCase(from(5));

    const r = await getBacklogReport({ from: '2026-03-01', to: '2026-03-09' }, h.api);

    expect(r.from).toBe('2026-03-01T00:00:00.000Z');
    expect(r.to).toBe('2026-03-07T00:00:00.000Z');
    expect(r.days).toEqual([
      { day: '2026-03-01', received: 0, resolved: 0, ended: 0, open: 1 },
      { day: '2026-03-02', received: 2, resolved: 1, ended: 1, open: 2 },
      { day: '2026-03-03', received: 1, resolved: 0, ended: 0, open: 3 },
      { day: '2026-03-04', received: 0, resolved: 1, ended: 1, open: 2 },
      { day: '2026-03-05', received: 0, resolved: 0, ended: 0, open: 2 },
      { day: '2026-03-06', received: 1, resolved: 0, ended: 0, open: 3 },
    ]);
    // A range in the past reconstructs its days' end from what happened since (instants widen to whole days).
    const past = await getBacklogReport({ from: '2026-03-02T10:00:00Z', to: '2026-03-03T12:00:00Z' }, h.api);
    expect(past.days).toEqual(r.days.slice(1, 3));
  });

  it('refuses a range of more than 400 days', async () => {
    const h = appHarness();
    await expect(getBacklogReport({ from: '2024-01-01', to: '2026-01-01' }, h.api)).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('counts breaches by the language intake detected', async () => {
    const h = appHarness('2026-03-02T09:00:00.000Z');
    const german = await h.openCase({ subject: 'Auszahlung fehlt', text: GERMAN });
    expect(german.language).toBe('de');
    await h.openCase({
      from: 'bob@customer.example',
      subject: 'Withdrawal missing',
      text: 'My withdrawal of 500 EUR has not arrived after three days.',
    });
    // Past the first-response deadline with no reply: a breach in progress for both cases.
    h.clock.set(new Date(Date.parse(german.deadlines.first_response!.dueAt) + 60_000 * 60 * 24 * 7));
    const r = await getSlaReport({ from: '2026-03-02', to: '2026-03-03' }, h.api);
    expect(r.byLanguage.de).toMatchObject({ cases: 1, breaches: 1 });
    expect(r.byLanguage.en).toMatchObject({ cases: 1, breaches: 1 });
    expect(r.byLanguage.other).toMatchObject({ cases: 0, breaches: 0 });
  });
});
