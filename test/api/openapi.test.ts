import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dispatch, ROUTES } from '../../lambdas/handlers/http/router';
import type { ApiDeps } from '../../lambdas/app/api/api-deps';
import { openApiText } from '../../local/openapi';

const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown[]; parameters?: { name: string; in: string }[] }>>;
};

/** The document as the API serves it (the route needs no ports). */
async function served(): Promise<Doc> {
  const res = await dispatch(
    { method: 'GET', path: '/openapi.json', query: {}, headers: {}, body: undefined },
    {} as ApiDeps,
  );
  expect(res.statusCode).toBe(200);
  return JSON.parse(res.body as string) as Doc;
}

describe('the served OpenAPI document', () => {
  it('documents every route the router serves, and no other', async () => {
    const doc = await served();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => METHODS.filter((m) => m in ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('marks exactly the public routes as needing no token', async () => {
    const doc = await served();
    for (const r of ROUTES) {
      const op = doc.paths[r.path]![r.method.toLowerCase()]!;
      expect({
        route: `${r.method} ${r.path}`,
        public: Array.isArray(op.security) && op.security.length === 0,
      }).toEqual({
        route: `${r.method} ${r.path}`,
        public: r.access === 'public',
      });
    }
  });

  it('names every path parameter of every templated path', async () => {
    const doc = await served();
    for (const r of ROUTES) {
      const names = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const op = doc.paths[r.path]![r.method.toLowerCase()]!;
      expect((op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)).toEqual(names);
    }
  });

  it('describes one notice schema: the declaration body is the stored notice without its id', async () => {
    const doc = (await served()) as unknown as { paths: Record<string, any> };
    const body = doc.paths['/notices']!.post.requestBody.content['application/json'].schema;
    const stored =
      doc.paths['/notices']!.get.responses['200'].content['application/json'].schema.properties.items.items;
    const { id: _id, ...storedFields } = stored.properties;
    const { broadcast: _b, ...bodyFields } = body.properties;
    expect(Object.keys(bodyFields).sort()).toEqual(Object.keys(storedFields).sort());
    expect(bodyFields.message).toEqual(storedFields.message);
  });

  it('is OpenAPI 3.1', async () => {
    expect((await served()).openapi).toMatch(/^3\.1\./);
  });

  it('is what the repository ships in openapi.json (run `npm run openapi` after changing a route)', async () => {
    const onDisk = readFileSync(join(__dirname, '../../openapi.json'), 'utf8');
    expect(onDisk).toBe(openApiText());
    expect(JSON.parse(onDisk)).toEqual(await served());
  });
});
