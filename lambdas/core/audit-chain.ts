import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export { canonicalJson } from './canonical-json';

/**
 * Audit events form a hash chain per case: each carries the hash of the previous one, so a regulator
 * (or the export's recipient) can detect an altered or removed event.
 */
export interface AuditEvent {
  readonly seq: number;
  readonly at: string;
  /** "system", "customer", or the agent's subject. */
  readonly actor: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly prevHash: string;
  readonly hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** hash = SHA-256 hex of prevHash followed by the RFC 8785 text of {seq, at, actor, type, data}. */
export function hashEvent(e: Omit<AuditEvent, 'hash'>): string {
  return sha256Hex(e.prevHash + canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, type: e.type, data: e.data }));
}

/** Builds the next event of a chain whose head is (seq, hash). */
export function chainEvent(
  head: { eventSeq: number; lastEventHash: string },
  e: { at: string; actor: string; type: string; data?: Record<string, unknown> },
): AuditEvent {
  const base = {
    seq: head.eventSeq + 1,
    at: e.at,
    actor: e.actor,
    type: e.type,
    data: e.data ?? {},
    prevHash: head.lastEventHash,
  };
  return { ...base, hash: hashEvent(base) };
}

/** Verifies a list of events (ascending seq) from the genesis hash; returns the first bad seq, or undefined. */
export function findBrokenLink(events: readonly AuditEvent[], start = GENESIS_HASH): number | undefined {
  let prev = start;
  for (const e of events) {
    if (e.prevHash !== prev || hashEvent(e) !== e.hash) return e.seq;
    prev = e.hash;
  }
  return undefined;
}

/** Chains several events after a head; returns them and the new head to store on the case. */
export function chainEvents(
  head: { eventSeq: number; lastEventHash: string },
  specs: readonly { at: string; actor: string; type: string; data?: Record<string, unknown> }[],
): { events: AuditEvent[]; head: { eventSeq: number; lastEventHash: string } } {
  const events: AuditEvent[] = [];
  let h = head;
  for (const spec of specs) {
    const e = chainEvent(h, spec);
    events.push(e);
    h = { eventSeq: e.seq, lastEventHash: e.hash };
  }
  return { events, head: h };
}
