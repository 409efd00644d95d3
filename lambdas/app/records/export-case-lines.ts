import type { Case } from '../../core/case';
import type { ExportChain } from '../../core/export-chain';
import type { BlobStore, CaseRepository } from '../../core/ports';
import { withBody } from '../api/message-body';
import { presentMessage } from '../api/present';

/**
 * The export lines of one case, appended to `chain`: the case, then its messages (as the API shows them),
 * then its audit events, each tagged with the tracking number. The one definition of what a case looks
 * like in an export, whether `GET /export` or an export job writes it. A record carries the whole body:
 * one stored in S3 is read back, so the line (and its hash) is the one the message would have had with
 * its body on the item.
 */
export async function exportCaseLines(
  chain: ExportChain,
  c: Case,
  deps: {
    readonly repo: Pick<CaseRepository, 'listMessages' | 'listEvents'>;
    readonly blobs: Pick<BlobStore, 'get'>;
  },
): Promise<string[]> {
  const [messages, events] = await Promise.all([deps.repo.listMessages(c.tracking), deps.repo.listEvents(c.tracking)]);
  const lines = [chain.line('case', c)];
  for (const m of messages)
    lines.push(chain.line('message', { tracking: c.tracking, ...presentMessage(await withBody(m, deps.blobs)) }));
  for (const e of events) lines.push(chain.line('event', { tracking: c.tracking, ...e }));
  return lines;
}
