import { performance } from 'node:perf_hooks';
import { simpleParser } from 'mailparser';
import { MailparserMimeParser } from '../lambdas/adapters/mime/parse';
import { sanitiseHtml } from '../lambdas/core/html-sanitiser';
import { EXAMPLE_PROFILE } from '../lambdas/core/firm-profile';
import { classify } from '../lambdas/core/intake/classify';
import { caseTraits } from '../lambdas/core/intake/case-traits';
import type { CorpusMessage } from './corpus';
import { median, progress } from './stats';

export interface ParseCostResult {
  readonly messages: number;
  readonly rounds: number;
  readonly bareRoundsMs: number[];
  readonly intakeRoundsMs: number[];
  readonly bareMsgPerSec: number;
  readonly intakeMsgPerSec: number;
  /** Median intake time / median bare time. */
  readonly ratio: number;
  /** Median in-process intake cost per message (ms), used by the cost estimate. */
  readonly intakeMsPerMessage: number;
  /** Messages the intake parser refused (MailParseError): they still cost a parse attempt. */
  readonly refused: number;
}

async function bareRound(corpus: readonly CorpusMessage[]): Promise<number> {
  const t0 = performance.now();
  for (const m of corpus) {
    try {
      await simpleParser(m.raw);
    } catch {
      /* malformed corpus input: the time still counts */
    }
  }
  return performance.now() - t0;
}

async function intakeRound(corpus: readonly CorpusMessage[]): Promise<{ ms: number; refused: number }> {
  const parser = new MailparserMimeParser();
  let refused = 0;
  const t0 = performance.now();
  for (const m of corpus) {
    try {
      const parsed = await parser.parse(m.raw);
      // As a new case: language and topic come from what the sender wrote, not from machine answers.
      caseTraits(parsed, classify(parsed, EXAMPLE_PROFILE).kind);
      if (parsed.html) sanitiseHtml(parsed.html);
    } catch {
      refused++;
    }
  }
  return { ms: performance.now() - t0, refused };
}

/** Bare `simpleParser` vs the intake's in-process work (parse + classify + language and topic as for a new case + sanitise), no I/O. */
export async function measureParseCost(corpus: readonly CorpusMessage[], rounds = 3): Promise<ParseCostResult> {
  progress(`parse cost: warm-up over ${corpus.length} messages`);
  await bareRound(corpus);
  await intakeRound(corpus);
  const bare: number[] = [];
  const intake: number[] = [];
  let refused = 0;
  for (let r = 0; r < rounds; r++) {
    // Alternate so neither side always runs on a warmer heap.
    bare.push(await bareRound(corpus));
    const i = await intakeRound(corpus);
    intake.push(i.ms);
    refused = i.refused;
    progress(`parse cost round ${r + 1}/${rounds}: bare ${bare[r]!.toFixed(0)} ms, intake ${i.ms.toFixed(0)} ms`);
  }
  const b = median(bare);
  const i = median(intake);
  return {
    messages: corpus.length,
    rounds,
    bareRoundsMs: bare,
    intakeRoundsMs: intake,
    bareMsgPerSec: (corpus.length / b) * 1000,
    intakeMsgPerSec: (corpus.length / i) * 1000,
    ratio: i / b,
    intakeMsPerMessage: i / corpus.length,
    refused,
  };
}
