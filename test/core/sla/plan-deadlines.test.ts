import fc from 'fast-check';
import {
  type DeadlinePlan,
  getPreset,
  planDeadlines,
  PRESET_NAMES,
  type PlanningCase,
  type PlanTrigger,
  type SlaPolicy,
} from '../../../lambdas/core/sla';

const nydfs = getPreset('nydfs');

/** Ids d1, d2, ... so a test can tell a kept deadline from a re-armed one. */
function idGenerator(): () => string {
  let n = 0;
  return () => `d${++n}`;
}

// Monday 2026-06-01 10:00 New York (EDT).
const OPENED = '2026-06-01T14:00:00.000Z';

const newCase: PlanningCase = {
  type: 'request',
  topic: 'other',
  priority: 'normal',
  status: 'new',
  createdAt: OPENED,
  deadlines: {},
};

function plan(
  c: PlanningCase,
  trigger: PlanTrigger,
  now: string,
  ids = idGenerator(),
  policy: SlaPolicy = nydfs,
): DeadlinePlan {
  return planDeadlines({ case: c, policy, trigger, now: new Date(now), newId: ids });
}

function apply(c: PlanningCase, p: DeadlinePlan, changes: Partial<PlanningCase> = {}): PlanningCase {
  return { ...c, ...changes, deadlines: p.deadlines, estimatedResolutionAt: p.estimatedResolutionAt };
}

const due = (p: DeadlinePlan): Record<string, string> =>
  Object.fromEntries(Object.entries(p.deadlines).map(([k, d]) => [k, d!.dueAt]));

describe('planDeadlines', () => {
  const ids = idGenerator();
  const opened = plan(newCase, 'case_opened', OPENED, ids);
  const afterOpen = apply(newCase, opened);

  it('arms first response, a reminder before it, a status update and the resolution when a case opens', () => {
    expect(due(opened)).toEqual({
      first_response: '2026-06-02T14:00:00.000Z', // 8 business hours: Tuesday 10:00
      reminder: '2026-06-01T20:00:00.000Z', // 2 business hours before: Monday 16:00
      status_update: '2026-06-08T21:00:00.000Z', // close of the 5th business day
      resolution: '2026-06-15T21:00:00.000Z', // close of the 10th business day
    });
    expect(opened.deadlines.reminder?.ref).toBe('first_response');
    expect(opened.estimatedResolutionAt).toBe('2026-06-15T21:00:00.000Z');
  });

  it('rolls the clock of a case opened on a Saturday to Monday opening', () => {
    const p = plan({ ...newCase, createdAt: '2026-06-06T16:00:00.000Z' }, 'case_opened', '2026-06-06T16:00:00.000Z');
    expect(p.deadlines.first_response?.dueAt).toBe('2026-06-08T21:00:00.000Z');
  });

  it('keeps the ids of deadlines that did not change', () => {
    const again = plan({ ...afterOpen, status: 'open' }, 'status_changed', '2026-06-01T14:05:00.000Z');
    expect(again.deadlines).toEqual(opened.deadlines);
  });

  describe('when an agent replies', () => {
    const at = '2026-06-02T13:30:00.000Z'; // Tuesday 09:30
    const replied = { ...afterOpen, status: 'open' as const, firstResponseAt: at, lastAgentMessageAt: at };
    const p = plan(replied, 'agent_replied', at);

    it('clears the first response and re-arms the status update from the reply', () => {
      expect(p.deadlines.first_response).toBeUndefined();
      expect(p.deadlines.status_update?.dueAt).toBe('2026-06-09T21:00:00.000Z');
      expect(p.deadlines.status_update?.id).not.toBe(opened.deadlines.status_update?.id);
    });

    it('keeps the resolution deadline and moves the reminder to it', () => {
      expect(p.deadlines.resolution).toBe(opened.deadlines.resolution);
      expect(p.deadlines.reminder).toMatchObject({ dueAt: '2026-06-15T19:00:00.000Z', ref: 'resolution' });
    });

    describe('and the customer writes back', () => {
      const first = '2026-06-03T19:00:00.000Z'; // Wednesday 15:00
      const afterReply = apply(replied, p, { lastCustomerMessageAt: first });
      const q = plan(afterReply, 'customer_replied', first);

      it('arms the next response with a reminder before it and keeps the rest', () => {
        expect(q.deadlines.next_response?.dueAt).toBe('2026-06-04T19:00:00.000Z');
        expect(q.deadlines.reminder).toMatchObject({ dueAt: '2026-06-04T17:00:00.000Z', ref: 'next_response' });
        expect(q.deadlines.status_update).toBe(p.deadlines.status_update);
        expect(q.deadlines.resolution).toBe(p.deadlines.resolution);
      });

      it('does not move the next response later on a second customer message', () => {
        const second = '2026-06-03T20:00:00.000Z';
        const r = plan(apply(afterReply, q, { lastCustomerMessageAt: second }), 'customer_replied', second);
        expect(r.deadlines.next_response).toBe(q.deadlines.next_response);
      });
    });
  });

  describe('while pending on the customer', () => {
    const at = '2026-06-04T14:00:00.000Z';
    const pending: PlanningCase = { ...afterOpen, status: 'pending', firstResponseAt: at, lastAgentMessageAt: at };
    const p = plan(pending, 'status_changed', at);

    it('keeps only the auto-close and still states the estimated resolution', () => {
      expect(due(p)).toEqual({ auto_close: '2026-06-18T14:00:00.000Z' });
      expect(p.estimatedResolutionAt).toBe(opened.estimatedResolutionAt);
    });

    it('keeps the auto-close on an unrelated change and restarts it when the agent asks again', () => {
      const later = apply(pending, p);
      expect(plan(later, 'status_update_sent', '2026-06-05T14:00:00.000Z').deadlines.auto_close).toBe(
        p.deadlines.auto_close,
      );
      expect(plan(later, 'agent_replied', '2026-06-05T14:00:00.000Z').deadlines.auto_close?.dueAt).toBe(
        '2026-06-19T14:00:00.000Z',
      );
    });
  });

  it.each<['resolved' | 'closed', PlanTrigger]>([
    ['resolved', 'resolved'],
    ['closed', 'closed'],
  ])('clears every deadline when %s', (status, trigger) => {
    const p = plan({ ...afterOpen, status }, trigger, '2026-06-03T14:00:00.000Z');
    expect(p.deadlines).toEqual({});
    expect(p.estimatedResolutionAt).toBeUndefined();
  });

  it('keeps a breached reply deadline until it is escalated, so a breach is never dropped silently', () => {
    const p = plan(afterOpen, 'customer_replied', '2026-06-02T15:00:00.000Z');
    expect(p.deadlines.first_response).toBe(opened.deadlines.first_response);
  });

  it('moves the reminder on once its time has passed', () => {
    const p = plan(afterOpen, 'reminder_sent', '2026-06-02T13:30:00.000Z');
    expect(p.deadlines.reminder?.ref).toBe('resolution');
    expect(p.deadlines.first_response).toBe(opened.deadlines.first_response);
  });

  describe('escalation', () => {
    it('replaces a breached first response with an escalation follow-up at the new priority', () => {
      const breachAt = '2026-06-02T14:00:00.000Z';
      const ids = idGenerator();
      const p = plan({ ...afterOpen, priority: 'high' }, 'escalated', breachAt, ids);
      expect(p.deadlines.first_response).toBeUndefined();
      expect(p.deadlines.escalation).toMatchObject({ dueAt: '2026-06-02T18:00:00.000Z', ref: 'first_response' });

      const high = apply(afterOpen, p, { priority: 'high' });
      const kept = plan(high, 'customer_replied', '2026-06-02T15:00:00.000Z', ids);
      expect(kept.deadlines.escalation).toBe(p.deadlines.escalation);
      expect(kept.deadlines.first_response).toBeUndefined();

      const again = plan({ ...high, priority: 'urgent' }, 'escalated', '2026-06-02T18:00:00.000Z', ids);
      expect(again.deadlines.escalation?.dueAt).toBe('2026-06-02T19:00:00.000Z');
      expect(again.deadlines.escalation?.id).not.toBe(p.deadlines.escalation?.id);

      const answered = '2026-06-02T18:30:00.000Z';
      const done = plan(
        { ...high, status: 'open', firstResponseAt: answered, lastAgentMessageAt: answered },
        'agent_replied',
        answered,
      );
      expect(done.deadlines.escalation).toBeUndefined();
    });

    it('shortens a running reply deadline when the priority goes up before a breach', () => {
      const p = plan({ ...afterOpen, priority: 'high' }, 'escalated', '2026-06-01T15:00:00.000Z');
      expect(p.deadlines.first_response?.dueAt).toBe('2026-06-01T18:00:00.000Z');
      expect(p.deadlines.escalation).toBeUndefined();
    });

    it('never moves a running reply deadline later when the priority goes down', () => {
      const urgent = plan({ ...newCase, priority: 'urgent' }, 'case_opened', OPENED);
      expect(urgent.deadlines.first_response?.dueAt).toBe('2026-06-01T15:00:00.000Z');
      const lowered = plan(
        apply({ ...newCase, priority: 'normal' }, urgent),
        'status_changed',
        '2026-06-01T14:30:00.000Z',
      );
      expect(lowered.deadlines.first_response).toBe(urgent.deadlines.first_response);
    });
  });

  describe('resolution of a complaint (nydfs: 15 business days, never beyond 60 calendar days)', () => {
    const answered = '2026-06-01T15:00:00.000Z';
    const complaint: PlanningCase = {
      ...newCase,
      type: 'complaint',
      status: 'open',
      firstResponseAt: answered,
      lastAgentMessageAt: answered,
    };

    it.each<[string, Partial<PlanningCase>, string, string]>([
      [
        'states the target (Juneteenth skipped) while it lies ahead',
        {},
        '2026-06-10T14:00:00.000Z',
        '2026-06-23T21:00:00.000Z',
      ],
      ['moves to the hard cap once the target is missed', {}, '2026-06-24T14:00:00.000Z', '2026-07-31T14:00:00.000Z'],
      [
        'keeps a later date already told to the customer',
        { estimatedResolutionAt: '2026-07-10T20:00:00.000Z' },
        '2026-06-24T14:00:00.000Z',
        '2026-07-10T20:00:00.000Z',
      ],
      [
        'gives a fresh future date once even the cap has passed',
        {},
        '2026-08-01T14:00:00.000Z',
        '2026-08-21T21:00:00.000Z',
      ],
    ])('%s', (_name, changes, now, expected) => {
      const p = plan({ ...complaint, ...changes }, 'status_changed', now);
      expect(p.deadlines.resolution?.dueAt).toBe(expected);
      expect(p.estimatedResolutionAt).toBe(expected);
    });

    it('uses the Regulation E track for a disputed withdrawal: 10 business days, then at most 45 days', () => {
      const rege = getPreset('rege');
      const dispute = { ...complaint, topic: 'withdrawal' as const };
      expect(
        plan(dispute, 'status_changed', '2026-06-10T14:00:00.000Z', idGenerator(), rege).estimatedResolutionAt,
      ).toBe('2026-06-15T21:00:00.000Z');
      expect(
        plan(dispute, 'status_changed', '2026-06-16T14:00:00.000Z', idGenerator(), rege).estimatedResolutionAt,
      ).toBe('2026-07-16T14:00:00.000Z');
    });
  });

  it('always gives an open case an estimated resolution date in the future', () => {
    const start = Date.parse(OPENED);
    const policies = PRESET_NAMES.map(getPreset);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 * 24 * 60 }),
        fc.constantFrom('request', 'complaint'),
        fc.constantFrom('new', 'open', 'pending'),
        fc.constantFrom(...policies),
        (minutes, type, status, policy) => {
          const now = new Date(start + minutes * 60_000);
          const p = planDeadlines({
            case: { ...newCase, type, status, topic: 'deposit' },
            policy,
            trigger: 'status_changed',
            now,
            newId: idGenerator(),
          });
          expect(Date.parse(p.estimatedResolutionAt!)).toBeGreaterThan(now.getTime());
        },
      ),
      { numRuns: 100 },
    );
  });
});
