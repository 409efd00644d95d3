import type { ApiDeps } from '../../lambdas/app/api/api-deps';
import { actorFrom, parseGroups } from '../../lambdas/handlers/http/auth';
import { toProblem } from '../../lambdas/handlers/http/middleware/problem-errors';
import { dispatch, findRoute } from '../../lambdas/handlers/http/router';

describe('group parsing', () => {
  it.each([
    ['an array', ['agent', 'supervisor'], ['agent', 'supervisor']],
    ["API Gateway's flattened form", '[agent supervisor]', ['agent', 'supervisor']],
    ['a flattened single group', '[auditor]', ['auditor']],
    ['a plain single group', 'agent', ['agent']],
  ])('reads %s', (_name, claim, roles) => {
    expect(parseGroups(claim)).toEqual(roles);
  });

  it.each([
    ['a comma inside one group name', ['helpdesk,supervisor']],
    ['a comma inside the flattened form', '[helpdesk,supervisor]'],
    ['a comma list', 'agent,supervisor'],
    ['a longer name', '[supervisor-trainee]'],
    ['a name with surrounding text', ['x supervisor']],
    ['a number', 7],
    ['nothing', undefined],
  ])('grants nothing for %s', (_name, claim) => {
    expect(parseGroups(claim)).toEqual([]);
  });

  it('takes the subject as the actor and its roles from the claim', () => {
    const actor = actorFrom({
      requestContext: {
        authorizer: { jwt: { claims: { sub: 's1', 'cognito:groups': '[helpdesk,supervisor agent]' } } },
      },
    });
    expect(actor).toEqual({ sub: 's1', roles: ['agent'] });
  });
});

describe('paths', () => {
  it('decodes path parameters once', () => {
    expect(findRoute('GET', '/cases/k7qm%204tzx').params).toEqual({ tracking: 'k7qm 4tzx' });
  });

  it.each(['/cases/%E0%A4%A', '/cases/%zz', '/notices/%'])(
    'answers 400, not 500, to a malformed escape in %s',
    async (path) => {
      const method = path.startsWith('/notices') ? 'DELETE' : 'GET';
      const claims = { sub: 's1', 'cognito:groups': '[supervisor]' };
      const err = await dispatch(
        { method, path, query: {}, headers: {}, body: undefined, claims },
        {} as ApiDeps,
      ).catch((e: unknown) => e);
      const { response, unexpected } = toProblem(err);
      expect(unexpected).toBe(false);
      expect(response.statusCode).toBe(400);
      expect(JSON.parse(response.body as string).detail).toMatch(/percent-escape/);
    },
  );
});
