import type { TimerDeps } from '../lambdas/app/deadlines/handle-timer';
import { createDeadlinePlanner } from '../lambdas/app/deadlines/planner';
import { sweep } from '../lambdas/app/deadlines/sweep';
import { DEADLINE_KINDS, type Case, type Deadline, type DeadlineKind } from '../lambdas/core/case';
import { getPreset } from '../lambdas/core/sla/presets';
import { MAX_TIMER_DELAY_SECONDS } from '../lambdas/core/sla/timer-delay';
import { InMemoryCaseRepository } from '../test/fakes/case-repository';
import { FakeClock, SequentialIds } from '../test/fakes/clock';
import { InMemoryQueue } from '../test/fakes/queue';
import { aCase } from '../test/support/case-fixture';
import { TimerSimulation } from '../test/support/timer-simulation';
import { progress, quantile } from './stats';

/** The deadline kinds a fresh open case carries in the synthetic mix (escalation comes from a breach). */
const SEEDED_KINDS: readonly DeadlineKind[] = DEADLINE_KINDS.filter((k) =>
  ['reminder', 'first_response', 'status_update', 'resolution'].includes(k),
);

export interface TimerRun {
  readonly name: string;
  /** Deliveries that acted on their deadline. */
  readonly acted: number;
  readonly lateMsP50: number;
  readonly lateMsP99: number;
  readonly lateMsMax: number;
  /** Timer messages sent per simulated second (sweeper, handler re-plans). */
  readonly messagesPerSecond: number;
  readonly sweeps: number;
  /** Largest number of cases one sweep read from the index. */
  readonly maxScannedPerSweep: number;
  readonly wallMs: number;
}

export interface TimerLatenessResult {
  readonly openCases: number;
  readonly simulatedHours: number;
  readonly deadlines: number;
  /** What the old design sent: every open deadline re-queued every 900 s until due. */
  readonly chainHopsPerSecond: number;
  readonly consumerPerSecond: number;
  readonly runs: TimerRun[];
}

/**
 * Timer lateness with `openCases` open cases, on a simulated clock and the in-memory ports: the real
 * sweeper, timer handler and planner (nydfs preset), SQS delays modelled exactly, the timer function at
 * `consumerPerSecond` messages a second. Each case holds a reminder, first response, status update and
 * resolution due at random instants over the next week (a steady flow of ~0.7 deadlines a second at
 * 100,000 cases). Runs: every sweep succeeds; one sweep in three fails.
 */
export async function measureTimerLateness(
  opts: { openCases?: number; simulatedHours?: number; consumerPerSecond?: number } = {},
): Promise<TimerLatenessResult> {
  const openCases = opts.openCases ?? 100_000;
  const simulatedHours = opts.simulatedHours ?? 2;
  const consumerPerSecond = opts.consumerPerSecond ?? 500;
  const runs: TimerRun[] = [];
  let deadlines = 0;
  for (const [name, sweepFails] of [
    ['every sweep runs', undefined],
    ['one sweep in three fails', (run: number) => run % 3 === 1],
  ] as const) {
    const seeded = await seed(openCases);
    deadlines = seeded.deadlines;
    const { clock, queue, deps, start } = seeded;
    const sim = new TimerSimulation(clock, queue, deps, {
      consumerPerSecond,
      firstSweepAt: start + 137_000, // out of step with the deadlines, as on AWS
      ...(sweepFails ? { sweepFails } : {}),
    });
    // Steady state: the runs before the simulated window armed what falls due in its first 15 minutes.
    await sweep(deps, clock.now());
    sim.collect();
    const t0 = Date.now();
    await sim.runUntil(new Date(start + simulatedHours * 3_600_000));
    const wallMs = Date.now() - t0;
    const late = sim
      .acted()
      .map((a) => a.lateMs)
      .sort((a, b) => a - b);
    runs.push({
      name,
      acted: late.length,
      lateMsP50: quantile(late, 0.5),
      lateMsP99: quantile(late, 0.99),
      lateMsMax: late.at(-1) ?? 0,
      messagesPerSecond: sim.sent / (simulatedHours * 3600),
      sweeps: sim.sweeps.length,
      maxScannedPerSweep: Math.max(0, ...sim.sweeps.map((s) => s.scanned)),
      wallMs,
    });
    progress(
      `timers (${name}): ${late.length} deadlines acted, late p99 ${quantile(late, 0.99)} ms, ${sim.sent} messages, ${Math.round(wallMs / 1000)} s`,
    );
  }
  return {
    openCases,
    simulatedHours,
    deadlines,
    chainHopsPerSecond: deadlines / MAX_TIMER_DELAY_SECONDS,
    consumerPerSecond,
    runs,
  };
}

/** `openCases` open cases straight into the in-memory repository, deadlines spread over the next week. */
async function seed(openCases: number) {
  const startIso = '2026-03-03T10:00:00.000Z'; // a Tuesday: the preset's business calendar is open
  const start = Date.parse(startIso);
  const clock = new FakeClock(startIso);
  const ids = new SequentialIds('d');
  const repo = new InMemoryCaseRepository(clock);
  const queue = new InMemoryQueue();
  const policy = getPreset('nydfs');
  const planDeadlines = createDeadlinePlanner({ repo, presetName: 'nydfs', policy, ids });
  const deps: TimerDeps = { repo, queue, clock, planDeadlines, policy };
  const week = 7 * 86_400_000;
  let deadlines = 0;
  for (let i = 0; i < openCases; i++) {
    const due = SEEDED_KINDS.map(() => start + Math.floor(ids.fraction() * week)).sort((a, b) => a - b);
    const planned: Partial<Record<DeadlineKind, Deadline>> = {};
    SEEDED_KINDS.forEach((kind, j) => {
      planned[kind] = {
        id: ids.id(),
        dueAt: new Date(due[j]!).toISOString(),
        ...(kind === 'reminder' ? { ref: 'first_response' as const } : {}),
      };
    });
    deadlines += SEEDED_KINDS.length;
    const c: Case = aCase({
      status: 'open',
      createdAt: new Date(start - 86_400_000).toISOString(),
      updatedAt: new Date(start - 86_400_000).toISOString(),
      deadlines: planned,
    });
    await repo.commit({ case: c, expectedVersion: null });
  }
  return { clock, queue, deps, start, deadlines };
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

/** The report's section: lateness against the one-minute bar, and timer traffic against the old chains. */
export function renderTimerLateness(t: TimerLatenessResult): string[] {
  const out: string[] = ['## Timers at 100,000 open cases (simulated clock)', ''];
  out.push(
    `${t.openCases.toLocaleString('en')} open cases, ${t.deadlines.toLocaleString('en')} deadlines due at random over the next week; ${t.simulatedHours} simulated hours of the real sweeper (every 5 min, 15-minute look-ahead), timer handler and planner on the in-memory ports; SQS delays exact; the timer function takes ${t.consumerPerSecond} messages a second.`,
    '',
    '| run | deadlines acted | late p50 (ms) | late p99 (ms) | late max (ms) | timer messages/s | sweeps | most cases in one sweep | wall (s) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of t.runs)
    out.push(
      `| ${r.name} | ${r.acted} | ${fmt(r.lateMsP50, 0)} | ${fmt(r.lateMsP99, 0)} | ${fmt(r.lateMsMax, 0)} | ${fmt(r.messagesPerSecond, 2)} | ${r.sweeps} | ${r.maxScannedPerSweep} | ${fmt(r.wallMs / 1000, 1)} |`,
    );
  const worst = Math.max(...t.runs.map((r) => r.lateMsMax));
  out.push(
    '',
    `Bar: every deadline acted within a minute of its due time: ${worst <= 60_000 ? 'met' : '**missed**'} (worst ${fmt(worst / 1000, 1)} s). Before (a timer re-queued every 900 s until due): ${fmt(t.chainHopsPerSecond, 0)} messages/s for the same open deadlines.`,
    '',
  );
  return out;
}
