import { nextDueAt, type Case } from '../../core/case';
import type { TrackingNumber } from '../../core/tracking-number';
import { caseKey, dueShard, keyPart, statusPartition } from './keys';

/** Index attributes are derived from the case on every write, so they can never disagree with it. */
export function caseToItem(c: Case): Record<string, unknown> {
  const due = nextDueAt(c.deadlines);
  return {
    ...caseKey(c.tracking),
    itemType: 'case',
    ...c,
    GSI1PK: `CUST#${keyPart(c.customer.address)}`,
    GSI1SK: `${c.createdAt}#${c.tracking}`,
    STATUSPK: statusPartition(c.status, c.tracking),
    STATUSSK: `${c.createdAt}#${c.tracking}`,
    ...(due ? { DUEPK: dueShard(c.tracking), DUESK: `${due}#${c.tracking}`, nextDueAt: due } : {}),
  };
}

const STORAGE_ONLY = [
  'PK',
  'SK',
  'itemType',
  'GSI1PK',
  'GSI1SK',
  // Written on cases before the status index was sharded; the backfill removes them (docs/scale-migration.md).
  'GSI2PK',
  'GSI2SK',
  'STATUSPK',
  'STATUSSK',
  'DUEPK',
  'DUESK',
  'nextDueAt',
];

export function itemToCase(item: Record<string, unknown>): Case {
  const copy: Record<string, unknown> = { ...item };
  for (const k of STORAGE_ONLY) delete copy[k];
  return { flags: [], participants: [], threadMessageIds: [], deadlines: {}, ...copy } as unknown as Case;
}

export const trackingFromDueSortKey = (sk: string): TrackingNumber =>
  sk.slice(sk.lastIndexOf('#') + 1) as TrackingNumber;
