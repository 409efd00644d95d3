import type { TrackingNumber } from '../../core/tracking-number';
import { DUE_SHARDS } from '../../shared/table-schema';

/** Key builders for the single table (DESIGN.md "Data model"). */
export const caseKey = (t: TrackingNumber) => ({ PK: `CASE#${t}`, SK: 'META' });
export const messageSortKey = (at: string, id: string) => `MSG#${at}#${id}`;
export const eventSortKey = (seq: number) => `EVT#${String(seq).padStart(10, '0')}`;
export const messageIdKey = (messageId: string) => ({ PK: `MID#${messageId}`, SK: 'LINK' });
export const idempotencyKey = (key: string) => ({ PK: `IDEM#${key}`, SK: 'IDEM' });
export const quarantineKey = (id: string) => ({ PK: `QUAR#${id}`, SK: 'QUAR' });
export const counterKey = (key: string) => ({ PK: `COUNT#${key}`, SK: 'COUNT' });

/** Spreads open-deadline index writes over a few partitions (no single hot GSI key during a surge). */
export function dueShard(t: TrackingNumber): string {
  let h = 0;
  for (const ch of t) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `DUE#${h % DUE_SHARDS}`;
}

export const allDueShards = (): string[] => Array.from({ length: DUE_SHARDS }, (_, i) => `DUE#${i}`);
export const leaseKey = (key: string) => ({ PK: `LEASE#${key}`, SK: 'LEASE' });
