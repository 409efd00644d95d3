import type { CaseMessage } from '../../core/message';
import { commitCaseEdit } from '../mutate-case';
import type { ApiDeps } from './api-deps';
import { commitWithRetry, idFromKey, loadCase, scopedIdempotencyKey, type CaseCommand } from './case-access';
import type { MessageWriteResult } from './reply';

export interface NoteCommand extends CaseCommand {
  readonly text: string;
}

/** An internal note on a case; never sent, moves no deadline. */
export async function postNote(
  cmd: NoteCommand,
  deps: Pick<ApiDeps, 'repo' | 'clock' | 'ids'>,
): Promise<MessageWriteResult> {
  const p = cmd.actor;
  const body = cmd;
  const idem = scopedIdempotencyKey(cmd);
  const first = await loadCase(deps.repo, cmd.tracking);
  const noteId = `note-${idem ? idFromKey(idem) : deps.ids.id()}`;
  const replay = async () => ({ case: (await deps.repo.getCase(first.tracking))!, replayed: true });
  const result =
    idem && (await deps.repo.findIdempotencyKey(idem))
      ? await replay()
      : await commitWithRetry(
          deps.repo,
          first.tracking,
          async (current) => {
            const now = deps.clock.now();
            const at = now.toISOString();
            const note: CaseMessage = {
              id: noteId,
              at,
              direction: 'note',
              from: p.email ?? p.sub,
              to: [],
              subject: '',
              text: body.text,
              author: p.sub,
            };
            const { case: next } = await commitCaseEdit(
              deps,
              current,
              {
                case: current,
                events: [{ at, actor: p.sub, type: 'note_added', data: { messageId: noteId } }],
                messages: [note],
                ...(idem ? { idempotencyKeys: [idem] } : {}),
              },
              now,
            );
            return next;
          },
          replay,
          first,
          cmd.expectedVersions,
        );
  return { ...result, messageId: noteId };
}
