import { useEffect, useState } from 'preact/hooks';
import { call } from '../api';

/** What the preview route answers: the mail as the mailer's templates render it now. */
export interface RenderedPreview {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export type PreviewRequest =
  | { readonly purpose: 'agent_reply'; readonly text: string }
  | { readonly purpose: 'resolution'; readonly outcome: string; readonly explanation?: string }
  | { readonly purpose: 'late_decision'; readonly reason: string; readonly expectedDecisionAt?: string };

/** Pause after the last keystroke before asking the API to render (one request per pause, not per key). */
const DEBOUNCE_MS = 300;

/** The rendered mail for `request`, refreshed shortly after it stops changing; undefined while none. */
export function useRenderedMail(tracking: string, request: PreviewRequest | undefined): RenderedPreview | undefined {
  const [rendered, setRendered] = useState<RenderedPreview | undefined>();
  const key = request ? JSON.stringify(request) : '';
  useEffect(() => {
    if (!request) {
      setRendered(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      call<RenderedPreview>('POST', `/cases/${encodeURIComponent(tracking)}/preview`, { body: request })
        .then((r) => live && setRendered(r.body))
        .catch(() => live && setRendered(undefined));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [tracking, key]);
  return rendered;
}

/**
 * The mail exactly as the customer will get it (template, greeting, tracking number, notices, disclosures),
 * shown as text: the agent's words never become markup. Until the render arrives, `draft` shows alone.
 */
export function MailPreview({
  label,
  rendered,
  draft,
  placeholder,
}: {
  label: string;
  rendered: RenderedPreview | undefined;
  draft: string;
  placeholder: string;
}) {
  return (
    <section class="preview" aria-label={label}>
      <h3>{label}</h3>
      {rendered ? (
        <>
          <p class="mail-head">
            To: {rendered.to}
            <br />
            Subject: {rendered.subject}
          </p>
          <div class="mail-body">{rendered.text}</div>
        </>
      ) : (
        <div class="mail-body">{draft || <span class="muted">{placeholder}</span>}</div>
      )}
    </section>
  );
}
