import { accessRecord } from '../../core/access-log';
import type { Case } from '../../core/case';
import { GENESIS_HASH } from '../../core/audit-chain';
import { ValidationError } from '../../core/errors';
import { ExportChain } from '../../core/export-chain';
import { exportCaseKey } from '../../core/export-job';
import { parseTrackingNumber } from '../../core/tracking-number';
import type { Actor } from './actor';
import type { ApiDeps } from './api-deps';
import { exportCaseLines } from '../records/export-case-lines';

/** What to export: one case, one customer's cases, or the cases created in [from, to) (which also narrow the others). */
export interface ExportSelection {
  /** Who exports: every page goes to the access log. */
  readonly actor: Actor;
  readonly from?: string;
  readonly to?: string;
  readonly customer?: string;
  readonly case?: string;
  /** Cases per page (each with its messages and events). */
  readonly limit: number;
  readonly cursor?: string;
}

/** One page of the export: NDJSON lines, and the cursor of the next page when more remains. */
export interface ExportPage {
  readonly ndjson: string;
  readonly nextCursor?: string;
}

/**
 * Lambda returns at most 6 MB (synchronous invocation payload) and the body travels JSON-escaped, so a
 * page stops adding cases once it passes this many bytes and hands back a cursor.
 */
export const EXPORT_PAGE_BYTES = 4 * 1024 * 1024;

interface Cursor {
  readonly after: string;
  readonly hash: string;
}

const keyOf = exportCaseKey;

/**
 * The longest range `GET /export` answers without a customer or case to narrow it (the console's month
 * plus a day). Longer ranges are export jobs (`POST /exports`): a month of a large exchange is hundreds
 * of thousands of cases, thousands of pages through one request after another.
 */
export const MAX_SYNC_RANGE_DAYS = 32;

function decode(raw: string | undefined): Cursor | undefined {
  if (raw === undefined) return undefined;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof c.after === 'string' && typeof c.hash === 'string' && /^[0-9a-f]{64}$/.test(c.hash))
      return { after: c.after, hash: c.hash };
  } catch {
    /* fall through */
  }
  throw new ValidationError('the cursor is malformed: pass back the cursor from the previous page unchanged');
}

/**
 * The cases of this page's selection after the cursor, in key order, and whether more may follow them. A
 * bare range reads one bounded index page; a case or a customer is small and read whole.
 */
async function select(
  q: ExportSelection,
  after: string | undefined,
  deps: Pick<ApiDeps, 'repo' | 'reports'>,
): Promise<{ cases: Case[]; more: boolean }> {
  if (q.case === undefined && q.customer === undefined && q.from !== undefined && q.to !== undefined) {
    if (Date.parse(q.to) - Date.parse(q.from) > MAX_SYNC_RANGE_DAYS * 86400_000)
      throw new ValidationError(
        `GET /export answers ranges of at most ${MAX_SYNC_RANGE_DAYS} days; export a longer range as a job: POST /exports with {"from", "to"}, then GET /exports/{id} for its progress and download link`,
      );
    const page = await deps.reports.casesCreatedPage({
      from: q.from,
      to: q.to,
      limit: q.limit,
      ...(after !== undefined ? { after } : {}),
    });
    return { cases: [...page.cases], more: page.more };
  }
  let cases: Case[];
  if (q.case !== undefined) {
    const c = await deps.repo.getCase(parseTrackingNumber(q.case));
    cases = c ? [c] : [];
  } else if (q.customer !== undefined) {
    cases = [];
    let cursor: string | undefined;
    do {
      const page = await deps.repo.queryCases({ customer: q.customer, limit: 100, ...(cursor ? { cursor } : {}) });
      cases.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
  } else {
    throw new ValidationError('name what to export: case, customer, or both from and to');
  }
  const selected = cases
    .filter((c) => (q.from === undefined || c.createdAt >= q.from) && (q.to === undefined || c.createdAt < q.to))
    .filter((c) => after === undefined || keyOf(c) > after)
    .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  return { cases: selected, more: false };
}

/**
 * The selected cases with their messages and audit events as
 * hash-chained NDJSON (core/export-chain.ts; verification in docs/api.md), built line by line and capped
 * per page. When more remains the summary says `complete: false` and `nextCursor` carries the
 * cursor; the next page's chain starts from this page's last hash (its summary line's hash).
 */
export async function exportRecords(
  q: ExportSelection,
  deps: Pick<ApiDeps, 'repo' | 'reports' | 'clock' | 'accessLog' | 'exportSigner' | 'blobs'>,
): Promise<ExportPage> {
  await deps.accessLog.record(
    accessRecord({
      at: deps.clock.now(),
      actor: q.actor.sub,
      action: 'export',
      target: new URLSearchParams(
        Object.entries({ case: q.case, customer: q.customer, from: q.from, to: q.to, cursor: q.cursor }).filter(
          (e): e is [string, string] => e[1] !== undefined,
        ),
      ).toString(),
    }),
  );
  const cursor = decode(q.cursor);
  const { cases, more: beyond } = await select(q, cursor?.after, deps);
  const chain = new ExportChain(cursor?.hash ?? GENESIS_HASH);
  const parts: string[] = [];
  let last: Case | undefined;
  let done = 0;
  for (const c of cases) {
    if (done >= q.limit || (done > 0 && chain.size >= EXPORT_PAGE_BYTES)) break;
    parts.push(...(await exportCaseLines(chain, c, deps)));
    last = c;
    done++;
  }
  const more = (done < cases.length || beyond) && last !== undefined;
  const selection = {
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.customer ? { customer: q.customer } : {}),
    ...(q.case ? { case: q.case } : {}),
  };
  // The next page continues the chain from this page's summary line, so pages cannot be swapped or dropped unnoticed.
  const summaryText = await chain.signedSummary(
    {
      generatedAt: deps.clock.now().toISOString(),
      selection,
      complete: !more,
      ...(more ? { continuesAfter: keyOf(last!) } : {}),
    },
    deps.exportSigner,
  );
  parts.push(summaryText);
  return {
    ndjson: parts.join(''),
    ...(more
      ? {
          nextCursor: Buffer.from(JSON.stringify({ after: keyOf(last!), hash: chain.lastHash }), 'utf8').toString(
            'base64url',
          ),
        }
      : {}),
  };
}
