import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MailparserMimeParser } from '../../lambdas/adapters/mime/parse';
import { sanitiseHtml } from '../../lambdas/core/html-sanitiser';
import { classify, type Classification } from '../../lambdas/core/intake/classify';
import { detectLanguage } from '../../lambdas/core/intake/language';
import { MailParseError } from '../../lambdas/core/intake/parsed-mail';
import { categorise } from '../../lambdas/core/intake/topic';
import { EXAMPLE_PROFILE } from '../../lambdas/core/firm-profile';

/**
 * Every message of the shared real-world corpus (../shared/corpus) goes through the parser, the classifier
 * and the other pure intake stages: none may throw anything but a typed MailParseError, and the corpus
 * MANIFEST's machine categories must never be acknowledged.
 */
const CORPUS = join(__dirname, '../../../shared/corpus');

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : name.endsWith('.eml') ? [path] : [];
    });
}

const describeCorpus = existsSync(join(CORPUS, 'MANIFEST.tsv')) ? describe : describe.skip;

describeCorpus('the shared corpus', () => {
  const files = existsSync(CORPUS) ? walk(join(CORPUS, 'messages')) : [];
  const categories = new Map<string, string[]>();
  const results = new Map<string, Classification | MailParseError>();

  beforeAll(async () => {
    for (const line of readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1)) {
      const [file, , , , category] = line.split('\t');
      if (file && category !== undefined) categories.set(join(CORPUS, file), category.split(' '));
    }
    const parser = new MailparserMimeParser();
    for (const file of files) {
      try {
        const mail = await parser.parse(readFileSync(file));
        results.set(file, classify(mail, EXAMPLE_PROFILE));
        detectLanguage(mail.text, mail.subject);
        categorise(mail.text, mail.subject);
        if (mail.html) sanitiseHtml(mail.html);
      } catch (err) {
        if (!(err instanceof MailParseError)) throw new Error(`${file}: ${String(err)}`, { cause: err });
        results.set(file, err);
      }
    }
    const counts: Record<string, number> = {};
    for (const r of results.values()) {
      const key = r instanceof MailParseError ? `parse_error:${r.reason}` : `${r.kind}${r.acknowledge ? ' (ack)' : ''}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    console.table(counts);
  }, 60_000);

  it('parses and classifies every message, or refuses it with a typed reason', () => {
    expect(files.length).toBeGreaterThan(400);
    expect(results.size).toBe(files.length);
    expect(files.every((f) => categories.has(f))).toBe(true);
  });

  it.each(['bounce', 'auto-reply', 'list'])('acknowledges no message the MANIFEST files under %s', (category) => {
    const tagged = files.filter((f) => categories.get(f)?.includes(category));
    expect(tagged.length).toBeGreaterThan(10);
    const answered = tagged.filter((f) => {
      const r = results.get(f);
      return r !== undefined && !(r instanceof MailParseError) && r.acknowledge;
    });
    expect(answered.map((f) => f.slice(CORPUS.length + 1))).toEqual([]);
  });

  it('still acknowledges most ordinary mail (machine rules do not swallow people)', () => {
    const people = files.filter((f) => {
      const c = categories.get(f) ?? [];
      return !['bounce', 'auto-reply', 'list', 'spam', 'malformed'].some((x) => c.includes(x));
    });
    const acknowledged = people.filter((f) => {
      const r = results.get(f);
      return r !== undefined && !(r instanceof MailParseError) && r.acknowledge;
    });
    expect(acknowledged.length / people.length).toBeGreaterThan(0.8);
  });
});
