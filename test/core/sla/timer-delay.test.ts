import { MAX_TIMER_DELAY_SECONDS, timerDelaySeconds } from '../../../lambdas/core/sla';

const NOW = new Date('2026-06-01T14:00:00.000Z');
const after = (ms: number): Date => new Date(NOW.getTime() + ms);

describe('timerDelaySeconds', () => {
  it.each<[string, Date, number]>([
    ['waits the whole seconds until a near deadline', after(600_000), 600],
    ['rounds up so a timer never wakes early', after(1_200), 2],
    ['caps a far deadline at the SQS limit (the timer re-enqueues)', after(3_600_000), MAX_TIMER_DELAY_SECONDS],
    ['fires a deadline that is due now at once', NOW, 0],
    ['fires a past deadline at once', after(-60_000), 0],
    ['fires at once for an invalid due date rather than never', new Date('nope'), 0],
  ])('%s', (_name, dueAt, expected) => {
    expect(timerDelaySeconds(dueAt, NOW)).toBe(expected);
  });

  it('uses the SQS DelaySeconds maximum of 900', () => {
    expect(MAX_TIMER_DELAY_SECONDS).toBe(900);
  });
});
