import { useState } from 'preact/hooks';
import { call, explain } from '../api';
import { Attachments } from '../components/attachments';
import { Composer, NoteForm } from '../components/composer';
import { DelayNoticeForm } from '../components/delay-notice-form';
import { MailFrame } from '../components/mail-frame';
import { ResolveForm } from '../components/resolve-form';
import { usePolling } from '../poll';
import { BASE } from '../router';
import { hasRole, me } from '../session';
import { countdown, when } from '../time';
import type { CaseDetail, CaseSummary, CaseView, Message, Priority } from '../types';

const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
const STATUSES = ['new', 'open', 'pending', 'closed'] as const;

function who(m: Message): string {
  if (m.direction === 'in') return m.from;
  if (m.direction === 'note') return `${m.author} (internal note)`;
  return m.author === 'system' ? `Docket (${m.purpose ?? 'automatic'})` : `${m.author} (reply)`;
}

/** The whole text and HTML of an entry the thread carries only the opening of (`fullBody`), fetched on demand. */
function useFullBody(m: Message, tracking: string) {
  const [full, setFull] = useState<{ text?: string; html?: string }>({});
  const [error, setError] = useState<string | undefined>();
  const fetchPart = async (part: 'text' | 'html') => {
    try {
      const path = `/cases/${encodeURIComponent(tracking)}/messages/${encodeURIComponent(m.id)}/${part}`;
      const r = await call<{ text?: string; html?: string }>('GET', path);
      setFull((f) => ({ ...f, [part]: r.body[part] }));
      setError(undefined);
    } catch (err) {
      setError(explain(err));
    }
  };
  return { full, error, fetchPart };
}

function ThreadEntry({ m, tracking }: { m: Message; tracking: string }) {
  const [formatted, setFormatted] = useState(false);
  const { full, error, fetchPart } = useFullBody(m, tracking);
  const html = m.html ?? full.html;
  const text = full.text ?? m.text;
  const hasHtml = m.html !== undefined || m.fullBody?.htmlBytes !== undefined;
  const toggleFormatted = () => {
    if (!formatted && html === undefined) void fetchPart('html');
    setFormatted(!formatted);
  };
  return (
    <article
      class={`msg ${m.direction}`}
      aria-label={`${m.direction === 'note' ? 'Internal note' : 'Message'} from ${who(m)}`}
    >
      <header>
        <strong>{who(m)}</strong>
        {m.direction === 'note' && <span class="badge internal">Internal — never sent</span>}
        <time dateTime={m.at}>{when(m.at)}</time>
      </header>
      {m.direction !== 'note' && <p class="subject">{m.subject}</p>}
      {formatted && html !== undefined ? (
        <MailFrame html={html} label={`Formatted mail from ${who(m)}`} />
      ) : formatted && hasHtml ? (
        <p class="muted">Loading the formatted mail…</p>
      ) : m.direction === 'out' && m.author === 'system' ? (
        <details>
          <summary>Show the automatic mail</summary>
          <div class="text">{text}</div>
        </details>
      ) : (
        <div class="text">{text}</div>
      )}
      {hasHtml && (
        <button type="button" class="link" aria-pressed={formatted} onClick={toggleFormatted}>
          {formatted ? 'Show plain text' : 'Show formatted'}
        </button>
      )}
      {m.fullBody && full.text === undefined && (
        <button type="button" class="link" onClick={() => void fetchPart('text')}>
          Show the whole text ({Math.ceil(m.fullBody.textBytes / 1024)} KB)
        </button>
      )}
      {error && <p role="alert">{error}</p>}
      {m.recipientCount !== undefined && (
        <p class="muted small">
          Addressed to {m.recipientCount} recipients; the first 100 are listed, the raw message has them all.
        </p>
      )}
      {m.truncated && <p class="muted small">Cut to fit; the raw message keeps it all.</p>}
      {m.verdicts && (
        <p class="small">
          Sender checks:{' '}
          {Object.entries(m.verdicts).map(([k, v]) => (
            <span key={k} class={`badge ${v === 'PASS' ? 'ok' : 'warn'}`}>
              {k} {v}
            </span>
          ))}
        </p>
      )}
      <Attachments tracking={tracking} m={m} />
    </article>
  );
}

function Actions({ c, etag, onDone }: { c: CaseDetail; etag: string | undefined; onDone: () => void }) {
  const [assignee, setAssignee] = useState('');
  const [error, setError] = useState<string | undefined>();
  const patch = async (body: Record<string, unknown>) => {
    setError(undefined);
    try {
      await call('PATCH', `/cases/${encodeURIComponent(c.tracking)}`, {
        body,
        headers: etag ? { 'if-match': etag } : {},
      });
    } catch (err) {
      setError(explain(err));
    }
    onDone();
  };
  return (
    <section class="actions" aria-label="Case actions">
      <button type="button" onClick={() => void patch({ assignee: me() })} disabled={c.assignee === me()}>
        Assign to me
      </button>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (assignee.trim()) void patch({ assignee: assignee.trim() });
        }}
      >
        <label class="inline">
          Assignee
          <input value={assignee} onInput={(e) => setAssignee(e.currentTarget.value)} size={12} />
        </label>
        <button type="submit">Assign</button>
      </form>
      <label class="inline">
        Status
        <select value={c.status} onChange={(e) => void patch({ status: e.currentTarget.value })}>
          {!STATUSES.includes(c.status as (typeof STATUSES)[number]) && <option value={c.status}>{c.status}</option>}
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label class="inline">
        Priority
        <select value={c.priority} onChange={(e) => void patch({ priority: e.currentTarget.value })}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}

function OtherCases({ c }: { c: CaseDetail }) {
  const [others, setOthers] = useState<CaseSummary[] | undefined>();
  usePolling(async () => {
    try {
      const { body } = await call<{ items: CaseSummary[] }>(
        'GET',
        `/cases?customer=${encodeURIComponent(c.customer.address)}&limit=20`,
      );
      setOthers(body.items.filter((o) => o.tracking !== c.tracking));
    } catch {
      setOthers(undefined); // an API without the customer filter: the section stays hidden
    }
  }, [c.tracking]);
  if (!others) return null;
  return (
    <section aria-labelledby="others-heading">
      <h2 id="others-heading">The customer's other cases</h2>
      {others.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <ul>
          {others.map((o) => (
            <li key={o.tracking}>
              <a href={`${BASE}/cases/${encodeURIComponent(o.tracking)}`} class="mono">
                {o.tracking}
              </a>{' '}
              {o.subject} <span class="badge">{o.status}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function CasePage({ tracking }: { tracking: string }) {
  const [view, setView] = useState<CaseView | undefined>();
  const [etag, setEtag] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [now, setNow] = useState(Date.now());
  const load = async () => {
    try {
      const r = await call<CaseView>('GET', `/cases/${encodeURIComponent(tracking)}`);
      setView(r.body);
      setEtag(r.etag);
      setNow(Date.now());
      setError(undefined);
    } catch (err) {
      setError(explain(err));
    }
  };
  usePolling(load, [tracking]);
  const refresh = () => void load();
  // Later pages of a long thread, loaded when asked for; polling refreshes the first page only.
  const [later, setLater] = useState<{ readonly thread: readonly Message[]; readonly cursor?: string }[]>([]);
  const nextCursor = later.length > 0 ? later[later.length - 1]!.cursor : view?.cursor;
  const loadLater = async () => {
    if (!nextCursor) return;
    try {
      const r = await call<CaseView>(
        'GET',
        `/cases/${encodeURIComponent(tracking)}?cursor=${encodeURIComponent(nextCursor)}`,
      );
      setLater((pages) => [...pages, { thread: r.body.thread, ...(r.body.cursor ? { cursor: r.body.cursor } : {}) }]);
    } catch (err) {
      setError(explain(err));
    }
  };

  if (!view) return error ? <p role="alert">{error}</p> : <p>Loading…</p>;
  const c = view.case;
  const writer = hasRole('agent', 'supervisor');
  const done = c.status === 'resolved' || c.status === 'closed';
  return (
    <div class="case">
      <p>
        <a href={`${BASE}/`}>← Queue</a>
      </p>
      <h1>
        {c.subject} <span class="mono muted">{c.tracking}</span>
      </h1>
      {error && <p role="alert">{error}</p>}
      <dl class="facts">
        <div>
          <dt>Customer</dt>
          <dd>{c.customer.address}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span class={`badge status-${c.status}`}>{c.status}</span>
          </dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd>{c.priority}</dd>
        </div>
        <div>
          <dt>Type / topic</dt>
          <dd>
            {c.type} / {c.topic}
          </dd>
        </div>
        <div>
          <dt>Language</dt>
          <dd>{c.language ?? '—'}</dd>
        </div>
        <div>
          <dt>Assignee</dt>
          <dd>{c.assignee ?? 'unassigned'}</dd>
        </div>
        {(c.flags ?? []).length > 0 && (
          <div>
            <dt>Flags</dt>
            <dd>{(c.flags ?? []).join(', ')}</dd>
          </div>
        )}
        {c.resolution && (
          <div>
            <dt>Outcome</dt>
            <dd>
              {c.resolution.outcome}
              {c.resolution.explanation ? `: ${c.resolution.explanation}` : ''}
            </dd>
          </div>
        )}
      </dl>
      {writer && <Actions c={c} etag={etag} onDone={refresh} />}
      <div class="columns">
        <div class="main-col">
          <section aria-labelledby="thread-heading">
            <h2 id="thread-heading">Thread</h2>
            {[...view.thread, ...later.flatMap((p) => p.thread)].map((m) => (
              <ThreadEntry key={m.id} m={m} tracking={c.tracking} />
            ))}
            {nextCursor && (
              <button type="button" onClick={() => void loadLater()}>
                Show later messages
              </button>
            )}
          </section>
          {writer && !done && <Composer c={c} etag={etag} onDone={refresh} />}
          {writer && <NoteForm c={c} onDone={refresh} />}
          {writer && !done && <ResolveForm c={c} onDone={refresh} />}
          {writer && !done && <DelayNoticeForm c={c} onDone={refresh} />}
          {!writer && <p class="muted">Read-only: your role cannot change cases.</p>}
        </div>
        <aside class="side-col">
          <section aria-labelledby="deadlines-heading">
            <h2 id="deadlines-heading">Deadlines</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Due</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(view.case.deadlines ?? {}).map(([k, d]) => (
                  <tr key={k}>
                    <td>{k.replace(/_/g, ' ')}</td>
                    <td>{when(d.dueAt)}</td>
                    <td>{d.metAt ? `met ${when(d.metAt)}` : countdown(d.dueAt, now)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <OtherCases c={c} />
          <section aria-labelledby="audit-heading">
            <h2 id="audit-heading">Audit trail</h2>
            <ol class="audit">
              {view.events.map((e, i) => (
                <li key={e.seq ?? i}>
                  <time dateTime={e.at}>{when(e.at)}</time> {e.type.replace(/_/g, ' ')}
                  {e.actor ? ` · ${e.actor}` : ''}
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </div>
  );
}
