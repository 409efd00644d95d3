import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { BUNDLE_SIDE_FILES, esbuildOptions } from '../../lib/bundling';
import { MailparserMimeParser } from '../../lambdas/adapters/mime/parse';
import { sanitiseHtml } from '../../lambdas/core/html-sanitiser';
import { loadCorpus, CORPUS_DIR } from '../../bench/corpus';

const PARSER = resolve(__dirname, '..', '..', 'lambdas', 'adapters', 'mime', 'parse');
const SANITISER = resolve(__dirname, '..', '..', 'lambdas', 'core', 'html-sanitiser');

/** What the intake keeps of a mail: subject, text and sanitised HTML (the bundled entry below does the same). */
async function readMail(raw: Buffer): Promise<{ subject: string; text: string; html?: string } | { refused: string }> {
  try {
    const m = await new MailparserMimeParser().parse(raw);
    return { subject: m.subject, text: m.text, ...(m.html ? { html: sanitiseHtml(m.html) } : {}) };
  } catch (err) {
    return { refused: String(err) };
  }
}

/**
 * Bundles the intake's MIME parser and HTML sanitiser with the handlers' settings, as a Lambda asset
 * directory: the bundle reads the files named on its command line and prints what {@link readMail} gives.
 */
function bundleParser(dir: string, withSideFiles: boolean): void {
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { readFileSync } from 'node:fs';
     import { MailparserMimeParser } from ${JSON.stringify(PARSER)};
     import { sanitiseHtml } from ${JSON.stringify(SANITISER)};
     async function readMail(raw: Buffer) {
       try {
         const m = await new MailparserMimeParser().parse(raw);
         return { subject: m.subject, text: m.text, ...(m.html ? { html: sanitiseHtml(m.html) } : {}) };
       } catch (err) {
         return { refused: String(err) };
       }
     }
     (async () => {
       const out = [];
       for (const f of process.argv.slice(2)) out.push(await readMail(readFileSync(f)));
       process.stdout.write(JSON.stringify(out));
     })();`,
  );
  buildSync({ ...esbuildOptions(), entryPoints: [entry], outfile: join(dir, 'index.mjs') });
  if (withSideFiles) for (const f of BUNDLE_SIDE_FILES) cpSync(f.from, join(dir, f.to), { recursive: true });
}

/** 提现未到账 and 您好，我昨天申请了提现。 in GBK (simplified Chinese mail that is not UTF-8). */
const GBK_SUBJECT = Buffer.from('cce1cfd6ceb4b5bdd5cb', 'hex');
const GBK_TEXT = Buffer.from('c4fabac3a3acced2d7f2ccecc9eac7ebc1cbcce1cfd6a1a3', 'hex');

function gbkMail(): Buffer {
  const head = Buffer.from(
    'From: customer@example.com\r\nTo: support@exchange.example\r\nSubject: =?GBK?B?' +
      GBK_SUBJECT.toString('base64') +
      '?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=GBK\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
  );
  return Buffer.concat([head, GBK_TEXT, Buffer.from('\r\n')]);
}

describe('handler bundles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'docket-bundle-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (files: string[]) =>
    spawnSync(process.execPath, [join(dir, 'index.mjs'), ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const gbkFile = () => {
    const f = join(dir, 'gbk.eml');
    writeFileSync(f, gbkMail());
    return f;
  };

  it('decode a legacy CJK charset with the code tables shipped next to the bundle, not inside it', () => {
    bundleParser(dir, true);
    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(code).toContain('"./tables/cp936.json"');
    expect(code).not.toContain('丂丄丅丆丏'); // the first row of that table
    const r = run([gbkFile()]);
    expect(r.stderr).toBe('');
    const [parsed] = JSON.parse(r.stdout) as [{ subject: string; text: string }];
    expect({ subject: parsed.subject, text: parsed.text.trim() }).toEqual({
      subject: '提现未到账',
      text: '您好，我昨天申请了提现。',
    });
  });

  it('need those tables at run time (so the copy step is not optional)', () => {
    bundleParser(dir, false);
    const r = run([gbkFile()]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/tables/);
  });

  it('read every corpus mail as the unbundled code does (shared and stubbed dependencies change nothing)', async () => {
    bundleParser(dir, true);
    const corpus = loadCorpus();
    const r = run(corpus.map((m) => join(CORPUS_DIR, m.name)));
    expect(r.stderr).toBe('');
    const bundled = JSON.parse(r.stdout) as unknown[];
    const direct: unknown[] = [];
    for (const m of corpus) direct.push(await readMail(m.raw));
    expect(direct.some((d) => typeof d === 'object' && d !== null && 'html' in d)).toBe(true);
    expect(bundled).toEqual(JSON.parse(JSON.stringify(direct)));
  }, 120_000);
});
