import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';

let browser: Browser;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>probe</title><button onclick="this.textContent=\'pressed\'">Press</button>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

describe('the Chromium that npm install provides', () => {
  it('loads a page and runs its script on a click', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByRole('button', { name: 'Press' }).click();
    await expect(page.getByRole('button').textContent()).resolves.toBe('pressed');
    await expect(page.title()).resolves.toBe('probe');
  });
});
