import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { call, explain, idempotencyKey } from '../api';
import { MailPreview, useRenderedMail, type PreviewRequest } from './mail-preview';

interface Props {
  readonly tracking: string;
  /** The form's CSS class and its heading (which also names the form for assistive technology). */
  readonly name: string;
  readonly heading: string;
  /** The mail the preview renders; undefined while there is nothing to render yet. */
  readonly preview: PreviewRequest | undefined;
  readonly previewLabel: string;
  /** Shown in the preview until the rendered mail arrives. */
  readonly draft: string;
  readonly placeholder: string;
  readonly submitLabel: string;
  readonly primary?: boolean;
  /** Checks the fields before anything is sent: an error to show, or undefined to go ahead. */
  readonly check: () => string | undefined;
  /** The API path the submission is posted to, and the body it posts. */
  readonly path: string;
  readonly body: () => unknown;
  readonly sentText: string;
  /** After the API accepted the submission (reset fields, refresh the case). */
  readonly onSent: () => void;
  /** The form's own fields, above the preview. */
  readonly children: ComponentChildren;
}

/**
 * A form whose submission sends the customer one mail (resolution, delay notice): its fields, the preview
 * of exactly that mail, the button and the outcome. Each submission carries its own Idempotency-Key, so a
 * retried request sends no second mail.
 */
export function MailForm(p: Props) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const rendered = useRenderedMail(p.tracking, p.preview);
  const headingId = `${p.name}-heading`;

  const submit = async (e: Event) => {
    e.preventDefault();
    const problem = p.check();
    if (problem) {
      setMessage({ kind: 'error', text: problem });
      return;
    }
    setBusy(true);
    setMessage(undefined);
    try {
      await call('POST', p.path, { body: p.body(), headers: { 'idempotency-key': idempotencyKey() } });
      setMessage({ kind: 'ok', text: p.sentText });
      p.onSent();
    } catch (err) {
      setMessage({ kind: 'error', text: explain(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class={p.name} onSubmit={submit} aria-labelledby={headingId}>
      <h2 id={headingId}>{p.heading}</h2>
      {p.children}
      <MailPreview label={p.previewLabel} rendered={rendered} draft={p.draft} placeholder={p.placeholder} />
      <button type="submit" class={p.primary ? 'primary' : undefined} disabled={busy}>
        {p.submitLabel}
      </button>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} class={message.kind}>
          {message.text}
        </p>
      )}
    </form>
  );
}
