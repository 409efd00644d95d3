import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { z } from 'zod';

/** Issuer and audience of local tokens; the gateway accepts nothing else. */
export const LOCAL_ISSUER = 'docket-local';
export const LOCAL_AUDIENCE = 'docket-api';
/** Roles travel in Cognito's group claim so the API handler reads the same claim on AWS and locally. */
export const ROLES_CLAIM = 'cognito:groups';
export const ROLES = ['agent', 'supervisor', 'auditor'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const TokenRequestSchema = z.strictObject({
  role: RoleSchema,
  sub: z.string().min(1).default('alice'),
  email: z.email().optional(),
  /** Lifetime in seconds. */
  ttl: z
    .number()
    .int()
    .positive()
    .max(7 * 24 * 3600)
    .default(3600),
});
export type TokenRequest = z.input<typeof TokenRequestSchema>;

/** What the console's local sign-in sends: a role and a user name that is safe in an audit trail (one plain word). */
export const SignInRequestSchema = TokenRequestSchema.extend({
  sub: z
    .string()
    .regex(/^[A-Za-z0-9._@-]{1,64}$/, 'a user name of letters, digits and . _ @ - (at most 64)')
    .default('alice'),
});

const key = (secret: string): Uint8Array => new TextEncoder().encode(secret);

/** Signs a local HS256 JWT for `role` (with `sub`, `email`, `cognito:groups`, iss, aud, iat, exp). */
export async function signLocalToken(request: TokenRequest, secret: string, now = new Date()): Promise<string> {
  const r = TokenRequestSchema.parse(request);
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ [ROLES_CLAIM]: [r.role], email: r.email ?? `${r.sub}@exchange.example`, token_use: 'access' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(r.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + r.ttl)
    .sign(key(secret));
}

/** Verifies a local token (signature, HS256 only, issuer, audience, expiry); throws when invalid. */
export async function verifyLocalToken(token: string, secret: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, key(secret), {
    algorithms: ['HS256'],
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
  });
  return payload;
}
