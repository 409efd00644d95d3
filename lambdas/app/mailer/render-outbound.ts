import type { Case } from '../../core/case';
import { createFeedbackToken } from '../../core/feedback-token';
import type { FirmProfile } from '../../core/firm-profile';
import { replyAddressFor } from '../../core/intake/threading';
import { activeNotices, noticeExtraDelayMinutes, type Notice } from '../../core/notice';
import type { Calendar } from '../../core/sla/calendar';
import { WEEKDAYS } from '../../core/sla/calendar';
import { expectedFirstResponse } from '../../core/sla/expected-response';
import type { SlaPolicy } from '../../core/sla/policy';
import * as templates from '../../core/templates';
import type { BusinessHoursNote, CaseMailInput, ProgressStage, RenderedMail } from '../../core/templates';
import type { OutboundRequest } from '../../core/outbound-request';

export interface RenderContext {
  readonly profile: FirmProfile;
  readonly policy: SlaPolicy;
  /** Cases waiting for a first response right now. */
  readonly backlog: number;
  readonly recentFirstResponsesPerHour: number;
  /**
   * Seconds the interactive mail already queued needs at the send budget: an answer written now waits
   * about this long to be sent, so the stated time includes it.
   * @default 0
   */
  readonly sendBacklogSeconds?: number;
  readonly feedbackSecret: string;
  readonly notices: readonly Notice[];
}

const DAY = 86_400_000;

/** The opening hours the customer is told, from the policy's calendar (first interval of the first open day). */
export function businessHoursNote(cal: Calendar): BusinessHoursNote {
  if (cal.kind === '24x7') return { kind: '24x7' };
  const open = WEEKDAYS.map((d, i) => ({ iso: i + 1, hours: cal.weekly[d] ?? [] })).filter((d) => d.hours.length > 0);
  const first = open[0]!.hours;
  return { kind: 'weekly', days: open.map((d) => d.iso), opens: first[0]![0], closes: first.at(-1)![1] };
}

function progressOf(c: Case): ProgressStage {
  if (c.priority === 'urgent' || c.flags.includes('escalated')) return 'escalated';
  return c.firstResponseAt ? 'investigating' : 'received';
}

/** A rendered mail and what it told the customer (recorded in the audit trail: what was promised, when). */
export interface RenderedOutbound {
  readonly mail: RenderedMail;
  readonly stated: Readonly<Record<string, unknown>>;
}

/** Chooses the template for an outbound request and fills it from the case and the current context. */
export function renderOutbound(req: OutboundRequest, c: Case, ctx: RenderContext, now: Date): RenderedOutbound {
  if (req.purpose === 'acknowledgement') {
    const expected = expectedFirstResponse({
      policy: ctx.policy,
      now,
      caseType: c.type,
      topic: c.topic,
      priority: c.priority,
      backlog: ctx.backlog,
      recentFirstResponsesPerHour: ctx.recentFirstResponsesPerHour,
      noticeDelayMinutes: noticeExtraDelayMinutes(ctx.notices, now),
    });
    const notices = activeNotices(ctx.notices, now);
    const estimatedResolutionAt = c.estimatedResolutionAt ? new Date(c.estimatedResolutionAt) : undefined;
    const sendBacklogSeconds = Math.max(0, Math.ceil(ctx.sendBacklogSeconds ?? 0));
    // Calendar time, not business time: the send queue drains around the clock.
    const expectedResponseAt = new Date(expected.dueAt.getTime() + sendBacklogSeconds * 1000);
    const mail = templates.acknowledgement({
      ...caseMailInput(c, ctx),
      expectedResponseAt,
      surge: expected.surge,
      notices,
      businessHours: businessHoursNote(ctx.policy.calendar),
      ...(estimatedResolutionAt ? { estimatedResolutionAt } : {}),
    });
    return {
      mail,
      stated: {
        expectedResponseAt: expectedResponseAt.toISOString(),
        surge: expected.surge,
        backlog: ctx.backlog,
        sendBacklogSeconds,
        notices: notices.map((n) => n.id),
        ...(c.estimatedResolutionAt ? { estimatedResolutionAt: c.estimatedResolutionAt } : {}),
      },
    };
  }
  const mail = renderCaseMail(req, c, ctx, now);
  return { mail, stated: c.estimatedResolutionAt ? { estimatedResolutionAt: c.estimatedResolutionAt } : {} };
}

function caseMailInput(c: Case, ctx: RenderContext): CaseMailInput {
  return {
    tracking: c.tracking,
    subject: c.subject,
    language: c.language,
    timeZone: ctx.policy.calendar.zone,
    profile: ctx.profile,
    replyAddress: replyAddressFor(c.tracking, ctx.profile.supportAddress, ctx.feedbackSecret),
  };
}

function renderCaseMail(req: OutboundRequest, c: Case, ctx: RenderContext, now: Date): RenderedMail {
  const base = caseMailInput(c, ctx);
  const notices = activeNotices(ctx.notices, now);
  const estimatedResolutionAt = c.estimatedResolutionAt ? new Date(c.estimatedResolutionAt) : undefined;
  const reopenUntil = new Date(now.getTime() + ctx.profile.reopenWindowDays * DAY);
  switch (req.purpose) {
    case 'acknowledgement':
      throw new Error('acknowledgements are rendered by renderOutbound');
    case 'reply_received':
      return templates.replyReceived({
        ...base,
        ...(c.deadlines.next_response ? { expectedResponseAt: new Date(c.deadlines.next_response.dueAt) } : {}),
      });
    case 'agent_reply':
      return templates.agentReply({
        ...base,
        body: req.data.text,
        ...(req.data.authorName ? { agentName: req.data.authorName } : {}),
      });
    case 'status_update': {
      const previous = req.data?.previousEstimatedResolutionAt;
      return templates.statusUpdate({
        ...base,
        progress: progressOf(c),
        notices,
        nextUpdateAt: c.deadlines.status_update
          ? new Date(c.deadlines.status_update.dueAt)
          : new Date(now.getTime() + 5 * DAY),
        ...(estimatedResolutionAt ? { estimatedResolutionAt } : {}),
        ...(previous ? { previousEstimatedResolutionAt: new Date(previous) } : {}),
        ...(req.data?.detail ? { detail: req.data.detail } : {}),
      });
    }
    case 'resolution': {
      const apiUrl = ctx.profile.publicApiUrl?.replace(/\/$/, '');
      const token = apiUrl ? createFeedbackToken({ tracking: c.tracking, secret: ctx.feedbackSecret, now }) : undefined;
      return templates.resolution({
        ...base,
        outcome: c.resolution?.outcome ?? req.data?.outcome ?? 'full',
        explanation: c.resolution?.explanation ?? req.data?.explanation ?? '',
        reopenUntil,
        ...(token ? { ratingUrl: (score: number) => `${apiUrl}/feedback/${token}?score=${score}` } : {}),
      });
    }
    case 'auto_close':
      return templates.autoClose({ ...base, waitingSince: new Date(c.lastAgentMessageAt ?? c.updatedAt), reopenUntil });
    case 'notice': {
      const notice = ctx.notices.find((n) => n.id === req.data.noticeId);
      if (!notice) throw new Error(`notice ${req.data.noticeId} no longer exists`);
      return templates.notice({ ...base, notice });
    }
    case 'late_decision':
      return templates.lateDecision({
        ...base,
        reason: req.data.reason,
        expectedDecisionAt: estimatedResolutionAt ?? new Date(now.getTime() + 14 * DAY),
      });
  }
}
