import openapi from '../../openapi.json';
import { ROUTES } from '../../lambdas/app/api/router';

const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

describe('openapi.json', () => {
  const documented = Object.entries(openapi.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, ops]) => METHODS.filter((m) => m in ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
  const served = ROUTES.map((r) => `${r.method} ${r.path}`).sort();

  it('documents every route the router serves, and no other', () => {
    expect(documented).toEqual(served);
  });

  it('marks exactly the public routes as needing no token', () => {
    const paths = openapi.paths as Record<string, Record<string, { security?: unknown[] }>>;
    for (const r of ROUTES) {
      const op = paths[r.path]![r.method.toLowerCase()]!;
      expect({
        route: `${r.method} ${r.path}`,
        public: Array.isArray(op.security) && op.security.length === 0,
      }).toEqual({ route: `${r.method} ${r.path}`, public: r.access === 'public' });
    }
  });

  it('is OpenAPI 3.1', () => {
    expect(openapi.openapi).toMatch(/^3\.1\./);
  });
});
