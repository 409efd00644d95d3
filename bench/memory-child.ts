import { readFileSync } from 'node:fs';
import { MailparserMimeParser } from '../lambdas/adapters/mime/parse';
import { EXAMPLE_PROFILE } from '../lambdas/core/firm-profile';
import { classify } from '../lambdas/core/intake/classify';

/**
 * Child process of the memory section: reads the message named in argv[2], parses and classifies it, and
 * prints one JSON line with the RSS before and the peak RSS (sampled every 5 ms, and the kernel's maxRSS).
 */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: memory-child <message.eml>');
  const raw = readFileSync(file);
  const baselineRss = process.memoryUsage().rss;
  let sampledPeak = baselineRss;
  const timer = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
  }, 5);
  const t0 = Date.now();
  const parsed = await new MailparserMimeParser().parse(raw);
  const c = classify(parsed, EXAMPLE_PROFILE);
  const ms = Date.now() - t0;
  clearInterval(timer);
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
  const maxRss = process.resourceUsage().maxRSS * 1024; // kilobytes on Linux
  process.stdout.write(
    `${JSON.stringify({ rawBytes: raw.length, baselineRss, sampledPeak, maxRss, ms, kind: c.kind, attachments: parsed.attachments.length })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
