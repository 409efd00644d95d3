import { useState } from 'preact/hooks';
import { ApiError, call, explain, idempotencyKey } from '../api';
import { usePolling } from '../poll';
import { hasRole } from '../session';
import { when } from '../time';
import type { Macro } from '../types';

/** The languages Docket writes mail in (the API's template catalogue); a saved reply is in one of them. */
const LANGUAGES = ['en', 'es', 'fr', 'de', 'it', 'pt', 'ro', 'zh', 'ja', 'ko', 'ru', 'tr'] as const;

/** What the API fills in when an agent inserts a saved reply into a case. */
const PLACEHOLDERS = ['{{tracking}}', '{{customer_name}}', '{{subject}}', '{{agent}}'];

interface Draft {
  readonly name: string;
  readonly language: string;
  readonly text: string;
}
const EMPTY: Draft = { name: '', language: 'en', text: '' };

interface Outcome {
  readonly kind: 'ok' | 'error';
  readonly text: string;
}

/** Creates a saved reply, or changes the one being edited (If-Match: a concurrent change is refused). */
function MacroForm({
  editing,
  onDone,
}: {
  editing: Macro | undefined;
  /** The form is finished with: saved, refused by a concurrent change, or cancelled (undefined). */
  onDone: (outcome: Outcome | undefined) => void;
}) {
  const [draft, setDraft] = useState<Draft>(
    editing ? { name: editing.name, language: editing.language, text: editing.text } : EMPTY,
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const set = (k: keyof Draft) => (e: Event) =>
    setDraft({ ...draft, [k]: (e.currentTarget as HTMLInputElement).value });

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (editing) {
        await call('PATCH', `/macros/${encodeURIComponent(editing.id)}`, {
          body: draft,
          headers: { 'if-match': `"${editing.version}"` },
        });
      } else {
        await call('POST', '/macros', { body: draft, headers: { 'idempotency-key': idempotencyKey() } });
      }
      setDraft(EMPTY);
      onDone({ kind: 'ok', text: editing ? 'Saved reply changed.' : 'Saved reply created.' });
    } catch (err) {
      if (err instanceof ApiError && err.status === 412)
        onDone({
          kind: 'error',
          text: 'Someone else changed this saved reply meanwhile. The list now shows their version; edit it again.',
        });
      else setError(explain(err));
    } finally {
      setBusy(false);
    }
  };

  const heading = editing ? `Edit saved reply: ${editing.name}` : 'New saved reply';
  return (
    <form class="macro-form" onSubmit={save} aria-labelledby="macro-form-heading">
      <h2 id="macro-form-heading">{heading}</h2>
      <div class="row">
        <label class="inline">
          Name
          <input value={draft.name} required maxLength={120} size={30} onInput={set('name')} />
        </label>
        <label class="inline">
          Language
          <select value={draft.language} onChange={set('language')}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label class="stack">
        Text
        <textarea rows={8} required value={draft.text} onInput={set('text')} lang={draft.language} />
      </label>
      <p class="muted small">
        Placeholders, filled in from the case when an agent inserts it: {PLACEHOLDERS.join(', ')}
      </p>
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {editing ? 'Save changes' : 'Create saved reply'}
        </button>
        {editing && (
          <button type="button" onClick={() => onDone(undefined)}>
            Cancel
          </button>
        )}
      </div>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

/**
 * Saved replies (macros). Supervisors create, edit and delete them here; agents only pick them in the
 * composer, in the case's language; auditors read the list.
 */
export function MacrosPage() {
  const [items, setItems] = useState<Macro[] | undefined>();
  const [editing, setEditing] = useState<Macro | undefined>();
  const [status, setStatus] = useState<Outcome | undefined>();
  const supervisor = hasRole('supervisor');
  const load = async () => {
    try {
      const { body } = await call<{ items: Macro[] }>('GET', '/macros');
      setItems([...body.items].sort((a, b) => a.language.localeCompare(b.language) || a.name.localeCompare(b.name)));
    } catch (err) {
      setStatus({ kind: 'error', text: explain(err) });
    }
  };
  usePolling(load, []);

  const remove = async (m: Macro) => {
    setStatus(undefined);
    try {
      await call('DELETE', `/macros/${encodeURIComponent(m.id)}`);
      if (editing?.id === m.id) setEditing(undefined);
      setStatus({ kind: 'ok', text: `Deleted "${m.name}".` });
    } catch (err) {
      setStatus({ kind: 'error', text: explain(err) });
    }
    void load();
  };

  return (
    <section>
      <h1>Saved replies</h1>
      <p class="muted">
        Agents insert these into a reply, in the case's language, and edit them before sending.
        {supervisor ? '' : ' Only supervisors change them.'}
      </p>
      {status && (
        <p role={status.kind === 'error' ? 'alert' : 'status'} class={status.kind}>
          {status.text}
        </p>
      )}
      {items && items.length === 0 && <p class="muted">No saved reply yet.</p>}
      {items && items.length > 0 && (
        <table class="macros">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Language</th>
              <th scope="col">Text</th>
              <th scope="col">Changed</th>
              {supervisor && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>{m.language}</td>
                <td class="macro-text" lang={m.language}>
                  {m.text}
                </td>
                <td class="small">
                  {when(m.updatedAt)} · {m.updatedBy}
                </td>
                {supervisor && (
                  <td>
                    <button type="button" aria-label={`Edit ${m.name}`} onClick={() => setEditing(m)}>
                      Edit
                    </button>{' '}
                    <button type="button" aria-label={`Delete ${m.name}`} onClick={() => void remove(m)}>
                      Delete
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {supervisor && (
        <MacroForm
          key={editing ? `${editing.id}@${editing.version}` : 'new'}
          editing={editing}
          onDone={(outcome) => {
            setStatus(outcome);
            setEditing(undefined);
            void load();
          }}
        />
      )}
    </section>
  );
}
