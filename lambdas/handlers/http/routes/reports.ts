import type { ApiRole } from '../../../app/api/actor';
import { listAccess } from '../../../app/api/access-log';
import { exportRecords } from '../../../app/api/export-records';
import { getBacklogReport, getQuarterlyReport, getSlaReport } from '../../../app/api/reports';
import { quarterlyCsv } from '../../../core/reports/quarterly-csv';
import { quarterlyHtml } from '../../../core/reports/quarterly-html';
import { AccessLogQuery, ExportQuery, QuarterlyQuery, RangeQuery } from '../../schemas/api/requests';
import { EXPORT_SIGNATURE_ALGORITHM } from '../../../core/export-signature';
import { AccessLogPage, AnyJson, BacklogReport, ExportPublicKey } from '../../schemas/api/responses';
import { html, json, text } from '../response';
import { actorOf, route, type HttpRequest, type Route } from '../route';

export const OVERSIGHT: readonly ApiRole[] = ['supervisor', 'auditor'];

type Format = 'json' | 'csv' | 'html';

/** The report's format: `format=` wins, else the Accept header (CSV or HTML when asked for), else JSON. */
function formatOf(req: Pick<HttpRequest, 'headers'>, explicit: Format | undefined): Format {
  if (explicit) return explicit;
  const accept = req.headers.accept ?? '';
  if (/\btext\/csv\b/.test(accept)) return 'csv';
  if (/\btext\/html\b/.test(accept) && !/application\/json/.test(accept)) return 'html';
  return 'json';
}

export const REPORT_ROUTES: readonly Route[] = [
  route({
    method: 'GET',
    path: '/reports/sla',
    access: OVERSIGHT,
    operationId: 'getSlaReport',
    summary: 'SLA compliance over cases received in [from, to)',
    query: RangeQuery,
    responses: { 200: { description: 'The report', schema: AnyJson } },
    handle: async (req, deps) => json(200, await getSlaReport(req.query, deps)),
  }),
  route({
    method: 'GET',
    path: '/reports/backlog',
    access: OVERSIGHT,
    operationId: 'getBacklogReport',
    summary: 'Cases received, resolved and ended on each day of [from, to) up to today, and open at each day end',
    query: RangeQuery,
    responses: { 200: { description: 'The series, oldest day first', schema: BacklogReport } },
    handle: async (req, deps) => json(200, await getBacklogReport(req.query, deps)),
  }),
  route({
    method: 'GET',
    path: '/reports/quarterly',
    access: OVERSIGHT,
    operationId: 'getQuarterlyReport',
    summary: "The regulator's quarterly tabulation (JSON, CSV or HTML); frozen once the quarter has ended",
    query: QuarterlyQuery,
    responses: {
      200: {
        description: 'The report; X-Report-State says live or frozen',
        schema: AnyJson,
        headers: ['X-Report-State'],
      },
    },
    handle: async (req, deps) => {
      const { report, frozenAt } = await getQuarterlyReport(req.query, deps);
      const headers = { 'x-report-state': frozenAt ? `frozen ${frozenAt}` : 'live' };
      switch (formatOf(req, req.query.format)) {
        case 'csv':
          return text(200, quarterlyCsv(report), 'text/csv; charset=utf-8', {
            ...headers,
            'content-disposition': `attachment; filename="docket-${report.quarter}.csv"`,
          });
        case 'html': {
          const page = html(200, quarterlyHtml(report, frozenAt));
          return { ...page, headers: { ...page.headers, ...headers } };
        }
        default:
          return json(200, { ...report, ...(frozenAt ? { frozenAt } : { live: true }) }, headers);
      }
    },
  }),
  route({
    method: 'GET',
    path: '/export',
    access: OVERSIGHT,
    operationId: 'exportRecords',
    summary: 'Hash-chained NDJSON export of cases, messages and audit events (paged)',
    query: ExportQuery,
    responses: {
      200: {
        description: 'One page of the export; X-Next-Cursor when more remains',
        contentType: 'application/x-ndjson',
        headers: ['X-Next-Cursor'],
      },
    },
    handle: async (req, deps) => {
      const page = await exportRecords({ actor: actorOf(req), ...req.query }, deps);
      return text(200, page.ndjson, 'application/x-ndjson; charset=utf-8', {
        'content-disposition': 'attachment; filename="docket-export.ndjson"',
        ...(page.nextCursor ? { 'x-next-cursor': page.nextCursor } : {}),
      });
    },
  }),
  route({
    method: 'GET',
    path: '/export/public-key',
    access: OVERSIGHT,
    operationId: 'getExportPublicKey',
    summary: "The public key that verifies exports' summary signatures (ECDSA P-256, SHA-256, DER signatures)",
    responses: { 200: { description: 'The key id and its PEM public key', schema: ExportPublicKey } },
    handle: async (_req, deps) =>
      json(200, {
        keyId: deps.exportSigner.keyId,
        algorithm: EXPORT_SIGNATURE_ALGORITHM,
        publicKeyPem: await deps.exportSigner.publicKeyPem(),
      }),
  }),
  route({
    method: 'GET',
    path: '/access-log',
    access: ['auditor'],
    operationId: 'listAccess',
    summary: 'Who read which case, customer or export, and when (one record per person, thing and 15 minutes)',
    query: AccessLogQuery,
    responses: { 200: { description: 'A page of access records, oldest first', schema: AccessLogPage } },
    handle: async (req, deps) => json(200, await listAccess(req.query, deps)),
  }),
];
