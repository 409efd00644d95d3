import { z } from 'zod';
import { MAX_BODY_BYTES } from './media';
import type { KnownHeader, Route } from './route';
import { Problem } from '../schemas/api/responses';
import { IdempotencyKeyHeader, IfMatchHeader } from '../schemas/api/requests';

type JsonSchema = Record<string, unknown>;

/** Drops zod's generated regex where a `format` already says it (date-time, date, email): a reader wants the format. */
function withoutFormatPatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutFormatPatterns);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'pattern' && 'format' in node) continue;
    out[k] = withoutFormatPatterns(v);
  }
  return out;
}

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of what a client sends (`input`) or receives (`output`). */
function schemaOf(s: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as JsonSchema;
  return withoutFormatPatterns(rest) as JsonSchema;
}

const HEADER_SCHEMAS: Record<KnownHeader, { name: string; schema: z.ZodType }> = {
  'idempotency-key': { name: 'Idempotency-Key', schema: IdempotencyKeyHeader },
  'if-match': { name: 'If-Match', schema: IfMatchHeader },
};

const PROBLEM_REF = { $ref: '#/components/responses/Problem' };

/** Parameters of one location (`path`, `query`) from an object schema's properties. */
function parameters(s: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!s) return [];
  const json = schemaOf(s, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

/** The error statuses a route can answer, from its shape and what its use case declares. */
function errorStatuses(r: Route): number[] {
  const out = new Set<number>(r.errors ?? []);
  if (r.params || r.query || r.body || r.headers?.length) out.add(400);
  if (r.access !== 'public') {
    out.add(401);
    out.add(403);
  }
  if (r.body) {
    out.add(413);
    out.add(415);
  }
  return [...out].sort((a, b) => a - b);
}

function operation(r: Route): JsonSchema {
  const params = [
    ...parameters(r.params, 'path'),
    ...parameters(r.query, 'query'),
    ...(r.headers ?? []).map((h) => {
      const { description, ...schema } = schemaOf(HEADER_SCHEMAS[h].schema, 'input');
      return { name: HEADER_SCHEMAS[h].name, in: 'header', required: false, description, schema };
    }),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, doc] of Object.entries(r.responses)) {
    const type = doc.contentType ?? 'application/json';
    responses[status] = {
      description: doc.description,
      ...(doc.headers?.length
        ? { headers: Object.fromEntries(doc.headers.map((h) => [h, { schema: { type: 'string' } }])) }
        : {}),
      ...(status === '204'
        ? {}
        : { content: { [type]: { schema: doc.schema ? schemaOf(doc.schema, 'output') : { type: 'string' } } } }),
    };
  }
  for (const status of errorStatuses(r)) responses[String(status)] = PROBLEM_REF;
  return {
    operationId: r.operationId,
    summary: r.summary,
    ...(r.description ? { description: r.description } : {}),
    ...(r.access === 'public' ? { security: [] } : { 'x-roles': r.access }),
    ...(params.length ? { parameters: params } : {}),
    ...(r.body
      ? {
          requestBody: {
            required: true,
            content: {
              [r.bodyType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json']: {
                schema: schemaOf(r.body, 'input'),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of `routes`, built from the same zod schemas the router checks requests
 * against, so the description cannot drift from what the API accepts.
 */
export function openApiDocument(routes: readonly Route[]): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) (paths[r.path] ??= {})[r.method.toLowerCase()] = operation(r);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Docket API',
      version: '0.1.0',
      description:
        "Agents, supervisors and auditors work cases through this API. Roles come from the JWT's cognito:groups " +
        `claim: agent, supervisor, auditor (each operation's x-roles). Errors are application/problem+json. Request bodies are JSON, at most ${MAX_BODY_BYTES / 1024} KB; ` +
        'unknown fields are rejected. See docs/api.md.',
    },
    servers: [{ url: '/' }],
    security: [{ jwt: [] }],
    components: {
      securitySchemes: { jwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      responses: {
        Problem: {
          description: 'Problem document (RFC 9457)',
          content: { 'application/problem+json': { schema: schemaOf(Problem, 'output') } },
        },
      },
    },
    paths,
  };
}
