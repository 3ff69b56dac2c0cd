// Two browser measurements on the built app (dist/) in headless Chromium, each run on a fresh page:
//
// - insights on 1,000,000 events: the demo with 121,000 invoices (1,001,236 events) dropped and loaded,
//   then the Insights tab clicked: time (page clock, performance.now()) until the findings table has
//   rows; then the outcome switched to `written_off` and to `invoice_to_cash_days` (a duration outcome,
//   with seeded bootstraps), each until its table is replaced. The worker computes, the page draws.
// - replay of 10,000 cases: the demo with 10,000 invoices loaded, replay started at 10x, and the page's
//   animation frames counted for 5 s while tokens move (requestAnimationFrame callbacks per second and
//   the longest gap between two frames: a frame the replay's drawing made late shows there).
//
// Usage: node bench/browser_insights_replay.mjs [RUNS]   (WORK=/tmp/relance-bench; RELANCE=path to the CLI)
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WORK, runsArg, serveDist, launchChromium, loadLog, timeUntil, writeDemo, printMedians } from './browser_common.mjs';

const RUNS = runsArg(3);
mkdirSync(WORK, { recursive: true });
function demo(invoices) {
  const path = join(WORK, `demo_${invoices}.csv`);
  if (!existsSync(path)) writeDemo(path, invoices);
  return path;
}
const big = demo(121000);
const small = demo(10000);

const server = await serveDist();
const browser = await launchChromium();
const load = async file => (await loadLog(browser, server, file)).page;

const insights = [];
for (let i = 0; i < RUNS; i++) {
  const page = await load(big);
  const first = await timeUntil(page,
    () => [...document.querySelectorAll('[role=tab]')].find(b => b.textContent.trim() === 'Insights').click(),
    () => document.querySelectorAll('#insights-table tbody tr').length > 0);
  const switchTo = async id => {
    const before = await page.$eval('#insights-table', t => t.outerHTML);
    return timeUntil(page, new Function(`const s = document.querySelector('#insights-outcome'); s.value = '${id}'; s.dispatchEvent(new Event('change', { bubbles: true }));`),
      new Function(`const t = document.querySelector('#insights-table'); return t && t.outerHTML !== ${JSON.stringify(before)} && t.querySelectorAll('tbody tr').length > 0;`));
  };
  const writtenOff = await switchTo('written_off');
  const cash = await switchTo('invoice_to_cash_days');
  const r = { run: i + 1, late_payment_ms: Math.round(first), written_off_ms: Math.round(writtenOff), invoice_to_cash_days_ms: Math.round(cash) };
  console.log(JSON.stringify(r));
  insights.push(r);
  await page.context().close();
}

const replay = [];
for (let i = 0; i < RUNS; i++) {
  const page = await load(small);
  await page.click('#replay-toggle');
  await page.waitForFunction(() => /10\s?000 cases/.test((document.querySelector('#replay-cases')?.textContent || '').replace(/[\u202f\u00a0,]/g, ' ')), null, { timeout: 120000 });
  await page.$eval('#replay-speed', el => { el.value = '1'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.click('#replay-play');
  await page.waitForTimeout(500);
  const r = await page.evaluate(() => new Promise(resolve => {
    const times = [];
    const t0 = performance.now();
    const tick = t => { times.push(t); if (t - t0 < 5000) requestAnimationFrame(tick); else {
      let gap = 0; for (let k = 1; k < times.length; k++) gap = Math.max(gap, times[k] - times[k - 1]);
      resolve({ fps: (times.length - 1) / ((times[times.length - 1] - times[0]) / 1000), longest_frame_ms: gap });
    } };
    requestAnimationFrame(tick);
  }));
  const row = { run: i + 1, fps: Number(r.fps.toFixed(1)), longest_frame_ms: Math.round(r.longest_frame_ms) };
  console.log(JSON.stringify(row));
  replay.push(row);
  await page.context().close();
}
await browser.close();
await server.close();
printMedians('insights ', insights, ['late_payment_ms', 'written_off_ms', 'invoice_to_cash_days_ms'], { runs: false });
printMedians('replay 10,000 cases ', replay, ['fps', 'longest_frame_ms'], { unit: '', runs: false });
