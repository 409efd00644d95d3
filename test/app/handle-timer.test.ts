import { handleTimer } from '../../lambdas/app/deadlines/handle-timer';
import { appHarness } from './harness';

describe('deadline timers on in-memory ports', () => {
  it('acts once when a deadline falls due, and a duplicated wake-up does nothing more', async () => {
    const h = appHarness();
    const c = await h.openCase({ subject: 'My withdrawal is stuck' });
    const [first, ...rest] = h.takeTimers(c.tracking).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    expect(first).toBeDefined();
    expect(rest.length).toBeGreaterThan(0);
    h.clock.set(first!.dueAt);
    const eventsBefore = (await h.repo.listEvents(c.tracking)).length;

    const outcome = await handleTimer(first!, h.timers);
    expect(outcome).toMatchObject({ kind: 'acted' });
    const after = (await h.repo.getCase(c.tracking))!;
    expect(after.version).toBe(c.version + 1);
    expect(after.deadlines[first!.kind]?.id).not.toBe(first!.deadlineId);
    const events = await h.repo.listEvents(c.tracking);
    expect(events.length).toBeGreaterThan(eventsBefore);

    expect((await handleTimer(first!, h.timers)).kind).toMatch(/^(stale|duplicate)$/);
    expect((await h.repo.getCase(c.tracking))!.version).toBe(after.version);
    expect(await h.repo.listEvents(c.tracking)).toHaveLength(events.length);
  });

  it('sends a wake-up that arrives before its deadline back with the remaining delay', async () => {
    const h = appHarness();
    const c = await h.openCase();
    const last = h.takeTimers(c.tracking).sort((a, b) => b.dueAt.localeCompare(a.dueAt))[0]!;
    h.clock.advance({ minutes: 1 });

    const outcome = await handleTimer(last, h.timers);
    expect(outcome).toMatchObject({ kind: 'rescheduled', dueAt: last.dueAt });
    expect(h.takeTimers(c.tracking)).toEqual([last]);
    expect((await h.repo.getCase(c.tracking))!.version).toBe(c.version);
  });

  it('ignores the wake-up of a deadline the case no longer holds', async () => {
    const h = appHarness();
    const c = await h.openCase();
    const t = h.takeTimers(c.tracking)[0]!;
    h.clock.set(t.dueAt);
    expect(await handleTimer({ ...t, deadlineId: 'replanned-meanwhile' }, h.timers)).toEqual({
      kind: 'stale',
      resumed: false,
    });
    expect((await h.repo.getCase(c.tracking))!.version).toBe(c.version);
  });
});
