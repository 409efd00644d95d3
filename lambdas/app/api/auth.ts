import { ForbiddenError } from '../../core/errors';
import { UnauthorizedError } from './errors';

export const API_ROLES = ['agent', 'supervisor', 'auditor'] as const;
export type ApiRole = (typeof API_ROLES)[number];

/** Who is calling, from the JWT the authorizer verified. */
export interface Principal {
  /** The token's subject: the actor recorded in audit events. */
  readonly sub: string;
  readonly email?: string;
  readonly roles: readonly ApiRole[];
}

interface ClaimsCarrier {
  readonly requestContext?: { readonly authorizer?: { readonly jwt?: { readonly claims?: Record<string, unknown> } } };
}

/**
 * Cognito puts groups in `cognito:groups` as an array; API Gateway's JWT authorizer flattens arrays to
 * the string "[agent supervisor]". Both forms (and a plain comma/space list) are read.
 */
export function parseGroups(value: unknown): ApiRole[] {
  const raw = Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string'
      ? value.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  return API_ROLES.filter((r) => raw.includes(r));
}

/**
 * The caller's principal. Throws `UnauthorizedError` when the event carries no verified claims: on AWS
 * the authorizer rejects such requests first, so reaching here without them means a misconfigured route.
 */
export function principalFrom(event: ClaimsCarrier): Principal {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (!claims || typeof sub !== 'string' || sub.length === 0)
    throw new UnauthorizedError('a valid bearer token is required');
  const email = typeof claims.email === 'string' ? claims.email : undefined;
  return { sub, ...(email ? { email } : {}), roles: parseGroups(claims['cognito:groups']) };
}

/** Throws `ForbiddenError` unless the principal holds one of `allowed`. */
export function requireRole(p: Principal, allowed: readonly ApiRole[]): void {
  if (!p.roles.some((r) => allowed.includes(r))) {
    throw new ForbiddenError(
      `this endpoint needs one of the roles ${allowed.join(', ')}; the token has ${p.roles.join(', ') || 'none'}`,
    );
  }
}
