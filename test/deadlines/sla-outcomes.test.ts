import { metOrBreached, RESOLUTION_BREACHED_FLAG, slaStatKey } from '../../lambdas/app/deadlines/sla-outcomes';
import { raisePriority } from '../../lambdas/app/deadlines/timer-actions';
import { GENESIS_HASH } from '../../lambdas/core/audit-chain';
import type { Case } from '../../lambdas/core/case';
import type { TrackingNumber } from '../../lambdas/core/tracking-number';

const base: Case = {
  tracking: 'K7QM-4TZX-P9HC' as TrackingNumber,
  status: 'new',
  customer: { address: 'a@customer.example', kind: 'individual' },
  participants: ['a@customer.example'],
  subject: 's',
  language: 'en',
  channel: 'email',
  type: 'request',
  topic: 'other',
  priority: 'normal',
  flags: [],
  createdAt: '2026-03-02T10:00:00.000Z',
  updatedAt: '2026-03-02T10:00:00.000Z',
  deadlines: {
    first_response: { id: 'fr', dueAt: '2026-03-02T11:00:00.000Z' },
    resolution: { id: 'res', dueAt: '2026-03-03T10:00:00.000Z' },
  },
  threadMessageIds: [],
  version: 1,
  eventSeq: 1,
  lastEventHash: GENESIS_HASH,
};

const replied = (at: string, extra: Partial<Case> = {}): Case => ({
  ...base,
  status: 'open',
  firstResponseAt: at,
  lastAgentMessageAt: at,
  deadlines: { resolution: base.deadlines.resolution! },
  ...extra,
});

describe('metOrBreached', () => {
  it.each([
    ['a reply before the due time meets the first response', '2026-03-02T10:59:59.000Z', 'met'],
    ['a reply exactly at the due time meets it', '2026-03-02T11:00:00.000Z', 'met'],
    ['a reply after the due time (before the timer fired) breaches it', '2026-03-02T11:00:01.000Z', 'breached'],
  ])('%s', (_name, at, outcome) => {
    expect(metOrBreached(base, replied(at), new Date(at))).toEqual([
      { kind: 'first_response', outcome, dueAt: '2026-03-02T11:00:00.000Z' },
    ]);
  });

  it('counts nothing when a response deadline is dropped without a reply', () => {
    const closed: Case = { ...base, status: 'closed', deadlines: {} };
    expect(metOrBreached(base, closed, new Date('2026-03-02T10:30:00.000Z'))).toEqual([]);
  });

  it('counts nothing for the reply that clears an escalation the timer already counted', () => {
    const escalated: Case = {
      ...base,
      status: 'open',
      deadlines: { escalation: { id: 'esc', dueAt: '2026-03-02T12:00:00.000Z' } },
    };
    const at = '2026-03-02T11:30:00.000Z';
    expect(metOrBreached(escalated, replied(at, { deadlines: {} }), new Date(at))).toEqual([]);
  });

  it('judges the resolution when the case is resolved, unless the timer already counted its breach', () => {
    const open = replied('2026-03-02T10:30:00.000Z');
    const resolved: Case = { ...open, status: 'resolved', deadlines: {} };
    expect(metOrBreached(open, resolved, new Date('2026-03-03T09:00:00.000Z'))).toEqual([
      { kind: 'resolution', outcome: 'met', dueAt: '2026-03-03T10:00:00.000Z' },
    ]);
    expect(metOrBreached(open, resolved, new Date('2026-03-03T11:00:00.000Z'))).toEqual([
      { kind: 'resolution', outcome: 'breached', dueAt: '2026-03-03T10:00:00.000Z' },
    ]);
    const counted = { ...open, flags: [RESOLUTION_BREACHED_FLAG] };
    expect(metOrBreached(counted, { ...resolved, flags: counted.flags }, new Date('2026-03-04T11:00:00.000Z'))).toEqual(
      [],
    );
  });

  it('judges a pending case against the estimated resolution date it was told', () => {
    const pending: Case = {
      ...replied('2026-03-02T10:30:00.000Z'),
      status: 'pending',
      estimatedResolutionAt: '2026-03-03T10:00:00.000Z',
      deadlines: {},
    };
    const resolved: Case = { ...pending, status: 'resolved' };
    expect(metOrBreached(pending, resolved, new Date('2026-03-03T09:00:00.000Z'))).toEqual([
      { kind: 'resolution', outcome: 'met', dueAt: '2026-03-03T10:00:00.000Z' },
    ]);
  });
});

describe('report keys and priority ladder', () => {
  it('keys the report counters by outcome, kind and UTC month', () => {
    expect(slaStatKey('breached', 'first_response', new Date('2026-03-31T23:59:59.000Z'))).toBe(
      'STAT#breach#first_response#2026-03',
    );
    expect(slaStatKey('met', 'resolution', new Date('2026-04-01T00:00:00.000Z'))).toBe('STAT#met#resolution#2026-04');
  });

  it('raises priority one step and stops at urgent', () => {
    expect(['low', 'normal', 'high', 'urgent'].map((p) => raisePriority(p as Case['priority']))).toEqual([
      'normal',
      'high',
      'urgent',
      'urgent',
    ]);
  });
});
