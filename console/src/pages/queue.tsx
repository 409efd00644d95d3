import { useMemo, useRef, useState } from 'preact/hooks';
import { call, explain } from '../api';
import { usePolling } from '../poll';
import { BASE } from '../router';
import { me } from '../session';
import { countdown } from '../time';
import type { CaseSummary } from '../types';

type View = 'open' | 'new' | 'pending' | 'mine' | 'unassigned' | 'breaching' | 'all';

const VIEWS: ReadonlyArray<{ id: View; label: string }> = [
  { id: 'open', label: 'Open' },
  { id: 'new', label: 'New' },
  { id: 'pending', label: 'Pending' },
  { id: 'mine', label: 'Mine' },
  { id: 'unassigned', label: 'Unassigned' },
  { id: 'breaching', label: 'Breaching' },
  { id: 'all', label: 'All' },
];

/** Cases the queue reads per refresh: the API's page limit. */
const PAGE = 100;
/** Pages read per refresh at most (1,000 cases). */
const MAX_PAGES = 10;
const ACTIVE = new Set(['new', 'open', 'pending']);

/**
 * The listing queries a view reads. "Open" (the first view after sign-in) is every case waiting for us,
 * so it holds the cases nobody has answered yet (`new`) as well as those the customer answered (`open`):
 * the mail that just came in must be in the first list an agent sees.
 */
function queriesFor(view: View): string[] {
  switch (view) {
    case 'open':
      return ['status=new', 'status=open'];
    case 'new':
    case 'pending':
      return [`status=${view}`];
    case 'mine':
      return [`assignee=${encodeURIComponent(me())}`];
    case 'breaching':
      return ['breaching=true'];
    default:
      return [''];
  }
}

async function loadQuery(query: string): Promise<CaseSummary[]> {
  const out: CaseSummary[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const q = [query, `limit=${PAGE}`, cursor ? `cursor=${encodeURIComponent(cursor)}` : ''].filter(Boolean).join('&');
    const { body } = await call<{ items: CaseSummary[]; cursor?: string }>('GET', `/cases?${q}`);
    out.push(...body.items);
    cursor = body.cursor;
    if (!cursor) break;
  }
  return out;
}

async function loadCases(view: View): Promise<CaseSummary[]> {
  return (await Promise.all(queriesFor(view).map(loadQuery))).flat();
}

/** Sorts by the next deadline, soonest (or most overdue) first; cases without one last. */
function byDeadline(a: CaseSummary, b: CaseSummary): number {
  const da = a.nextDueAt ? Date.parse(a.nextDueAt) : Infinity;
  const db = b.nextDueAt ? Date.parse(b.nextDueAt) : Infinity;
  return da - db || a.createdAt.localeCompare(b.createdAt);
}

/** Sender-authentication problems worth a glance in the list (SPF/DKIM/DMARC failures, spoofing). */
function authFlags(c: CaseSummary): string[] {
  return (c.flags ?? []).filter((f) => /spf|dkim|dmarc|spoof|auth|virus|spam/i.test(f));
}

export function Queue() {
  const [view, setView] = useState<View>('open');
  const [filter, setFilter] = useState('');
  const [cases, setCases] = useState<CaseSummary[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [now, setNow] = useState(Date.now());
  const table = useRef<HTMLTableSectionElement>(null);

  usePolling(async () => {
    try {
      let items = await loadCases(view);
      if (view === 'unassigned') items = items.filter((c) => !c.assignee && ACTIVE.has(c.status));
      if (view === 'mine' || view === 'breaching') items = items.filter((c) => ACTIVE.has(c.status));
      setCases(items.sort(byDeadline));
      setNow(Date.now());
      setError(undefined);
    } catch (err) {
      setError(explain(err));
    }
  }, [view]);

  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    if (!cases || !f) return cases;
    return cases.filter((c) =>
      [c.tracking, c.subject, c.customer.address, c.topic, c.language ?? '', c.assignee ?? '']
        .join(' ')
        .toLowerCase()
        .includes(f),
    );
  }, [cases, filter]);

  /** Arrow keys (or j/k) move between rows; Enter on a row's link opens the case. */
  const onKey = (e: KeyboardEvent) => {
    const down = e.key === 'ArrowDown' || e.key === 'j';
    const up = e.key === 'ArrowUp' || e.key === 'k';
    if (!down && !up) return;
    const links = Array.from(table.current?.querySelectorAll<HTMLAnchorElement>('a.row-link') ?? []);
    if (links.length === 0) return;
    e.preventDefault();
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = at < 0 ? 0 : Math.min(links.length - 1, Math.max(0, at + (down ? 1 : -1)));
    links[next]!.focus();
  };

  return (
    <section>
      <h1>Queue</h1>
      <div class="toolbar">
        <div role="group" aria-label="Quick filters" class="views">
          {VIEWS.map((v) => (
            <button
              key={v.id}
              type="button"
              aria-pressed={view === v.id}
              onClick={() => {
                setView(v.id);
                setCases(undefined);
              }}
            >
              {v.label}
            </button>
          ))}
        </div>
        <label class="inline">
          Filter
          <input type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        </label>
      </div>
      {error && <p role="alert">{error}</p>}
      {!shown ? (
        <p>Loading…</p>
      ) : shown.length === 0 ? (
        <p>No cases here.</p>
      ) : (
        <table class="queue" onKeyDown={onKey}>
          <caption>
            {shown.length} case{shown.length === 1 ? '' : 's'}, next deadline first. Arrow keys move between rows.
          </caption>
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Subject</th>
              <th scope="col">Customer</th>
              <th scope="col">Status</th>
              <th scope="col">Priority</th>
              <th scope="col">Topic</th>
              <th scope="col">Language</th>
              <th scope="col">Sender checks</th>
              <th scope="col">Assignee</th>
              <th scope="col">Next deadline</th>
            </tr>
          </thead>
          <tbody ref={table}>
            {shown.map((c) => {
              const flags = authFlags(c);
              return (
                <tr key={c.tracking} class={c.breaching ? 'breaching' : undefined}>
                  <td>
                    <a class="row-link mono" href={`${BASE}/cases/${encodeURIComponent(c.tracking)}`}>
                      {c.tracking}
                    </a>
                  </td>
                  <td>{c.subject}</td>
                  <td>{c.customer.address}</td>
                  <td>
                    <span class={`badge status-${c.status}`}>{c.status}</span>
                  </td>
                  <td>{c.priority}</td>
                  <td>{c.topic}</td>
                  <td>{c.language ?? '—'}</td>
                  <td>{flags.length ? <span class="badge warn">{flags.join(', ')}</span> : 'ok'}</td>
                  <td>{c.assignee ?? <span class="muted">unassigned</span>}</td>
                  <td class={c.breaching ? 'overdue' : undefined}>{countdown(c.nextDueAt, now)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
