import type { BacklogDay } from '../types';

const W = 640;
const H = 180;
const PAD = { left: 36, right: 8, top: 8, bottom: 22 };
const COLORS = { received: '#3559b5', ended: '#2e7d4f', open: '#1b1f24' } as const;

/** `2026-12-03` as `3 Dec` (UTC: the series' days are UTC days). */
const short = (day: string): string =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

function Swatch({ color, thin = false }: { color: string; thin?: boolean }) {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12">
      <rect y={thin ? 5 : 1} width="12" height={thin ? 2 : 10} fill={color} />
    </svg>
  );
}

/**
 * The backlog over time in plain SVG: cases received and ended each day as paired bars, open at each day's
 * end as a line. Screen readers get a summary as the picture's name and every figure in the table below it.
 */
export function BacklogChart({ days }: { days: readonly BacklogDay[] }) {
  const max = Math.max(1, ...days.flatMap((d) => [d.received, d.ended, d.open]));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, days.length);
  const bar = Math.max(1, slot / 2 - 1);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const last = days.at(-1);
  const received = days.reduce((s, d) => s + d.received, 0);
  const ended = days.reduce((s, d) => s + d.ended, 0);
  const summary = last
    ? `Backlog over time, ${short(days[0]!.day)} to ${short(last.day)}: ${received} received, ${ended} resolved or closed, ${last.open} open at the end of ${last.day}`
    : 'Backlog over time: no data';
  const line = days.map((d, i) => `${PAD.left + slot * (i + 0.5)},${y(d.open)}`).join(' ');
  return (
    <figure class="chart backlog">
      <figcaption>Backlog over time</figcaption>
      <svg role="img" aria-label={summary} viewBox={`0 0 ${W} ${H}`} width={W} height={H}>
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} stroke="#8a94a6" />
        <text x={PAD.left - 4} y={y(max) + 4} font-size="11" text-anchor="end">
          {max}
        </text>
        <text x={PAD.left - 4} y={y(0) + 4} font-size="11" text-anchor="end">
          0
        </text>
        {days.map((d, i) => (
          <g key={d.day}>
            <rect
              x={PAD.left + slot * i + 1}
              y={y(d.received)}
              width={bar}
              height={y(0) - y(d.received)}
              fill={COLORS.received}
            />
            <rect
              x={PAD.left + slot * i + 1 + bar}
              y={y(d.ended)}
              width={bar}
              height={y(0) - y(d.ended)}
              fill={COLORS.ended}
            />
          </g>
        ))}
        <polyline points={line} fill="none" stroke={COLORS.open} stroke-width="2" />
        {days.length > 0 && (
          <>
            <text x={PAD.left} y={H - 6} font-size="11">
              {short(days[0]!.day)}
            </text>
            <text x={W - PAD.right} y={H - 6} font-size="11" text-anchor="end">
              {short(last!.day)}
            </text>
          </>
        )}
      </svg>
      <ul class="legend small" aria-hidden="true">
        <li>
          <Swatch color={COLORS.received} /> received
        </li>
        <li>
          <Swatch color={COLORS.ended} /> resolved or closed
        </li>
        <li>
          <Swatch color={COLORS.open} thin /> open at day end
        </li>
      </ul>
      <details>
        <summary>Backlog figures by day</summary>
        <table class="backlog-days">
          <caption>Cases by UTC day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Received</th>
              <th scope="col">Resolved</th>
              <th scope="col">Resolved or closed</th>
              <th scope="col">Open at day end</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                <td>{d.received}</td>
                <td>{d.resolved}</td>
                <td>{d.ended}</td>
                <td>{d.open}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
