import type { Container } from '../../shared/container';
import { AWAITING_FIRST_RESPONSE, firstResponsesKey } from '../stats';
import type { RenderContext } from './render-outbound';

/** Hours of first-response history that set the recent throughput. */
const THROUGHPUT_WINDOW_HOURS = 3;

/** What the mailer needs beyond the case to state honest times: the policy and the current backlog. */
export async function buildRenderContext(c: Container<'mailer'>): Promise<Omit<RenderContext, 'notices'>> {
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
