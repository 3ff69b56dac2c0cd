// The Collections tab at scale in the browser's worker (issue 16, point 6): the built app (dist/) in
// headless Chromium, each run on a fresh page. A demo log is dropped and loaded (the time from the
// mapping's confirmation to the drawn map is printed as `map_ms`), then the Collections tab clicked:
// time (page clock, performance.now(), a MutationObserver) until the view's invoice count, the DSO
// series and the dunning table are drawn. That is the worker's collections analyses (facts, DSO by
// month, dunning, promises, disputes, cash application, the built-in rule packs), the page made from
// them and its drawing.
//
// Usage: node bench/browser_collections.mjs [RUNS] [INVOICES]   (INVOICES 1230000 by default: the
// demo of about 10.3 M events, 1.46 GB; WORK=/tmp/relance-bench; RELANCE=path to the CLI)
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WORK, VIEWPORT, runsArg, serveDist, launchChromium, loadLog, timeUntil, writeDemo, printMedians } from './browser_common.mjs';

const RUNS = runsArg(3);
mkdirSync(WORK, { recursive: true });
const INVOICES = String(process.argv[3] || process.env.INVOICES || 1230000);
const big = join(WORK, INVOICES === '1230000' ? 'demo10m.csv' : `demo_${INVOICES}_seed7.csv`);
if (!existsSync(big)) writeDemo(big, INVOICES, { seed: 7 });

const server = await serveDist();
const browser = await launchChromium();
const load = file => loadLog(browser, server, file, { context: { viewport: VIEWPORT, acceptDownloads: true } });

const runs = [];
for (let i = 0; i < RUNS; i++) {
  const { page, mapMs } = await load(big);
  const events = (await page.locator('#log-title').innerText()).replace(/[\u202f\u00a0,]/g, '');
  const ms = await timeUntil(page,
    () => [...document.querySelectorAll('[role=tab]')].find(b => b.textContent.trim() === 'Collections').click(),
    () => {
      const p = document.querySelector('.collections p.muted');
      return !!p && /invoices/.test(p.textContent) && document.querySelectorAll('#dunning-table tbody tr').length > 0;
    });
  const invoices = (await page.locator('.collections p.muted').first().innerText()).replace(/[\u202f\u00a0]/g, '').match(/\d+ invoices/)?.[0];
  const memory = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
  const r = { run: i + 1, map_ms: mapMs, collections_ms: Math.round(ms), invoices, log: events.match(/\d+ events/)?.[0], js_heap: memory };
  console.log(JSON.stringify(r));
  runs.push(r);
  await page.context().close();
}
await browser.close();
await server.close();
printMedians('collections ', runs, ['map_ms', 'collections_ms']);
