import { inMemoryAckBudget } from '../fakes/ack-counters';
import { readFileSync } from 'node:fs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import { MailparserMimeParser } from '../../lambdas/adapters/mime/parse';
import { processInbound } from '../../lambdas/app/intake/process-inbound';
import { EXAMPLE_PROFILE } from '../../lambdas/core/firm-profile';
import { sanitiseHtml } from '../../lambdas/core/html-sanitiser';
import { classify } from '../../lambdas/core/intake/classify';
import { detectLanguage } from '../../lambdas/core/intake/language';
import { MailParseError } from '../../lambdas/core/intake/parsed-mail';
import { categorise } from '../../lambdas/core/intake/topic';
import { listEml } from '../support/corpus';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { applyMutations, mutationArb } from './mutate';

const corpus = listEml().map((f) => readFileSync(f));
const parser = new MailparserMimeParser();
const seed = Number(process.env.FUZZ_SEED ?? 20261123);
const runs = Number(process.env.FUZZ_RUNS ?? 600);

const messageArb = fc
  .tuple(fc.integer({ min: 0, max: corpus.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
  .map(([i, muts]) => applyMutations(corpus[i]!, muts));

describe('fuzzing the intake with mutated corpus messages', () => {
  it('parses and decides on every mutation, or refuses it with a typed MailParseError', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(messageArb, async (raw) => {
        try {
          const mail = await parser.parse(raw);
          classify(mail, EXAMPLE_PROFILE);
          categorise(mail.text, mail.subject);
          detectLanguage(mail.text, mail.subject);
          if (mail.html) sanitiseHtml(mail.html);
        } catch (err) {
          if (!(err instanceof MailParseError)) throw err;
          refused++;
        }
      }),
      { numRuns: runs, seed },
    );
    console.log(`fuzz: ${runs} mutated messages, ${refused} refused with MailParseError (seed ${seed})`);
  }, 120_000);

  describe('through the real use case against the local parts', () => {
    let t: TestEnv;
    beforeAll(async () => {
      t = await createTestEnv();
      process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
    });
    afterAll(() => t.dispose());

    it('ends every mutated message as a case, a threaded message or a quarantined record', async () => {
      const { buildContainer } = await import('../../lambdas/shared/container');
      const deps = { ...(await buildContainer('intake')), parser, ackBudget: inMemoryAckBudget() };
      const repo = new DynamoCaseRepository(t.clients.doc, t.resources.tableName);
      const samples = fc.sample(messageArb, { numRuns: 120, seed });
      let i = 0;
      for (const raw of samples) {
        const id = `fuzz${String(i++).padStart(5, '0')}`;
        await t.clients.s3.send(new PutObjectCommand({ Bucket: t.resources.bucket, Key: `inbound/${id}`, Body: raw }));
        const outcome = await processInbound({ key: `inbound/${id}`, sesMessageId: id }, deps);
        const recorded =
          outcome.kind === 'quarantined' ? await repo.getQuarantine(id) : await repo.findIdempotencyKey(`SES#${id}`);
        expect(recorded).toBeDefined();
      }
    }, 180_000);
  });
});
