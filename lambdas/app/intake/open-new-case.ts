import type { AckDecision } from '../../core/ack-budget';
import { chainEvent } from '../../core/audit-chain';
import { aggregateDelta } from '../../core/reports/aggregates';
import type { Case } from '../../core/case';
import { caseTraits } from '../../core/intake/case-traits';
import type { ParsedMail } from '../../core/intake/parsed-mail';
import type { PendingReferences } from '../../core/ports';
import { generateTrackingNumber, type TrackingNumber } from '../../core/tracking-number';
import { mergePlan } from '../mutate-case';
import { AWAITING_FIRST_RESPONSE } from '../stats';
import { bookAcknowledgement } from './ack-budget';
import { ackBudgetRecord } from './ack-decision';
import { sendFollowUps } from './follow-ups';
import { idempotencyKeys, inboundMessage } from './inbound-message';
import type { IntakeDeps, IntakeOutcome, ReadMail, Verdict } from './intake-types';
import { newCase } from './open-case';
import { storeAttachments } from './store-attachments';
import { storeBody } from './store-body';

export async function mayAcknowledge(
  deps: IntakeDeps,
  verdict: Verdict,
  sender: string,
  now: Date,
): Promise<{ ok: boolean; why?: string; budget?: AckDecision }> {
  if (verdict.sender.trust === 'failed') return { ok: false, why: 'sender_failed_authentication' };
  if (!verdict.acknowledge) return { ok: false, why: verdict.kind };
  const hour = now.toISOString().slice(0, 13);
  // Zammad-style loop brake: a sender who somehow keeps mailing us still gets kept, just not answered. A
  // counter with a limit, like the budget's: refused once the hour's places are taken.
  const inHour = await deps.ackBudget.counters.take(
    `ACK#${sender}#${hour}`,
    deps.profile.ackLimitPerSenderPerHour,
    new Date(now.getTime() + 2 * 3600_000),
  );
  if (!inHour) return { ok: false, why: 'sender_rate_limit' };
  const budget = await bookAcknowledgement(deps.ackBudget, sender, now);
  if (budget.kind === 'sender_capped') return { ok: false, why: 'sender_daily_cap', budget };
  return { ok: true, budget };
}

export async function openNewCase(
  parsed: ParsedMail,
  sender: string,
  mail: ReadMail,
  verdict: Verdict,
  relatedTo: TrackingNumber | undefined,
  deps: IntakeDeps,
  pendingReferences?: PendingReferences,
): Promise<IntakeOutcome> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const ack = await mayAcknowledge(deps, verdict, sender, now);
  const { language, type, topic } = caseTraits(parsed, verdict.kind);
  const opened = newCase({
    tracking: generateTrackingNumber((max) => deps.ids.int(max)),
    mail: parsed,
    customerAddress: sender,
    language,
    type,
    topic,
    flags: [...verdict.flags, ...(ack.ok ? [] : [`ack_withheld:${ack.why}`])],
    now: at,
    classification: { kind: verdict.kind, reasons: verdict.reasons, acknowledge: ack.ok, sender: verdict.sender },
    ...(relatedTo ? { relatedTo } : {}),
  });
  // What the acknowledgement budget did is recorded on the case, after its opening event.
  const budget = ack.budget ? ackBudgetRecord(ack.budget, 'acknowledgement', at) : {};
  const budgetEvent = budget.event ? chainEvent(opened.case, budget.event) : undefined;
  const head = budgetEvent ? { eventSeq: budgetEvent.seq, lastEventHash: budgetEvent.hash } : {};
  const attachments = await storeAttachments(parsed, mail, opened.case.tracking, deps);
  const message = await storeBody(inboundMessage(parsed, mail, at, verdict, attachments), mail, deps);
  const plan = await deps.planDeadlines(opened.case, 'case_opened', now);
  const c: Case = mergePlan({ ...opened.case, ...head }, plan);
  const events = budgetEvent ? [opened.event, budgetEvent] : [opened.event];
  await deps.repo.commit({
    case: c,
    expectedVersion: null,
    messages: [message],
    events,
    messageIdLinks: parsed.messageId ? [parsed.messageId] : [],
    idempotencyKeys: idempotencyKeys(parsed, mail),
    ...(pendingReferences ? { pendingReferences } : {}),
    aggregates: aggregateDelta(undefined, c, events),
  });
  const delaySeconds = ack.budget?.kind === 'delayed' ? ack.budget.delaySeconds : undefined;
  // The backlog gauge (for the surge-aware response time the acknowledgement states) and the follow-ups
  // are independent once the case is committed: both at once. Either failing fails the record, and its
  // redelivery resumes the follow-ups (resumeDuplicate).
  await Promise.all([
    deps.repo.incrementCounter(AWAITING_FIRST_RESPONSE),
    sendFollowUps(c, undefined, ack.ok ? 'acknowledgement' : undefined, deps, now, undefined, delaySeconds),
  ]);
  return {
    kind: 'case_opened',
    tracking: c.tracking,
    acknowledged: ack.ok,
    ...(budget.effect ? { ackBudget: budget.effect } : {}),
  };
}
