import type { SendWindowStore } from '../../lambdas/core/send-budget';

/**
 * What every send-budget window store must do, run against the in-memory fake and DynamoDB Local: the
 * budget is only as good as "no place is handed out twice, none above the limit".
 */
export function sendWindowStoreContract(name: string, make: () => Promise<SendWindowStore> | SendWindowStore): void {
  describe(`send window store (${name})`, () => {
    let store: SendWindowStore;
    // Far from any real second so runs never share a window.
    let second = 4_000_000_000 + Math.floor(Math.random() * 1_000_000) * 10;
    beforeAll(async () => {
      store = await make();
    });
    beforeEach(() => {
      second += 10;
    });

    it('hands out places 0, 1, 2 ... up to the limit, then none', async () => {
      const got = [];
      for (let i = 0; i < 4; i++) got.push(await store.take(second, 3, 0));
      expect(got).toEqual([0, 1, 2, undefined]);
      expect(await store.taken(second)).toBe(3);
      expect(await store.take(second + 1, 3, 0)).toBe(0);
    });

    it('never gives one place twice to concurrent takers, and never more than the limit', async () => {
      const got = await Promise.all(Array.from({ length: 25 }, () => store.take(second, 10, 0)));
      const places = got.filter((p): p is number => p !== undefined).sort((a, b) => a - b);
      expect(places).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(got.filter((p) => p === undefined)).toHaveLength(15);
    });

    it('skips places below `from` and continues above the highest taken', async () => {
      expect(await store.take(second, 10, 4)).toBe(4);
      expect(await store.take(second, 10, 2)).toBe(5);
      expect(await store.take(second, 10, 8)).toBe(8);
      expect(await store.take(second, 10, 0)).toBe(9);
      expect(await store.take(second, 10, 0)).toBeUndefined();
      expect(await store.take(second + 1, 5, 5)).toBeUndefined();
      expect(await store.taken(second + 1)).toBe(0);
    });

    it('reads an untouched window as empty', async () => {
      expect(await store.taken(second)).toBe(0);
    });
  });
}
