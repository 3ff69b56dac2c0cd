// The forecast with its backtest on 1,000,000 events in the browser's worker: the built app (dist/) in
// headless Chromium, each run on a fresh page. The demo with 121,000 invoices (seed 7, about 1,016,000
// events) is dropped and loaded, then the Forecast tab clicked: time (page clock, performance.now())
// until the backtest card and the worklist's rows are drawn. That is the worker's forecast at the
// log's end, the backtest at four past cut dates and the cash simulations, the page made from it (the
// top 100 rows, totals, the chart) and its drawing. Then the worklist's CSV (every open invoice,
// written in the worker) is timed until the download starts.
//
// Usage: node bench/browser_forecast.mjs [RUNS]   (WORK=/tmp/relance-bench; RELANCE=path to the CLI)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDir } from '../scripts/static_server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.argv[2] || process.env.RUNS || 3);
const WORK = process.env.WORK || '/tmp/relance-bench';
const RELANCE = process.env.RELANCE || join(root, 'target/release/relance');
mkdirSync(WORK, { recursive: true });
const big = join(WORK, 'demo_121000_seed7.csv');
if (!existsSync(big)) writeFileSync(big, execFileSync(RELANCE, ['demo', '--invoices', '121000', '--seed', '7'], { maxBuffer: 1 << 30 }));

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
  await page.click('#mapping-confirm');
  const name = file.split('/').pop();
  await page.waitForFunction(n => (document.querySelector('#log-title')?.textContent || '').includes(n)
    && !document.querySelector('.modal-backdrop') && document.querySelector('.map-drawing svg g.node'), name, { timeout: 600000 });
  return page;
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
  const page = await load(big);
  const events = (await page.locator('#log-title').innerText()).replace(/[\u202f\u00a0,]/g, '');
  const ms = await timeUntil(page,
    () => [...document.querySelectorAll('[role=tab]')].find(b => b.textContent.trim() === 'Forecast').click(),
    () => !!document.querySelector('#forecast-backtest') && document.querySelectorAll('#forecast-table tbody tr').length > 0);
  const open = await page.locator('#fc-open-invoices').innerText();
  const t0 = Date.now();
  await Promise.all([page.waitForEvent('download', { timeout: 120000 }), page.click('#forecast-csv')]);
  const csvMs = Date.now() - t0;
  const r = { run: i + 1, forecast_ms: Math.round(ms), worklist_csv_ms: csvMs, open_invoices: open.replace(/\u202f/g, ''), log: events.match(/\d+ events/)?.[0] };
  console.log(JSON.stringify(r));
  runs.push(r);
  await page.context().close();
}
await browser.close();
await server.close();
for (const k of ['forecast_ms', 'worklist_csv_ms']) {
  const v = runs.map(r => r[k]);
  console.log(`forecast ${k}: median ${median(v)} ms (${Math.min(...v)}–${Math.max(...v)}, ${v.length} runs)`);
}
