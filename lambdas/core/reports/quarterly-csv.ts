import type { QuarterlyReport, Split } from './quarterly-report';

/**
 * RFC 4180 field quoting. A leading =, +, - or @ is prefixed with a quote mark so a spreadsheet never
 * runs a field as a formula (CSV injection); our keys are fixed words, but the rule costs nothing.
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@]/.test(s) && typeof value === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The quarterly tabulation as CSV: `section,key,requests,complaints,total` rows, then single figures. */
export function quarterlyCsv(r: QuarterlyReport): string {
  const rows: (string | number | undefined)[][] = [['section', 'key', 'requests', 'complaints', 'total']];
  const splitRow = (section: string, key: string, s: Split) =>
    rows.push([section, key, s.request, s.complaint, s.total]);
  splitRow('received', 'all', r.received.all);
  for (const [k, s] of Object.entries(r.received.byChannel)) splitRow('received_by_channel', k, s);
  for (const [k, s] of Object.entries(r.received.byTopic)) splitRow('received_by_topic', k, s);
  for (const [k, s] of Object.entries(r.received.byCustomerKind)) splitRow('received_by_customer_kind', k, s);
  for (const [k, s] of Object.entries(r.outcomes)) splitRow('outcome', k, s);
  splitRow('open_at_quarter_end', 'all', r.openAtQuarterEnd);
  rows.push(['resolution', 'resolved', '', '', r.resolution.resolved]);
  rows.push(['resolution', 'average_hours', '', '', r.resolution.averageHours]);
  rows.push(['resolution', 'p90_hours', '', '', r.resolution.p90Hours]);
  rows.push(['satisfaction', 'responses', '', '', r.satisfaction.responses]);
  rows.push(['satisfaction', 'average', '', '', r.satisfaction.average]);
  for (const [k, n] of Object.entries(r.satisfaction.distribution))
    rows.push(['satisfaction', `score_${k}`, '', '', n]);
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
