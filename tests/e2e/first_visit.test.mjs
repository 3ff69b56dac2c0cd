// The first visit downloads at most 1 MB of gzipped wasm before the first map (issue 19): the page's wasm,
// which also runs the first map's engine in a worker (the page hands it the compiled module: no second
// download). The full engine comes on the first use of another feature, given the same log and filters.
//
// Sizes: the bodies of the .wasm responses Chromium received (its network log, page and workers alike),
// each gzipped here at level 9 (`gzip -9`, as BENCHMARKS.md measures dist/): the static server of the
// tests sends files uncompressed, and a host that compresses sends about that many bytes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { openApp, waitForMap, num, serverAndBrowser } from './fixture.mjs';

const LIMIT = 1_000_000;

const env = serverAndBrowser();

/** Records every .wasm response of the context: { file, raw, gzip, when } in the order received. */
function recordWasm(context) {
  const got = [];
  context.on('response', async r => {
    const file = new URL(r.url()).pathname.split('/').pop();
    if (!file.endsWith('.wasm')) return;
    const entry = { file, raw: NaN, gzip: NaN };
    got.push(entry);
    try {
      const body = await r.body();
      entry.raw = body.length;
      entry.gzip = gzipSync(body, { level: 9 }).length;
    } catch (e) {
      entry.error = String(e);
    }
  });
  return got;
}

/** Waits until every recorded response has its size. */
async function sized(got) {
  for (let i = 0; i < 100 && got.some(e => Number.isNaN(e.raw) && !e.error); i++) await new Promise(r => setTimeout(r, 50));
  return got.map(e => ({ ...e }));
}

test('the first map comes with at most 1 MB of gzipped wasm; the full engine on first use, with the same log and filters', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  const got = recordWasm(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(env.server.url);
  await waitForMap(page);
  const first = await sized(got);
  const total = first.reduce((a, e) => a + e.gzip, 0);
  const table = first.map(e => `${e.file} ${e.raw} B raw, ${e.gzip} B gzip -9`).join('; ');
  console.log(`# first map: ${total} B of gzipped wasm (${table})`);
  assert.ok(first.every(e => !e.error), table);
  assert.ok(first.some(e => /^app-.*_bg\.wasm$/.test(e.file)), `the page's wasm: ${table}`);
  assert.equal(first.length, 1, `one wasm file, the page's, runs the page and the first map's engine: ${table}`);
  assert.equal(page.workers().length, 1, 'the first map was drawn by a worker');
  assert.ok(!first.some(e => e.file === 'engine_worker_bg.wasm'), `not the full engine yet: ${table}`);
  assert.ok(total <= LIMIT, `${total} B of gzipped wasm before the first map (${table})`);

  // Variants and overview are the first-map worker's too: still no full engine.
  await page.click('role=tab[name="Variants"]');
  await page.waitForSelector('#variants-table tbody tr');
  await page.click('role=tab[name="Overview"]');
  // A week of the weekly chart becomes a filter, applied by the first-map worker.
  await page.waitForSelector('#weekly-chart .chart-hit');
  await page.locator('#weekly-chart .chart-hit').nth(10).click();
  await page.waitForSelector('#filter-bar .chip');
  await page.waitForFunction(() => Number(document.querySelector('#filter-count').textContent.replace(/\u202f/g, '').match(/\d+/)[0]) < 5000);
  const filtered = num(await page.locator('#filter-count').innerText());
  assert.ok(filtered > 0, `${filtered}`);
  assert.ok(!(await sized(got)).some(e => e.file === 'engine_worker_bg.wasm'), 'variants and overview need no full engine');

  // Collections: the full engine takes over, loads the demo again with the same filter.
  await page.click('role=tab[name="Collections"]');
  await page.waitForFunction(n => {
    const p = document.querySelector('.collections p.muted');
    return p && /^\s*[\d\u202f]+ invoices/.test(p.textContent) && Number(p.textContent.replace(/\u202f/g, '').match(/\d+/)[0]) === n;
  }, filtered, { timeout: 120000 });
  const after = await sized(got);
  assert.ok(after.some(e => e.file === 'engine_worker_bg.wasm'), 'the full engine is loaded on first use');
  assert.equal(num(await page.locator('#filter-count').innerText()), filtered, 'the filter stays');
  assert.equal(await page.locator('#filter-bar .chip').count(), 1);
  assert.match(await page.locator('#log-title').innerText(), /Demo/);
  assert.equal(page.workers().length, 1, 'the first-map worker is ended when the full engine takes over');

  // Everything else answers from the full engine now, the map included.
  await page.click('#filter-bar button:has-text("Clear all")');
  await page.waitForSelector('#filter-bar', { state: 'detached' });
  await page.click('role=tab[name="Process map"]');
  await waitForMap(page);
  assert.equal(after.filter(e => e.file === 'engine_worker_bg.wasm').length, 1, 'fetched once');
  assert.deepEqual(errors, []);
  await context.close();
});

// Timed out at its last run (the full engine answered before it had read the file again); e51d015 holds
// requests until the log is loaded. A to-do until seen passing.
test('a file opened before the full engine is needed is what the full engine gets', async () => {
  const { page, context, problems } = await openApp(env.browser, env.server);
  await waitForMap(page);
  const csv = 'case,activity,timestamp\n1,Invoice sent,2024-01-01\n1,Payment received,2024-01-20\n2,Invoice sent,2024-01-02\n2,Reminder 1 sent,2024-02-10\n2,Payment received,2024-02-20\n3,Invoice sent,2024-01-03\n';
  await page.setInputFiles('#file-input', { name: 'three.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('#mapping-screen');
  await page.click('#mapping-confirm');
  await page.waitForFunction(() => /three\.csv/.test(document.querySelector('#log-title').textContent));
  await waitForMap(page);
  await page.click('role=tab[name="Collections"]');
  await page.waitForFunction(() => {
    const p = document.querySelector('.collections p.muted');
    return p && /^\s*3 invoices/.test(p.textContent);
  }, null, { timeout: 60000 });
  assert.match(await page.locator('#log-title').innerText(), /three\.csv/);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a file that cannot be imported leaves the previous log, in the full engine too', async () => {
  const { page, context } = await openApp(env.browser, env.server);
  await waitForMap(page);
  // A header and no event: the import fails, the demo stays loaded.
  await page.setInputFiles('#file-input', { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('case,activity,timestamp\n') });
  await page.waitForSelector('#mapping-screen, .toast.error', { timeout: 30000 });
  if (await page.locator('#mapping-screen').count()) await page.click('#mapping-confirm');
  await page.locator('.toast.error .message').waitFor({ timeout: 30000 });
  await page.click('.toast.error button');
  assert.match(await page.locator('#log-title').innerText(), /Demo/);
  await page.click('role=tab[name="Collections"]');
  await page.waitForFunction(() => {
    const p = document.querySelector('.collections p.muted');
    return p && /^\s*[\d\u202f,]+ invoices/.test(p.textContent) && Number(p.textContent.replace(/[\u202f,]/g, "").match(/\d+/)[0]) > 100;
  }, null, { timeout: 60000 });
  assert.equal(await page.locator('.toast.error').count(), 0, 'the full engine has the demo, not the failed file');
  await context.close();
});
