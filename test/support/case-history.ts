import { commitCaseEdit, type EventSpec } from '../../lambdas/app/mutate-case';
import { chainEvent, GENESIS_HASH } from '../../lambdas/core/audit-chain';
import { OUTCOMES, TOPICS, type Case } from '../../lambdas/core/case';
import type { CaseRepository } from '../../lambdas/core/ports';
import { aggregateDelta } from '../../lambdas/core/reports/aggregates';
import { AGENT_REPLIED, type AgentRepliedData } from '../../lambdas/core/reports/reply-event';
import type { TrackingNumber } from '../../lambdas/core/tracking-number';

/** A small seeded PRNG (mulberry32): the same seed gives the same histories. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

/**
 * Commits one synthetic case and a random history through the same paths the use cases take (intake's
 * first commit, then `commitCaseEdit`): replies met or late, customer follow-ups, escalations, type,
 * topic and language changes, resolution, satisfaction, reopening, closing. Every instant is a whole minute and nothing
 * happens after `now`.
 */
export async function commitHistory(
  repo: Pick<CaseRepository, 'commit' | 'listEvents'>,
  rnd: () => number,
  createdMs: number,
  now: Date,
): Promise<Case> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const tracking = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => pick([...ALPHABET])).join('')).join(
    '-',
  ) as TrackingNumber;
  const at = iso(createdMs);
  const address = `c${Math.floor(rnd() * 1e9)}@customer.example`;
  const base: Case = {
    tracking,
    status: 'new',
    customer: { address, kind: rnd() < 0.8 ? 'individual' : 'business' },
    participants: [address],
    subject: 'Synthetic',
    // `nl` is detected but not a mail language: reports count it under `other`.
    language: pick(['en', 'de', 'es', 'ja', 'nl']),
    channel: 'email',
    type: rnd() < 0.85 ? 'request' : 'complaint',
    topic: pick(TOPICS),
    priority: 'normal',
    flags: [],
    createdAt: at,
    updatedAt: at,
    lastCustomerMessageAt: at,
    estimatedResolutionAt: iso(createdMs + Math.floor(rnd() * 14 * 1440) * MIN),
    deadlines: { first_response: { dueAt: iso(createdMs + (30 + Math.floor(rnd() * 2880)) * MIN), id: 'fr' } },
    threadMessageIds: [],
    version: 1,
    eventSeq: 0,
    lastEventHash: GENESIS_HASH,
  };
  const opened = chainEvent(base, { at, actor: 'customer', type: 'case_opened', data: { channel: 'email' } });
  let c: Case = { ...base, eventSeq: opened.seq, lastEventHash: opened.hash };
  await repo.commit({
    case: c,
    expectedVersion: null,
    events: [opened],
    aggregates: aggregateDelta(undefined, c, [opened]),
  });

  let t = createdMs;
  const step = async (maxMinutes: number, edit: (c: Case, at: string) => { case: Case; events: EventSpec[] }) => {
    t += (1 + Math.floor(rnd() * maxMinutes)) * MIN;
    if (t > now.getTime()) return false;
    const e = edit(c, iso(t));
    c = (await commitCaseEdit({ repo }, c, e, new Date(t))).case;
    return true;
  };
  const reply = (first: boolean) => (cur: Case, when: string) => {
    const kind = first ? 'first_response' : 'next_response';
    const owed = cur.deadlines[kind];
    const since = first ? cur.createdAt : (cur.lastCustomerMessageAt ?? cur.createdAt);
    const data: AgentRepliedData = {
      messageId: `m${t}`,
      firstResponse: first,
      ...(owed ? { owed: { kind, dueAt: owed.dueAt, met: when <= owed.dueAt } } : {}),
      waitedMinutes: (Date.parse(when) - Date.parse(since)) / MIN,
    };
    const { [kind]: _done, ...deadlines } = cur.deadlines;
    return {
      case: {
        ...cur,
        status: 'pending' as const,
        deadlines,
        lastAgentMessageAt: when,
        ...(first ? { firstResponseAt: when } : {}),
      },
      events: [{ at: when, actor: 'agent', type: AGENT_REPLIED, data: { ...data } }],
    };
  };

  if (rnd() < 0.85 && !(await step(3000, reply(true)))) return c;
  for (let round = 0; round < 2 && rnd() < 0.4; round++) {
    const followed = await step(2000, (cur, when) => ({
      case: {
        ...cur,
        status: 'open',
        lastCustomerMessageAt: when,
        deadlines: {
          ...cur.deadlines,
          next_response: { dueAt: iso(t + (60 + Math.floor(rnd() * 1440)) * MIN), id: `n${t}` },
        },
      },
      events: [{ at: when, actor: 'customer', type: 'customer_replied' }],
    }));
    if (!followed) return c;
    if (rnd() < 0.7 && !(await step(2000, reply(c.firstResponseAt === undefined)))) return c;
  }
  if (
    rnd() < 0.15 &&
    !(await step(600, (cur, when) => ({
      case: cur,
      events: [{ at: when, actor: 'system', type: 'deadline_escalated' }],
    })))
  )
    return c;
  if (rnd() < 0.1) {
    const moved = await step(600, (cur, when) => ({
      // No use case changes the language today; the counters must follow on their own if one ever does.
      case:
        rnd() < 0.6
          ? { ...cur, type: cur.type === 'request' ? 'complaint' : 'request', topic: pick(TOPICS) }
          : { ...cur, language: pick(['en', 'fr', 'nl']) },
      events: [{ at: when, actor: 'agent', type: 'case_updated' }],
    }));
    if (!moved) return c;
  }
  const resolve = (cur: Case, when: string) => ({
    case: {
      ...cur,
      status: 'resolved' as const,
      resolvedAt: when,
      deadlines: {},
      resolution: { outcome: pick(OUTCOMES), explanation: 'Done', by: 'agent', at: when },
    },
    events: [{ at: when, actor: 'agent', type: 'case_resolved' }],
  });
  if (rnd() < 0.7) {
    if (!(await step(20_000, resolve))) return c;
    if (
      rnd() < 0.3 &&
      !(await step(3000, (cur, when) => ({
        case: { ...cur, satisfaction: 1 + Math.floor(rnd() * 5) },
        events: [{ at: when, actor: 'customer', type: 'satisfaction' }],
      })))
    )
      return c;
    if (rnd() < 0.15) {
      const reopened = await step(3000, (cur, when) => {
        const { resolvedAt: _r, resolution: _o, satisfaction: _s, ...rest } = cur;
        return { case: { ...rest, status: 'open' }, events: [{ at: when, actor: 'customer', type: 'case_reopened' }] };
      });
      if (!reopened) return c;
      if (rnd() < 0.5 && !(await step(5000, resolve))) return c;
    }
    if (rnd() < 0.5)
      await step(10_000, (cur, when) => ({
        case: { ...cur, status: 'closed', closedAt: when },
        events: [{ at: when, actor: 'system', type: 'case_closed' }],
      }));
  } else if (rnd() < 0.1) {
    await step(5000, (cur, when) => ({
      case: { ...cur, status: 'closed', closedAt: when, deadlines: {} },
      events: [{ at: when, actor: 'agent', type: 'case_closed' }],
    }));
  }
  return c;
}
