import { useState } from 'preact/hooks';
import type { CaseDetail } from '../types';
import { MailForm } from './mail-form';

/** The API's floor for a reason: the customer is owed the real one, not "we are busy". */
const MIN_REASON = 20;

/** Tell the customer why the decision is late and when to expect it; the preview is the mail itself. */
export function DelayNoticeForm({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [date, setDate] = useState('');
  const expectedDecisionAt = date ? new Date(`${date}T17:00:00Z`).toISOString() : undefined;
  const fields = { reason: reason.trim(), ...(expectedDecisionAt ? { expectedDecisionAt } : {}) };

  return (
    <MailForm
      tracking={c.tracking}
      name="delay-notice"
      heading="Delay notice"
      preview={reason.trim() ? { purpose: 'late_decision', ...fields } : undefined}
      previewLabel="Delay notice preview"
      draft={reason}
      placeholder="The notice appears here as the customer reads it."
      submitLabel="Send delay notice"
      check={() =>
        reason.trim().length < MIN_REASON ? `Give the reason in at least ${MIN_REASON} characters.` : undefined
      }
      path={`/cases/${encodeURIComponent(c.tracking)}/delay-notices`}
      body={() => fields}
      sentText="Delay notice sent."
      onSent={() => {
        setReason('');
        onDone();
      }}
    >
      <label class="stack">
        Reason for the delay
        <textarea rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} lang={c.language} />
      </label>
      <label class="inline">
        Expected decision
        <input type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
      </label>
    </MailForm>
  );
}
