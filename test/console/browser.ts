import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium as playwright, type Browser } from 'playwright-core';

/** The variable through which Jest's globalSetup hands the unpacked Chromium's path to the test workers. */
export const CHROMIUM_VAR = 'DOCKET_TEST_CHROMIUM';

/**
 * Unpacks the Chromium that `@sparticuz/chromium` ships inside its npm package (so a fresh `npm ci` is
 * all a machine needs: no apt, no browser download) into a folder of our own and returns the binary.
 * The package unpacks into `os.tmpdir()` and trusts whatever it finds there, so two processes unpacking
 * at once could run a half-written binary: unpack into a private folder, then rename it into place (atomic;
 * the loser of a race uses the winner's copy).
 */
export async function prepareChromium(): Promise<string> {
  const { default: sparticuz } = await import('@sparticuz/chromium');
  // The package does not export its package.json; its version names our folder, so an upgrade unpacks anew.
  const manifest = join(dirname(require.resolve('@sparticuz/chromium')), '..', '..', 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const home = join(tmpdir(), `docket-chromium-${version}`);
  const binary = join(home, 'chromium');
  if (existsSync(binary)) return binary;
  const scratch = mkdtempSync(join(tmpdir(), 'docket-chromium-unpack-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = scratch; // the package unpacks into os.tmpdir(), read at call time
  try {
    await sparticuz.executablePath();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  try {
    renameSync(scratch, home);
  } catch {
    rmSync(scratch, { recursive: true, force: true }); // another process won the race
  }
  return binary;
}

/** Launches headless Chromium (the one globalSetup unpacked) with the flags a closed-network sandbox needs. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env[CHROMIUM_VAR] ?? (await prepareChromium());
  return playwright.launch({
    executablePath,
    headless: true,
    // Not the package's own flag list: it turns off the same-origin policy (`--disable-web-security`), and the
    // console's tests must run under the protections a real browser has (sandboxed frames, CSP, SOP).
    args: [
      '--no-sandbox', // root in CI containers has no user namespace for Chromium's sandbox
      '--no-zygote',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      // A closed network: without these Chromium retries Google's hosts at every start.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
