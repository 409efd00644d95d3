import { useState } from 'preact/hooks';
import type { CaseDetail, Outcome } from '../types';
import { MailForm } from './mail-form';

/** The API's own floor for an explanation (a reason the customer can act on, not "no"). */
const MIN_EXPLANATION = 20;

/**
 * Resolve with an outcome; partial and denied need an explanation, which the closing mail carries
 * (complaint rules: the customer is told why and what they can do next).
 */
export function ResolveForm({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const [outcome, setOutcome] = useState<Outcome>('full');
  const [explanation, setExplanation] = useState('');
  const needsWhy = outcome !== 'full';
  const why = explanation.trim() ? { explanation: explanation.trim() } : {};

  return (
    <MailForm
      tracking={c.tracking}
      name="resolve"
      heading="Resolve"
      preview={{ purpose: 'resolution', outcome, ...why }}
      previewLabel="Closing mail preview"
      draft={`Outcome: ${outcome}\n${explanation.trim()}`}
      placeholder=""
      submitLabel="Resolve"
      primary
      check={() =>
        needsWhy && explanation.trim().length < MIN_EXPLANATION
          ? `An explanation of at least ${MIN_EXPLANATION} characters is required for a ${outcome} outcome.`
          : undefined
      }
      path={`/cases/${encodeURIComponent(c.tracking)}/resolve`}
      body={() => ({ outcome, ...why })}
      sentText="Case resolved; the closing mail is on its way."
      onSent={onDone}
    >
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
    </MailForm>
  );
}
