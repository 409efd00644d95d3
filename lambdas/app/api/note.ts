import type { CaseMessage } from '../../core/message';
import { commitCaseEdit } from '../mutate-case';
import { apiIdempotencyKey, commitWithRetry, idFromKey, loadCase } from './case-access';
import { etagOf, json, type ApiResponse } from './http';
import { principalOf, type ApiDeps, type ApiRequest } from './request';
import { NoteBody } from './schemas';

/** `POST /cases/{tracking}/notes`: an internal note; never sent, moves no deadline. */
export async function postNote(req: ApiRequest, deps: Pick<ApiDeps, 'repo' | 'clock' | 'ids'>): Promise<ApiResponse> {
  const p = principalOf(req);
  const body = NoteBody.parse(req.body);
  const idem = apiIdempotencyKey(req, p);
  const first = await loadCase(deps.repo, req.params.tracking ?? '');
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
        );
  return json(
    201,
    { case: result.case, messageId: noteId, replayed: result.replayed },
    { etag: etagOf(result.case.version), ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}) },
  );
}
