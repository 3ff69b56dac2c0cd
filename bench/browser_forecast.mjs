// The forecast with its backtest on 1,000,000 events in the browser's worker: the built app (dist/) in
// headless Chromium, each run on a fresh page. The demo with 121,000 invoices (seed 7, about 1,016,000
// events) is dropped and loaded, then the Forecast tab clicked: time (page clock, performance.now())
// until the backtest card and the worklist's rows are drawn. That is the worker's forecast at the
// log's end, the backtest at four past cut dates and the cash simulations, the page made from it (the
// top 100 rows, totals, the chart) and its drawing. Then the worklist's CSV (every open invoice,
// written in the worker) is timed until the download starts.
//
// Usage: node bench/browser_forecast.mjs [RUNS]   (WORK=/tmp/relance-bench; RELANCE=path to the CLI)
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WORK, VIEWPORT, runsArg, serveDist, launchChromium, loadLog, timeUntil, writeDemo, printMedians } from './browser_common.mjs';

const RUNS = runsArg(3);
mkdirSync(WORK, { recursive: true });
const big = join(WORK, 'demo_121000_seed7.csv');
if (!existsSync(big)) writeDemo(big, 121000, { seed: 7 });

const server = await serveDist();
const browser = await launchChromium();
const load = async file => (await loadLog(browser, server, file, { context: { viewport: VIEWPORT, acceptDownloads: true } })).page;

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
printMedians('forecast ', runs, ['forecast_ms', 'worklist_csv_ms']);
