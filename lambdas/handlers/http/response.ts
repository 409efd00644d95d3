import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type ApiResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

/** Sent with every response: nothing here is cacheable by intermediaries, and nothing is sniffed. */
const BASE_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

/**
 * Pages we render ourselves: no script at all, inline styles only, no framing. Even if some text slipped
 * through unescaped, the browser would run nothing and load nothing.
 */
export const HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return {
    statusCode,
    headers: { ...BASE_HEADERS, 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function text(
  statusCode: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): ApiResponse {
  return { statusCode, headers: { ...BASE_HEADERS, 'content-type': contentType, ...headers }, body };
}

/**
 * A page whose only action is a form posting back to us (the satisfaction confirmation): as
 * {@link HTML_CSP}, but forms may submit to this origin.
 */
export const FORM_CSP = HTML_CSP.replace("form-action 'none'", "form-action 'self'");

export function html(statusCode: number, body: string, csp: string = HTML_CSP): ApiResponse {
  return text(statusCode, body, 'text/html; charset=utf-8', { 'content-security-policy': csp });
}

/** An answer without a body (a deletion). */
export function noContent(): ApiResponse {
  return { statusCode: 204, headers: { ...BASE_HEADERS }, body: '' };
}

/** An RFC 9457 problem document. */
export function problem(
  statusCode: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): ApiResponse {
  return {
    statusCode,
    headers: { ...BASE_HEADERS, 'content-type': 'application/problem+json', ...headers },
    body: JSON.stringify({ type: 'about:blank', title, status: statusCode, detail, ...extra }),
  };
}

/** The ETag of a case: its optimistic-concurrency version (RFC 9110 §8.8.3), strong. */
export const etagOf = (version: number): string => `"${version}"`;
