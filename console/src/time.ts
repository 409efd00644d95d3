/** "in 3 h 20 min" / "12 min overdue": the SLA countdown the queue and the case page show. */
export function countdown(dueAt: string | undefined, now: number): string {
  if (!dueAt) return '—';
  const ms = Date.parse(dueAt) - now;
  const abs = Math.abs(ms);
  const min = Math.round(abs / 60_000);
  const text =
    min < 60
      ? `${min} min`
      : min < 48 * 60
        ? `${Math.floor(min / 60)} h ${min % 60} min`
        : `${Math.round(min / 1440)} d`;
  return ms >= 0 ? `in ${text}` : `${text} overdue`;
}

export function when(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
