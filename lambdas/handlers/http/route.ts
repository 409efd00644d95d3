import type { z } from 'zod';
import type { Actor, ApiRole } from '../../app/api/actor';
import type { ApiDeps } from '../../app/api/api-deps';
import type { ApiResponse } from './response';

/** What a route's handler receives: the request's parts, already checked against the route's schemas. */
export interface HttpRequest<P = unknown, Q = unknown, B = unknown> {
  /** The authenticated caller; undefined only on public routes. */
  readonly actor: Actor | undefined;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Request headers a route reads, described in the OpenAPI document. */
export type KnownHeader = 'idempotency-key' | 'if-match';

/** A success response as the OpenAPI document describes it. */
export interface ResponseDoc {
  readonly description: string;
  /** The body's schema (JSON unless `contentType` says otherwise). */
  readonly schema?: z.ZodType;
  readonly contentType?: string;
  /** Response headers worth naming (ETag, Location, ...). */
  readonly headers?: readonly string[];
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** One route: its place, who may call it, the schemas its parts must match, and what it answers. */
export interface RouteSpec<
  PS extends z.ZodType | undefined,
  QS extends z.ZodType | undefined,
  BS extends z.ZodType | undefined,
> {
  readonly method: HttpMethod;
  /** OpenAPI-style template, e.g. `/cases/{tracking}`. */
  readonly path: string;
  /** Roles allowed, or `public` (no token: health, the API description, links in customer mail). */
  readonly access: readonly ApiRole[] | 'public';
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly params?: PS;
  readonly query?: QS;
  readonly body?: BS;
  /** How the body travels: JSON (the API) or an HTML form (public confirmation pages). @default 'json' */
  readonly bodyType?: 'json' | 'form';
  readonly headers?: readonly KnownHeader[];
  /** Statuses the use case may answer besides the ones every route of this shape can (404, 409, 412...). */
  readonly errors?: readonly number[];
  readonly responses: Readonly<Record<number, ResponseDoc>>;
  readonly handle: (req: HttpRequest<Out<PS>, Out<QS>, Out<BS>>, deps: ApiDeps) => Promise<ApiResponse>;
}

/** A route with its types erased, as the router and the OpenAPI builder hold it. */
export type Route = RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;

/** Declares a route; the handler's request is typed from the route's schemas. */
export function route<
  PS extends z.ZodType | undefined = undefined,
  QS extends z.ZodType | undefined = undefined,
  BS extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<PS, QS, BS>): Route {
  return spec as unknown as Route;
}

/** The caller of an authenticated route (the router guarantees one). */
export function actorOf(req: Pick<HttpRequest, 'actor'>): Actor {
  if (!req.actor) throw new Error('route declared public but used an actor');
  return req.actor;
}
