import { eventually, EventuallyTimeoutError } from './eventually';

describe('eventually', () => {
  it('returns the value of the first attempt that passes', async () => {
    let calls = 0;
    const value = await eventually(
      () => {
        calls += 1;
        if (calls < 3) throw new Error(`not yet (${calls})`);
        return 'done';
      },
      { intervalMs: 1 },
    );
    expect(value).toBe('done');
    expect(calls).toBe(3);
  });

  it('awaits an async assertion', async () => {
    let calls = 0;
    await expect(
      eventually(async () => ++calls >= 2 || Promise.reject(new Error('no')), { intervalMs: 1 }),
    ).resolves.toBe(true);
  });

  it('throws the last assertion error with the description on timeout', async () => {
    let calls = 0;
    const failure = eventually(
      () => {
        calls += 1;
        expect(calls).toBe(-1);
      },
      { timeoutMs: 30, intervalMs: 5, description: 'the case record exists' },
    );
    await expect(failure).rejects.toBeInstanceOf(EventuallyTimeoutError);
    const error = (await failure.catch((e: unknown) => e)) as EventuallyTimeoutError;
    expect(error.message).toMatch(/^the case record exists: still failing after 30 ms/);
    expect(error.message).toContain('toBe');
    expect(error.attempts).toBe(calls);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('tries once more at the deadline, so a slow first attempt is not lost', async () => {
    let calls = 0;
    const value = await eventually(
      async () => {
        calls += 1;
        if (calls === 1) {
          await new Promise((r) => setImmediate(r));
          const until = performance.now() + 20;
          while (performance.now() < until); // a first attempt slower than the whole timeout
          throw new Error('slow and failing');
        }
        return calls;
      },
      { timeoutMs: 10, intervalMs: 1000 },
    );
    expect(value).toBe(2);
  });
});
