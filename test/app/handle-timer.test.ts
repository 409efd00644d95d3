import { handleTimer } from '../../lambdas/app/deadlines/handle-timer';
import type { DeadlineKind } from '../../lambdas/core/case';
import type { TimerMessage } from '../../lambdas/core/ports';
import type { Case } from '../../lambdas/core/case';
import { appHarness } from './harness';

/** The wake-up the sweeper (or a case change) would send for one of a case's deadlines. */
const wakeUp = (c: Case, kind: DeadlineKind): TimerMessage => ({
  tracking: c.tracking,
  kind,
  deadlineId: c.deadlines[kind]!.id,
  dueAt: c.deadlines[kind]!.dueAt,
});

const earliest = (c: Case): DeadlineKind =>
  (Object.entries(c.deadlines) as [DeadlineKind, { dueAt: string }][]).sort((a, b) =>
    a[1].dueAt.localeCompare(b[1].dueAt),
  )[0]![0];

describe('deadline timers on in-memory ports', () => {
  it('acts once when a deadline falls due, and a duplicated wake-up does nothing more', async () => {
    const h = appHarness();
    const c = await h.openCase({ subject: 'My withdrawal is stuck' });
    const first = wakeUp(c, earliest(c));
    h.clock.set(first.dueAt);
    const eventsBefore = (await h.repo.listEvents(c.tracking)).length;

    const outcome = await handleTimer(first, h.timers);
    expect(outcome).toMatchObject({ kind: 'acted' });
    const after = (await h.repo.getCase(c.tracking))!;
    expect(after.version).toBe(c.version + 1);
    expect(after.deadlines[first.kind]?.id).not.toBe(first.deadlineId);
    const events = await h.repo.listEvents(c.tracking);
    expect(events.length).toBeGreaterThan(eventsBefore);

    expect((await handleTimer(first, h.timers)).kind).toMatch(/^(stale|duplicate)$/);
    expect((await h.repo.getCase(c.tracking))!.version).toBe(after.version);
    expect(await h.repo.listEvents(c.tracking)).toHaveLength(events.length);
  });

  it('sends a wake-up that arrives before its deadline back with the remaining delay, within 15 minutes', async () => {
    const h = appHarness();
    const c = await h.openCase();
    const msg = wakeUp(c, earliest(c));
    h.clock.set(new Date(Date.parse(msg.dueAt) - 10 * 60_000));

    const outcome = await handleTimer(msg, h.timers);
    expect(outcome).toEqual({ kind: 'rescheduled', delaySeconds: 600, dueAt: msg.dueAt });
    expect(h.takeTimers(c.tracking)).toEqual([msg]);
    expect((await h.repo.getCase(c.tracking))!.version).toBe(c.version);
  });

  it('drops a wake-up that arrives hours before its deadline: the sweeper arms it later', async () => {
    const h = appHarness();
    const c = await h.openCase();
    const msg = wakeUp(c, earliest(c));
    h.clock.set(new Date(Date.parse(msg.dueAt) - 3 * 3_600_000));

    expect(await handleTimer(msg, h.timers)).toEqual({ kind: 'deferred', dueAt: msg.dueAt });
    expect(h.takeTimers(c.tracking)).toEqual([]);
    expect((await h.repo.getCase(c.tracking))!.version).toBe(c.version);
  });

  it('ignores the wake-up of a deadline the case no longer holds', async () => {
    const h = appHarness();
    const c = await h.openCase();
    const t = wakeUp(c, earliest(c));
    h.clock.set(t.dueAt);
    expect(await handleTimer({ ...t, deadlineId: 'replanned-meanwhile' }, h.timers)).toEqual({
      kind: 'stale',
      resumed: false,
    });
    expect((await h.repo.getCase(c.tracking))!.version).toBe(c.version);
  });
});
