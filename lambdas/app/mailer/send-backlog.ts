import type { Clock } from '../../core/ports';
import { drainSeconds, type QueueDepthGauge, type SendBacklog, type SendWindowStore } from '../../core/send-budget';
import type { SendGate } from './send-gate';

export interface SendBacklogDeps {
  readonly gate: Pick<SendGate, 'capacity' | 'quota'>;
  readonly gauge: QueueDepthGauge;
  readonly store: Pick<SendWindowStore, 'taken'>;
  readonly clock: Clock;
  /** How long one reading is reused (every acknowledgement reads it; SQS need not be asked each time). */
  readonly cacheMs: number;
}

/**
 * The sending backlog: both lanes' depths, the budget, and the time to send everything queued at that
 * budget. Read for each acknowledgement (its stated response time includes the time an answer waits to
 * be sent) and reported as metrics by the mailer; reused for `cacheMs`.
 */
export function createSendBacklogReader(deps: SendBacklogDeps): () => Promise<SendBacklog> {
  let cached: { at: number; value: Promise<SendBacklog> } | undefined;
  const read = async (): Promise<SendBacklog> => {
    const second = Math.floor(deps.clock.now().getTime() / 1000);
    const [interactive, bulk, capacity, quota, taken] = await Promise.all([
      deps.gauge.depth('outbound'),
      deps.gauge.depth('outbound-bulk'),
      deps.gate.capacity(),
      deps.gate.quota(),
      deps.store.taken(second),
    ]);
    const used =
      quota.max24HourSend !== undefined && quota.max24HourSend > 0
        ? Math.min(100, (100 * quota.sentLast24Hours) / quota.max24HourSend)
        : undefined;
    return {
      interactive,
      bulk,
      ...(capacity !== undefined ? { capacity } : {}),
      budgetInUsePercent: capacity ? Math.min(100, (100 * taken) / capacity) : 0,
      drainSeconds: drainSeconds(interactive + bulk, capacity),
      ...(used !== undefined ? { dailyQuotaUsedPercent: used } : {}),
    };
  };
  return () => {
    const now = deps.clock.now().getTime();
    if (!cached || now - cached.at >= deps.cacheMs) {
      const value = read();
      cached = { at: now, value };
      // A failed reading is not kept: the next caller asks again.
      value.catch(() => {
        if (cached?.value === value) cached = undefined;
      });
    }
    return cached.value;
  };
}
