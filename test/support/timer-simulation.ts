import { handleTimer, type TimerDeps, type TimerOutcome } from '../../lambdas/app/deadlines/handle-timer';
import { sweep, type SweepResult } from '../../lambdas/app/deadlines/sweep';
import { SWEEP_PERIOD_SECONDS } from '../../lambdas/core/sla/timer-delay';
import type { TimerMessage } from '../../lambdas/core/ports';
import type { FakeClock } from '../fakes/clock';
import type { InMemoryQueue } from '../fakes/queue';

/** One delivery of a timer message to the timer handler, on the simulated clock. */
export interface FiredTimer {
  readonly msg: TimerMessage;
  readonly outcome: TimerOutcome;
  /** Epoch ms the handler ran at; lateness is `at - Date.parse(msg.dueAt)`. */
  readonly at: number;
}

export interface TimerSimulationOptions {
  /** @default SWEEP_PERIOD_SECONDS */
  readonly sweepEverySeconds?: number;
  /** Epoch ms of the first sweep. @default the clock's now plus one period */
  readonly firstSweepAt?: number;
  /** A sweep run that fails (an outage, a throttled deploy): it arms nothing. @default none */
  readonly sweepFails?: (run: number) => boolean;
  /** Messages the timer function handles per second (its concurrency x batch throughput). @default unbounded */
  readonly consumerPerSecond?: number;
}

/**
 * SQS timers, the timer function and the sweeper schedule on a simulated clock, over the in-memory ports:
 * each queued timer message becomes visible `delaySeconds` after it was sent and is handed to
 * `handleTimer` at that instant (or later, when the consumer is busy); the sweeper runs every period.
 * Events run in time order and the clock jumps from one to the next, so hours pass in milliseconds.
 */
export class TimerSimulation {
  readonly fired: FiredTimer[] = [];
  readonly sweeps: Array<SweepResult & { readonly at: number }> = [];
  /** Timer messages sent so far (by use cases, the handler and the sweeper). */
  sent = 0;
  private readonly pending = new MinHeap<{ visibleAt: number; body: TimerMessage }>((x) => x.visibleAt);
  private nextSweepAt: number;
  private sweepRun = 0;
  private busyUntil = 0;

  constructor(
    private readonly clock: FakeClock,
    private readonly queue: InMemoryQueue,
    private readonly deps: TimerDeps,
    private readonly opts: TimerSimulationOptions = {},
  ) {
    this.nextSweepAt = opts.firstSweepAt ?? clock.now().getTime() + this.periodMs;
  }

  private get periodMs(): number {
    return (this.opts.sweepEverySeconds ?? SWEEP_PERIOD_SECONDS) * 1000;
  }

  /** Takes what the use cases queued on `timers` since the last call, stamped with when it becomes visible. */
  collect(): void {
    const now = this.clock.now().getTime();
    for (const m of this.queue.take<TimerMessage>('timers')) {
      this.pending.push({ visibleAt: now + m.delaySeconds * 1000, body: m.body as TimerMessage });
      this.sent += 1;
    }
  }

  /** Timer messages queued and not yet delivered. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Runs every sweep and delivery due up to `until`, in time order, and leaves the clock there. */
  async runUntil(until: Date | string): Promise<void> {
    const end = new Date(until).getTime();
    this.collect();
    const perMessageMs = this.opts.consumerPerSecond ? 1000 / this.opts.consumerPerSecond : 0;
    for (;;) {
      const head = this.pending.peek();
      const deliverAt = head ? Math.max(head.visibleAt, this.busyUntil) : Infinity;
      const at = Math.min(deliverAt, this.nextSweepAt);
      if (at > end) break;
      this.clock.set(new Date(at));
      if (this.nextSweepAt <= deliverAt) {
        const run = this.sweepRun++;
        this.nextSweepAt += this.periodMs;
        if (!this.opts.sweepFails?.(run)) this.sweeps.push({ ...(await sweep(this.deps, this.clock.now())), at });
      } else {
        const m = this.pending.pop()!;
        this.busyUntil = at + perMessageMs;
        this.fired.push({ msg: m.body, outcome: await handleTimer(m.body, this.deps), at });
      }
      this.collect();
    }
    this.clock.set(new Date(end));
  }

  /** Deliveries that acted on their deadline, with how late (ms) each ran after its due instant. */
  acted(): Array<FiredTimer & { readonly lateMs: number }> {
    return this.fired
      .filter((f) => f.outcome.kind === 'acted')
      .map((f) => ({ ...f, lateMs: f.at - Date.parse(f.msg.dueAt) }));
  }
}

/** A binary min-heap: the simulation holds thousands of pending messages and always needs the earliest. */
class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly key: (x: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(x: T): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.key(a[parent]!) <= this.key(a[i]!)) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.key(a[l]!) < this.key(a[m]!)) m = l;
        if (r < a.length && this.key(a[r]!) < this.key(a[m]!)) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}
