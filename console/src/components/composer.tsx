import { useState } from 'preact/hooks';
import { call, explain, idempotencyKey } from '../api';
import type { CaseDetail } from '../types';
import { MacroPicker } from './macro-picker';
import { MailPreview, useRenderedMail } from './mail-preview';

interface Props {
  readonly c: CaseDetail;
  readonly etag: string | undefined;
  readonly onDone: () => void;
}

/**
 * The reply box and its live preview. Each click on "Send reply" is one submission with its own
 * Idempotency-Key (a retried request sends no second mail) and the case version it was written against
 * (If-Match), so a reply to a case someone else just changed is refused with a clear message.
 */
export function Composer({ c, etag, onDone }: Props) {
  const [text, setText] = useState('');
  const [after, setAfter] = useState<'pending' | 'open'>('pending');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const rendered = useRenderedMail(c.tracking, text.trim() ? { purpose: 'agent_reply', text } : undefined);

  const send = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) {
      setMessage({ kind: 'error', text: 'Write the reply first.' });
      return;
    }
    setBusy(true);
    setMessage(undefined);
    try {
      await call('POST', `/cases/${encodeURIComponent(c.tracking)}/replies`, {
        body: { text, status: after },
        headers: { 'idempotency-key': idempotencyKey(), ...(etag ? { 'if-match': etag } : {}) },
      });
      setText('');
      setMessage({ kind: 'ok', text: 'Reply sent.' });
      onDone();
    } catch (err) {
      setMessage({ kind: 'error', text: explain(err) });
      onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="composer" onSubmit={send} aria-labelledby="reply-heading">
      <h2 id="reply-heading">Reply to the customer</h2>
      <MacroPicker
        tracking={c.tracking}
        language={c.language ?? 'en'}
        onInsert={(t) => setText(text.trim() ? `${text.trimEnd()}\n\n${t}` : t)}
      />
      <div class="split">
        <label class="stack">
          Reply
          <textarea rows={10} value={text} onInput={(e) => setText(e.currentTarget.value)} lang={c.language} />
        </label>
        <MailPreview
          label="Preview"
          rendered={rendered}
          draft={text}
          placeholder="Your reply appears here as the customer reads it."
        />
      </div>
      <div class="row">
        <label class="inline">
          Then set the case to
          <select value={after} onChange={(e) => setAfter(e.currentTarget.value as 'pending' | 'open')}>
            <option value="pending">pending (waiting for the customer)</option>
            <option value="open">open</option>
          </select>
        </label>
        <button type="submit" class="primary" disabled={busy}>
          Send reply
        </button>
      </div>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} class={message.kind}>
          {message.text}
        </p>
      )}
    </form>
  );
}

/** Internal notes: stored in the case, shown to staff, never sent. */
export function NoteForm({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const add = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      await call('POST', `/cases/${encodeURIComponent(c.tracking)}/notes`, {
        body: { text },
        headers: { 'idempotency-key': idempotencyKey() },
      });
      setText('');
      onDone();
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="note-form" onSubmit={add}>
      <label class="stack">
        Internal note
        <textarea rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={busy}>
        Add note
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
