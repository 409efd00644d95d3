import { useState } from 'preact/hooks';
import { download, explain } from '../api';

/** Auditors' (and supervisors') download of the tamper-evident export for a period. */
export function ExportPage() {
  const today = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 31 * 86400_000).toISOString().slice(0, 10);
  const [from, setFrom] = useState(monthAgo);
  const [to, setTo] = useState(today);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const go = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const end = new Date(Date.parse(to) + 86400_000).toISOString().slice(0, 10);
      await download(`/export?from=${from}&to=${end}`, `docket-export-${from}-${to}.json`, 'application/json');
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section>
      <h1>Export</h1>
      <p>Every case received in the period, with its thread and its audit trail (hash-chained).</p>
      <form onSubmit={go} class="inline">
        <label class="inline">
          From
          <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label class="inline">
          To
          <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          Download export
        </button>
      </form>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
