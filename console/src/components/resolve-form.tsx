import { useState } from 'preact/hooks';
import { call, explain, idempotencyKey } from '../api';
import type { CaseDetail, Outcome } from '../types';
import { MailPreview, useRenderedMail } from './mail-preview';

/** The API's own floor for an explanation (a reason the customer can act on, not "no"). */
const MIN_EXPLANATION = 20;

/**
 * Resolve with an outcome; partial and denied need an explanation, which the closing mail carries
 * (complaint rules: the customer is told why and what they can do next).
 */
export function ResolveForm({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const [outcome, setOutcome] = useState<Outcome>('full');
  const [explanation, setExplanation] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const needsWhy = outcome !== 'full';
  const rendered = useRenderedMail(c.tracking, {
    purpose: 'resolution',
    outcome,
    ...(explanation.trim() ? { explanation: explanation.trim() } : {}),
  });

  const resolve = async (e: Event) => {
    e.preventDefault();
    if (needsWhy && explanation.trim().length < MIN_EXPLANATION) {
      setMessage({
        kind: 'error',
        text: `An explanation of at least ${MIN_EXPLANATION} characters is required for a ${outcome} outcome.`,
      });
      return;
    }
    setBusy(true);
    setMessage(undefined);
    try {
      await call('POST', `/cases/${encodeURIComponent(c.tracking)}/resolve`, {
        body: { outcome, ...(explanation.trim() ? { explanation: explanation.trim() } : {}) },
        headers: { 'idempotency-key': idempotencyKey() },
      });
      setMessage({ kind: 'ok', text: 'Case resolved; the closing mail is on its way.' });
      onDone();
    } catch (err) {
      setMessage({ kind: 'error', text: explain(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="resolve" onSubmit={resolve} aria-labelledby="resolve-heading">
      <h2 id="resolve-heading">Resolve</h2>
      <label class="inline">
        Outcome
        <select value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as Outcome)}>
          <option value="full">full — the customer gets what they asked</option>
          <option value="partial">partial</option>
          <option value="denied">denied</option>
        </select>
      </label>
      <label class="stack">
        Explanation{needsWhy ? ' (required)' : ' (optional)'}
        <textarea
          rows={3}
          value={explanation}
          aria-required={needsWhy}
          onInput={(e) => setExplanation(e.currentTarget.value)}
        />
      </label>
      <MailPreview
        label="Closing mail preview"
        rendered={rendered}
        draft={`Outcome: ${outcome}\n${explanation.trim()}`}
        placeholder=""
      />
      <button type="submit" class="primary" disabled={busy}>
        Resolve
      </button>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} class={message.kind}>
          {message.text}
        </p>
      )}
    </form>
  );
}
