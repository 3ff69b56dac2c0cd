// What the page promises about data, checked: the headers a static host sends, exports that cannot run
// formulas in a spreadsheet, and view files that say when they hold log data.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, waitForMap, dist, serverAndBrowser } from './fixture.mjs';

let dir;
const env = serverAndBrowser();
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-privacy-'));
});

test('dist/ ships a headers file with the page\'s policy, no framing and no sniffing, and the server sends it', async () => {
  const headers = await readFile(join(dist, '_headers'), 'utf8');
  const index = await readFile(join(dist, 'index.html'), 'utf8');
  const meta = index.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)[1].replace(/\s+/g, ' ').trim();
  const csp = headers.match(/Content-Security-Policy: (.+)/)[1];
  assert.ok(csp.startsWith(meta.replace(/;\s*$/, '')), 'the same policy as the page, plus what a meta tag cannot say');
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(headers, /X-Content-Type-Options: nosniff/);
  assert.doesNotMatch(headers, /__CONTENT_SECURITY_POLICY__/);
  const res = await fetch(env.server.url);
  assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
});

test('a CSV export starts with a BOM and neutralises formulas, even behind a ";"', async () => {
  const file = join(dir, 'formulas.csv');
  await writeFile(file, 'case,activity,timestamp\n1,Relance envoyée;=1+1;,2024-01-01\n1,=HYPERLINK("x"),2024-01-02\n2,Relance envoyée;=1+1;,2024-01-03\n');
  const { page, context } = await openApp(env.browser, env.server);
  await waitForMap(page);
  await page.setInputFiles('#file-input', file);
  await page.waitForSelector('#mapping-screen');
  await page.click('#mapping-confirm');
  await page.waitForFunction(() => /formulas\.csv/.test(document.querySelector('#log-title').textContent));
  await page.click('role=tab[name="Overview"]');
  await page.waitForSelector('#activities-table tbody tr');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[aria-label="Export activities.csv"]')]);
  const bytes = await readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM, so Excel shows accents');
  const text = bytes.subarray(3).toString('utf8');
  assert.match(text, /"'?Relance envoyée;=1\+1;"/, 'a field holding ";" is quoted');
  assert.doesNotMatch(text, /(^|[,;\n])=HYPERLINK/, 'no cell starts with =');
  assert.match(text, /'=HYPERLINK/);
  await context.close();
});

test('saving a view that holds case ids asks, and can save without them', async () => {
  const { page, context } = await openApp(env.browser, env.server);
  await waitForMap(page);
  await page.click('role=tab[name="Collections"]');
  await page.waitForSelector('#drill-slowest');
  await page.click('#drill-slowest');
  await page.waitForSelector('#filter-bar .chip');
  await page.click('#save-view');
  await page.waitForSelector('#save-view-choice');
  assert.match(await page.locator('#save-view-choice').innerText(), /holds log data: \d+ case ids/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-view-without-data')]);
  const view = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(view.contains_log_data, []);
  assert.equal(view.filters.items.length, 0);
  assert.ok(!JSON.stringify(view).includes('INV-'), 'no invoice number in the file');
  await context.close();
});
