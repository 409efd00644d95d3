import { NotFoundError } from '../../core/errors';
import { renderMacro, type Macro } from '../../core/macro';
import type { Actor } from './actor';
import type { ApiDeps } from './api-deps';
import { idFromKey, loadCase, scopedIdempotencyKey } from './case-access';
import { PreconditionFailedError } from './errors';

type MacroDeps = Pick<ApiDeps, 'macros' | 'clock' | 'ids'>;

/** What a supervisor writes: a name, a language and the text with its placeholders. */
export interface MacroFields {
  readonly name: string;
  readonly language: string;
  readonly text: string;
}

/** Saved replies, optionally in one language only. */
export async function listMacros(q: { readonly language?: string }, deps: Pick<ApiDeps, 'macros'>): Promise<Macro[]> {
  const all = await deps.macros.list();
  return q.language === undefined ? all : all.filter((m) => m.language === q.language);
}

async function getMacro(id: string, deps: Pick<ApiDeps, 'macros'>): Promise<Macro> {
  const m = await deps.macros.get(id);
  if (!m) throw new NotFoundError(`no macro ${id}`);
  return m;
}

/** Saves a new macro; with an idempotency key a retried request names (and finds) the same one. */
export async function createMacro(
  cmd: { readonly actor: Actor; readonly idempotencyKey?: string; readonly fields: MacroFields },
  deps: MacroDeps,
): Promise<{ readonly macro: Macro; readonly replayed: boolean }> {
  const idem = scopedIdempotencyKey(cmd);
  const id = idem ? idFromKey(idem) : deps.ids.id();
  const existing = idem ? await deps.macros.get(id) : undefined;
  if (existing) return { macro: existing, replayed: true };
  const macro: Macro = {
    id,
    ...cmd.fields,
    version: 1,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: cmd.actor.sub,
  };
  await deps.macros.put(macro, null);
  return { macro, replayed: false };
}

/** Changes a macro's fields; with expected versions (If-Match) only if nobody changed it meanwhile. */
export async function updateMacro(
  cmd: {
    readonly actor: Actor;
    readonly id: string;
    readonly fields: Partial<MacroFields>;
    readonly expectedVersions?: readonly number[];
  },
  deps: MacroDeps,
): Promise<Macro> {
  const current = await getMacro(cmd.id, deps);
  if (cmd.expectedVersions && !cmd.expectedVersions.includes(current.version))
    throw new PreconditionFailedError(`the macro is at version ${current.version}; fetch it again and retry`);
  const next: Macro = {
    ...current,
    ...cmd.fields,
    version: current.version + 1,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: cmd.actor.sub,
  };
  await deps.macros.put(next, current.version);
  return next;
}

export async function deleteMacro(cmd: { readonly actor: Actor; readonly id: string }, deps: MacroDeps): Promise<void> {
  if (!(await deps.macros.delete(cmd.id, cmd.actor.sub, deps.clock.now().toISOString())))
    throw new NotFoundError(`no macro ${cmd.id}`);
}

/**
 * A macro filled in for one case (what the composer inserts): the tracking number, the customer's name,
 * the subject and the agent. Nothing is sent; the agent edits and sends the reply as usual.
 */
export async function useMacro(
  cmd: { readonly actor: Actor; readonly id: string; readonly tracking: string },
  deps: Pick<ApiDeps, 'macros' | 'repo'>,
): Promise<{ readonly macro: Macro; readonly text: string }> {
  const [macro, c] = await Promise.all([getMacro(cmd.id, deps), loadCase(deps.repo, cmd.tracking)]);
  const text = renderMacro(macro.text, {
    tracking: c.tracking,
    ...(c.customer.name ? { customer_name: c.customer.name } : {}),
    subject: c.subject,
    agent: cmd.actor.email ?? cmd.actor.sub,
  });
  return { macro, text };
}
