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
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDir } from '../scripts/static_server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.argv[2] || process.env.RUNS || 3);
const WORK = process.env.WORK || '/tmp/relance-bench';
const RELANCE = process.env.RELANCE || join(root, 'target/release/relance');
mkdirSync(WORK, { recursive: true });
const INVOICES = String(process.argv[3] || process.env.INVOICES || 1230000);
const big = join(WORK, INVOICES === '1230000' ? 'demo10m.csv' : `demo_${INVOICES}_seed7.csv`);
if (!existsSync(big)) {
  // Written by the CLI straight to the file: the 10 M-event demo does not fit a Node string.
  execFileSync('sh', ['-c', `"${RELANCE}" demo --invoices ${INVOICES} --seed 7 > "${big}"`]);
}

const server = await serveDir(join(root, 'dist'), { subpath: '/' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const median = xs => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

async function load(file) {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
  await page.goto(server.url);
  await page.waitForSelector('.map-drawing svg g.node', { timeout: 120000 });
  await page.setInputFiles('#file-input', file);
  await page.waitForSelector('#mapping-screen button#mapping-confirm:not([disabled])', { timeout: 120000 });
  const t0 = Date.now();
  await page.click('#mapping-confirm');
  const name = file.split('/').pop();
  await page.waitForFunction(n => (document.querySelector('#log-title')?.textContent || '').includes(n)
    && !document.querySelector('.modal-backdrop') && document.querySelector('.map-drawing svg g.node'), name, { timeout: 600000 });
  return { page, mapMs: Date.now() - t0 };
}

/** Runs `act` in the page and resolves with the ms until `done()` first holds (a MutationObserver). */
const timeUntil = (page, act, done) => page.evaluate(([act, done]) => new Promise(resolve => {
  const check = new Function(`return (${done})()`);
  const t0 = performance.now();
  const obs = new MutationObserver(() => { if (check()) { obs.disconnect(); resolve(performance.now() - t0); } });
  obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  new Function(`return (${act})()`)();
}), [act.toString(), done.toString()]);

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
for (const k of ['map_ms', 'collections_ms']) {
  const v = runs.map(r => r[k]);
  console.log(`collections ${k}: median ${median(v)} ms (${Math.min(...v)}–${Math.max(...v)}, ${v.length} runs)`);
}
