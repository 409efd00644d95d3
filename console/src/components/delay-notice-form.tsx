import { useState } from 'preact/hooks';
import { call, explain, idempotencyKey } from '../api';
import type { CaseDetail } from '../types';
import { MailPreview, useRenderedMail } from './mail-preview';

/** The API's floor for a reason: the customer is owed the real one, not "we are busy". */
const MIN_REASON = 20;

/** Tell the customer why the decision is late and when to expect it; the preview is the mail itself. */
export function DelayNoticeForm({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const expectedDecisionAt = date ? new Date(`${date}T17:00:00Z`).toISOString() : undefined;
  const rendered = useRenderedMail(
    c.tracking,
    reason.trim()
      ? { purpose: 'late_decision', reason: reason.trim(), ...(expectedDecisionAt ? { expectedDecisionAt } : {}) }
      : undefined,
  );
  const send = async (e: Event) => {
    e.preventDefault();
    if (reason.trim().length < MIN_REASON) {
      setMessage({ kind: 'error', text: `Give the reason in at least ${MIN_REASON} characters.` });
      return;
    }
    setBusy(true);
    setMessage(undefined);
    try {
      await call('POST', `/cases/${encodeURIComponent(c.tracking)}/delay-notices`, {
        body: { reason: reason.trim(), ...(expectedDecisionAt ? { expectedDecisionAt } : {}) },
        headers: { 'idempotency-key': idempotencyKey() },
      });
      setReason('');
      setMessage({ kind: 'ok', text: 'Delay notice sent.' });
      onDone();
    } catch (err) {
      setMessage({ kind: 'error', text: explain(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="delay-notice" onSubmit={send} aria-labelledby="delay-heading">
      <h2 id="delay-heading">Delay notice</h2>
      <label class="stack">
        Reason for the delay
        <textarea rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} lang={c.language} />
      </label>
      <label class="inline">
        Expected decision
        <input type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
      </label>
      <MailPreview
        label="Delay notice preview"
        rendered={rendered}
        draft={reason}
        placeholder="The notice appears here as the customer reads it."
      />
      <button type="submit" disabled={busy}>
        Send delay notice
      </button>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} class={message.kind}>
          {message.text}
        </p>
      )}
    </form>
  );
}
