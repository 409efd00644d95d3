import { sweep } from '../../lambdas/app/deadlines/sweep';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { createDrill, type Drill } from './deadline-harness';

const T0 = new Date('2026-03-02T14:00:00.000Z');

let t: TestEnv;
let d: Drill;

beforeAll(async () => {
  t = await createTestEnv(); // a table of its own: the sweeper reads the whole open-deadline index
  process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
  d = createDrill(t, T0, { sweeper: false }); // this file sweeps by hand
}, 60_000);
afterAll(() => t.dispose());

describe('sweeper', () => {
  it('loses no deadline when the timer queue is purged: it re-arms the due ones and they fire', async () => {
    const a = await d.openCase();
    const b = await d.openCase();
    // Every wake-up is lost. (PurgeQueue itself takes up to 60 s on SQS, and the emulator waits all 60 s;
    // deleting every message loses the same at once.)
    await d.drain();

    d.clock.advanceMinutes(46); // reminders were due at +45
    expect(await d.deliverDueTimers()).toEqual([]);
    expect((await d.repo.getCase(a.tracking))!.deadlines.reminder?.id).toBe(a.deadlines.reminder!.id);

    d.queue.sent.length = 0;
    const result = await sweep(d.deps, d.clock.now());
    // Within 15 minutes: each case's reminder (overdue) and first response (+60).
    expect(result).toMatchObject({ scanned: 2, overdue: 2, armed: 4, truncated: false });
    expect(d.queue.sent.map((s) => s.delaySeconds).sort((x, y) => x - y)).toEqual([0, 0, 840, 840]);

    const fired = await d.deliverDueTimers();
    expect(
      fired
        .filter((r) => r.outcome.kind === 'acted')
        .map((r) => `${r.msg.tracking}:${r.msg.kind}`)
        .sort(),
    ).toEqual([`${a.tracking}:reminder`, `${b.tracking}:reminder`].sort());

    d.clock.advanceMinutes(14);
    const breached = await d.deliverDueTimers();
    expect(breached.filter((r) => r.outcome.kind === 'acted').map((r) => r.msg.kind)).toEqual([
      'first_response',
      'first_response',
    ]);
    expect((await d.repo.getCase(a.tracking))!.priority).toBe('high');
    expect((await d.repo.getCase(b.tracking))!.priority).toBe('high');
  });

  it('leaves deadlines beyond the look-ahead alone', async () => {
    const fresh = createDrill(t, new Date('2026-03-05T09:00:00.000Z'));
    await fresh.drain();
    const c = await fresh.openCase();
    fresh.queue.sent.length = 0;
    const result = await sweep(fresh.deps, fresh.clock.now(), { lookaheadSeconds: 600 });
    // The first test's cases (escalated, status updates due long before this instant) are swept too;
    // the new case's earliest deadline is 45 minutes away, beyond the horizon.
    expect(fresh.queue.sent.filter((s) => (s.body as { tracking: string }).tracking === c.tracking)).toEqual([]);
    expect(result.armed).toBeGreaterThan(0);
  });

  it('refuses a look-ahead beyond the SQS delay limit', async () => {
    await expect(sweep(d.deps, d.clock.now(), { lookaheadSeconds: 901 })).rejects.toThrow(/lookaheadSeconds/);
  });
});
