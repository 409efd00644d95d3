import fc from 'fast-check';
import { processInbound } from '../../lambdas/app/intake/process-inbound';
import { MAX_THREAD_LOOKUPS } from '../../lambdas/core/intake/threading';
import { generateTrackingNumber } from '../../lambdas/core/tracking-number';
import { inMemoryIntake } from './in-memory-intake-deps';

/** "Well under a second" on a shared 2-core machine: the budget each hostile mail must stay within. */
const BUDGET_MS = 1_000;
const seed = Number(process.env.FUZZ_SEED ?? 20261202);

/** Folds a long header value the way a client would (RFC 5322 §2.2.3), so the parser sees real lines. */
const fold = (words: readonly string[]): string => words.join('\r\n ');

function mail(headers: string, body = 'Where is my withdrawal?'): string {
  return `From: Mallory <mallory@customer.example>\r\nTo: support@exchange.example\r\nMessage-ID: <${Math.random().toString(36).slice(2)}@customer.example>\r\n${headers}\r\n\r\n${body}\r\n`;
}

async function timeOne(raw: string): Promise<{ ms: number; reads: number; kind: string }> {
  const t = inMemoryIntake();
  const key = t.store('m1', raw);
  const started = performance.now();
  const outcome = await processInbound({ key, sesMessageId: 'm1' }, t.deps);
  return { ms: performance.now() - started, reads: t.repo.reads, kind: outcome.kind };
}

describe('bounded intake work on hostile mail', () => {
  const timings: Record<string, number> = {};
  // Keyword tables and the language model compile on first use: measure steady-state work, not that.
  beforeAll(() => timeOne(mail('Subject: My withdrawal is stuck')));
  afterAll(() => console.log(`bounded intake, worst ms: ${JSON.stringify(timings)}`));
  const check = async (label: string, raw: string): Promise<void> => {
    const r = await timeOne(raw);
    timings[label] = Math.max(timings[label] ?? 0, Math.round(r.ms));
    expect(r.kind).toBe('case_opened');
    expect(r.reads).toBeLessThanOrEqual(2 * MAX_THREAD_LOOKUPS);
    expect(r.ms).toBeLessThan(BUDGET_MS);
  };

  it('handles a 250 KB subject in well under a second', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('Re: ', 'aaaa', '[', ' ', 'x@y', 'http://', 'Fw:', 'é', '测'),
        fc.string({ minLength: 1, maxLength: 8 }),
        async (unit, noise) => {
          const words: string[] = [];
          for (let size = 0; size < 250_000; size += 80)
            words.push((unit + noise).repeat(Math.ceil(78 / (unit.length + noise.length + 1))).slice(0, 78));
          await check('subject', mail(`Subject: ${fold(words)}`));
        },
      ),
      { numRuns: 4, seed },
    );
  }, 60_000);

  it('handles a 10,000-entry References header with bounded lookups', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-z0-9]{4,12}$/), async (stem) => {
        const ids = Array.from({ length: 10_000 }, (_, i) => `<${stem}.${i}@customer.example>`);
        await check('references', mail(`Subject: any news?\r\nIn-Reply-To: ${ids[9_999]}\r\nReferences: ${fold(ids)}`));
      }),
      { numRuns: 3, seed },
    );
  }, 60_000);

  it('handles 5,000 tracking-number-shaped tokens in subject and body with bounded lookups', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), async (n) => {
        let x = n;
        const random = (max: number): number => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) % max;
        const tokens = Array.from({ length: 5_000 }, () => generateTrackingNumber(random));
        await check('tracking tokens', mail(`Subject: ${fold(tokens)}`, tokens.join(' ')));
      }),
      { numRuns: 3, seed },
    );
  }, 60_000);
});
