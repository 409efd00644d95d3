import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { MailparserMimeParser } from '../../lambdas/adapters/mime/parse';
import { sanitiseHtml } from '../../lambdas/core/html-sanitiser';
import { classify, type Classification } from '../../lambdas/core/intake/classify';
import { detectLanguage } from '../../lambdas/core/intake/language';
import { MailParseError } from '../../lambdas/core/intake/parsed-mail';
import { categorise } from '../../lambdas/core/intake/topic';
import { EXAMPLE_PROFILE } from '../../lambdas/core/firm-profile';
import { CORPUS_ROOT, corpusManifest, listEml } from '../support/corpus';

/**
 * Every message of the vendored real-world corpus (test/fixtures/corpus) goes through the parser, the
 * classifier and the other pure intake stages: none may throw anything but a typed MailParseError, and the
 * corpus MANIFEST's machine categories must never be acknowledged.
 */
describe('the real-world corpus', () => {
  const manifest = corpusManifest();
  const files = listEml();
  const categories = new Map(manifest.map((e) => [e.file, e.categories]));
  const results = new Map<string, Classification | MailParseError>();

  beforeAll(async () => {
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

  it('has exactly the files its manifest lists, each with a source and a permissive licence', () => {
    expect(files.length).toBeGreaterThan(300);
    expect(files).toEqual(manifest.map((e) => e.file).sort());
    for (const e of manifest) {
      expect(e.sourceRepo).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(e.sourcePath).not.toBe('');
      expect(e.license).toMatch(/MIT|BSD|Apache|PSF/);
      expect(e.license).not.toMatch(/GPL|Artistic/);
    }
  });

  it('parses and classifies every message, or refuses it with a typed reason', () => {
    expect(results.size).toBe(files.length);
  });

  it.each(['bounce', 'auto-reply', 'list'])('acknowledges no message the MANIFEST files under %s', (category) => {
    const tagged = files.filter((f) => categories.get(f)?.includes(category));
    expect(tagged.length).toBeGreaterThan(10);
    const answered = tagged.filter((f) => {
      const r = results.get(f);
      return r !== undefined && !(r instanceof MailParseError) && r.acknowledge;
    });
    expect(answered.map((f) => relative(CORPUS_ROOT, f))).toEqual([]);
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
