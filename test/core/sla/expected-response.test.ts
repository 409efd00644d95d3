import fc from 'fast-check';
import { ValidationError } from '../../../lambdas/core/errors';
import {
  addDuration,
  expectedFirstResponse,
  type ExpectedFirstResponseInput,
  getPreset,
} from '../../../lambdas/core/sla';

const policy = getPreset('nydfs');
const NOW = new Date('2026-06-01T14:00:00.000Z'); // Monday 10:00 New York
const base: ExpectedFirstResponseInput = {
  policy,
  now: NOW,
  caseType: 'request',
  backlog: 0,
  recentFirstResponsesPerHour: 10,
};

describe('expectedFirstResponse', () => {
  it.each<[string, Partial<ExpectedFirstResponseInput>, string, boolean]>([
    ['states the policy target with no backlog', {}, '2026-06-02T14:00:00.000Z', false],
    [
      'states the policy target when throughput clears the backlog in time',
      { backlog: 50 },
      '2026-06-02T14:00:00.000Z',
      false,
    ],
    [
      'extends to backlog / throughput in business hours during a surge',
      { backlog: 200 },
      '2026-06-03T18:00:00.000Z',
      true,
    ],
    ['adds a notice delay in business time', { noticeDelayMinutes: 120 }, '2026-06-02T16:00:00.000Z', false],
    [
      'adds a notice delay on top of a surge',
      { backlog: 200, noticeDelayMinutes: 120 },
      '2026-06-03T20:00:00.000Z',
      true,
    ],
    [
      'keeps the target when there is no recent throughput to extrapolate from',
      { backlog: 500, recentFirstResponsesPerHour: 0 },
      '2026-06-02T14:00:00.000Z',
      false,
    ],
    ['uses the priority target', { priority: 'urgent', backlog: 5 }, '2026-06-01T15:00:00.000Z', false],
    [
      'bounds the extension when throughput is close to zero',
      { backlog: 1000, recentFirstResponsesPerHour: 0.001 },
      '2026-07-15T14:00:00.000Z',
      true,
    ],
    [
      'uses the calendar it is given',
      { calendar: { kind: '24x7', zone: 'America/New_York' } },
      '2026-06-01T22:00:00.000Z',
      false,
    ],
  ])('%s', (_name, changes, dueAt, surge) => {
    const r = expectedFirstResponse({ ...base, ...changes });
    expect(r.dueAt.toISOString()).toBe(dueAt);
    expect(r.surge).toBe(surge);
  });

  it.each<[string, Partial<ExpectedFirstResponseInput>]>([
    ['a negative backlog', { backlog: -1 }],
    ['a negative throughput', { recentFirstResponsesPerHour: -2 }],
    ['a non-finite notice delay', { noticeDelayMinutes: Number.NaN }],
  ])('refuses %s', (_name, changes) => {
    expect(() => expectedFirstResponse({ ...base, ...changes })).toThrow(ValidationError);
  });

  it('is never earlier than the policy target, and later whenever it reports a surge', () => {
    const instant = fc
      .integer({ min: Date.UTC(2026, 0, 1) / 1000, max: Date.UTC(2027, 11, 1) / 1000 })
      .map((s) => new Date(s * 1000));
    fc.assert(
      fc.property(
        instant,
        fc.constantFrom('request', 'complaint'),
        fc.constantFrom('low', 'normal', 'high', 'urgent'),
        fc.integer({ min: 0, max: 5000 }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.integer({ min: 0, max: 600 }),
        (now, caseType, priority, backlog, perHour, delay) => {
          const r = expectedFirstResponse({
            policy,
            now,
            caseType,
            priority,
            backlog,
            recentFirstResponsesPerHour: perHour,
            noticeDelayMinutes: delay,
          });
          const target = expectedFirstResponse({
            policy,
            now,
            caseType,
            priority,
            backlog: 0,
            recentFirstResponsesPerHour: 0,
          }).dueAt;
          expect(r.dueAt.getTime()).toBeGreaterThanOrEqual(target.getTime());
          if (r.surge) expect(r.dueAt.getTime()).toBeGreaterThan(target.getTime());
          if (!r.surge && delay === 0) expect(r.dueAt).toEqual(target);
          // the target itself is the policy's first-response time from now
          expect(target).toEqual(
            addDuration(
              now,
              priority === 'urgent'
                ? { businessHours: 1 }
                : priority === 'high'
                  ? { businessHours: 4 }
                  : { businessHours: 8 },
              policy.calendar,
            ),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
