import { patchCase } from '../../lambdas/app/api/patch-case';
import { postReply } from '../../lambdas/app/api/reply';
import { resolveCase } from '../../lambdas/app/api/resolve-case';
import type { OutboundRequest } from '../../lambdas/core/outbound-request';
import { AGENT, appHarness, SUPERVISOR } from './harness';

const outbound = (h: ReturnType<typeof appHarness>) => h.queue.bodies<OutboundRequest>('outbound');

describe('API writes on in-memory ports', () => {
  it('records a reply, moves the case on, and asks the mailer for one mail per idempotency key', async () => {
    const h = appHarness();
    const c = await h.openCase({ subject: 'My withdrawal is stuck' });
    h.clock.advance({ minutes: 30 });
    const cmd = { actor: AGENT, tracking: c.tracking, text: 'It is confirmed now.', idempotencyKey: 'k-1' };

    const first = await postReply(cmd, h.api);
    const again = await postReply(cmd, h.api);

    expect(again.messageId).toBe(first.messageId);
    const after = (await h.repo.getCase(c.tracking))!;
    expect(after.status).not.toBe('new');
    expect(after.lastAgentMessageAt).toBe(h.clock.now().toISOString());
    expect(after.slaPolicyVersion).toBe(h.policy.version);
    // A retried write queues the request again (a crash may have come between commit and send); the mailer
    // sends once per purpose key, so one key is what makes it one mail.
    const replies = outbound(h).filter((r) => r.purpose === 'agent_reply');
    expect(replies.length).toBeGreaterThan(0);
    expect(new Set(replies.map((r) => r.purposeKey)).size).toBe(1);
    expect(replies[0]).toMatchObject({ tracking: c.tracking, data: { text: 'It is confirmed now.' } });
    const thread = await h.repo.listMessages(c.tracking);
    expect(thread.filter((m) => m.direction === 'out' && m.id === first.messageId)).toHaveLength(1);
  });

  it('resolves a case with an outcome and queues the closing mail with its explanation', async () => {
    const h = appHarness();
    const c = await h.openCase();
    await resolveCase(
      { actor: AGENT, tracking: c.tracking, outcome: 'partial', explanation: 'Half was returned to your wallet.' },
      h.api,
    );
    const after = (await h.repo.getCase(c.tracking))!;
    expect(after.status).toBe('resolved');
    expect(after.slaPolicyVersion).toBe(h.policy.version);
    expect(outbound(h).filter((r) => r.purpose === 'resolution')).toEqual([
      expect.objectContaining({
        tracking: c.tracking,
        data: expect.objectContaining({ outcome: 'partial', explanation: 'Half was returned to your wallet.' }),
      }),
    ]);
  });

  it('re-plans deadlines when priority changes, keeping the policy version and arming those now due within 15 minutes', async () => {
    const h = appHarness();
    const c = await h.openCase();
    h.takeTimers(c.tracking);
    // Close to the first response: the urgent plan's deadlines (shorter targets) are due or nearly due.
    h.clock.set(new Date(Date.parse(c.deadlines.first_response!.dueAt) - 10 * 60_000));
    await patchCase({ actor: SUPERVISOR, tracking: c.tracking, patch: { priority: 'urgent' } }, h.api);
    const after = (await h.repo.getCase(c.tracking))!;
    expect(after.priority).toBe('urgent');
    expect(after.slaPolicyVersion).toBe(h.policy.version);
    expect(after.deadlines).not.toEqual(c.deadlines);
    const armed = h.takeTimers(c.tracking);
    expect(armed.length).toBeGreaterThan(0);
    expect(armed.every((t) => after.deadlines[t.kind]?.id === t.deadlineId)).toBe(true);
    const horizon = h.clock.now().getTime() + 15 * 60_000;
    expect(armed.every((t) => Date.parse(t.dueAt) <= horizon)).toBe(true);
    const later = Object.values(after.deadlines).filter((d) => Date.parse(d!.dueAt) > horizon);
    expect(later.length).toBeGreaterThan(0); // e.g. the resolution: left to the sweeper
    for (const d of later) expect(armed.map((t) => t.deadlineId)).not.toContain(d!.id);
  });

  it('refuses a write from a client holding an older version of the case', async () => {
    const h = appHarness();
    const c = await h.openCase();
    await patchCase({ actor: SUPERVISOR, tracking: c.tracking, patch: { assignee: 'alice.agent' } }, h.api);
    await expect(
      patchCase(
        { actor: SUPERVISOR, tracking: c.tracking, patch: { priority: 'high' }, expectedVersions: [c.version] },
        h.api,
      ),
    ).rejects.toThrow();
    expect((await h.repo.getCase(c.tracking))!.priority).toBe(c.priority);
  });
});
