import type { SendWindowStore } from '../../lambdas/core/send-budget';

/** The send budget's windows in memory, with the DynamoDB adapter's semantics (test/contracts). */
export class InMemorySendWindowStore implements SendWindowStore {
  private readonly windows = new Map<number, number>();

  async take(second: number, limit: number, from: number): Promise<number | undefined> {
    const taken = this.windows.get(second) ?? 0;
    const place = Math.max(taken, from);
    if (place >= limit) return undefined;
    this.windows.set(second, place + 1);
    return place;
  }

  async taken(second: number): Promise<number> {
    return this.windows.get(second) ?? 0;
  }
}
