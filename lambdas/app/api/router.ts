import openapi from '../../../openapi.json';
import { principalFrom, requireRole, type ApiRole } from './auth';
import { listCases, getCase } from './cases-read';
import { RouteNotFoundError } from './errors';
import { exportRecords } from './export-records';
import { recordFeedback } from './feedback';
import { json, type ApiResponse } from './http';
import { postNote } from './note';
import { postDelayNotice } from './delay-notice';
import { createNotice, deleteNotice, listNotices } from './notices';
import { patchCase } from './patch-case';
import { postReply } from './reply';
import { getQuarterlyReport, getSlaReport } from './reports';
import type { ApiDeps, ApiRequest } from './request';
import { resolveCase } from './resolve-case';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface Route {
  readonly method: HttpMethod;
  /** OpenAPI-style template, e.g. `/cases/{tracking}`. */
  readonly path: string;
  /** Roles allowed, or `public` (no token: health, the API description, feedback links in mail). */
  readonly access: readonly ApiRole[] | 'public';
  readonly run: (req: ApiRequest, deps: ApiDeps) => Promise<ApiResponse>;
}

const STAFF: readonly ApiRole[] = ['agent', 'supervisor', 'auditor'];
const WRITERS: readonly ApiRole[] = ['agent', 'supervisor'];
const OVERSIGHT: readonly ApiRole[] = ['supervisor', 'auditor'];

/** Every route the API serves; `openapi.json` must describe exactly these (test/api/openapi.test.ts). */
export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/healthz', access: 'public', run: async () => json(200, { status: 'ok' }) },
  { method: 'GET', path: '/openapi.json', access: 'public', run: async () => json(200, openapi) },
  { method: 'GET', path: '/cases', access: STAFF, run: listCases },
  { method: 'GET', path: '/cases/{tracking}', access: STAFF, run: getCase },
  { method: 'PATCH', path: '/cases/{tracking}', access: WRITERS, run: patchCase },
  { method: 'POST', path: '/cases/{tracking}/replies', access: WRITERS, run: postReply },
  { method: 'POST', path: '/cases/{tracking}/notes', access: WRITERS, run: postNote },
  { method: 'POST', path: '/cases/{tracking}/resolve', access: WRITERS, run: resolveCase },
  { method: 'POST', path: '/cases/{tracking}/delay-notices', access: WRITERS, run: postDelayNotice },
  { method: 'GET', path: '/feedback/{token}', access: 'public', run: recordFeedback },
  { method: 'GET', path: '/notices', access: OVERSIGHT, run: listNotices },
  { method: 'POST', path: '/notices', access: ['supervisor'], run: createNotice },
  { method: 'DELETE', path: '/notices/{id}', access: ['supervisor'], run: deleteNotice },
  { method: 'GET', path: '/reports/sla', access: OVERSIGHT, run: getSlaReport },
  { method: 'GET', path: '/reports/quarterly', access: OVERSIGHT, run: getQuarterlyReport },
  { method: 'GET', path: '/export', access: OVERSIGHT, run: exportRecords },
];

function match(template: string, path: string): Record<string, string> | undefined {
  const t = template.split('/');
  const p = path.split('/');
  if (t.length !== p.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i]!;
    const got = p[i]!;
    if (seg.startsWith('{')) {
      if (got === '') return undefined;
      params[seg.slice(1, -1)] = got;
    } else if (seg !== got) return undefined;
  }
  return params;
}

/** Finds the route for method + path: 404 when no template matches, 405 when only other methods do. */
export function findRoute(method: string, path: string): { route: Route; params: Record<string, string> } {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const allowed: string[] = [];
  for (const route of ROUTES) {
    const params = match(route.path, normalised);
    if (!params) continue;
    if (route.method === method.toUpperCase()) return { route, params };
    allowed.push(route.method);
  }
  throw new RouteNotFoundError(allowed);
}

/**
 * Authenticates (claims from the JWT authorizer: 401 without them) and authorises (403 for a wrong role)
 * before the route's use case runs.
 */
export async function dispatch(
  event: { requestContext: { http: { method: string } }; rawPath: string } & Parameters<typeof principalFrom>[0],
  parts: Omit<ApiRequest, 'params' | 'principal'>,
  deps: ApiDeps,
): Promise<ApiResponse> {
  const { route, params } = findRoute(event.requestContext.http.method, event.rawPath);
  if (route.access === 'public') return route.run({ ...parts, params }, deps);
  const principal = principalFrom(event);
  requireRole(principal, route.access);
  return route.run({ ...parts, params, principal }, deps);
}
