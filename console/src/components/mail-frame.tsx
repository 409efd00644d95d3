import { useState } from 'preact/hooks';

/**
 * The frame's own policy, on top of the console's (a `srcdoc` frame inherits that one too): nothing may
 * load but inline styles and data: images, and remote images only once the agent asks for them.
 */
function framePolicy(remoteImages: boolean): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `img-src data:${remoteImages ? ' https:' : ''}`,
    "form-action 'none'",
  ].join('; ');
}

/**
 * Builds the frame document as a string handed to `srcdoc`: the customer's HTML (already sanitised by the
 * API) never touches the console's own DOM. The policy goes first, before any of the mail's markup.
 */
export function frameDocument(html: string, remoteImages: boolean): string {
  return (
    `<!doctype html><html><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${framePolicy(remoteImages)}">` +
    `<base target="_blank"><style>body{font:14px/1.45 system-ui,sans-serif;margin:8px;color:#111;word-wrap:break-word}</style>` +
    `</head><body>${html}</body></html>`
  );
}

/**
 * Customer HTML in a sandboxed frame: `sandbox=""` with no `allow-scripts` and no `allow-same-origin`, so
 * the mail runs no script, has an opaque origin (no cookies, no storage, no access to the console), cannot
 * navigate the console or open pop-ups, and cannot submit forms. What large web-mail clients do.
 */
export function MailFrame({ html, label }: { html: string; label: string }) {
  const [remote, setRemote] = useState(false);
  return (
    <div class="mail-frame">
      <iframe sandbox="" title={label} srcdoc={frameDocument(html, remote)} referrerpolicy="no-referrer" />
      {!remote && (
        <button type="button" class="link" onClick={() => setRemote(true)}>
          Load remote images
        </button>
      )}
    </div>
  );
}
