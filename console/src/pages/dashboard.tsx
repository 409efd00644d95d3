import { useState } from 'preact/hooks';
import { call, download, explain, idempotencyKey } from '../api';
import { usePolling } from '../poll';
import { hasRole } from '../session';
import { when } from '../time';
import { BacklogChart } from '../components/backlog-chart';
import type { BacklogDay, BacklogReport, CaseSummary, Notice, SlaFigures, SlaReport } from '../types';

const DAY = 86400_000;
/** Days the dashboard looks back over. */
const RANGE_DAYS = 30;

/** A UTC day `n` days from today, as `YYYY-MM-DD`. */
const utcDay = (n: number): string => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

function pct(v: number | undefined): string {
  return v === undefined ? '—' : `${Math.round(v * 100)} %`;
}

/** A horizontal bar chart in plain SVG: one row per key, the value's share of the largest. */
function Bars({ title, rows }: { title: string; rows: ReadonlyArray<[string, number]> }) {
  const max = Math.max(1, ...rows.map(([, v]) => v));
  const h = 22;
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg
        role="img"
        aria-label={`${title}: ${rows.map(([k, v]) => `${k} ${v}`).join(', ') || 'no data'}`}
        viewBox={`0 0 320 ${Math.max(1, rows.length) * h}`}
        width="320"
        height={Math.max(1, rows.length) * h}
      >
        {rows.map(([k, v], i) => (
          <g key={k} transform={`translate(0 ${i * h})`}>
            <text x="0" y="15" font-size="12">
              {k}
            </text>
            <rect x="110" y="4" height="14" width={(v / max) * 170} fill="#3559b5" />
            <text x={116 + (v / max) * 170} y="15" font-size="12">
              {v}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

function Figures({ f }: { f: SlaFigures }) {
  return (
    <dl class="kpis">
      <div>
        <dt>Cases</dt>
        <dd>{f.cases}</dd>
      </div>
      <div>
        <dt>First response on time</dt>
        <dd>{pct(f.firstResponse.compliance)}</dd>
      </div>
      <div>
        <dt>Updates on time</dt>
        <dd>{pct(f.updates.compliance)}</dd>
      </div>
      <div>
        <dt>Resolved</dt>
        <dd>{f.resolution.resolved}</dd>
      </div>
      <div>
        <dt>Breaches</dt>
        <dd>{f.breaches}</dd>
      </div>
      <div>
        <dt>Escalations</dt>
        <dd>{f.escalations}</dd>
      </div>
    </dl>
  );
}

function NoticeForm({ onDone }: { onDone: () => void }) {
  const [kind, setKind] = useState<'maintenance' | 'incident'>('incident');
  const [message, setMessage] = useState('');
  const [hours, setHours] = useState(4);
  const [delay, setDelay] = useState(0);
  const [broadcast, setBroadcast] = useState(false);
  const [result, setResult] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const declare = async (e: Event) => {
    e.preventDefault();
    setResult(undefined);
    const now = Date.now();
    try {
      await call('POST', '/notices', {
        body: {
          kind,
          message,
          startsAt: new Date(now).toISOString(),
          endsAt: new Date(now + hours * 3600_000).toISOString(),
          ...(delay > 0 ? { extraDelayMinutes: delay } : {}),
          broadcast,
        },
        headers: { 'idempotency-key': idempotencyKey() },
      });
      setMessage('');
      setResult({ kind: 'ok', text: 'Notice declared: acknowledgements now carry it.' });
      onDone();
    } catch (err) {
      setResult({ kind: 'error', text: explain(err) });
    }
  };
  return (
    <form onSubmit={declare} class="notice-form">
      <h3>Declare a notice</h3>
      <label class="inline">
        Kind
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value as 'maintenance' | 'incident')}>
          <option value="incident">incident</option>
          <option value="maintenance">maintenance</option>
        </select>
      </label>
      <label class="stack">
        Notice text
        <textarea
          rows={2}
          required
          maxLength={2000}
          value={message}
          onInput={(e) => setMessage(e.currentTarget.value)}
        />
      </label>
      <label class="inline">
        Lasts (hours)
        <input type="number" min={1} max={168} value={hours} onInput={(e) => setHours(Number(e.currentTarget.value))} />
      </label>
      <label class="inline">
        Extra delay (minutes)
        <input type="number" min={0} value={delay} onInput={(e) => setDelay(Number(e.currentTarget.value))} />
      </label>
      <label class="inline">
        <input type="checkbox" checked={broadcast} onChange={(e) => setBroadcast(e.currentTarget.checked)} />
        Also mail every customer with an open case
      </label>
      <button type="submit" class="primary">
        Declare notice
      </button>
      {result && (
        <p role={result.kind === 'error' ? 'alert' : 'status'} class={result.kind}>
          {result.text}
        </p>
      )}
    </form>
  );
}

function Notices() {
  const [items, setItems] = useState<Notice[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const load = async () => {
    try {
      setItems((await call<{ items: Notice[] }>('GET', '/notices')).body.items);
    } catch (err) {
      setError(explain(err));
    }
  };
  usePolling(load, []);
  const remove = async (id: string) => {
    try {
      await call('DELETE', `/notices/${encodeURIComponent(id)}`);
    } catch (err) {
      setError(explain(err));
    }
    void load();
  };
  const supervisor = hasRole('supervisor');
  return (
    <section aria-labelledby="notices-heading">
      <h2 id="notices-heading">Notices</h2>
      {error && <p role="alert">{error}</p>}
      {items && items.length === 0 && <p class="muted">No notice in force.</p>}
      <ul>
        {items?.map((n) => (
          <li key={n.id}>
            <span class="badge">{n.kind}</span> {n.message}{' '}
            <span class="muted small">
              {when(n.startsAt)} – {when(n.endsAt)}
            </span>{' '}
            {supervisor && (
              <button type="button" onClick={() => void remove(n.id)} aria-label={`Delete notice: ${n.message}`}>
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
      {supervisor && <NoticeForm onDone={() => void load()} />}
    </section>
  );
}

function currentQuarter(): string {
  const d = new Date();
  return `${d.getUTCFullYear()}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

export function Dashboard() {
  const [report, setReport] = useState<SlaReport | undefined>();
  const [backlog, setBacklog] = useState<readonly BacklogDay[]>([]);
  const [workload, setWorkload] = useState<Array<[string, number]>>([]);
  const [error, setError] = useState<string | undefined>();
  const [quarter, setQuarter] = useState(currentQuarter());
  usePolling(async () => {
    try {
      // Today and the RANGE_DAYS - 1 whole UTC days before it, for both reports.
      const range = `from=${utcDay(1 - RANGE_DAYS)}&to=${utcDay(1)}`;
      const [r, b, open] = await Promise.all([
        call<SlaReport>('GET', `/reports/sla?${range}`),
        call<BacklogReport>('GET', `/reports/backlog?${range}`),
        call<{ items: CaseSummary[] }>('GET', '/cases?limit=100'),
      ]);
      setReport(r.body);
      setBacklog(b.body.days);
      const counts = new Map<string, number>();
      for (const c of open.body.items)
        if (c.status !== 'resolved' && c.status !== 'closed')
          counts.set(c.assignee ?? 'unassigned', (counts.get(c.assignee ?? 'unassigned') ?? 0) + 1);
      setWorkload([...counts].sort((a, b) => b[1] - a[1]));
      setError(undefined);
    } catch (err) {
      setError(explain(err));
    }
  }, []);

  const breachesBy = (rec: Readonly<Record<string, SlaFigures>> | undefined): Array<[string, number]> =>
    Object.entries(rec ?? {}).map(([k, f]) => [k, f.breaches]);
  // Thirteen language groups, most of them empty on a given month: list those that received cases.
  const breachesByLanguage = (rec: Readonly<Record<string, SlaFigures>>): Array<[string, number]> =>
    Object.entries(rec)
      .filter(([, f]) => f.cases > 0)
      .map(([k, f]) => [k, f.breaches]);

  return (
    <section>
      <h1>Dashboard</h1>
      {error && <p role="alert">{error}</p>}
      {report ? (
        <>
          <p class="muted">Cases received in the last {RANGE_DAYS} days.</p>
          <Figures f={report.overall} />
          <BacklogChart days={backlog} />
          <div class="charts">
            <Bars
              title="First response on time, by type (%)"
              rows={Object.entries(report.byType).map(([k, f]) => [
                k,
                Math.round((f.firstResponse.compliance ?? 0) * 100),
              ])}
            />
            <Bars title="Breaches by topic" rows={breachesBy(report.byTopic)} />
            <Bars title="Breaches by language" rows={breachesByLanguage(report.byLanguage)} />
            <Bars title="Open cases by assignee (workload)" rows={workload} />
          </div>
        </>
      ) : (
        !error && <p>Loading…</p>
      )}
      <Notices />
      <section aria-labelledby="quarterly-heading">
        <h2 id="quarterly-heading">Quarterly report</h2>
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            void download(
              `/reports/quarterly?quarter=${encodeURIComponent(quarter)}&format=csv`,
              `docket-${quarter}.csv`,
              'text/csv',
            ).catch((err: unknown) => setError(explain(err)));
          }}
        >
          <label class="inline">
            Quarter
            <input value={quarter} pattern="\d{4}Q[1-4]" size={8} onInput={(e) => setQuarter(e.currentTarget.value)} />
          </label>
          <button type="submit">Download quarterly report</button>
        </form>
      </section>
    </section>
  );
}
