import { escapeHtml } from '../templates/escape-html';
import type { QuarterlyReport, Split } from './quarterly-report';

const BAR_HEIGHT = 18;
const CHART_WIDTH = 520;
const LABEL_WIDTH = 170;

/**
 * A horizontal bar chart as inline SVG (no script, no external asset, so the page works offline and
 * under a strict Content-Security-Policy). Labels are escaped.
 */
export function barChart(title: string, bars: readonly { label: string; value: number }[]): string {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * (BAR_HEIGHT + 6) + 6;
  const rows = bars
    .map((b, i) => {
      const y = 6 + i * (BAR_HEIGHT + 6);
      const w = Math.round(((CHART_WIDTH - LABEL_WIDTH - 50) * b.value) / max);
      return (
        `<text x="${LABEL_WIDTH - 6}" y="${y + 13}" text-anchor="end" font-size="12">${escapeHtml(b.label)}</text>` +
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${w}" height="${BAR_HEIGHT}" fill="#3465a4"></rect>` +
        `<text x="${LABEL_WIDTH + w + 4}" y="${y + 13}" font-size="12">${b.value}</text>`
      );
    })
    .join('');
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" width="${CHART_WIDTH}" height="${height}">${rows}</svg></figure>`;
}

function table(title: string, rows: Readonly<Record<string, Split>>): string {
  const body = Object.entries(rows)
    .map(
      ([k, s]) =>
        `<tr><th scope="row">${escapeHtml(k)}</th><td>${s.request}</td><td>${s.complaint}</td><td>${s.total}</td></tr>`,
    )
    .join('');
  return `<table><caption>${escapeHtml(title)}</caption><thead><tr><th></th><th>requests</th><th>complaints</th><th>total</th></tr></thead><tbody>${body}</tbody></table>`;
}

const fmt = (n: number | undefined): string => (n === undefined ? '–' : String(n));

/** The quarterly tabulation as a self-contained HTML page with tables and inline SVG charts. */
export function quarterlyHtml(r: QuarterlyReport, frozenAt?: string): string {
  const title = `Customer requests and complaints, ${r.quarter}`;
  const topicBars = Object.entries(r.received.byTopic).map(([label, s]) => ({ label, value: s.total }));
  const outcomeBars = Object.entries(r.outcomes).map(([label, s]) => ({ label, value: s.total }));
  const scoreBars = Object.entries(r.satisfaction.distribution).map(([label, value]) => ({
    label: `score ${label}`,
    value,
  }));
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    '<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.2rem .6rem;text-align:right}caption{font-weight:bold;text-align:left}</style></head><body>' +
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(r.from)} to ${escapeHtml(r.to)}, generated ${escapeHtml(r.generatedAt)}${frozenAt ? `, frozen ${escapeHtml(frozenAt)}` : ''}.</p>` +
    table('Received', { all: r.received.all, ...r.received.byChannel }) +
    table('Received by topic', r.received.byTopic) +
    barChart('Received by topic', topicBars) +
    table('Received by customer kind', r.received.byCustomerKind) +
    table('Outcomes of cases resolved in the quarter', r.outcomes) +
    barChart('Outcomes', outcomeBars) +
    `<p>Resolved in the quarter: ${r.resolution.resolved}; receipt to resolution: average ${fmt(r.resolution.averageHours)} h, p90 ${fmt(r.resolution.p90Hours)} h.</p>` +
    `<p>Satisfaction: ${r.satisfaction.responses} ratings, average ${fmt(r.satisfaction.average)}.</p>` +
    barChart('Satisfaction ratings', scoreBars) +
    table('Open at quarter end', { all: r.openAtQuarterEnd }) +
    '</body></html>'
  );
}
