import type { FirmProfile } from '../../core/firm-profile';
import type { CaseRepository, Clock } from '../../core/ports';
import type { SlaPolicy } from '../../core/sla/policy';
import { AWAITING_FIRST_RESPONSE, firstResponsesKey } from '../stats';
import type { RenderContext } from './render-outbound';

/** Hours of first-response history that set the recent throughput. */
const THROUGHPUT_WINDOW_HOURS = 3;

/** Ports and settings the render context is built from. */
export interface RenderContextDeps {
  readonly repo: Pick<CaseRepository, 'readCounter'>;
  readonly clock: Clock;
  readonly profile: FirmProfile;
  readonly policy: SlaPolicy;
  readonly signingSecret: string;
}

/** What the mailer needs beyond the case to state honest times: the policy and the current backlog. */
export async function buildRenderContext(c: RenderContextDeps): Promise<Omit<RenderContext, 'notices'>> {
  const now = c.clock.now();
  const [awaiting, ...perHour] = await Promise.all([
    c.repo.readCounter(AWAITING_FIRST_RESPONSE),
    ...Array.from({ length: THROUGHPUT_WINDOW_HOURS }, (_, h) =>
      c.repo.readCounter(firstResponsesKey(new Date(now.getTime() - h * 3600_000))),
    ),
  ]);
  const backlog = Math.max(0, awaiting ?? 0);
  const responses = perHour.reduce((a, b) => a + b, 0);
  return {
    profile: c.profile,
    policy: c.policy,
    backlog,
    recentFirstResponsesPerHour: responses / THROUGHPUT_WINDOW_HOURS,
    feedbackSecret: c.signingSecret,
  };
}
