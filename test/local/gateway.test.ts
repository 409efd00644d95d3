import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyResultV2,
} from 'aws-lambda';
import { SignJWT } from 'jose';
import { startGateway, type Gateway } from '../../local/gateway';
import { silentLogger } from '../../local/log';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, signLocalToken, verifyLocalToken } from '../../local/tokens';

const SECRET = 'a-local-test-secret-of-at-least-32-characters';

describe('local API gateway', () => {
  let gateway: Gateway;
  const events: Array<APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer> = [];
  let reply: APIGatewayProxyResultV2<unknown> = { statusCode: 200, body: '{}' };

  beforeAll(async () => {
    gateway = await startGateway({
      port: 0,
      jwtSecret: SECRET,
      log: silentLogger(),
      maxBodyBytes: 4096,
      handler: async (event) => {
        events.push(event);
        return reply;
      },
    });
  });
  afterAll(() => gateway.stop());
  beforeEach(() => {
    events.length = 0;
    reply = { statusCode: 200, body: '{}' };
  });

  const craft = (claims: { iss?: string; aud?: string; exp?: number }, secret = SECRET): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ 'cognito:groups': ['agent'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer(claims.iss ?? LOCAL_ISSUER)
      .setAudience(claims.aud ?? LOCAL_AUDIENCE)
      .setIssuedAt(now - 7200)
      .setExpirationTime(claims.exp ?? now + 600)
      .sign(new TextEncoder().encode(secret));
  };

  it.each([
    ['no token', async () => undefined],
    ['a bad signature', () => craft({}, 'another-secret-that-is-also-32-characters-long')],
    ['an expired token', () => craft({ exp: Math.floor(Date.now() / 1000) - 60 })],
    ['a wrong issuer', () => craft({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/other' })],
    ['a wrong audience', () => craft({ aud: 'someone-else' })],
    ['a malformed token', async () => 'not.a.jwt'],
  ])('answers 401 with a problem document for %s, without invoking the handler', async (_name, token) => {
    const t = await token();
    const res = await fetch(`${gateway.url}/cases`, { headers: t ? { authorization: `Bearer ${t}` } : {} });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect(events).toHaveLength(0);
  });

  it("passes a valid token's claims to the handler in an HTTP API payload 2.0 event", async () => {
    const token = await signLocalToken({ role: 'supervisor', sub: 'sam', email: 'sam@exchange.example' }, SECRET);
    const res = await fetch(`${gateway.url}/cases?status=open&status=pending&q=a%20b`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'X-Request-Thing': 'Yes',
        'content-type': 'application/json',
        cookie: 'a=1; b=2',
      },
      body: JSON.stringify({ note: 'hello' }),
    });
    expect(res.status).toBe(200);
    const event = events[0] as APIGatewayProxyEventV2WithJWTAuthorizer;
    expect(event).toMatchObject({
      version: '2.0',
      rawPath: '/cases',
      rawQueryString: 'status=open&status=pending&q=a%20b',
      queryStringParameters: { status: 'open,pending', q: 'a b' },
      cookies: ['a=1', 'b=2'],
      body: '{"note":"hello"}',
      isBase64Encoded: false,
    });
    expect(event.headers['x-request-thing']).toBe('Yes');
    expect(event.requestContext.http).toMatchObject({ method: 'POST', path: '/cases', sourceIp: '127.0.0.1' });
    expect(event.requestContext.authorizer.jwt.claims).toMatchObject({
      sub: 'sam',
      email: 'sam@exchange.example',
      'cognito:groups': '[supervisor]',
      iss: LOCAL_ISSUER,
      aud: LOCAL_AUDIENCE,
    });
  });

  it('lets public routes through without a token and without an authorizer context', async () => {
    for (const path of ['/healthz', '/openapi.json', '/feedback/abc']) {
      const res = await fetch(`${gateway.url}${path}`);
      expect(res.status).toBe(200);
    }
    expect(events.map((e) => e.rawPath)).toEqual(['/healthz', '/openapi.json', '/feedback/abc']);
    expect(events.every((e) => !('authorizer' in e.requestContext))).toBe(true);
  });

  it('base64-encodes a binary request body and decodes a base64 response with headers and cookies', async () => {
    reply = {
      statusCode: 201,
      headers: { 'Content-Type': 'application/octet-stream', ETag: '"v3"' },
      cookies: ['x=1', 'y=2'],
      isBase64Encoded: true,
      body: Buffer.from([0, 1, 2, 255]).toString('base64'),
    };
    const res = await fetch(`${gateway.url}/feedback/bin`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array([9, 8, 7]),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"v3"');
    expect(res.headers.getSetCookie()).toEqual(['x=1', 'y=2']);
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0, 1, 2, 255]);
    expect(events[0]).toMatchObject({ isBase64Encoded: true, body: Buffer.from([9, 8, 7]).toString('base64') });
  });

  it('answers 413 to a body over the limit without invoking the handler', async () => {
    const res = await fetch(`${gateway.url}/feedback/big`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(5000),
    });
    expect(res.status).toBe(413);
    expect(events).toHaveLength(0);
  });

  it('answers 500 like API Gateway when the handler throws', async () => {
    const failing = await startGateway({
      port: 0,
      jwtSecret: SECRET,
      log: silentLogger(),
      handler: async () => {
        throw new Error('boom');
      },
    });
    try {
      const res = await fetch(`${failing.url}/healthz`);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ message: 'Internal Server Error' });
    } finally {
      await failing.stop();
    }
  });

  it('mints a local token for the console sign-in, the same the gateway then accepts', async () => {
    const res = await fetch(`${gateway.url}/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'supervisor', sub: 'sam' }),
    });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    expect(await verifyLocalToken(token, SECRET)).toMatchObject({ sub: 'sam', 'cognito:groups': ['supervisor'] });
    const authed = await fetch(`${gateway.url}/cases`, { headers: { authorization: `Bearer ${token}` } });
    expect(authed.status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('refuses to mint for an unknown role or a user name with line breaks', async () => {
    for (const body of [
      { role: 'admin', sub: 'sam' },
      { role: 'agent', sub: 'sam\r\nx' },
    ]) {
      const res = await fetch(`${gateway.url}/local/token`, { method: 'POST', body: JSON.stringify(body) });
      expect(res.status).toBe(400);
    }
    expect(events).toHaveLength(0);
  });
});

describe('local API gateway throttling', () => {
  it('throttles public routes with their own bucket, leaving authenticated routes alone', async () => {
    let calls = 0;
    const gw = await startGateway({
      port: 0,
      jwtSecret: SECRET,
      log: silentLogger(),
      publicThrottle: { ratePerSecond: 0.001, burst: 3 },
      handler: async () => {
        calls++;
        return { statusCode: 200, body: '{}' };
      },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await fetch(`${gw.url}/feedback/abc`)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const token = await signLocalToken({ role: 'agent' }, SECRET);
      expect((await fetch(`${gw.url}/cases`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      expect(calls).toBe(4);
    } finally {
      await gw.stop();
    }
  });
});
