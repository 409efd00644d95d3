import { API_ROLES, type Actor, type ApiRole } from '../../app/api/actor';
import { ForbiddenError } from '../../core/errors';
import { UnauthorizedError } from './errors';

interface ClaimsCarrier {
  readonly requestContext?: { readonly authorizer?: { readonly jwt?: { readonly claims?: Record<string, unknown> } } };
}

/**
 * The roles in a `cognito:groups` claim. Cognito issues it as an array; API Gateway's JWT authorizer
 * flattens arrays to one string, `[agent supervisor]`, whose members are separated by single spaces
 * (group names cannot contain whitespace). Each name is compared whole: a group called
 * `helpdesk,supervisor` or `supervisor-trainee` grants nothing, and neither does any other shape.
 */
export function parseGroups(value: unknown): ApiRole[] {
  let names: readonly string[] = [];
  if (Array.isArray(value)) names = value.filter((v): v is string => typeof v === 'string');
  else if (typeof value === 'string') {
    const flattened = /^\[(.*)\]$/s.exec(value);
    names = (flattened ? flattened[1]! : value).split(' ');
  }
  return API_ROLES.filter((r) => names.includes(r));
}

/**
 * The caller, from the claims the authorizer verified. Throws `UnauthorizedError` when the event carries
 * none: on AWS the authorizer rejects such requests first, so reaching here without them means a
 * misconfigured route.
 */
export function actorFrom(event: ClaimsCarrier): Actor {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (!claims || typeof sub !== 'string' || sub.length === 0)
    throw new UnauthorizedError('a valid bearer token is required');
  const email = typeof claims.email === 'string' ? claims.email : undefined;
  return { sub, ...(email ? { email } : {}), roles: parseGroups(claims['cognito:groups']) };
}

/** Throws `ForbiddenError` unless the actor holds one of `allowed`. */
export function requireRole(a: Actor, allowed: readonly ApiRole[]): void {
  if (!a.roles.some((r) => allowed.includes(r))) {
    throw new ForbiddenError(
      `this endpoint needs one of the roles ${allowed.join(', ')}; the token has ${a.roles.join(', ') || 'none'}`,
    );
  }
}
