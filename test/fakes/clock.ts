import type { Clock, Ids } from '../../lambdas/core/ports';

/** A clock that stands still until the test moves it: deadlines and timers become plain arithmetic. */
export class FakeClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2026-03-02T09:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  /** Moves time forward; a negative amount is refused (time never runs back in a use case). */
  advance(by: { ms?: number; seconds?: number; minutes?: number; hours?: number; days?: number }): Date {
    const ms =
      (by.ms ?? 0) +
      (by.seconds ?? 0) * 1000 +
      (by.minutes ?? 0) * 60_000 +
      (by.hours ?? 0) * 3_600_000 +
      (by.days ?? 0) * 86_400_000;
    if (ms < 0) throw new RangeError(`a clock only moves forward, got ${ms} ms`);
    this.current += ms;
    return this.now();
  }
}

/**
 * Ids `id-0001`, `id-0002`, ...: URL-safe like the real generator, and predictable in assertions. The
 * integers (tracking numbers) and fractions (jitter) come from a seeded generator (mulberry32): distinct
 * enough for a test's few hundred cases, and the same sequence on every run.
 */
export class SequentialIds implements Ids {
  private n = 0;
  private state: number;

  constructor(
    private readonly prefix = 'id',
    seed = 1,
  ) {
    this.state = seed >>> 0;
  }

  id(): string {
    this.n += 1;
    return `${this.prefix}-${String(this.n).padStart(4, '0')}`;
  }

  int(max: number): number {
    return Math.floor(this.fraction() * max);
  }

  fraction(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
}
