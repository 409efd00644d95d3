import type { Case } from '../../core/case';
import type { ExportChain } from '../../core/export-chain';
import type { CaseRepository } from '../../core/ports';
import { presentMessage } from '../api/present';

/**
 * The export lines of one case, appended to `chain`: the case, then its messages (as the API shows them),
 * then its audit events, each tagged with the tracking number. The one definition of what a case looks
 * like in an export, whether `GET /export` or an export job writes it.
 */
export async function exportCaseLines(
  chain: ExportChain,
  c: Case,
  repo: Pick<CaseRepository, 'listMessages' | 'listEvents'>,
): Promise<string[]> {
  const [messages, events] = await Promise.all([repo.listMessages(c.tracking), repo.listEvents(c.tracking)]);
  const lines = [chain.line('case', c)];
  for (const m of messages) lines.push(chain.line('message', { tracking: c.tracking, ...presentMessage(m) }));
  for (const e of events) lines.push(chain.line('event', { tracking: c.tracking, ...e }));
  return lines;
}
