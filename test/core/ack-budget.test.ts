import { delayUntilMinute, minuteKey, senderDayKey } from '../../lambdas/core/ack-budget';

describe('acknowledgement budget windows', () => {
  it('delays to the start of a later minute, at least a second and at most what SQS allows', () => {
    const now = new Date('2026-03-02T14:00:30.000Z');
    expect(delayUntilMinute(now, 1)).toBe(30);
    expect(delayUntilMinute(now, 3)).toBe(150);
    expect(delayUntilMinute(new Date('2026-03-02T14:00:59.900Z'), 1)).toBe(1);
    expect(delayUntilMinute(now, 15)).toBe(870);
    expect(delayUntilMinute(new Date('2026-03-02T14:00:00.000Z'), 16)).toBe(900);
  });

  it('keys a minute of all senders and a UTC day of one sender, each forgotten after its window', () => {
    const m = minuteKey(Date.parse('2026-03-02T14:07:00.000Z'));
    expect(m.key).toBe('ACKMIN#2026-03-02T14:07');
    expect(m.expiresAt.getTime()).toBeGreaterThan(Date.parse('2026-03-02T14:08:00.000Z'));
    const d = senderDayKey('Alice@Customer.example', new Date('2026-03-02T23:59:59.000Z'));
    expect(d.key).toBe('ACKDAY#2026-03-02#alice@customer.example');
    expect(d.expiresAt.getTime()).toBeGreaterThan(Date.parse('2026-03-03T00:00:00.000Z'));
  });
});
