import type { Case } from '../../core/case';
import type { RESOLUTION_OUTCOMES, OutboundRequest } from '../../core/outbound-request';

type ResolutionOutcome = (typeof RESOLUTION_OUTCOMES)[number];
import type { SlaPolicy } from '../../core/sla/policy';
import { sanitiseHtml } from '../../core/html-sanitiser';
import { buildRenderContext } from '../mailer/render-context';
import { renderOutbound } from '../mailer/render-outbound';
import type { Actor } from './actor';
import type { ApiDeps } from './api-deps';
import { loadCase } from './case-access';

/** The mails an agent writes the heart of: a reply, a closing mail, a delay notice. */
export type PreviewRequest =
  | { readonly purpose: 'agent_reply'; readonly text: string; readonly html?: string }
  | { readonly purpose: 'resolution'; readonly outcome: ResolutionOutcome; readonly explanation?: string }
  | { readonly purpose: 'late_decision'; readonly reason: string; readonly expectedDecisionAt?: string };

export interface MailPreview {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** Our own template's HTML (the agent's words escaped in it), for a sandboxed frame. */
  readonly html: string;
  readonly language: string;
}

/**
 * The mail the customer would get if the agent sent this now, rendered by the mailer's own templates
 * from the case as it is (language, greeting, tracking number, active notices, disclosures and all).
 * Sends and changes nothing.
 */
export async function previewMail(
  cmd: { readonly actor: Actor; readonly tracking: string; readonly request: PreviewRequest },
  deps: Pick<ApiDeps, 'repo' | 'clock' | 'profile' | 'notices' | 'signingSecret'> & { readonly policy: SlaPolicy },
): Promise<MailPreview> {
  const current = await loadCase(deps.repo, cmd.tracking);
  const now = deps.clock.now();
  const [context, notices] = await Promise.all([buildRenderContext(deps), deps.notices.list()]);
  const { request, c } = asQueued(cmd.request, current, cmd.actor, now);
  const mail = renderOutbound(request, c, { ...context, notices }, now).mail;
  return { to: c.customer.address, subject: mail.subject, text: mail.text, html: mail.html, language: mail.language };
}

/**
 * The outbound request the real command would queue, and the case as the command leaves it before the
 * mailer renders (resolve-case records the outcome, delay-notice the new date).
 */
function asQueued(r: PreviewRequest, c: Case, actor: Actor, now: Date): { request: OutboundRequest; c: Case } {
  const base = { tracking: c.tracking, purposeKey: 'preview' };
  switch (r.purpose) {
    case 'agent_reply':
      return {
        request: {
          ...base,
          purpose: 'agent_reply',
          data: { text: r.text, ...(r.html ? { html: sanitiseHtml(r.html) } : {}), author: actor.sub },
        },
        c,
      };
    case 'resolution': {
      const explanation = r.explanation ?? '';
      return {
        request: { ...base, purpose: 'resolution', data: { outcome: r.outcome, explanation } },
        c: { ...c, resolution: { outcome: r.outcome, explanation, by: actor.sub, at: now.toISOString() } },
      };
    }
    case 'late_decision':
      return {
        request: { ...base, purpose: 'late_decision', data: { reason: r.reason } },
        c: r.expectedDecisionAt ? { ...c, estimatedResolutionAt: new Date(r.expectedDecisionAt).toISOString() } : c,
      };
  }
}
