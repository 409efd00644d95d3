import type { AccessRecord } from '../../lambdas/core/access-log';
import type { AccessLog } from '../../lambdas/core/ports';

const keyOf = (r: AccessRecord) => `${r.window}#${r.actor}#${r.action}#${r.target}`;

/**
 * The access log in memory: keeps the first record of each (window, actor, action, target), lists by window
 * oldest first, a page at a time. Held to the same contract as the DynamoDB adapter.
 */
export class InMemoryAccessLog implements AccessLog {
  readonly records = new Map<string, AccessRecord>();

  async record(entry: AccessRecord): Promise<boolean> {
    const key = keyOf(entry);
    if (this.records.has(key)) return false;
    this.records.set(key, { ...entry });
    return true;
  }

  async list(query: { from: string; to: string; limit: number; cursor?: string }) {
    const all = [...this.records.entries()]
      .filter(([, r]) => r.window >= query.from && r.window < query.to)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const start = query.cursor ? all.findIndex(([k]) => k > query.cursor!) : 0;
    const page = start < 0 ? [] : all.slice(start, start + query.limit);
    const more = start >= 0 && start + query.limit < all.length;
    return {
      items: page.map(([, r]) => ({ ...r })),
      ...(more ? { cursor: page.at(-1)![0] } : {}),
    };
  }
}
