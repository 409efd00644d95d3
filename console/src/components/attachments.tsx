import { useState } from 'preact/hooks';
import { call, explain } from '../api';
import type { Attachment, Message } from '../types';

/** The download link the API signs: one object, valid for a minute. */
interface AttachmentLink {
  readonly url: string;
}

function size(bytes: number | undefined): string {
  if (bytes === undefined) return '? bytes';
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A message's attachments. Each downloads through a fresh presigned link (asked for at the click, so it
 * never expires on an open page); the bucket answers with `Content-Disposition: attachment`, so the file
 * is saved, never rendered. A message SES did not scan clean offers no download at all.
 */
export function Attachments({ tracking, m }: { tracking: string; m: Message }) {
  const [error, setError] = useState<string | undefined>();
  const list = m.attachments ?? [];
  if (list.length === 0) return null;
  const clean = m.virusVerdict === 'PASS';
  const download = async (a: Attachment, i: number) => {
    setError(undefined);
    try {
      const { body } = await call<AttachmentLink>(
        'GET',
        `/cases/${encodeURIComponent(tracking)}/messages/${encodeURIComponent(m.id)}/attachments/${i}`,
      );
      const link = document.createElement('a');
      link.href = body.url;
      link.rel = 'noopener noreferrer';
      if (a.filename) link.download = a.filename;
      link.click();
    } catch (err) {
      setError(explain(err));
    }
  };
  return (
    <section class="attachments" aria-label="Attachments">
      <ul>
        {list.map((a, i) => (
          <li key={i}>
            <span class="filename">{a.filename ?? 'attachment'}</span>{' '}
            <span class="muted">
              ({a.contentType ?? 'unknown type'}, {size(a.size)})
            </span>{' '}
            {clean && a.blobKey ? (
              <button type="button" class="link" onClick={() => void download(a, i)}>
                Download {a.filename ?? `attachment ${i + 1}`}
              </button>
            ) : (
              <span class="badge warn">{clean ? 'in the raw mail only' : 'not scanned clean: no download'}</span>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}
