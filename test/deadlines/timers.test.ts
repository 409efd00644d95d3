import { armDeadlines } from '../../lambdas/app/arm-deadlines';
import { handleTimer } from '../../lambdas/app/deadlines/handle-timer';
import { metOrBreached, recordSlaOutcomes, slaStatKey } from '../../lambdas/app/deadlines/sla-outcomes';
import type { Case, CaseStatus } from '../../lambdas/core/case';
import { chainEvents } from '../../lambdas/core/audit-chain';
import type { TimerMessage } from '../../lambdas/core/ports';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { createDrill, eventTypes, type Drill } from './deadline-harness';

const T0 = new Date('2026-03-02T14:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000).toISOString();

let t: TestEnv;
let d: Drill;

beforeAll(async () => {
  t = await createTestEnv();
  process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
}, 60_000);
afterAll(() => t.dispose());
beforeEach(async () => {
  d = createDrill(t, T0);
  await d.drain();
});

/** What the API does when an agent writes to the customer (the lead's API; simulated here through the same ports). */
async function agentReplies(c: Case, status: CaseStatus = 'open'): Promise<Case> {
  const now = d.clock.now();
  const iso = now.toISOString();
  const { events, head } = chainEvents(c, [{ at: iso, actor: 'agent-1', type: 'agent_replied', data: {} }]);
  let next: Case = {
    ...c,
    ...head,
    status,
    updatedAt: iso,
    lastAgentMessageAt: iso,
    firstResponseAt: c.firstResponseAt ?? iso,
    version: c.version + 1,
  };
  const plan = await d.deps.planDeadlines(next, 'agent_replied', now);
  next = {
    ...next,
    deadlines: plan.deadlines,
    ...(plan.estimatedResolutionAt ? { estimatedResolutionAt: plan.estimatedResolutionAt } : {}),
  };
  await d.repo.commit({ case: next, expectedVersion: c.version, events });
  await armDeadlines(d.queue, next, c.deadlines, now);
  await recordSlaOutcomes(d.repo, metOrBreached(c, next, now), now);
  return next;
}

const acted = (results: Awaited<ReturnType<Drill['deliverDueTimers']>>, tracking: string) =>
  results.filter((r) => r.msg.tracking === tracking && r.outcome.kind === 'acted').map((r) => r.msg.kind);

describe('deadline timers on a short 24x7 policy', () => {
  it('reminds the team before the first response is due, then escalates at the breach', async () => {
    const c = await d.openCase();
    expect(c.priority).toBe('normal');
    expect(c.deadlines.reminder?.dueAt).toBe(at(45));
    expect(c.deadlines.first_response?.dueAt).toBe(at(60));

    d.clock.advanceMinutes(45);
    expect(acted(await d.deliverDueTimers(), c.tracking)).toEqual(['reminder']);
    let now = (await d.repo.getCase(c.tracking))!;
    expect(now.priority).toBe('normal');
    const reminder = (await d.repo.listEvents(c.tracking)).find((e) => e.type === 'reminder');
    expect(reminder?.data).toMatchObject({ deadline: 'first_response', dueAt: at(60), recipient: { kind: 'team' } });

    const breachesBefore = await d.repo.readCounter(slaStatKey('breached', 'first_response', T0));
    d.clock.advanceMinutes(15);
    expect(acted(await d.deliverDueTimers(), c.tracking)).toEqual(['first_response']);
    now = (await d.repo.getCase(c.tracking))!;
    expect(now.priority).toBe('high');
    expect(now.flags).toContain('escalated');
    expect(now.deadlines.first_response).toBeUndefined();
    expect(now.deadlines.escalation?.dueAt).toBe(at(120));
    const events = await d.repo.listEvents(c.tracking);
    expect(events.find((e) => e.type === 'sla_breached')?.data).toMatchObject({
      deadline: 'first_response',
      dueAt: at(60),
    });
    expect(events.find((e) => e.type === 'escalated')?.data).toMatchObject({
      priorityFrom: 'normal',
      priorityTo: 'high',
      supervisorNotified: true,
    });
    expect(await d.repo.readCounter(slaStatKey('breached', 'first_response', T0))).toBe(breachesBefore + 1);

    // Still unanswered one reply target later: the supervisor is told again.
    d.clock.advanceMinutes(60);
    const later = await d.deliverDueTimers();
    expect(acted(later, c.tracking)).toContain('escalation');
    expect(await eventTypes(d.repo, c.tracking)).toContain('supervisor_notified');
  });

  it('turns the pending first-response timer into a no-op once an agent replied, and counts the response as met', async () => {
    const c = await d.openCase();
    const metBefore = await d.repo.readCounter(slaStatKey('met', 'first_response', T0));
    d.clock.advanceMinutes(50);
    // A sweep arms the overdue reminder and the first response 10 minutes ahead; then the agent replies.
    expect(await d.sweep()).toMatchObject({ scanned: 1, armed: 2 });
    const replied = await agentReplies(c);
    expect(replied.deadlines.first_response).toBeUndefined();
    expect(await d.repo.readCounter(slaStatKey('met', 'first_response', T0))).toBe(metBefore + 1);

    d.clock.advanceMinutes(11); // past the old first-response and reminder due times
    const results = (await d.deliverDueTimers()).filter((r) => r.msg.tracking === c.tracking);
    const old = results.filter(
      (r) => r.msg.deadlineId === c.deadlines.first_response!.id || r.msg.deadlineId === c.deadlines.reminder!.id,
    );
    expect(old.map((r) => r.outcome.kind)).toEqual(['stale', 'stale']);
    const after = (await d.repo.getCase(c.tracking))!;
    expect(after.priority).toBe('normal');
    expect(after.version).toBe(replied.version);
    expect(await eventTypes(d.repo, c.tracking)).not.toContain('sla_breached');
  });

  it('queues a customer status update at each interval while the case waits on us', async () => {
    const c = await d.openCase();
    d.clock.advanceMinutes(10);
    const replied = await agentReplies(c);
    expect(replied.deadlines.status_update?.dueAt).toBe(at(100));
    await d.takeOutbound();

    d.clock.advanceMinutes(90);
    expect(acted(await d.deliverDueTimers(), c.tracking)).toEqual(['status_update']);
    const first = (await d.repo.getCase(c.tracking))!;
    expect(first.deadlines.status_update?.dueAt).toBe(at(190));

    d.clock.advanceMinutes(90);
    expect(acted(await d.deliverDueTimers(), c.tracking)).toEqual(['status_update']);

    const updates = (await d.takeOutbound()).filter((r) => r.tracking === c.tracking);
    expect(updates).toEqual([
      {
        tracking: c.tracking,
        purpose: 'status_update',
        purposeKey: `status_update:${replied.deadlines.status_update!.id}`,
        deadlineKind: 'status_update',
      },
      {
        tracking: c.tracking,
        purpose: 'status_update',
        purposeKey: `status_update:${first.deadlines.status_update!.id}`,
        deadlineKind: 'status_update',
      },
    ]);
    expect((await eventTypes(d.repo, c.tracking)).filter((e) => e === 'status_update_queued')).toHaveLength(2);
  });

  it('auto-closes a case left pending on the customer, with a notice', async () => {
    const c = await d.openCase();
    d.clock.advanceMinutes(5);
    const pending = await agentReplies(c, 'pending');
    expect(Object.keys(pending.deadlines)).toEqual(['auto_close']);
    await d.takeOutbound();

    d.clock.advanceMinutes(24 * 60);
    const results = await d.deliverDueTimers();
    expect(acted(results, c.tracking)).toEqual(['auto_close']);
    const closed = (await d.repo.getCase(c.tracking))!;
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).toBe(at(24 * 60 + 5));
    expect(closed.deadlines).toEqual({});
    expect((await d.repo.listEvents(c.tracking)).at(-1)?.data).toMatchObject({
      from: 'pending',
      to: 'closed',
      why: 'auto_close',
    });
    expect(await d.takeOutbound()).toEqual([{ tracking: c.tracking, purpose: 'auto_close', purposeKey: 'auto_close' }]);
  });

  it('acts once on a duplicated timer message, delivered concurrently and again later', async () => {
    const c = await d.openCase();
    const msg: TimerMessage = {
      tracking: c.tracking,
      kind: 'first_response',
      deadlineId: c.deadlines.first_response!.id,
      dueAt: c.deadlines.first_response!.dueAt,
    };
    const before = await d.repo.readCounter(slaStatKey('breached', 'first_response', T0));
    d.clock.advanceMinutes(60);

    const outcomes = [
      ...(await Promise.all([handleTimer(msg, d.deps), handleTimer(msg, d.deps)])),
      await handleTimer(msg, d.deps),
    ];
    expect(outcomes.filter((o) => o.kind === 'acted')).toHaveLength(1);
    for (const o of outcomes.filter((x) => x.kind !== 'acted')) expect(['stale', 'duplicate']).toContain(o.kind);
    expect(outcomes[2]).toEqual({ kind: 'stale', resumed: false });
    const after = (await d.repo.getCase(c.tracking))!;
    expect(after.priority).toBe('high'); // one step, not two
    expect((await eventTypes(d.repo, c.tracking)).filter((e) => e === 'sla_breached')).toHaveLength(1);
    expect(await d.repo.readCounter(slaStatKey('breached', 'first_response', T0))).toBe(before + 1);
  });

  it('re-queues only the same status update when a duplicate arrives after the action', async () => {
    const c = await d.openCase();
    const msg: TimerMessage = {
      tracking: c.tracking,
      kind: 'status_update',
      deadlineId: c.deadlines.status_update!.id,
      dueAt: c.deadlines.status_update!.dueAt,
    };
    d.clock.advanceMinutes(90);
    await d.takeOutbound();
    expect((await handleTimer(msg, d.deps)).kind).toBe('acted');
    expect(await handleTimer(msg, d.deps)).toEqual({ kind: 'stale', resumed: true });
    const keys = (await d.takeOutbound()).filter((r) => r.purpose === 'status_update').map((r) => r.purposeKey);
    expect(keys).toEqual([`status_update:${msg.deadlineId}`, `status_update:${msg.deadlineId}`]); // the mailer sends once per purposeKey
    expect((await eventTypes(d.repo, c.tracking)).filter((e) => e === 'status_update_queued')).toHaveLength(1);
  });

  it('puts no deadline more than 15 minutes away on the queue; the sweep 15 minutes before arms it', async () => {
    const c = await d.openCase(); // reminder +45, first response +60, status update +90, resolution +600
    expect(d.queue.sent.filter((s) => s.queue === 'timers')).toEqual([]);

    d.clock.advanceMinutes(30);
    expect(await d.sweep()).toMatchObject({ scanned: 1, overdue: 0, armed: 1 });
    expect(d.queue.sent.filter((s) => s.queue === 'timers')).toEqual([
      expect.objectContaining({
        delaySeconds: 900,
        body: expect.objectContaining({ kind: 'reminder', dueAt: at(45) }),
      }),
    ]);

    d.clock.advanceMinutes(15);
    expect(acted(await d.deliverDueTimers(), c.tracking)).toEqual(['reminder']);
  });

  it('drops a wake-up that arrives long before its deadline, and sends one due within 15 minutes back', async () => {
    const c = await d.openCase();
    const msg: TimerMessage = {
      tracking: c.tracking,
      kind: 'status_update',
      deadlineId: c.deadlines.status_update!.id,
      dueAt: c.deadlines.status_update!.dueAt,
    };
    d.clock.advanceMinutes(10);
    expect(await handleTimer(msg, d.deps)).toEqual({ kind: 'deferred', dueAt: at(90) });
    expect(d.queue.sent.filter((s) => s.queue === 'timers')).toEqual([]);

    d.clock.advanceMinutes(70);
    expect(await handleTimer(msg, d.deps)).toEqual({ kind: 'rescheduled', delaySeconds: 600, dueAt: at(90) });
    expect((await d.repo.getCase(c.tracking))!.version).toBe(c.version);
  });
});
