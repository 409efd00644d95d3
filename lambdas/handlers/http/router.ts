import type { ApiDeps } from '../../app/api/api-deps';
import { ValidationError } from '../../core/errors';
import { actorFrom, requireRole } from './auth';
import { RouteNotFoundError, UnsupportedMediaTypeError } from './errors';
import { isFormBody } from './media';
import { openApiDocument } from './openapi';
import { json, type ApiResponse } from './response';
import { route, type Route } from './route';
import { ATTACHMENT_ROUTES } from './routes/attachments';
import { MESSAGE_BODY_ROUTES } from './routes/message-bodies';
import { CASE_ROUTES } from './routes/cases';
import { EXPORT_JOB_ROUTES } from './routes/exports';
import { FEEDBACK_ROUTES } from './routes/feedback';
import { MACRO_ROUTES } from './routes/macros';
import { NOTICE_ROUTES } from './routes/notices';
import { REPORT_ROUTES } from './routes/reports';
import { Health } from '../schemas/api/responses';

/** The routes that do the work; the API description is built from them. */
const WORK_ROUTES: readonly Route[] = [
  ...CASE_ROUTES,
  ...ATTACHMENT_ROUTES,
  ...MESSAGE_BODY_ROUTES,
  ...FEEDBACK_ROUTES,
  ...NOTICE_ROUTES,
  ...MACRO_ROUTES,
  ...REPORT_ROUTES,
  ...EXPORT_JOB_ROUTES,
];

let document: object | undefined;

/** Every route the API serves. `GET /openapi.json` describes exactly these (built from their schemas). */
export const ROUTES: readonly Route[] = [
  route({
    method: 'GET',
    path: '/healthz',
    access: 'public',
    operationId: 'health',
    summary: 'Liveness',
    responses: { 200: { description: 'ok', schema: Health } },
    handle: async () => json(200, { status: 'ok' }),
  }),
  route({
    method: 'GET',
    path: '/openapi.json',
    access: 'public',
    operationId: 'openapi',
    summary: 'This API description (OpenAPI 3.1), generated from the routes and their schemas',
    responses: { 200: { description: 'The OpenAPI document' } },
    handle: async () => json(200, (document ??= openApiDocument(ROUTES))),
  }),
  ...WORK_ROUTES,
];

/** Decodes one path segment; a malformed `%` escape is the client's error (400), not ours. */
function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ValidationError('the path holds a malformed percent-escape');
  }
}

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

/**
 * Finds the route for method + path: 404 when no template matches, 405 when only other methods do.
 * Path parameters come back decoded (400 for a malformed escape).
 */
export function findRoute(method: string, path: string): { route: Route; params: Record<string, string> } {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const allowed: string[] = [];
  for (const r of ROUTES) {
    const params = match(r.path, normalised);
    if (!params) continue;
    if (r.method === method.toUpperCase())
      return { route: r, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, decodeSegment(v)])) };
    allowed.push(r.method);
  }
  throw new RouteNotFoundError(allowed);
}

/** The request as the handler hands it over (parts of an API Gateway payload-2.0 event). */
export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Parsed body (JSON, or a form's fields), or undefined when there was none. */
  readonly body: unknown;
  /** The verified JWT claims, when the authorizer ran. */
  readonly claims?: Record<string, unknown>;
}

/**
 * Authenticates (claims from the JWT authorizer: 401 without them) and authorises (403 for a wrong role),
 * checks the request's parts against the route's schemas (400), then runs the route.
 */
export async function dispatch(req: RawRequest, deps: ApiDeps): Promise<ApiResponse> {
  const { route: r, params } = findRoute(req.method, req.path);
  let actor;
  if (r.access !== 'public') {
    actor = actorFrom({ requestContext: { authorizer: { jwt: { ...(req.claims ? { claims: req.claims } : {}) } } } });
    requireRole(actor, r.access);
  }
  if (req.body !== undefined && isFormBody(req.headers['content-type']) !== (r.bodyType === 'form'))
    throw new UnsupportedMediaTypeError(
      r.bodyType === 'form' ? 'send the body as an HTML form' : 'send the body as application/json',
    );
  return r.handle(
    {
      actor,
      params: r.params ? r.params.parse(params) : params,
      query: r.query ? r.query.parse(req.query) : undefined,
      body: r.body ? r.body.parse(req.body) : req.body,
      headers: req.headers,
    },
    deps,
  );
}
