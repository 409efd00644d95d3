import { handleTimer, DELAY_NOTICE_REQUIRED_FLAG } from '../../lambdas/app/deadlines/handle-timer';
import { parseSlaPolicyConfig } from '../../lambdas/core/sla/policy';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { SHORT_POLICY, SHORT_TARGETS, createDrill, eventTypes } from './deadline-harness';

const T0 = new Date('2026-03-02T14:00:00.000Z');
let t: TestEnv;

beforeAll(async () => {
  t = await createTestEnv();
  process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
}, 60_000);
afterAll(() => t.dispose());

describe('a missed resolution under a policy that requires explaining the delay (MiCA, FCA, Reg E)', () => {
  it('flags the case and records that an agent must tell the customer why, once', async () => {
    const d = createDrill(t, T0);
    const policy = parseSlaPolicyConfig({
      ...SHORT_POLICY,
      targets: {
        request: { ...SHORT_TARGETS, explainDelay: true },
        complaint: { ...SHORT_TARGETS, explainDelay: true },
      },
    });
    const c = await d.openCase();
    const resolution = c.deadlines.resolution!;
    d.clock.advanceMinutes(600);
    const msg = {
      tracking: c.tracking,
      kind: 'resolution' as const,
      deadlineId: resolution.id,
      dueAt: resolution.dueAt,
    };
    const outcome = await handleTimer(msg, { ...d.deps, policy });
    expect(outcome.kind).toBe('acted');
    const after = (await d.repo.getCase(c.tracking))!;
    expect(after.flags).toContain(DELAY_NOTICE_REQUIRED_FLAG);
    expect(await eventTypes(d.repo, c.tracking)).toContain('delay_notice_required');
    // A duplicated wake-up acts once.
    expect((await handleTimer(msg, { ...d.deps, policy })).kind).not.toBe('acted');
    expect((await eventTypes(d.repo, c.tracking)).filter((e) => e === 'delay_notice_required')).toHaveLength(1);
  });

  it('does not flag a case under a policy that does not require it', async () => {
    const d = createDrill(t, T0);
    const c = await d.openCase();
    const resolution = c.deadlines.resolution!;
    d.clock.advanceMinutes(600);
    await handleTimer(
      { tracking: c.tracking, kind: 'resolution', deadlineId: resolution.id, dueAt: resolution.dueAt },
      { ...d.deps, policy: parseSlaPolicyConfig(SHORT_POLICY) },
    );
    expect((await d.repo.getCase(c.tracking))!.flags).not.toContain(DELAY_NOTICE_REQUIRED_FLAG);
  });
});
