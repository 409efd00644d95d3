import { patchCase } from '../../lambdas/app/api/patch-case';
import { DELAY_NOTICE_REQUIRED_FLAG } from '../../lambdas/app/deadlines/handle-timer';
import { sweep, SWEEP_LOOKAHEAD_SECONDS } from '../../lambdas/app/deadlines/sweep';
import { parseSlaPolicyConfig } from '../../lambdas/core/sla/policy';
import { SWEEP_PERIOD_SECONDS } from '../../lambdas/core/sla/timer-delay';
import { TimerSimulation } from '../support/timer-simulation';
import { appHarness, SUPERVISOR } from './harness';

/** Hours-long targets on a 24x7 calendar; late decisions must be explained (the MiCA/FCA/Reg E rule). */
const TARGETS = {
  firstResponse: { minutes: 180 },
  nextResponse: { minutes: 180 },
  statusUpdateInterval: { minutes: 240 },
  resolution: { minutes: 600 },
  reminderBefore: { minutes: 30 },
  autoClosePendingAfter: { calendarDays: 1 },
  explainDelay: true,
};
const POLICY = parseSlaPolicyConfig({
  name: 'hours',
  basis: 'Hours-long targets for timer tests (24x7).',
  calendar: { kind: '24x7', zone: 'UTC' },
  acknowledgeWithin: { minutes: 5 },
  targets: { request: TARGETS, complaint: TARGETS },
});

const T0 = '2026-03-02T14:00:00.000Z';
const at = (hhmmss: string) => new Date(`2026-03-02T${hhmmss}.000Z`);
const MINUTE = 60_000;

/** A harness with one case opened at T0, and the timer queue, timer function and sweeper on its clock. */
async function world(opts: ConstructorParameters<typeof TimerSimulation>[3] = {}) {
  const h = appHarness(T0, { policy: POLICY });
  const c = await h.openCase({ subject: 'My withdrawal is stuck' });
  // Sweeps at :02:30, :07:30, ...: not in step with the case's deadlines, as on AWS.
  const sim = new TimerSimulation(h.clock, h.queue, h.timers, { firstSweepAt: at('14:02:30').getTime(), ...opts });
  return { h, c, sim };
}

describe('timers armed by what is due, on a simulated clock', () => {
  it('looks ahead three sweep periods, so two failed or late runs still leave one in time', () => {
    expect(SWEEP_LOOKAHEAD_SECONDS).toBe(900); // SQS's longest delay: an armed timer is one message
    expect(SWEEP_LOOKAHEAD_SECONDS).toBeGreaterThanOrEqual(3 * SWEEP_PERIOD_SECONDS);
  });

  it('puts a deadline 3 hours away on no queue at case creation; the sweep 15 minutes before arms it, and it fires on time', async () => {
    const { c, sim } = await world();
    expect(c.deadlines.reminder?.dueAt).toBe(at('16:30:00').toISOString());
    expect(c.deadlines.first_response?.dueAt).toBe(at('17:00:00').toISOString());
    sim.collect();
    expect(sim.sent).toBe(0);

    await sim.runUntil(at('16:14:00'));
    expect(sim.sent).toBe(0); // 45 sweeps so far, none armed anything
    expect(sim.sweeps.every((s) => s.armed === 0)).toBe(true);

    await sim.runUntil(at('16:18:00'));
    expect(sim.sweeps.at(-1)).toMatchObject({ at: at('16:17:30').getTime(), scanned: 1, armed: 1 });
    expect(sim.inFlight).toBe(1); // the reminder, 750 s ahead

    await sim.runUntil(at('17:01:00'));
    const acted = sim.acted();
    expect(acted.map((a) => a.msg.kind)).toEqual(['reminder', 'first_response']);
    for (const a of acted) expect(a.lateMs).toBeLessThan(MINUTE);
    expect(acted.map((a) => a.lateMs)).toEqual([0, 0]); // SQS delays are exact to the second here
  });

  it('fires a deadline armed twice (two sweeps, or a sweep and a case change) once', async () => {
    const { h, c, sim } = await world();
    h.clock.set(at('16:25:00'));
    await sweep(h.timers, h.clock.now());
    await sweep(h.timers, h.clock.now());
    sim.collect();
    expect(sim.inFlight).toBe(2);

    await sim.runUntil(at('16:31:00'));
    const reminders = sim.fired.filter((f) => f.msg.kind === 'reminder');
    expect(reminders.length).toBeGreaterThanOrEqual(2); // and the sweep at 16:27:30 armed it a third time
    expect(reminders.filter((f) => f.outcome.kind === 'acted')).toHaveLength(1);
    for (const f of reminders.filter((x) => x.outcome.kind !== 'acted'))
      expect(['stale', 'duplicate']).toContain(f.outcome.kind);
    expect((await h.repo.listEvents(c.tracking)).filter((e) => e.type === 'reminder')).toHaveLength(1);
  });

  it('still fires within a minute when two sweeps in a row fail; after three it fires at the next good run', async () => {
    // Runs 27, 28 and 29 (16:17:30, 16:22:30, 16:27:30) are the ones that see the 16:30 reminder coming.
    const two = await world({ sweepFails: (run) => run === 27 || run === 28 });
    await two.sim.runUntil(at('16:31:00'));
    expect(two.sim.acted().map((a) => [a.msg.kind, a.lateMs])).toEqual([['reminder', 0]]);

    const three = await world({ sweepFails: (run) => run >= 27 && run <= 29 });
    await three.sim.runUntil(at('16:35:00'));
    expect(three.sim.sweeps.at(-1)).toMatchObject({ at: at('16:32:30').getTime(), overdue: 1 });
    expect(three.sim.acted().map((a) => [a.msg.kind, a.lateMs])).toEqual([['reminder', 150_000]]);
  });

  it('keeps every timer behaviour over a case left unanswered: reminder, escalations, status updates, late decision', async () => {
    const { h, c, sim } = await world();
    await sim.runUntil(at('23:59:59'));
    await sim.runUntil(new Date(Date.parse(T0) + 10 * 3_600_000 + MINUTE)); // resolution due at +10 h

    const acted = sim.acted();
    expect(acted.map((a) => `${new Date(a.at).toISOString().slice(11, 16)} ${a.msg.kind}`)).toEqual([
      '16:30 reminder',
      '17:00 first_response',
      '18:00 status_update',
      '20:00 escalation',
      '22:00 status_update',
      '23:00 escalation',
      '23:30 reminder', // of the resolution
      '00:00 resolution',
    ]);
    for (const a of acted) expect(a.lateMs).toBeLessThan(MINUTE);
    const after = (await h.repo.getCase(c.tracking))!;
    expect(after.priority).toBe('urgent'); // two breaches: first response, then resolution
    expect(after.flags).toEqual(expect.arrayContaining(['escalated', DELAY_NOTICE_REQUIRED_FLAG]));
    const types = (await h.repo.listEvents(c.tracking)).map((e) => e.type);
    expect(types.filter((x) => x === 'status_update_queued')).toHaveLength(2);
    expect(types).toEqual(expect.arrayContaining(['sla_breached', 'escalated', 'supervisor_notified']));
    expect(types).toContain('delay_notice_required');
    const updates = h.queue.bodies<{ purpose: string }>('outbound-bulk').filter((b) => b.purpose === 'status_update');
    expect(updates.length).toBeGreaterThanOrEqual(2);
    // Ten hours of a case's deadlines took a few messages each, not one every 15 minutes per deadline.
    expect(sim.sent).toBeLessThanOrEqual(3 * acted.length + 3);
  });

  it('auto-closes a case left pending on the customer, a day later, with a notice', async () => {
    const { h, c, sim } = await world();
    h.clock.set(at('14:05:00'));
    await patchCase({ actor: SUPERVISOR, tracking: c.tracking, patch: { status: 'pending' } }, h.api);
    const pending = (await h.repo.getCase(c.tracking))!;
    expect(Object.keys(pending.deadlines)).toEqual(['auto_close']);
    h.queue.take('outbound');
    h.queue.take('outbound-bulk');

    await sim.runUntil(new Date(Date.parse(pending.deadlines.auto_close!.dueAt) + MINUTE));
    expect(sim.acted().map((a) => [a.msg.kind, a.lateMs])).toEqual([['auto_close', 0]]);
    expect((await h.repo.getCase(c.tracking))!.status).toBe('closed');
    const notices = [...h.queue.bodies('outbound'), ...h.queue.bodies('outbound-bulk')] as { purpose: string }[];
    expect(notices.map((n) => n.purpose)).toContain('auto_close');
  });

  it('leaves a deadline that a timer re-plans hours ahead to the sweeper', async () => {
    const { h, c, sim } = await world();
    // The first response breaches at 17:00; the escalation it plans is 3 h later: left to the sweeper.
    await sim.runUntil(at('17:00:30'));
    const escalated = (await h.repo.getCase(c.tracking))!;
    expect(escalated.deadlines.escalation?.dueAt).toBe(at('20:00:00').toISOString());
    const breach = sim.fired.find((f) => f.msg.kind === 'first_response' && f.outcome.kind === 'acted');
    expect(breach?.outcome).toMatchObject({ armed: 0 });
    expect(sim.inFlight).toBe(0);
    await sim.runUntil(at('19:47:00'));
    expect(sim.inFlight).toBe(0);
    await sim.runUntil(at('19:48:00'));
    expect(sim.inFlight).toBe(1); // the sweep at 19:47:30 armed it, 750 s ahead
  });
});
